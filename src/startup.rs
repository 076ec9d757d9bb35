//! Builds the actix server; shared by `hexaglot serve` and the tests.

use std::net::TcpListener;

use actix_web::dev::Server;
use actix_web::middleware::Logger;
use actix_web::{web, App as ActixApp, HttpServer};

use crate::app::App;
use crate::http::ratelimit::{RateLimitConfig, RateLimits};

/// Caps glibc's malloc arenas at one per core (at least two). Under contention glibc opens
/// up to eight arenas per core (actix workers, the blocking pool, tantivy's threads), and
/// each keeps what its threads freed for reuse: a server at 100k concepts under 16 clients
/// held 192-253 MiB of heap with the default and 112-115 MiB with two arenas on two cores
/// (BENCHMARKS.md). For serving only: a bulk import's six busy threads (TBX reader,
/// importer, document builder, tantivy's indexer, merger and compressor) contend for two
/// arenas' locks; a 1M TBX import took 1,672 µs of CPU per concept (1,052 concepts/s)
/// with two and 1,201 µs (1,589/s) with glibc's default, in 30 MiB more. An operator's
/// `MALLOC_ARENA_MAX` wins. Call first in `main`, before any thread starts.
pub fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let arenas = i32::try_from(cores).unwrap_or(i32::MAX).max(2);
        // SAFETY: mallopt sets one of glibc's tunables; it takes no pointers.
        #[allow(unsafe_code)]
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, arenas);
        }
    }
}

/// Starts serving `app` on an already-bound listener (tests bind port 0), with the default rate limits.
pub fn run(app: App, listener: TcpListener) -> std::io::Result<Server> {
    run_with(app, listener, RateLimitConfig::default())
}

/// Starts serving `app` with the given rate limits; `/mcp` answers loopback host names only.
pub fn run_with(app: App, listener: TcpListener, limits: RateLimitConfig) -> std::io::Result<Server> {
    run_with_mcp_hosts(app, listener, limits, &[])
}

/// Starts serving `app` with the given rate limits; `/mcp` also answers the host names
/// `mcp_hosts` (`*`: any), see [`crate::mcp::http::service`].
pub fn run_with_mcp_hosts(
    app: App,
    listener: TcpListener,
    limits: RateLimitConfig,
    mcp_hosts: &[String],
) -> std::io::Result<Server> {
    // Writes by other processes on the same data directory (CLI imports) reach the index within a second.
    app.follow_changes(std::time::Duration::from_millis(500));
    let data = web::Data::new(app);
    let limits = web::Data::new(RateLimits::new(limits));
    // One MCP service (one session manager) for every worker.
    let mcp = web::Data::new(crate::mcp::http::service(App::clone(&data), mcp_hosts));
    let server = HttpServer::new(move || {
        ActixApp::new()
            .app_data(data.clone())
            .app_data(limits.clone())
            .app_data(mcp.clone())
            .app_data(crate::http::error::json_config(crate::api::MAX_JSON_BYTES))
            .app_data(crate::http::error::path_config())
            .app_data(web::PayloadConfig::new(crate::api::MAX_IMPORT_BYTES))
            .wrap(crate::http::error::json_errors())
            .wrap(crate::http::security_headers())
            .wrap(Logger::new("%a \"%r\" %s %b %Dms").exclude("/healthz").exclude("/metrics"))
            .wrap(actix_web::middleware::from_fn(crate::http::metrics::record))
            .configure(crate::api::configure)
            .configure(crate::web::configure)
            .configure(crate::mcp::http::configure)
            .default_service(web::to(not_found))
    })
    .shutdown_timeout(10)
    .listen(listener)?
    .run();
    Ok(server)
}

async fn not_found(req: actix_web::HttpRequest) -> actix_web::Result<actix_web::HttpResponse> {
    Err(crate::Error::not_found(format!("route {} {}", req.method(), req.path())).into())
}
