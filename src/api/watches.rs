//! A signed-in user's watches: what their queue page reports changes of.

use actix_web::web::Bytes;
use actix_web::{web, HttpResponse};

use super::workflow::json;
use crate::app::App;
use crate::error::{Error, Result};
use crate::http::auth::SignedIn;
use crate::http::blocking;
use crate::http::error::ErrorBody;
use crate::model::{NewWatch, Watch};

#[utoipa::path(get, path = "/api/v1/watches", tag = "watches",
    responses((status = 200, body = Vec<Watch>), (status = 401, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(SignedIn(user): SignedIn, app: web::Data<App>) -> Result<HttpResponse> {
    let app = app.into_inner();
    Ok(HttpResponse::Ok().json(blocking(move || app.watches(&user)).await?))
}

#[utoipa::path(post, path = "/api/v1/watches", tag = "watches", request_body = NewWatch,
    responses((status = 201, body = Watch, description = "Watching from now on"),
              (status = 200, body = Watch, description = "Already watched: the same watch"),
              (status = 400, body = ErrorBody, description = "None of the four given, or more than 100 watches"),
              (status = 401, body = ErrorBody),
              (status = 404, body = ErrorBody, description = "No such study group, Recommendation or concept")),
    security(("bearer" = [])))]
pub async fn add(SignedIn(user): SignedIn, app: web::Data<App>, bytes: Bytes) -> Result<HttpResponse> {
    let w: NewWatch = json(&bytes)?;
    let app = app.into_inner();
    let (watch, new) = blocking(move || app.add_watch(&user, &w)).await?;
    Ok(if new { HttpResponse::Created().json(watch) } else { HttpResponse::Ok().json(watch) })
}

#[utoipa::path(delete, path = "/api/v1/watches/{id}", tag = "watches",
    params(("id" = i64, Path, description = "The watch's id")),
    responses((status = 204, description = "No longer watched"), (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn remove(SignedIn(user): SignedIn, app: web::Data<App>, path: web::Path<String>) -> Result<HttpResponse> {
    let id: i64 = path.parse().map_err(|_| Error::bad_param("id", format!("'{path}' is not a watch id")))?;
    let app = app.into_inner();
    blocking(move || app.remove_watch(&user, id)).await?;
    Ok(HttpResponse::NoContent().finish())
}
