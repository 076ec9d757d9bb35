//! `/queue`: what the signed-in staff member can act on now — texts to
//! translate, texts to review (adopt / return with a comment), proposals to
//! accept, or the proposals of a rapporteur's study groups.

use actix_web::http::StatusCode;
use actix_web::web::Bytes;
use actix_web::{web, HttpRequest, HttpResponse};
use maud::{html, Markup};

use super::concept::{decide_forms, proposal_forms};
use crate::app::queue::QueueItem;
use crate::app::App;
use crate::error::{Error, Result};
use crate::http::blocking;
use crate::model::Role;
use crate::model::View;
use crate::model::{Change, Concept, Lang, NewWatch, SectionStatus, StudyGroupCode, Watch};
use crate::web::ctx::Ctx;
use crate::web::form::Form;
use crate::web::i18n::{change_kind, lang_name, Msg};
use crate::web::layout::{dir, Nav};
use crate::web::widgets::{
    assisted_chip, concept_href, csrf, date, done_notice, fill, section_content, section_status, title_of,
};

const LIMIT: u32 = 50;

pub async fn queue_page(app: web::Data<App>, mut ctx: Ctx, req: HttpRequest) -> HttpResponse {
    let r = run(&app, &mut ctx, &req).await;
    ctx.respond(r)
}

async fn run(app: &App, ctx: &mut Ctx, req: &HttpRequest) -> Result<HttpResponse> {
    let user = ctx.require_user()?.clone();
    let token = ctx.csrf(app)?;
    let done = Form::parse_query(req.query_string()).get("done").map(str::to_string);
    let a = app.clone();
    let u = user.clone();
    let (items, concepts, watching) = blocking(move || {
        // Opening the page is what "since your last visit" counts from.
        let watching = Watching {
            news: a.watch_news(&u, true)?,
            watches: a.watches(&u)?,
            sgs: a.study_groups(View::Public)?.into_iter().map(|s| s.code).collect(),
        };
        let items = a.queue(&u, LIMIT)?;
        // Reviewers and TSB decide on the queue page itself (they need the texts);
        // everyone sees each concept under its term in their interface language.
        let mut concepts = Vec::with_capacity(items.len());
        for it in &items {
            match a.concept(it.id, View::Staff) {
                Ok(c) => concepts.push(Some(c)),
                Err(Error::NotFound { .. }) => concepts.push(None),
                Err(e) => return Err(e),
            }
        }
        Ok((items, concepts, watching))
    })
    .await?;
    let (title, intro) = match user.role {
        Role::Translator => (Msg::QueueTranslator, Msg::QueueTranslatorIntro),
        Role::Reviewer => (Msg::QueueReviewer, Msg::QueueReviewerIntro),
        Role::Admin => (Msg::QueueAdmin, Msg::QueueAdminIntro),
        Role::Rapporteur => (Msg::QueueRapporteur, Msg::QueueRapporteurIntro),
    };
    let langs: Vec<&str> = user.langs.iter().map(|l| lang_name(ctx.ui, *l)).collect();
    let sgs: Vec<&str> = user.study_groups.iter().map(|s| s.as_str()).collect();
    let body = html! {
        (done_notice(ctx, done.as_deref()))
        h1 { (ctx.t(title)) }
        p.lead {
            (ctx.t(intro))
            @if !langs.is_empty() { " " span.chip.muted { (langs.join(", ")) } }
            @if !sgs.is_empty() { " " span.chip.muted { (sgs.join(", ")) } }
        }
        @if matches!(user.role, Role::Rapporteur | Role::Admin) {
            p { a.button href="/propose" { (ctx.t(Msg::NavPropose)) } }
        }
        (news(ctx, &watching))
        @if items.is_empty() {
            div.panel.empty-queue { p { (ctx.t(Msg::QueueEmpty)) } }
        } @else {
            @match user.role {
                Role::Reviewer | Role::Admin => {
                    ol.review-list {
                        @for (it, c) in items.iter().zip(&concepts) {
                            @if let Some(c) = c { li { (review_card(ctx, it, c, &token, user.role)) } }
                        }
                    }
                }
                _ => (table(ctx, &items, &concepts, user.role)),
            }
        }
        (watch_forms(ctx, &watching, &token))
    };
    Ok(ctx.page(StatusCode::OK, ctx.t(title), Nav::Queue, body))
}

fn action_label(action: &str) -> Msg {
    match action {
        "translate" => Msg::Translate,
        "revise" => Msg::Revise,
        "review" => Msg::Review,
        "accept" => Msg::Review,
        _ => Msg::Open,
    }
}

