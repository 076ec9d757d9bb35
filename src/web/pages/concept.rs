//! `/concepts/{id}`: the six languages side by side (stacked on a narrow
//! screen), the source, and for staff the working copies, the actions their
//! role allows, comments and history.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use maud::{html, Markup};

use super::concept_id;
use crate::app::App;
use crate::error::Result;
use crate::http::blocking;
use crate::model::{Comment, HistoryEntry};
use crate::model::{Concept, ConceptStatus, Lang, OriginKind, SectionStatus};
use crate::model::{Role, User};
use crate::web::ctx::Ctx;
use crate::web::form::{seg, Form};
use crate::web::i18n::{comma, history_action, lang_name, Msg};
use crate::web::layout::{dir, Nav};
use crate::web::widgets::{self, csrf, date, done_notice, fill, lang_card, ltr, rec_href, title_of, TermLink};

pub async fn concept_page(app: web::Data<App>, mut ctx: Ctx, req: HttpRequest, id: web::Path<String>) -> HttpResponse {
    let r = run(&app, &mut ctx, &req, &id).await;
    ctx.respond(r)
}

struct StaffExtras {
    comments: Vec<Comment>,
    history: Vec<HistoryEntry>,
}

async fn run(app: &App, ctx: &mut Ctx, req: &HttpRequest, raw: &str) -> Result<HttpResponse> {
    let id = concept_id(raw)?;
    let view = ctx.view();
    let staff = ctx.user.is_some();
    let a = app.clone();
    let (concept, extras, links) = blocking(move || {
        let c = a.concept(id, view)?;
        let extras =
            if staff { Some(StaffExtras { comments: a.comments(id)?, history: a.history(id)? }) } else { None };
        let links = definition_links(&a, &c);
        Ok((c, extras, links))
    })
    .await?;
    let token = if staff { ctx.csrf(app)? } else { String::new() };
    let done = Form::parse_query(req.query_string()).get("done").map(str::to_string);
    let (title_lang, title) = title_of(ctx, &concept);
    let body = html! {
        (done_notice(ctx, done.as_deref()))
        (header(ctx, &concept, title_lang, &title))
        @if staff { (admin_actions(ctx, &concept, &token)) }
        section.lang-grid aria-label=(ctx.t(Msg::LanguagesHeading)) {
            @for l in Lang::ALL {
                @let l_links = links.get(&l).map(Vec::as_slice).unwrap_or(&[]);
                (lang_card(ctx, l, concept.languages.get(&l), staff, l_links, section_actions(ctx, &concept, l, &token)))
            }
        }
        @if let Some(x) = &extras {
            div.staff-grid {
                (comments(ctx, &concept, &x.comments, &token))
                (history(ctx, &x.history))
            }
        }
    };
    Ok(ctx.page(StatusCode::OK, &title, Nav::None, body))
}

/// Other concepts' public terms in each language's definition, each linked to its concept
/// (as Electropedia does); a concept never links to itself.
fn definition_links(app: &App, c: &Concept) -> BTreeMap<Lang, Vec<TermLink>> {
    c.languages
        .iter()
        .filter_map(|(l, s)| {
            let d = s.content.definition.as_deref()?;
            let mut links: Vec<TermLink> = app
                .term_links(*l, d, c.id)
                .into_iter()
                .filter_map(|sp| {
                    let concept = sp.concepts.into_iter().find(|x| *x != c.id)?;
                    Some(TermLink { start: sp.start, end: sp.end, concept })
                })
                .collect();
            links.sort_by_key(|k| k.start);
            Some((*l, links))
        })
        .collect()
}

