//! Public read endpoints.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};

use super::params::schema::{DateBound, StatsBy};
use super::params::Params;
use crate::app::{App, RecommendationDetail};
use crate::error::{Error, Result};
use crate::http::auth::Caller;
use crate::http::blocking;
use crate::http::error::ErrorBody;
use crate::model::{Concept, ConceptId, ConceptStatus, Lang, RecId, Recommendation, StudyGroup, StudyGroupCode};
use crate::store::{ConceptFilter, ConceptPage, StatsReport, View};

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Health {
    /// Always `ok` when the server answers.
    pub status: String,
}

#[utoipa::path(get, path = "/healthz", tag = "meta", responses((status = 200, body = Health)))]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(Health { status: "ok".into() })
}

fn etag(c: &Concept) -> String {
    format!("\"v{}\"", c.version)
}

#[utoipa::path(
    get, path = "/api/v1/concepts/{id}", tag = "concepts",
    params(("id" = ConceptId, Path, description = "Concept id, e.g. c1")),
    responses(
        (status = 200, body = Concept, description = "The concept with every language visible to the caller (with a token: working copies too); `ETag` carries its version",
         headers(("ETag" = String, description = "The version, e.g. `\"v3\"`"))),
        (status = 304, description = "Not modified (If-None-Match matched)"),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody, description = "A token was sent and is not valid"),
        (status = 404, body = ErrorBody)
    ),
    security((), ("bearer" = []))
)]
pub async fn get_concept(
    Caller(caller): Caller,
    app: web::Data<App>,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse> {
    let id: ConceptId = id.parse().map_err(|e| Error::bad_param("id", e))?;
    let view = if caller.is_some() { View::Staff } else { View::Public };
    let app = app.into_inner();
    let concept = blocking(move || app.concept(id, view)).await?;
    let tag = etag(&concept);
    let unchanged = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == tag));
    if unchanged {
        return Ok(HttpResponse::NotModified().insert_header((header::ETAG, tag)).finish());
    }
    Ok(HttpResponse::Ok().insert_header((header::ETAG, tag)).json(concept))
}

#[utoipa::path(
    get, path = "/api/v1/concepts", tag = "concepts",
    params(
        ("sg" = Option<StudyGroupCode>, Query, description = "Study group, e.g. SG17"),
        ("rec" = Option<RecId>, Query, description = "Source Recommendation, e.g. ITU-T X.1332 or X.1332"),
        ("lang" = Option<Lang>, Query, description = "Only concepts with text in this language (ar, zh, en, fr, ru, es)"),
        ("status" = Option<ConceptStatus>, Query, description = "proposed, accepted, historical or withdrawn"),
        ("updated_from" = Option<DateBound>, Query, description = "YYYY-MM-DD or RFC 3339, inclusive"),
        ("updated_to" = Option<DateBound>, Query, description = "YYYY-MM-DD (end of day) or RFC 3339, inclusive; not before `updated_from`"),
        ("limit" = Option<u32>, Query, minimum = 1, maximum = 200, description = "1 to 200, default 50"),
        ("cursor" = Option<ConceptId>, Query, description = "`next_cursor` of the previous page"),
    ),
    responses((status = 200, body = ConceptPage), (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody, description = "A token was sent and is not valid")),
    security((), ("bearer" = []))
)]
pub async fn list_concepts(Caller(caller): Caller, app: web::Data<App>, req: HttpRequest) -> Result<HttpResponse> {
    let p = Params::parse(req.query_string())?;
    let (updated_from, updated_to) = p.range("updated_from", "updated_to")?;
    let filter = ConceptFilter {
        sg: p.parse_opt("sg")?,
        rec: p.parse_opt("rec")?,
        lang: p.parse_opt("lang")?,
        status: p.parse_opt("status")?,
        updated_from,
        updated_to,
        after: p.parse_opt("cursor")?,
        limit: p.limit("limit", 50, 200)?,
        count_total: true,
    };
    let view = if caller.is_some() { View::Staff } else { View::Public };
    let app = app.into_inner();
    let page = blocking(move || app.concepts(&filter, view)).await?;
    Ok(HttpResponse::Ok().json(page))
}

#[utoipa::path(
    get, path = "/api/v1/recommendations", tag = "recommendations",
    responses((status = 200, body = Vec<Recommendation>))
)]
pub async fn list_recommendations(app: web::Data<App>) -> Result<HttpResponse> {
    let app = app.into_inner();
    let recs = blocking(move || app.recommendations(View::Public)).await?;
    Ok(HttpResponse::Ok().json(recs))
}

#[utoipa::path(
    get, path = "/api/v1/recommendations/{id}", tag = "recommendations",
    params(("id" = RecId, Path, description = "Recommendation, e.g. X.1332 or ITU-T X.1332")),
    responses((status = 200, body = RecommendationDetail), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody))
)]
pub async fn get_recommendation(app: web::Data<App>, id: web::Path<String>) -> Result<HttpResponse> {
    let id: RecId = id.parse().map_err(|e| Error::bad_param("id", e))?;
    let app = app.into_inner();
    let detail = blocking(move || app.recommendation(&id, View::Public)).await?;
    Ok(HttpResponse::Ok().json(detail))
}

#[utoipa::path(
    get, path = "/api/v1/study-groups", tag = "recommendations",
    responses((status = 200, body = Vec<StudyGroup>))
)]
pub async fn list_study_groups(app: web::Data<App>) -> Result<HttpResponse> {
    let app = app.into_inner();
    let sgs = blocking(move || app.study_groups(View::Public)).await?;
    Ok(HttpResponse::Ok().json(sgs))
}

#[utoipa::path(
    get, path = "/api/v1/stats/languages", tag = "stats",
    params(
        ("from" = Option<DateBound>, Query, description = "Start of the period for adoptions (YYYY-MM-DD or RFC 3339)"),
        ("to" = Option<DateBound>, Query, description = "End of the period, inclusive; not before `from`"),
        ("by" = Option<StatsBy>, Query, description = "`sg` adds the figures per study group"),
    ),
    responses((status = 200, body = StatsReport, description = "Per-language equal-footing figures (Resolution 67)"),
              (status = 400, body = ErrorBody))
)]
pub async fn language_stats(app: web::Data<App>, req: HttpRequest) -> Result<HttpResponse> {
    let p = Params::parse(req.query_string())?;
    let (from, to) = p.range("from", "to")?;
    let per_sg = match p.get("by") {
        None => false,
        Some("sg") => true,
        Some(other) => return Err(Error::bad_param("by", format!("'{other}' is not supported; use by=sg"))),
    };
    let app = app.into_inner();
    let period = crate::store::stats::Period { from, to };
    let stats = blocking(move || app.language_stats_for(&period, per_sg)).await?;
    Ok(HttpResponse::Ok().json(stats))
}
