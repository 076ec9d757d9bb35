//! Search, equivalents and suggestions.

use actix_web::{web, HttpRequest, HttpResponse};

use crate::app::App;
use crate::error::{Error, Result};
use crate::http::auth::caller;
use crate::http::blocking;
use crate::http::error::ErrorBody;
use crate::http::params::{from_query, EquivalentsParams, Reader, SearchParams, SearchQuery, SuggestParams};
use crate::model::Lang;
use crate::model::View;
use crate::search::{SearchResponse, Suggestion};

#[utoipa::path(
    get, path = "/api/v1/search", tag = "search",
    params(SearchParams),
    responses((status = 200, body = SearchResponse), (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody, description = "`pending` without a token, or a token that is not valid")),
    security((), ("bearer" = []))
)]
pub async fn search(app: web::Data<App>, req: HttpRequest) -> Result<HttpResponse> {
    let p: SearchParams = from_query(req.query_string())?;
    let SearchQuery { request: r, pending } = p.read(&mut Reader::strict())?;
    if pending && caller(&app, &req).await?.is_none() {
        return Err(Error::Unauthorized("pending content is visible to staff only".into()));
    }
    let app = app.into_inner();
    let found = blocking(move || app.search(&r)).await?;
    Ok(HttpResponse::Ok().json(found))
}

pub use crate::app::catalog::EquivalentsResponse;

/// The translator's lookup: the concepts with a public term in `from` that is `term` as a
/// whole (`exact: true`), then those with a term beginning with it or with a word beginning
/// so; when there is none of either, those with its words anywhere in a term (stemmed,
/// typos tolerated). Each with its adopted terms in the `to` languages: preferred, then
/// admitted, then abbreviations (deprecated terms are not equivalents).
#[utoipa::path(
    get, path = "/api/v1/equivalents", tag = "search",
    params(EquivalentsParams),
    responses((status = 200, body = EquivalentsResponse), (status = 400, body = ErrorBody))
)]
pub async fn equivalents(app: web::Data<App>, req: HttpRequest) -> Result<HttpResponse> {
    let p: EquivalentsParams = from_query(req.query_string())?;
    let q = p.read(&mut Reader::strict())?;
    let app = app.into_inner();
    // From memory on this worker when the term dictionary can answer; else off it.
    let matches = match app.equivalents_in_memory(&q.term, q.from, &q.to, q.limit) {
        Some(found) => found,
        None => blocking(move || app.equivalents(&q.term, q.from, &q.to, View::Public, q.limit)).await?,
    };
    Ok(HttpResponse::Ok().json(EquivalentsResponse { matches }))
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct SuggestResponse {
    pub suggestions: Vec<Suggestion>,
}

/// Terms completing what is typed (autocomplete): terms beginning with `q`, then terms with
/// a word beginning so; typos tolerated when nothing completes it.
#[utoipa::path(
    get, path = "/api/v1/suggest", tag = "search",
    params(SuggestParams),
    responses((status = 200, body = SuggestResponse), (status = 400, body = ErrorBody))
)]
pub async fn suggest(app: web::Data<App>, req: HttpRequest) -> Result<HttpResponse> {
    let p: SuggestParams = from_query(req.query_string())?;
    let r = &mut Reader::strict();
    let q = r.required("q", &p.q)?.unwrap_or_default().to_string();
    let lang: Option<Lang> = r.parse("lang", &p.lang)?;
    let limit = r.number("limit", &p.limit, 1, 20, 8)? as usize;
    let app = app.into_inner();
    let suggestions = match app.suggest_in_memory(&q, lang, true, limit) {
        Some(found) => found,
        None => blocking(move || app.suggest(&q, lang, true, limit)).await?,
    };
    Ok(HttpResponse::Ok().json(SuggestResponse { suggestions }))
}
