//! The OpenAPI 3 document, generated from the handlers' annotations so it
//! cannot drift from the routes.

use actix_web::HttpResponse;
use utoipa::OpenApi;

use super::{read, search};

#[derive(OpenApi)]
#[openapi(
    info(title = "Hexaglot", description = "ITU-T multilingual terminology database (WTSA Resolution 67)"),
    paths(
        read::healthz,
        read::get_concept,
        read::list_concepts,
        read::list_recommendations,
        read::get_recommendation,
        read::list_study_groups,
        read::language_stats,
        search::search,
        search::equivalents,
        search::suggest,
    ),
    tags(
        (name = "concepts", description = "Concepts with terms and definitions in six languages"),
        (name = "recommendations", description = "Recommendations and study groups"),
        (name = "search", description = "Full-text search in six languages, equivalents, suggestions"),
        (name = "stats", description = "Equal-footing figures"),
        (name = "meta", description = "Service health and description"),
    )
)]
pub struct ApiDoc;

pub async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok().json(ApiDoc::openapi())
}