fn table(ctx: &Ctx, items: &[QueueItem], concepts: &[Option<Concept>], role: Role) -> Markup {
    html! {
        div.table-wrap tabindex="0" {
            table.data.queue {
                thead { tr {
                    th scope="col" { (ctx.t(Msg::TermLabel)) }
                    th scope="col" { (ctx.t(Msg::ColLanguage)) }
                    th scope="col" { (ctx.t(Msg::Status)) }
                    th scope="col" { (ctx.t(Msg::DateUpdated)) }
                    th scope="col" { span.visually-hidden { (ctx.t(Msg::ActionLabel)) } }
                } }
                tbody {
                    @for (it, c) in items.iter().zip(concepts) {
                        @let (tl, title) = match c {
                            Some(c) => title_of(ctx, c),
                            None => (Lang::En, it.term_en.clone().unwrap_or_else(|| it.id.to_string())),
                        };
                        @let href = match (role, it.action.as_str()) {
                            (Role::Translator, _) | (Role::Rapporteur, "revise") => format!("/concepts/{}/edit/{}", it.id, it.lang.code()),
                            _ => concept_href(it.id),
                        };
                        tr {
                            th scope="row" {
                                a href=(concept_href(it.id)) lang=(tl.bcp47()) dir=(dir(tl)) { (title) }
                                @if tl != Lang::En {
                                    @if let Some(en) = &it.term_en { " " span.muted lang="en" dir="ltr" { "(" (en) ")" } }
                                }
                                @if let Some(c) = c.as_ref().filter(|c| !c.harmonization.is_empty()) {
                                    div.harmonization.small { (ctx.t(Msg::Harmonization)) ": " (crate::web::widgets::harmonization_links(c)) }
                                }
                            }
                            td { (lang_name(ctx.ui, it.lang)) }
                            td {
                                (section_status(ctx, it.section_status))
                                @if it.assisted { " " (assisted_chip(ctx)) }
                            }
                            td { (date(&it.updated_at)) }
                            td { a.button.small.primary href=(href) aria-label={ (ctx.t(action_label(&it.action))) ": " (title) " (" (lang_name(ctx.ui, it.lang)) ")" } { (ctx.t(action_label(&it.action))) } }
                        }
                    }
                }
            }
        }
    }
}

/// A submitted text beside the English (or a proposal), with the decision forms.
fn review_card(ctx: &Ctx, it: &QueueItem, c: &Concept, token: &str, role: Role) -> Markup {
    let (tl, title) = title_of(ctx, c);
    let en = c.languages.get(&Lang::En);
    let target = c.languages.get(&it.lang);
    html! {
        article.panel.review-card aria-labelledby={ "rc-" (c.id) "-" (it.lang.code()) } {
            header.review-head {
                h2 id={ "rc-" (c.id) "-" (it.lang.code()) } {
                    a href=(concept_href(c.id)) lang=(tl.bcp47()) dir=(dir(tl)) { (title) }
                }
                span.chip.muted { (lang_name(ctx.ui, it.lang)) }
                @if let Some(s) = target { (section_status(ctx, s.status)) }
                @if let Some(at) = target.and_then(|s| s.submitted_at.as_deref()) {
                    span.muted { (fill(ctx.t(Msg::SubmittedOn), "date", date(at))) }
                    @if let Some(by) = target.and_then(|s| s.submitted_by.as_deref()) { " · " (by) }
                }
            }
            div.side-by-side {
                @if it.lang != Lang::En {
                    div.ref-text lang="en" dir="ltr" {
                        h3 { (Lang::En.native_name()) }
                        @if let Some(s) = en { (section_content(ctx, Lang::En, &s.content, false)) }
                    }
                }
                div.target-text lang=(it.lang.bcp47()) dir=(dir(it.lang)) {
                    h3 { (it.lang.native_name()) }
                    @if let Some(s) = target { (section_content(ctx, it.lang, &s.content, false)) }
                }
            }
            @if role == Role::Admin && it.lang == Lang::En && c.status == crate::model::ConceptStatus::Proposed {
                (proposal_forms(ctx, c, token, true))
            } @else if target.is_some_and(|s| s.status == SectionStatus::Submitted) {
                (decide_forms(ctx, c, it.lang, token, true))
            }
        }
    }
}

/// The signed-in user's watches, what changed in them since their last visit, and the
/// study groups to choose from.
struct Watching {
    news: Vec<Change>,
    watches: Vec<Watch>,
    sgs: Vec<StudyGroupCode>,
}

