//! The HTTP JSON API under `/api/v1`. Handlers are thin: parse the request
//! into domain types, call `App`, return JSON; errors map in `error.rs`.

pub mod auth;
pub mod error;
mod feed;
mod interchange;
mod openapi;
pub mod params;
pub mod ratelimit;
mod read;
mod search;
mod workflow;

use actix_web::web;

pub use interchange::MAX_IMPORT_BYTES;

/// Largest body of a JSON write (a proposal, a translation, a comment); files go to /import.
pub const MAX_JSON_BYTES: usize = 1 << 20;
pub use openapi::ApiDoc;

/// Registers every API route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", web::get().to(read::healthz))
        .route("/feeds/adopted.atom", web::get().to(feed::adopted))
        .service(
            web::scope("/api/v1")
                .route("/openapi.json", web::get().to(openapi::openapi_json))
                .route("/concepts", web::get().to(read::list_concepts))
                .route("/concepts/{id}", web::get().to(read::get_concept))
                .route("/recommendations", web::get().to(read::list_recommendations))
                .route("/recommendations/{id}", web::get().to(read::get_recommendation))
                .route("/study-groups", web::get().to(read::list_study_groups))
                .route("/stats/languages", web::get().to(read::language_stats))
                .route("/search", web::get().to(search::search))
                .route("/equivalents", web::get().to(search::equivalents))
                .route("/suggest", web::get().to(search::suggest))
                .route("/proposals", web::post().to(workflow::propose))
                .app_data(web::PayloadConfig::new(MAX_JSON_BYTES))
                .service(
                    web::resource("/proposals/extract")
                        .app_data(web::PayloadConfig::new(MAX_IMPORT_BYTES))
                        .route(web::post().to(interchange::extract)),
                )
                .service(
                    web::resource("/import")
                        .app_data(web::PayloadConfig::new(MAX_IMPORT_BYTES))
                        .route(web::post().to(interchange::import)),
                )
                .route("/export", web::get().to(interchange::export))
                .route("/dump", web::get().to(interchange::dump))
                .route("/proposals/{id}/accept", web::post().to(workflow::accept))
                .route("/proposals/{id}/return", web::post().to(workflow::return_proposal))
                .route("/proposals/{id}/merge", web::post().to(workflow::merge))
                .route("/concepts/{id}/languages/{lang}", web::put().to(workflow::edit_section))
                .route("/concepts/{id}/languages/{lang}/submit", web::post().to(workflow::submit))
                .route("/concepts/{id}/languages/{lang}/adopt", web::post().to(workflow::adopt))
                .route("/concepts/{id}/languages/{lang}/return", web::post().to(workflow::return_section))
                .route("/concepts/{id}/comments", web::get().to(workflow::list_comments))
                .route("/concepts/{id}/comments", web::post().to(workflow::add_comment))
                .route("/concepts/{id}/history", web::get().to(workflow::history))
                .route("/concepts/{id}/revert", web::post().to(workflow::revert))
                .route("/recommendations/{id}/supersede", web::post().to(workflow::supersede))
                .route("/queue", web::get().to(workflow::queue))
                .route("/changes", web::get().to(workflow::changes)),
        );
}

/// Runs blocking domain work (SQLite, tantivy) off the async executor.
pub(crate) async fn blocking<T, F>(f: F) -> Result<T, crate::Error>
where
    F: FnOnce() -> Result<T, crate::Error> + Send + 'static,
    T: Send + 'static,
{
    web::block(f).await.map_err(|e| crate::Error::Internal(format!("worker: {e}")))?
}
