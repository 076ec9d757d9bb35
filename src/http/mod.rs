//! What the JSON API (`api/`) and the pages (`web/`) share: the caller's
//! identity and the rate limits on it (`auth`, `ratelimit`), the one mapping
//! of domain errors to HTTP (`error`), resources that answer every method
//! (`routes`: 405 with `Allow`, `HEAD`, `OPTIONS`), the security headers, and
//! running blocking work off the executor.
//!
//! ```text
//! api/ ─┐
//!       ├─► http/ (auth, limits, errors, routes, headers) ─► app
//! web/ ─┘
//! ```

pub mod auth;
pub mod error;
pub mod metrics;
pub mod multipart;
pub mod params;
pub mod ratelimit;
pub mod routes;

use actix_web::middleware::DefaultHeaders;
use actix_web::web;

/// Runs blocking domain work (SQLite, tantivy) off the async executor.
pub async fn blocking<T, F>(f: F) -> Result<T, crate::Error>
where
    F: FnOnce() -> Result<T, crate::Error> + Send + 'static,
    T: Send + 'static,
{
    web::block(f).await.map_err(|e| crate::Error::Internal(format!("worker: {e}")))?
}

/// Whether the request's `If-None-Match` names `etag` (or `*`): answer 304.
pub fn not_modified(req: &actix_web::HttpRequest, etag: &str) -> bool {
    let tag = |t: &str| t.trim().trim_start_matches("W/").to_string();
    req.headers()
        .get_all(actix_web::http::header::IF_NONE_MATCH)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| t.trim() == "*" || tag(t) == tag(etag))
}

/// Headers on every answer, pages and API alike.
pub fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("Referrer-Policy", "same-origin"))
        .add(("X-Frame-Options", "DENY"))
        .add((
            "Content-Security-Policy",
            "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        ))
}
