//! Bearer-token authentication and optimistic-concurrency headers.

use actix_web::http::header;
use actix_web::HttpRequest;

use super::blocking;
use crate::app::App;
use crate::error::{Error, Result};
use crate::workflow::roles::User;

/// The caller, if an `Authorization: Bearer` header is present; a header
/// with a bad, revoked or expired token is a 401, never silently public.
pub async fn caller(app: &App, req: &HttpRequest) -> Result<Option<User>> {
    let Some(value) = req.headers().get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let value = value.to_str().map_err(|_| Error::Unauthorized("malformed Authorization header".into()))?;
    let token = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))
        .map(str::trim)
        .ok_or_else(|| Error::Unauthorized("use 'Authorization: Bearer TOKEN'".into()))?
        .to_string();
    let app = app.clone();
    blocking(move || app.authenticate(&token)).await.map(Some)
}

/// The caller, who must be signed in.
pub async fn require_user(app: &App, req: &HttpRequest) -> Result<User> {
    caller(app, req)
        .await?
        .ok_or_else(|| Error::Unauthorized("this action needs a token (Authorization: Bearer TOKEN)".into()))
}

/// The version in an `If-Match` header (`"v3"`, `W/"v3"` or `3`), if any.
pub fn if_match(req: &HttpRequest) -> Result<Option<i64>> {
    let Some(v) = req.headers().get(header::IF_MATCH) else { return Ok(None) };
    let s = v.to_str().unwrap_or("").trim();
    let s = s.trim_start_matches("W/").trim_matches('"');
    let s = s.strip_prefix('v').unwrap_or(s);
    s.parse::<i64>()
        .map(Some)
        .map_err(|_| Error::bad_param("If-Match", format!("'{s}' is not a version such as \"v3\"")))
}
