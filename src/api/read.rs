//! Public read endpoints.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};

use crate::app::catalog::{ConceptFilter, ConceptPage, StatsReport};
use crate::app::{App, RecommendationDetail};
use crate::error::{Error, Result};
use crate::http::auth::Caller;
use crate::http::blocking;
use crate::http::error::ErrorBody;
use crate::http::params::{from_query, ConceptListParams, Reader, StatsParams};
use crate::model::View;
use crate::model::{Concept, ConceptId, RecId, Recommendation, StudyGroup};

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Health {
    /// Always `ok` when the server answers.
    pub status: String,
}

#[utoipa::path(get, path = "/healthz", tag = "meta", responses((status = 200, body = Health)))]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(Health { status: "ok".into() })
}

/// Operational metrics in Prometheus' text format; unauthenticated like `/healthz` and
/// never rate limited, so a scraper is not turned away when the service is busy.
#[utoipa::path(get, path = "/metrics", tag = "meta",
    responses((status = 200, content_type = "text/plain; version=0.0.4", body = String,
        description = "Requests and latency per route template and status, search and annotate latency, index lag, \
                       recognizer and store size, imports by outcome, MCP tool calls")))]
pub async fn metrics(app: web::Data<App>) -> Result<HttpResponse> {
    let app = app.get_ref().clone();
    let text = blocking(move || app.render_metrics()).await?;
    Ok(HttpResponse::Ok().content_type("text/plain; version=0.0.4; charset=utf-8").body(text))
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
    if crate::http::not_modified(&req, &tag) {
        return Ok(HttpResponse::NotModified().insert_header((header::ETAG, tag)).finish());
    }
    Ok(HttpResponse::Ok().insert_header((header::ETAG, tag)).json(concept))
}

#[utoipa::path(
    get, path = "/api/v1/concepts", tag = "concepts",
    params(ConceptListParams),
    responses((status = 200, body = ConceptPage), (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody, description = "A token was sent and is not valid")),
    security((), ("bearer" = []))
)]
pub async fn list_concepts(Caller(caller): Caller, app: web::Data<App>, req: HttpRequest) -> Result<HttpResponse> {
    let p: ConceptListParams = from_query(req.query_string())?;
    let r = &mut Reader::strict();
    let (updated_from, updated_to) = r.range(("updated_from", &p.updated_from), ("updated_to", &p.updated_to))?;
    let filter = ConceptFilter {
        sg: r.parse("sg", &p.sg)?,
        rec: r.parse("rec", &p.rec)?,
        lang: r.parse("lang", &p.lang)?,
        status: r.parse("status", &p.status)?,
        updated_from,
        updated_to,
        after: r.parse("cursor", &p.cursor)?,
        limit: r.number("limit", &p.limit, 1, 200, 50)?,
        count_total: true,
        changed_after: None,
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
    params(StatsParams),
    responses((status = 200, body = StatsReport, description = "Per-language equal-footing figures (Resolution 67)"),
              (status = 400, body = ErrorBody))
)]
pub async fn language_stats(app: web::Data<App>, req: HttpRequest) -> Result<HttpResponse> {
    let p: StatsParams = from_query(req.query_string())?;
    let r = &mut Reader::strict();
    let (from, to) = r.range(("from", &p.from), ("to", &p.to))?;
    let per_sg = r
        .with("by", &p.by, |v| match v {
            "sg" => Ok(true),
            other => Err(format!("'{other}' is not supported; use by=sg")),
        })?
        .unwrap_or(false);
    let app = app.into_inner();
    let period = crate::app::catalog::Period { from, to };
    let stats = blocking(move || app.language_stats_for(&period, per_sg)).await?;
    Ok(HttpResponse::Ok().json(stats))
}
