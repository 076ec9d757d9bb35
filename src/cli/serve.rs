//! `hexaglot serve`: the HTTP API and pages.

use std::net::TcpListener;
use std::path::Path;

use hexaglot::http::ratelimit::RateLimitConfig;
use hexaglot::App;

#[derive(clap::Args)]
pub struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080", env = "HEXAGLOT_BIND")]
    bind: String,
    /// Failed authentications allowed per client address per minute before 429 (0: no limit).
    #[arg(long, default_value_t = 10, env = "HEXAGLOT_AUTH_FAILURE_LIMIT")]
    auth_failure_limit: u32,
    /// Authenticated requests allowed per user per minute before 429 (0: no limit).
    #[arg(long, default_value_t = 600, env = "HEXAGLOT_TOKEN_RATE_LIMIT")]
    token_rate_limit: u32,
    /// Texts annotated or translations checked per client address per minute without a token (0: no limit).
    #[arg(long, default_value_t = 60, env = "HEXAGLOT_ANONYMOUS_TEXT_LIMIT")]
    anonymous_text_limit: u32,
    /// A host name `/mcp` answers besides the loopback ones (repeat, or comma-separate; `*`: any),
    /// e.g. the name a proxy forwards. MCP clients' requests with another `Host` get 403 (DNS rebinding).
    #[arg(long = "mcp-allowed-host", env = "HEXAGLOT_MCP_ALLOWED_HOSTS", value_delimiter = ',')]
    mcp_allowed_hosts: Vec<String>,
}

pub fn run(dir: &Path, args: Args) -> hexaglot::Result<()> {
    let limits = RateLimitConfig {
        auth_failures_per_minute: args.auth_failure_limit,
        token_requests_per_minute: args.token_rate_limit,
        anonymous_texts_per_minute: args.anonymous_text_limit,
    };
    let app = App::open(dir)?;
    let bind = &args.bind;
    let listener =
        TcpListener::bind(bind).map_err(|e| hexaglot::Error::Invalid(format!("cannot listen on {bind}: {e}")))?;
    let url = format!("http://{}", listener.local_addr()?);
    tracing::info!(url, data_dir = %app.data_dir().display(), "listening");
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(async move {
        // actix-web stops gracefully on SIGINT and SIGTERM.
        hexaglot::startup::run_with_mcp_hosts(app, listener, limits, &args.mcp_allowed_hosts)?.await
    })?;
    Ok(())
}