fn header(ctx: &Ctx, c: &Concept, title_lang: Lang, title: &str) -> Markup {
    html! {
        nav.crumbs aria-label=(ctx.t(Msg::Breadcrumbs)) {
            a href="/" { (ctx.t(Msg::NavSearch)) }
            @if let Some(r) = &c.source.rec {
                " › " a href=(rec_href(r)) { (r) }
            }
        }
        header.concept-head {
            div.concept-title {
                h1 lang=(title_lang.bcp47()) dir=(dir(title_lang)) { (title) }
                (widgets::concept_status(ctx, c.status))
            }
            @if c.status == ConceptStatus::Historical {
                div.notice.historical role="note" {
                    strong { (ctx.t(Msg::HistoricalLabel)) }
                    " "
                    (ctx.t(Msg::HistoricalBanner))
                }
            }
            @if c.status == ConceptStatus::Proposed {
                div.notice.info role="note" { (ctx.t(Msg::ProposedBanner)) }
            }
            @if c.status == ConceptStatus::Withdrawn {
                div.notice.info role="note" { (ctx.t(Msg::WithdrawnBanner)) }
            }
            dl.facts {
                div {
                    dt { (ctx.t(Msg::SourceLabel)) }
                    dd {
                        @match &c.source.rec {
                            Some(r) => {
                                a href=(rec_href(r)) { (r) }
                                @if let Some(cl) = &c.source.clause { (comma(ctx.ui)) (ctx.t(Msg::ClauseN).replace("{c}", cl)) }
                            }
                            None => "—",
                        }
                    }
                }
                div {
                    dt { (ctx.t(Msg::StudyGroups)) }
                    dd {
                        @for (i, sg) in c.study_groups.iter().enumerate() {
                            @if i > 0 { ", " }
                            a href={ "/study-groups/" (seg(sg.as_str())) } { (sg) }
                        }
                    }
                }
                div {
                    dt { (ctx.t(Msg::OriginLabel)) }
                    dd {
                        @match c.origin.kind {
                            OriginKind::Here => (ctx.t(Msg::DefinedHere)),
                            OriginKind::Elsewhere => {
                                (ctx.t(Msg::DefinedElsewhere))
                                @if let Some(r) = &c.origin.reference {
                                    " " cite.ref lang="en" dir="ltr" { (r) }
                                }
                            }
                        }
                    }
                }
                @if !c.harmonization.is_empty() {
                    div.harmonization {
                        dt { (ctx.t(Msg::Harmonization)) }
                        dd { (widgets::harmonization_links(c)) }
                    }
                }
                div {
                    dt { (ctx.t(Msg::ConceptIdLabel)) }
                    dd { a href=(widgets::concept_href(c.id)) { code { (c.id) } } }
                }
                @if let Some(at) = &c.accepted_at {
                    div {
                        dt { (ctx.t(Msg::DateAccepted)) }
                        dd { (date(at)) }
                    }
                }
            }
            @if c.origin.kind == OriginKind::Elsewhere {
                p.elsewhere-note {
                    (fill(ctx.t(Msg::DefinedElsewhereNote), "ref", ltr(c.origin.reference.as_deref().unwrap_or("—"))))
                }
            }
        }
    }
}

fn can_review(u: &User, l: Lang) -> bool {
    u.require_review(l).is_ok() || (l == Lang::En && u.role == Role::Admin)
}

/// The forms a staff member may use on one language section.
fn section_actions(ctx: &Ctx, c: &Concept, l: Lang, token: &str) -> Markup {
    let Some(u) = &ctx.user else { return html! {} };
    let status = c.languages.get(&l).map(|s| s.status).unwrap_or(SectionStatus::Absent);
    let editable_concept =
        c.status == ConceptStatus::Accepted || (c.status == ConceptStatus::Proposed && l == Lang::En);
    let may_edit = u.require_edit(l, &c.study_groups).is_ok() && editable_concept;
    let can_edit = may_edit && status != SectionStatus::Submitted;
    let can_submit = may_edit && matches!(status, SectionStatus::Draft | SectionStatus::Returned);
    let can_decide = can_review(u, l) && status == SectionStatus::Submitted && c.status == ConceptStatus::Accepted;
    if !(can_edit || can_submit || can_decide) {
        return html! {};
    }
    let base = format!("/concepts/{}", c.id);
    html! {
        div.section-actions lang=(ctx.ui.bcp47()) dir=(dir(ctx.ui)) {
            @if can_edit {
                a.button.small href={ (base) "/edit/" (l.code()) } {
                    (ctx.t(if status == SectionStatus::Absent { Msg::Translate } else { Msg::Edit }))
                }
            }
            @if can_submit {
                form.inline method="post" action={ (base) "/submit/" (l.code()) } {
                    (csrf(token))
                    input type="hidden" name="version" value=(c.version);
                    button.button.small.primary type="submit" { (ctx.t(Msg::SubmitForReview)) }
                }
            }
            @if can_decide {
                (decide_forms(ctx, c, l, token, false))
            }
        }
    }
}

/// Adopt / return-with-comment forms of a submitted section (also used by the review queue).
pub fn decide_forms(ctx: &Ctx, c: &Concept, l: Lang, token: &str, from_queue: bool) -> Markup {
    let base = format!("/concepts/{}", c.id);
    let fid = format!("{}-{}", c.id, l.code());
    html! {
        div.decide {
            form.adopt-form method="post" action={ (base) "/adopt/" (l.code()) } {
                (csrf(token))
                input type="hidden" name="version" value=(c.version);
                @if from_queue { input type="hidden" name="back" value="queue"; }
                div.field-row {
                    div.field {
                        label for={ "meeting-" (fid) } { (ctx.t(Msg::MeetingLabel)) }
                        input id={ "meeting-" (fid) } type="text" name="meeting" maxlength="200" placeholder="SCV-2026-11";
                    }
                    div.field {
                        label for={ "doc-" (fid) } { (ctx.t(Msg::DocumentLabel)) }
                        input id={ "doc-" (fid) } type="text" name="document" maxlength="200" placeholder="SCV-TD-123";
                    }
                }
                button.button.primary type="submit" data-action="adopt" { (ctx.t(Msg::Adopt)) }
            }
            form.return-form method="post" action={ (base) "/return/" (l.code()) } {
                (csrf(token))
                input type="hidden" name="version" value=(c.version);
                @if from_queue { input type="hidden" name="back" value="queue"; }
                div.field {
                    label for={ "ret-" (fid) } { (ctx.t(Msg::ReturnReason)) }
                    textarea id={ "ret-" (fid) } name="comment" rows="2" required maxlength="10000" {}
                }
                button.button.danger type="submit" data-action="return" { (ctx.t(Msg::ReturnWithComment)) }
            }
        }
    }
}

