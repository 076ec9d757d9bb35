//! The HTTP JSON API under `/api/v1`. Handlers are thin: parse the request
//! into domain types, call `App`, return JSON; errors map in `error.rs`.

pub mod error;
mod openapi;
pub mod params;
mod read;
mod search;

use actix_web::web;

pub use openapi::ApiDoc;

/// Registers every API route.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", web::get().to(read::healthz)).service(
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
            .route("/suggest", web::get().to(search::suggest)),
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
