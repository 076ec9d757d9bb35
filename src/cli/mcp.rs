//! `hexaglot mcp`: the MCP server on stdio, for an AI assistant that starts it.
//! It may run beside `hexaglot serve` on the same data directory: its writes go
//! through the store's one write path and change log, which the server's index
//! follows; with no server running, it keeps the index current itself.

use std::path::Path;

use hexaglot::mcp::server::Identity;
use hexaglot::App;

#[derive(clap::Args)]
pub struct Args {
    /// A user's token: offers that user's write tools (propose_term, draft_translation).
    /// Prefer the environment variable, which other users of the machine cannot read.
    #[arg(long, env = "HEXAGLOT_TOKEN", hide_env_values = true)]
    token: Option<String>,
}

pub fn run(dir: &Path, args: Args) -> hexaglot::Result<()> {
    let app = App::open_beside_server(dir)?;
    let identity = match args.token.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        None => None,
        Some(token) => {
            let (identity, user) = Identity::check(&app, token)?;
            tracing::info!(user = %user.name, role = %user.role, "MCP tools of this user offered");
            Some(identity)
        }
    };
    // Writes by other processes (a server, CLI imports) reach this process's term
    // dictionary, and its search index when it keeps one, as under `serve`.
    app.follow_changes(std::time::Duration::from_millis(500));
    if !app.keeps_index() {
        tracing::info!("beside a running server: it indexes what this process writes");
    }
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(hexaglot::mcp::stdio::serve(app, identity))
}
