//! `/mcp` on the running server: rmcp's streamable HTTP service behind a small
//! actix handler (rmcp has no actix transport, and the third-party adapter turns
//! on serde_json's `preserve_order` for the whole build and cannot authenticate
//! asynchronously). The handler authenticates the bearer token as every API
//! operation does, hands rmcp an `http` 1.x request with the caller in its
//! extensions (and without the token), and streams rmcp's answer back (JSON,
//! an empty 202/204, or server-sent events).

use std::sync::Arc;

use actix_web::http::header::AUTHORIZATION;
use actix_web::http::{Method, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use http_body_util::{BodyDataStream, Full};
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};

use super::server::{HexaglotMcp, McpCaller, TEXT_TOOLS};
use crate::app::App;
use crate::error::{Error, Result};
use crate::http::ratelimit::take_anonymous_text;

/// The MCP service of a server: build it once, outside `HttpServer::new`, so all
/// workers share one session manager (a session's requests may reach any worker).
pub type McpService = StreamableHttpService<HexaglotMcp, LocalSessionManager>;

/// Largest MCP message (rmcp's own limit is the same).
pub const MAX_MESSAGE_BYTES: usize = 4 << 20;

/// The service for `app`. Against DNS rebinding, rmcp answers only requests whose
/// `Host` is loopback (`localhost`, `127.0.0.1`, `::1`; any port) or one of
/// `hosts` (the names a proxy forwards, e.g. `terms.example.org`); `*` lifts the check.
pub fn service(app: App, hosts: &[String]) -> McpService {
    let config = StreamableHttpServerConfig::default();
    let config = if hosts.iter().any(|h| h == "*") {
        config.disable_allowed_hosts()
    } else {
        let loopback = config.allowed_hosts.clone();
        config.with_allowed_hosts(loopback.into_iter().chain(hosts.iter().cloned()))
    };
    StreamableHttpService::new(
        move || Ok(HexaglotMcp::new(app.clone(), None)),
        Arc::new(LocalSessionManager::default()),
        config,
    )
}

/// Registers `/mcp` (every method goes to rmcp: POST messages, GET the event
/// stream, DELETE the session; others get rmcp's 405 with `Allow`).
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/mcp").app_data(web::PayloadConfig::new(MAX_MESSAGE_BYTES)).route(web::route().to(endpoint)),
    );
}

async fn endpoint(
    app: web::Data<App>,
    mcp: web::Data<McpService>,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse> {
    // No header: the public tools. A bad token: 401, never silently public.
    let caller = crate::http::auth::caller(&app, &req).await?;
    if caller.is_none() && calls_text_tool(&body) {
        // Annotating costs what its API operation costs: the same anonymous limit.
        take_anonymous_text(&req)?;
    }

    // actix-web 4 uses `http` 0.2 types, rmcp `http` 1.x: copy by name and bytes.
    let version = match req.version() {
        actix_web::http::Version::HTTP_10 => http::Version::HTTP_10,
        actix_web::http::Version::HTTP_2 => http::Version::HTTP_2,
        _ => http::Version::HTTP_11,
    };
    let mut builder =
        http::Request::builder().method(req.method().as_str()).uri(req.uri().to_string()).version(version);
    for (name, value) in req.headers() {
        // The token stays out of what the tools can see.
        if name != AUTHORIZATION {
            builder = builder.header(name.as_str(), value.as_bytes());
        }
    }
    let mut request = builder.body(Full::new(body)).map_err(|e| Error::Invalid(format!("MCP request: {e}")))?;
    if let Some(user) = caller {
        request.extensions_mut().insert(McpCaller(user));
    }

    let (parts, body) = mcp.handle(request).await.into_parts();
    let mut status = StatusCode::from_u16(parts.status.as_u16()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    // rmcp ends a session with 202; MCP clients expect 200 or 204.
    if req.method() == Method::DELETE && status == StatusCode::ACCEPTED {
        status = StatusCode::NO_CONTENT;
    }
    let mut out = HttpResponse::build(status);
    for (name, value) in &parts.headers {
        out.append_header((name.as_str(), value.as_bytes()));
    }
    if http_body::Body::is_end_stream(&body) {
        return Ok(out.finish());
    }
    if !parts.headers.contains_key(http::header::CONTENT_TYPE) {
        // rmcp's plain-text refusals (Host, Accept, unknown session) carry no type.
        out.content_type("text/plain; charset=utf-8");
    }
    // Streamed as rmcp produces it: server-sent events arrive one by one.
    Ok(out.streaming(BodyDataStream::new(body)))
}

/// Whether a message (or a batch) calls `annotate_text` or `check_translation`.
fn calls_text_tool(body: &[u8]) -> bool {
    #[derive(serde::Deserialize)]
    struct Call {
        method: Option<String>,
        params: Option<Params>,
    }
    #[derive(serde::Deserialize)]
    struct Params {
        name: Option<String>,
    }
    let is_text = |c: &Call| {
        c.method.as_deref() == Some("tools/call")
            && c.params.as_ref().and_then(|p| p.name.as_deref()).is_some_and(|n| TEXT_TOOLS.contains(&n))
    };
    if let Ok(call) = serde_json::from_slice::<Call>(body) {
        return is_text(&call);
    }
    serde_json::from_slice::<Vec<Call>>(body).is_ok_and(|calls| calls.iter().any(is_text))
}

#[cfg(test)]
mod tests {
    #[test]
    fn text_tool_calls_are_told_apart() {
        let call =
            |name: &str| format!(r#"{{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{{"name":"{name}"}}}}"#);
        assert!(super::calls_text_tool(call("annotate_text").as_bytes()));
        assert!(super::calls_text_tool(format!("[{}]", call("check_translation")).as_bytes()));
        assert!(!super::calls_text_tool(call("search_terms").as_bytes()));
        assert!(!super::calls_text_tool(br#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#));
        assert!(!super::calls_text_tool(b"not json"));
    }
}
