//! Who is calling: bearer tokens (API) and session tokens (pages) become a
//! `User` through one path, under the rate limits; and the optimistic-concurrency
//! header. The extractors [`Caller`] and [`SignedIn`] put this in a handler's arguments.

use std::future::Future;
use std::pin::Pin;

use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};

use super::blocking;
use super::ratelimit::RateLimits;
use crate::app::App;
use crate::error::{Error, Result};
use crate::model::User;

/// The caller, if an `Authorization: Bearer` header is present; a header
/// with a bad, revoked or expired token is a 401, never silently public.
pub async fn caller(app: &App, req: &HttpRequest) -> Result<Option<User>> {
    let Some(value) = req.headers().get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let token = value.to_str().ok().and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")));
    let token = token.map(|t| t.trim().to_string()).unwrap_or_default();
    authenticate(app, req, token).await.map(Some)
}

/// Authenticates `token` for this request under the rate limits: the one path
/// by which API calls, staff sign-in and staff sessions become a `User`.
/// Failures count against the client address, successes against the user.
pub async fn authenticate(app: &App, req: &HttpRequest, token: String) -> Result<User> {
    let limits = req.app_data::<web::Data<RateLimits>>().cloned();
    let addr = req.peer_addr().map(|a| a.ip().to_string()).unwrap_or_default();
    if let Some(l) = &limits {
        l.auth_failures.check(&addr).map_err(|wait| too_many("too many failed sign-ins from this address", wait))?;
    }
    let result = if token.is_empty() {
        Err(Error::Unauthorized("use 'Authorization: Bearer TOKEN'".into()))
    } else {
        let app = app.clone();
        blocking(move || app.authenticate(&token)).await
    };
    match (result, &limits) {
        (Ok(user), Some(l)) => {
            l.token_use.take(&user.name).map_err(|wait| too_many("too many requests with this token", wait))?;
            Ok(user)
        }
        (Err(e @ Error::Unauthorized(_)), Some(l)) => {
            let _ = l.auth_failures.take(&addr);
            Err(e)
        }
        (result, _) => result,
    }
}

fn too_many(what: &str, retry_after: u64) -> Error {
    Error::TooManyRequests { message: format!("{what}; try again in {retry_after} s"), retry_after }
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

/// The caller of an API operation, if a token was sent (a bad token is a 401).
pub struct Caller(pub Option<User>);

/// The caller of an API operation that needs a token (401 without one).
pub struct SignedIn(pub User);

fn app_of(req: &HttpRequest) -> Result<App> {
    req.app_data::<web::Data<App>>()
        .map(|d| App::clone(d))
        .ok_or_else(|| Error::Internal("the application is not configured".into()))
}

impl FromRequest for Caller {
    type Error = Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self>>>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { Ok(Caller(caller(&app_of(&req)?, &req).await?)) })
    }
}

impl FromRequest for SignedIn {
    type Error = Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self>>>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { Ok(SignedIn(require_user(&app_of(&req)?, &req).await?)) })
    }
}
