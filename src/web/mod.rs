//! Browser pages: public search, concept, Recommendation, study group and
//! equal-footing pages, the check pages (terms in a text, a translation against
//! the adopted terms), and the staff pages (sign-in, propose, translate,
//! review, accept). Server-rendered with maud (compile-time HTML, escaped by
//! default); one stylesheet and one small script embedded in the binary.
//!
//! ```text
//! browser ─► web/ (session + CSRF, form parsing, i18n) ─► App (the same domain services as api/) ─► store, search
//! ```
//!
//! Handlers never touch the store: every read and write goes through `App`,
//! so the SCV rules, history and index sync are the API's exactly.
//! Every page works without JavaScript (plain links and forms); `app.js` only
//! adds search-as-you-type suggestions, copy buttons and Escape for the check
//! page's term tooltips.

mod assets;
mod ctx;
mod form;
pub mod i18n;
mod layout;
mod pages;
mod session;
mod widgets;

use actix_web::web;

use crate::http::routes::resource;

pub use ctx::Ctx;
pub use session::{CSRF_COOKIE, SESSION_COOKIE, UI_COOKIE};

/// Registers every page route, each path once with all its methods (see
/// `http::routes`). Called by `startup::run` after the API, so `/api/v1/...`
/// keeps its JSON handlers.
pub fn configure(cfg: &mut web::ServiceConfig) {
    use pages::*;
    cfg.service(resource("/").get(search::search_page))
        .service(resource("/static/{name}").get(assets::serve))
        .service(resource("/favicon.ico").get(assets::favicon))
        .service(resource("/concepts/{id}").get(concept::concept_page))
        .service(resource("/recommendations").get(browse::recommendations))
        .service(resource("/recommendations/{id}").get(browse::recommendation))
        .service(resource("/study-groups").get(browse::study_groups))
        .service(resource("/study-groups/{code}").get(browse::study_group))
        .service(resource("/equal-footing").get(stats::equal_footing))
        .service(
            resource("/check")
                .app_data(web::PayloadConfig::new(check::MAX_CHECK_BYTES))
                .get(check::check_form)
                .post(check::check),
        )
        .service(
            resource("/check/translation")
                .app_data(web::PayloadConfig::new(check::MAX_TRANSLATION_BYTES))
                .get(check::translation_form)
                .post(check::check_translation),
        )
        .service(resource("/signin").get(staff::signin_form).post(staff::signin))
        .service(resource("/signout").post(staff::signout))
        .service(resource("/queue").get(queue::queue_page))
        .service(resource("/watches").post(queue::add_watch))
        .service(resource("/watches/{id}/delete").post(queue::remove_watch))
        .service(resource("/propose").get(propose::propose_form).post(propose::propose))
        .service(resource("/propose/clause3").post(propose::paste_clause3))
        .service(
            resource("/propose/docx")
                .app_data(web::PayloadConfig::new(crate::api::MAX_IMPORT_BYTES))
                .post(propose::upload_docx),
        )
        .service(resource("/concepts/{id}/edit/{lang}").get(translate::edit_form).post(translate::save))
        .service(resource("/concepts/{id}/submit/{lang}").post(review::submit))
        .service(resource("/concepts/{id}/adopt/{lang}").post(review::adopt))
        .service(resource("/concepts/{id}/return/{lang}").post(review::return_section))
        .service(resource("/concepts/{id}/accept").post(review::accept))
        .service(resource("/concepts/{id}/return-proposal").post(review::return_proposal))
        .service(resource("/concepts/{id}/comments").post(review::comment));
}
