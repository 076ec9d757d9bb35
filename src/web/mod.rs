//! Browser pages: public search, concept, Recommendation, study group and
//! equal-footing pages, and the staff pages (sign-in, propose, translate,
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
//! adds search-as-you-type suggestions and copy buttons.

mod assets;
mod ctx;
mod form;
pub mod i18n;
mod layout;
mod pages;
mod session;
mod widgets;

use actix_web::web;

pub use ctx::Ctx;
pub use session::{CSRF_COOKIE, SESSION_COOKIE, UI_COOKIE};

/// Registers every page route. Called by `startup::run` after the API, so
/// `/api/v1/...` keeps its JSON handlers.
pub fn configure(cfg: &mut web::ServiceConfig) {
    use pages::*;
    cfg.route("/", web::get().to(search::search_page))
        .route("/static/{name}", web::get().to(assets::serve))
        .route("/favicon.ico", web::get().to(assets::favicon))
        .route("/concepts/{id}", web::get().to(concept::concept_page))
        .route("/recommendations", web::get().to(browse::recommendations))
        .route("/recommendations/{id}", web::get().to(browse::recommendation))
        .route("/study-groups", web::get().to(browse::study_groups))
        .route("/study-groups/{code}", web::get().to(browse::study_group))
        .route("/equal-footing", web::get().to(stats::equal_footing))
        .route("/signin", web::get().to(staff::signin_form))
        .route("/signin", web::post().to(staff::signin))
        .route("/signout", web::post().to(staff::signout))
        .route("/queue", web::get().to(queue::queue_page))
        .route("/propose", web::get().to(propose::propose_form))
        .route("/propose", web::post().to(propose::propose))
        .route("/propose/clause3", web::post().to(propose::paste_clause3))
        .route("/concepts/{id}/edit/{lang}", web::get().to(translate::edit_form))
        .route("/concepts/{id}/edit/{lang}", web::post().to(translate::save))
        .route("/concepts/{id}/submit/{lang}", web::post().to(review::submit))
        .route("/concepts/{id}/adopt/{lang}", web::post().to(review::adopt))
        .route("/concepts/{id}/return/{lang}", web::post().to(review::return_section))
        .route("/concepts/{id}/accept", web::post().to(review::accept))
        .route("/concepts/{id}/return-proposal", web::post().to(review::return_proposal))
        .route("/concepts/{id}/comments", web::post().to(review::comment));
}
