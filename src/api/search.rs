//! Search, equivalents and suggestions.

use actix_web::{web, HttpRequest, HttpResponse};

use super::params::schema::{DateBound, LangList, QueryText};
use super::params::Params;
use crate::app::{App, Equivalent};
use crate::error::{Error, Result};
use crate::http::auth::caller;
use crate::http::blocking;
use crate::http::error::ErrorBody;
use crate::model::time::parse_bound;
use crate::model::{ConceptStatus, Lang, RecId, StudyGroupCode};
use crate::search::{DateField, Mode, SearchField, SearchRequest, SearchResponse, Suggestion};
use crate::store::View;

fn epoch_bound(p: &Params, name: &str, upper: bool) -> Result<Option<i64>> {
    p.get(name)
        .map(|v| {
            let ts = parse_bound(v, upper).map_err(|e| Error::bad_param(name, e))?;
            Ok(crate::search::epoch_of(Some(&ts)))
        })
        .transpose()
}

#[utoipa::path(
    get, path = "/api/v1/search", tag = "search",
    params(
        ("q" = QueryText, Query, description = "Text to find. `\"a phrase\"`, `-exclude`, `prefix*` are understood; an unclosed quotation mark, `*` before the last word or only exclusions are a 400."),
        ("lang" = Option<LangList>, Query, description = "Languages to search, comma-separated (default: all six)"),
        ("field" = Option<SearchField>, Query, description = "term, definition or all (default)"),
        ("mode" = Option<Mode>, Query, description = "auto (default), exact, prefix, contains or fuzzy"),
        ("sg" = Option<StudyGroupCode>, Query, description = "Study group, e.g. SG17"),
        ("rec" = Option<RecId>, Query, description = "Source Recommendation, e.g. X.1332"),
        ("status" = Option<ConceptStatus>, Query, description = "Concept status"),
        ("date_field" = Option<DateField>, Query, description = "proposed, accepted, adopted or updated (default) for from/to"),
        ("from" = Option<DateBound>, Query, description = "YYYY-MM-DD or RFC 3339, inclusive"),
        ("to" = Option<DateBound>, Query, description = "YYYY-MM-DD (end of day) or RFC 3339, inclusive; not before `from`"),
        ("limit" = Option<u32>, Query, minimum = 1, maximum = 100, description = "1 to 100, default 20"),
        ("offset" = Option<u32>, Query, minimum = 0, maximum = 10000, description = "0 to 10000"),
        ("pending" = Option<bool>, Query, description = "Staff only (a token): include proposed and unadopted text"),
    ),
    responses((status = 200, body = SearchResponse), (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody, description = "`pending` without a token, or a token that is not valid")),
    security((), ("bearer" = []))
)]
pub async fn search(app: web::Data<App>, req: HttpRequest) -> Result<HttpResponse> {
    let p = Params::parse(req.query_string())?;
    let mut r = SearchRequest::new(p.required("q")?);
    r.langs =
        p.get("lang").map(Lang::parse_list).transpose().map_err(|e| Error::bad_param("lang", e))?.unwrap_or_default();
    r.field = p.parse_opt::<SearchField>("field")?.unwrap_or(SearchField::All);
    r.mode = p.parse_opt::<Mode>("mode")?.unwrap_or(Mode::Auto);
    r.sg = p.parse_opt("sg")?;
    r.rec = p.parse_opt("rec")?;
    r.status = p.parse_opt("status")?;
    r.date_field = p.parse_opt::<DateField>("date_field")?.unwrap_or(DateField::Updated);
    p.range("from", "to")?;
    r.from = epoch_bound(&p, "from", false)?;
    r.to = epoch_bound(&p, "to", true)?;
    r.limit = p.limit("limit", 20, 100)? as usize;
    r.offset = p.offset("offset", 10_000)? as usize;
    let pending = p.parse_opt::<bool>("pending")?.unwrap_or(false);
    if pending && caller(&app, &req).await?.is_none() {
        return Err(Error::Unauthorized("pending content is visible to staff only".into()));
    }
    r.public_only = !pending;
    let app = app.into_inner();
    let found = blocking(move || app.search(&r)).await?;
    Ok(HttpResponse::Ok().json(found))
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct EquivalentsResponse {
    pub matches: Vec<Equivalent>,
}

#[utoipa::path(
    get, path = "/api/v1/equivalents", tag = "search",
    params(
        ("term" = QueryText, Query, description = "The term to look up (as text: quotation marks and `*` have no special meaning here)"),
        ("from" = Lang, Query, description = "Its language"),
        ("to" = Option<LangList>, Query, description = "Target languages, comma-separated (default: the other five)"),
        ("limit" = Option<u32>, Query, minimum = 1, maximum = 50, description = "1 to 50, default 10"),
    ),
    responses((status = 200, body = EquivalentsResponse), (status = 400, body = ErrorBody))
)]
pub async fn equivalents(app: web::Data<App>, req: HttpRequest) -> Result<HttpResponse> {
    let p = Params::parse(req.query_string())?;
    let term = p.required("term")?.to_string();
    if term.chars().count() > 500 {
        return Err(Error::bad_param("term", "is longer than 500 characters"));
    }
    let from: Lang = p.required("from")?.parse().map_err(|e| Error::bad_param("from", e))?;
    let to = match p.get("to") {
        Some(list) => Lang::parse_list(list).map_err(|e| Error::bad_param("to", e))?,
        None => Lang::ALL.iter().copied().filter(|l| *l != from).collect(),
    };
    let limit = p.limit("limit", 10, 50)? as usize;
    let app = app.into_inner();
    let matches = blocking(move || app.equivalents(&term, from, &to, View::Public, limit)).await?;
    Ok(HttpResponse::Ok().json(EquivalentsResponse { matches }))
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct SuggestResponse {
    pub suggestions: Vec<Suggestion>,
}

#[utoipa::path(
    get, path = "/api/v1/suggest", tag = "search",
    params(
        ("q" = QueryText, Query, description = "What has been typed so far, in the syntax of `/search` (an unclosed quotation mark or `*` before the last word is a 400)"),
        ("lang" = Option<Lang>, Query, description = "Language (default: all)"),
        ("limit" = Option<u32>, Query, minimum = 1, maximum = 20, description = "1 to 20, default 8"),
    ),
    responses((status = 200, body = SuggestResponse), (status = 400, body = ErrorBody))
)]
pub async fn suggest(app: web::Data<App>, req: HttpRequest) -> Result<HttpResponse> {
    let p = Params::parse(req.query_string())?;
    let q = p.required("q")?.to_string();
    let lang: Option<Lang> = p.parse_opt("lang")?;
    let limit = p.limit("limit", 8, 20)? as usize;
    let app = app.into_inner();
    let suggestions = blocking(move || app.suggest(&q, lang, true, limit)).await?;
    Ok(HttpResponse::Ok().json(SuggestResponse { suggestions }))
}
