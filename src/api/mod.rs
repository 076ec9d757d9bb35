//! The HTTP JSON API under `/api/v1`. Handlers are thin: parse the request
//! into domain types, call `App`, return JSON; errors map in `http::error`.

mod annotate;
mod feed;
mod interchange;
mod openapi;
pub mod params;
mod read;
mod search;
mod watches;
mod workflow;

use actix_web::web;

use crate::http::routes::resource;

pub use interchange::MAX_IMPORT_BYTES;

/// Largest body of a JSON write (a proposal, a translation, a comment); files go to /import.
pub const MAX_JSON_BYTES: usize = 1 << 20;
pub use openapi::ApiDoc;

/// Registers every API route, each path once with all its methods (see `http::routes`).
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/healthz").get(read::healthz))
        .service(resource("/metrics").get(read::metrics))
        .service(resource("/feeds/adopted.atom").get(feed::adopted))
        .service(resource("/feeds/changes.atom").get(feed::changes))
        .service(
            web::scope("/api/v1")
                .wrap(actix_web::middleware::from_fn(params::strict_query))
                .app_data(web::PayloadConfig::new(MAX_JSON_BYTES))
                .service(resource("/openapi.json").get(openapi::openapi_json))
                .service(resource("/concepts").get(read::list_concepts))
                .service(resource("/concepts/{id}").get(read::get_concept))
                .service(resource("/recommendations").get(read::list_recommendations))
                .service(resource("/recommendations/{id}").get(read::get_recommendation))
                .service(resource("/study-groups").get(read::list_study_groups))
                .service(resource("/stats/languages").get(read::language_stats))
                .service(resource("/search").get(search::search))
                .service(resource("/equivalents").get(search::equivalents))
                .service(resource("/suggest").get(search::suggest))
                .service(resource("/annotate").post(annotate::annotate))
                .service(resource("/check-translation").post(annotate::check_translation))
                .service(resource("/lookup").post(annotate::lookup))
                .service(resource("/proposals").post(workflow::propose))
                .service(
                    resource("/proposals/extract")
                        .app_data(web::PayloadConfig::new(MAX_IMPORT_BYTES))
                        .post(interchange::extract),
                )
                .service(
                    resource("/import").app_data(web::PayloadConfig::new(MAX_IMPORT_BYTES)).post(interchange::import),
                )
                .service(resource("/export").get(interchange::export))
                .service(resource("/dump").get(interchange::dump))
                .service(resource("/proposals/{id}/accept").post(workflow::accept))
                .service(resource("/proposals/{id}/return").post(workflow::return_proposal))
                .service(resource("/proposals/{id}/merge").post(workflow::merge))
                .service(resource("/concepts/{id}/languages/{lang}").put(workflow::edit_section))
                .service(resource("/concepts/{id}/languages/{lang}/submit").post(workflow::submit))
                .service(resource("/concepts/{id}/languages/{lang}/adopt").post(workflow::adopt))
                .service(resource("/concepts/{id}/languages/{lang}/return").post(workflow::return_section))
                .service(resource("/concepts/{id}/comments").get(workflow::list_comments).post(workflow::add_comment))
                .service(resource("/concepts/{id}/history").get(workflow::history))
                .service(resource("/concepts/{id}/revert").post(workflow::revert))
                .service(resource("/recommendations/{id}/supersede").post(workflow::supersede))
                .service(resource("/queue").get(workflow::queue))
                .service(resource("/watches").get(watches::list).post(watches::add))
                .service(resource("/watches/{id}").delete(watches::remove))
                .service(resource("/changes").get(workflow::changes)),
        );
}
