//! The one place domain errors become HTTP responses.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

use crate::error::{Error, Fault};

/// `{"error":{"code":"…","message":"…"}}`, the body of every error response.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code, e.g. `bad_parameter`, `not_found`, `version_mismatch`.
    pub code: String,
    pub message: String,
    /// The offending parameter, for `bad_parameter`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub param: Option<String>,
    /// The current state or version, for `conflict` and `version_mismatch`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current: Option<serde_json::Value>,
}

impl ErrorBody {
    /// The body an error is answered with (over HTTP, and as an MCP tool's error):
    /// details of server faults go to the log, not to the caller.
    pub fn of(e: &Error) -> ErrorBody {
        let message = match e.kind().fault {
            Fault::Client => e.to_string(),
            Fault::Capacity => {
                tracing::error!(error = %e, "request failed");
                e.to_string()
            }
            Fault::Server => {
                tracing::error!(error = %e, "request failed");
                "internal error; the administrator can find details in the server log".to_string()
            }
        };
        ErrorBody {
            error: ErrorDetail {
                code: e.code().to_string(),
                message,
                param: match e {
                    Error::BadParam { param, .. } => Some(param.clone()),
                    _ => None,
                },
                current: match e {
                    Error::Conflict { current: Some(c), .. } => Some(serde_json::Value::String(c.clone())),
                    Error::Stale { current, .. } => Some(serde_json::Value::from(*current)),
                    _ => None,
                },
            },
        }
    }
}

impl ResponseError for Error {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.kind().status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        let body = ErrorBody::of(self);
        let mut resp = HttpResponse::build(self.status_code());
        match self {
            Error::Unauthorized(_) => {
                resp.insert_header(("WWW-Authenticate", "Bearer"));
            }
            Error::TooManyRequests { retry_after, .. } => {
                resp.insert_header(("Retry-After", retry_after.to_string()));
            }
            _ => {}
        }
        resp.json(body)
    }
}

/// Turns actix's own extractor errors (bad JSON, bad path) into our JSON shape.
pub fn json_config(limit: usize) -> actix_web::web::JsonConfig {
    actix_web::web::JsonConfig::default().limit(limit).error_handler(|err, _req| {
        let e = match &err {
            actix_web::error::JsonPayloadError::OverflowKnownLength { .. }
            | actix_web::error::JsonPayloadError::Overflow { .. } => Error::TooLarge(err.to_string()),
            _ => Error::Invalid(format!("request body: {err}")),
        };
        actix_web::error::InternalError::from_response(err, e.error_response()).into()
    })
}

pub fn path_config() -> actix_web::web::PathConfig {
    actix_web::web::PathConfig::default().error_handler(|err, _req| {
        let e = Error::bad_param("path", &err);
        actix_web::error::InternalError::from_response(err, e.error_response()).into()
    })
}

/// Paths whose errors are JSON (the API, the health and metrics checks, the feeds); pages answer HTML.
pub fn answers_json(path: &str) -> bool {
    path.starts_with("/api/") || path == "/healthz" || path == "/metrics" || path.starts_with("/feeds/")
}

/// Makes every error answer under `/api/` and `/healthz` JSON, including
/// those actix produces itself (payload too large, method not allowed, bad
/// request line), so clients always get `{"error":{"code","message"}}`.
pub fn json_errors<B: 'static>() -> actix_web::middleware::ErrorHandlers<B> {
    actix_web::middleware::ErrorHandlers::new().default_handler(|res: actix_web::dev::ServiceResponse<B>| {
        use actix_web::http::header;
        use actix_web::middleware::ErrorHandlerResponse;
        let is_json = res
            .response()
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        if is_json || !answers_json(res.request().path()) {
            return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
        }
        let status = res.status();
        let code = match status.as_u16() {
            413 => "payload_too_large",
            405 => "method_not_allowed",
            404 => "not_found",
            415 => "unsupported_media_type",
            429 => "rate_limited",
            s if s >= 500 => "internal",
            _ => "bad_request",
        };
        let message = status.canonical_reason().unwrap_or("error").to_string();
        let body = serde_json::json!({"error": {"code": code, "message": message}}).to_string();
        let (req, old) = res.into_parts();
        let mut resp = HttpResponse::build(status);
        // Keep what the answer says beside its body (`Allow` of a 405, `Retry-After`).
        for (name, value) in old.headers() {
            if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
                resp.append_header((name.clone(), value.clone()));
            }
        }
        let resp = resp.content_type("application/json").body(body);
        Ok(ErrorHandlerResponse::Response(actix_web::dev::ServiceResponse::new(req, resp).map_into_right_body()))
    })
}
