//! The OpenAPI 3 document, generated from the handlers' annotations so it
//! cannot drift from the routes.

use actix_web::HttpResponse;
use utoipa::OpenApi;

use super::{feed, interchange, read, search, workflow};

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
        workflow::propose,
        workflow::accept,
        workflow::return_proposal,
        workflow::merge,
        workflow::edit_section,
        workflow::submit,
        workflow::adopt,
        workflow::return_section,
        workflow::add_comment,
        workflow::list_comments,
        workflow::history,
        workflow::revert,
        workflow::supersede,
        workflow::queue,
        workflow::changes,
        feed::adopted,
        interchange::import,
        interchange::export,
        interchange::dump,
        interchange::extract,
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "concepts", description = "Concepts with terms and definitions in six languages"),
        (name = "recommendations", description = "Recommendations and study groups"),
        (name = "search", description = "Full-text search in six languages, equivalents, suggestions"),
        (name = "workflow", description = "Resolution 67: propose, accept, translate, review, adopt"),
        (name = "interchange", description = "Import and export: clause 3, TBX, CSV, XLSX, JSON Lines"),
        (name = "stats", description = "Equal-footing figures"),
        (name = "meta", description = "Service health and description"),
    )
)]
pub struct ApiDoc;

/// Declares the `Authorization: Bearer TOKEN` scheme the write endpoints use.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("token from `hexaglot user add`"))
                    .build(),
            ),
        );
    }
}

pub async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok().json(ApiDoc::openapi())
}