fn news(ctx: &Ctx, w: &Watching) -> Markup {
    html! {
        @if !w.watches.is_empty() {
            section.panel.watch-news aria-labelledby="watch-news" {
                h2 #watch-news { (ctx.t(Msg::WatchNewsTitle)) }
                @if w.news.is_empty() {
                    p.muted { (ctx.t(Msg::WatchNewsNone)) }
                } @else {
                    ul.changes {
                        @for c in &w.news {
                            @let l = c.lang.unwrap_or(Lang::En);
                            li {
                                (date(&c.at)) " · " span.chip { (change_kind(ctx.ui, &c.kind)) } " "
                                a href=(concept_href(c.id)) lang=(l.bcp47()) dir=(dir(l)) {
                                    (c.term.clone().unwrap_or_else(|| c.id.to_string()))
                                }
                                @if let Some(l) = c.lang { " " span.muted { "(" (lang_name(ctx.ui, l)) ")" } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One watch in words: its study group, language, Recommendation and concept.
fn watch_label(ctx: &Ctx, w: &Watch) -> Markup {
    html! {
        @if let Some(sg) = &w.sg { span.chip { (sg) } " " }
        @if let Some(l) = w.lang { span.chip { (lang_name(ctx.ui, l)) } " " }
        @if let Some(r) = &w.rec { span.chip lang="en" dir="ltr" { (r) } " " }
        @if let Some(c) = w.concept { a href=(concept_href(c)) { (ctx.t(Msg::ConceptIdLabel)) " " (c) } }
    }
}

fn watch_forms(ctx: &Ctx, w: &Watching, token: &str) -> Markup {
    html! {
        section.panel.watches #watches aria-labelledby="watches-title" {
            h2 #watches-title { (ctx.t(Msg::WatchesTitle)) }
            p { (ctx.t(Msg::WatchesIntro)) }
            @if w.watches.is_empty() {
                p.muted { (ctx.t(Msg::WatchesNone)) }
            } @else {
                ul.watch-list {
                    @for x in &w.watches {
                        li {
                            (watch_label(ctx, x))
                            form.inline method="post" action={ "/watches/" (x.id) "/delete" } {
                                (csrf(token))
                                button.small type="submit" { (ctx.t(Msg::WatchRemove)) }
                            }
                        }
                    }
                }
            }
            form.watch-add method="post" action="/watches" {
                (csrf(token))
                div.field {
                    label for="w-sg" { (ctx.t(Msg::StudyGroup)) }
                    select #w-sg name="sg" {
                        option value="" { (ctx.t(Msg::WatchAny)) }
                        @for s in &w.sgs { option value=(s) { (s) } }
                    }
                }
                div.field {
                    label for="w-lang" { (ctx.t(Msg::ColLanguage)) }
                    select #w-lang name="lang" {
                        option value="" { (ctx.t(Msg::WatchAny)) }
                        @for l in Lang::ALL { option value=(l.code()) lang=(l.bcp47()) { (l.native_name()) } }
                    }
                }
                div.field {
                    label for="w-rec" { (ctx.t(Msg::Recommendation)) }
                    input #w-rec type="text" name="rec" lang="en" dir="ltr" placeholder="ITU-T E.119";
                }
                div.field {
                    label for="w-concept" { (ctx.t(Msg::ConceptIdLabel)) }
                    input #w-concept type="text" name="concept" lang="en" dir="ltr" placeholder="c42";
                }
                button.primary type="submit" { (ctx.t(Msg::WatchAdd)) }
            }
        }
    }
}

/// `POST /watches`: a watch from the queue page's form.
pub async fn add_watch(app: web::Data<App>, ctx: Ctx, body: Bytes) -> HttpResponse {
    let r = async {
        let form = Form::parse_body(&body)?;
        ctx.check_csrf(&form)?;
        let user = ctx.require_user()?.clone();
        let watch = NewWatch {
            sg: form.parse("sg")?,
            lang: form.parse("lang")?,
            rec: form.parse("rec")?,
            concept: form.parse("concept")?,
        };
        let a = app.into_inner();
        blocking(move || a.add_watch(&user, &watch)).await?;
        Ok(ctx.redirect("/queue?done=watched#watches"))
    }
    .await;
    ctx.respond(r)
}

/// `POST /watches/{id}/delete`.
pub async fn remove_watch(app: web::Data<App>, ctx: Ctx, path: web::Path<String>, body: Bytes) -> HttpResponse {
    let r = async {
        let form = Form::parse_body(&body)?;
        ctx.check_csrf(&form)?;
        let user = ctx.require_user()?.clone();
        let id: i64 = path.parse().map_err(|_| Error::not_found(format!("watch {path}")))?;
        let a = app.into_inner();
        blocking(move || a.remove_watch(&user, id)).await?;
        Ok(ctx.redirect("/queue?done=unwatched#watches"))
    }
    .await;
    ctx.respond(r)
}