/// Accept / return forms of a proposal, for TSB.
pub fn proposal_forms(ctx: &Ctx, c: &Concept, token: &str, from_queue: bool) -> Markup {
    let base = format!("/concepts/{}", c.id);
    html! {
        div.decide {
            form.adopt-form method="post" action={ (base) "/accept" } {
                (csrf(token))
                input type="hidden" name="version" value=(c.version);
                @if from_queue { input type="hidden" name="back" value="queue"; }
                button.button.primary type="submit" data-action="accept" { (ctx.t(Msg::AcceptProposal)) }
            }
            form.return-form method="post" action={ (base) "/return-proposal" } {
                (csrf(token))
                input type="hidden" name="version" value=(c.version);
                @if from_queue { input type="hidden" name="back" value="queue"; }
                div.field {
                    label for={ "retp-" (c.id) } { (ctx.t(Msg::ReturnReason)) }
                    textarea id={ "retp-" (c.id) } name="comment" rows="2" required maxlength="10000" {}
                }
                button.button.danger type="submit" data-action="return" { (ctx.t(Msg::ReturnToRapporteur)) }
            }
        }
    }
}

fn admin_actions(ctx: &Ctx, c: &Concept, token: &str) -> Markup {
    let Some(u) = &ctx.user else { return html! {} };
    let en = c.languages.get(&Lang::En).map(|s| s.status);
    html! {
        @if u.role == Role::Admin && c.status == ConceptStatus::Proposed && en == Some(SectionStatus::Submitted) {
            section.panel.staff-panel aria-labelledby="decide-h" {
                h2 #decide-h { (ctx.t(Msg::DecideProposal)) }
                (proposal_forms(ctx, c, token, false))
            }
        }
    }
}

fn comments(ctx: &Ctx, c: &Concept, list: &[Comment], token: &str) -> Markup {
    html! {
        section.panel.staff-panel aria-labelledby="comments-h" {
            h2 #comments-h { (ctx.t(Msg::Comments)) }
            @if list.is_empty() {
                p.empty { (ctx.t(Msg::NoComments)) }
            } @else {
                ol.comments {
                    @for cm in list {
                        li {
                            p.comment-meta {
                                strong { (cm.author) }
                                " · " (date(&cm.at))
                                @if let Some(l) = cm.lang { " · " span.chip.muted { (lang_name(ctx.ui, l)) } }
                            }
                            p.comment-body dir="auto" { (cm.body) }
                        }
                    }
                }
            }
            form.comment-form method="post" action={ "/concepts/" (c.id) "/comments" } {
                (csrf(token))
                div.field {
                    label for="comment-body" { (ctx.t(Msg::AddComment)) }
                    textarea #comment-body name="body" rows="3" required maxlength="10000" dir="auto" {}
                }
                div.field {
                    label for="comment-lang" { (ctx.t(Msg::CommentAbout)) }
                    select #comment-lang name="lang" {
                        option value="" { (ctx.t(Msg::WholeConcept)) }
                        @for l in Lang::ALL {
                            option value=(l.code()) { (lang_name(ctx.ui, l)) }
                        }
                    }
                }
                button.button type="submit" { (ctx.t(Msg::PostComment)) }
            }
        }
    }
}

fn history(ctx: &Ctx, list: &[HistoryEntry]) -> Markup {
    html! {
        section.panel.staff-panel aria-labelledby="history-h" {
            h2 #history-h { (ctx.t(Msg::History)) }
            ol.history reversed {
                @for h in list.iter().rev() {
                    li {
                        p.history-line {
                            time datetime=(h.at) dir="ltr" { (h.at.replace('T', " ").trim_end_matches('Z')) }
                            " · "
                            strong { (history_action(ctx.ui, &h.action)) }
                            @if let Some(l) = h.lang { " · " (lang_name(ctx.ui, l)) }
                            " · "
                            span.actor { (h.actor) }
                        }
                        @if let Some(cm) = &h.comment { p.history-comment dir="auto" { (cm) } }
                        @if !h.changed.is_empty() && h.changed != ["created"] {
                            p.changed {
                                (ctx.t(Msg::ChangedFields)) " "
                                @for (i, f) in h.changed.iter().take(8).enumerate() {
                                    @if i > 0 { ", " }
                                    code { (f) }
                                }
                                @if h.changed.len() > 8 { ", …" }
                            }
                        }
                    }
                }
            }
        }
    }
}
