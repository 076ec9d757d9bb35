//! `hexaglot mcp`: the MCP server on standard input and output, for desktop
//! assistants that start it themselves. Standard output carries only JSON-RPC
//! (the logs go to standard error).

use rmcp::ServiceExt;

use super::server::{HexaglotMcp, Identity};
use crate::app::App;
use crate::error::{Error, Result};

/// Serves one client on stdio until it closes its end.
pub async fn serve(app: App, identity: Option<Identity>) -> Result<()> {
    let running = HexaglotMcp::new(app, identity)
        .serve(rmcp::transport::stdio())
        .await
        .map_err(|e| Error::Internal(format!("MCP initialization: {e}")))?;
    let reason = running.waiting().await.map_err(|e| Error::Internal(format!("MCP session: {e}")))?;
    tracing::info!(?reason, "MCP session ended");
    Ok(())
}
