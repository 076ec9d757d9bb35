//! Recommendation and study group pages, each listing their terms.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use maud::{html, Markup};

use crate::app::catalog::ConceptFilter;
use crate::app::App;
use crate::error::Error;
use crate::http::blocking;
use crate::model::{Concept, ConceptId, Lang, RecId, RecStatus, Recommendation, StudyGroupCode};
use crate::web::ctx::Ctx;
use crate::web::form::{seg, Form};
use crate::web::i18n::{rec_status, Msg};
use crate::web::layout::{dir, Nav};
use crate::web::widgets::{concept_href, concept_status, rec_href, title_of};

const SG_PAGE: u32 = 100;

pub async fn recommendations(app: web::Data<App>, ctx: Ctx) -> HttpResponse {
    let view = ctx.view();
    let a = app.into_inner();
    let r = blocking(move || a.recommendations(view)).await.map(|recs| {
        let body = html! {
            h1 { (ctx.t(Msg::NavRecommendations)) }
            p.lead { (ctx.t(Msg::RecsIntro)) }
            div.table-wrap tabindex="0" {
                table.data {
                    thead { tr {
                        th scope="col" { (ctx.t(Msg::Recommendation)) }
                        th scope="col" { (ctx.t(Msg::TitleLabel)) }
                        th scope="col" { (ctx.t(Msg::StudyGroup)) }
                        th scope="col" { (ctx.t(Msg::Status)) }
                        th scope="col" class="num" { (ctx.t(Msg::TermsCount)) }
                    } }
                    tbody {
                        @for r in &recs {
                            tr {
                                th scope="row" { a href=(rec_href(&r.id)) { (r.id) } }
                                td { (rec_title(ctx.ui, r)) }
                                td { @if let Some(sg) = &r.sg { a href={ "/study-groups/" (seg(sg.as_str())) } { (sg) } } }
                                td { (rec_status_badge(&ctx, r.status)) }
                                td.num { (r.concepts) }
                            }
                        }
                    }
                }
            }
        };
        ctx.page(StatusCode::OK, ctx.t(Msg::NavRecommendations), Nav::Recommendations, body)
    });
    ctx.respond(r)
}

/// The title in the interface language when there is one (Chinese), else English, else nothing.
fn rec_title(ui: Lang, r: &Recommendation) -> Markup {
    let zh = r.title_zh.as_deref().map(|t| (Lang::Zh, t));
    let en = r.title_en.as_deref().map(|t| (Lang::En, t));
    let pick = if ui == Lang::Zh { zh.or(en) } else { en.or(zh) };
    html! {
        @match pick {
            Some((l, t)) => span lang=(l.bcp47()) dir=(dir(l)) { (t) },
            None => span.muted { "—" },
        }
    }
}

fn rec_status_badge(ctx: &Ctx, s: RecStatus) -> Markup {
    let class = match s {
        RecStatus::InForce => "badge ok",
        RecStatus::Superseded | RecStatus::Withdrawn => "badge hist",
        _ => "badge info",
    };
    html! { span class=(class) { (rec_status(ctx.ui, s)) } }
}

/// Coverage dots: which of the six languages have text.
fn coverage(ctx: &Ctx, c: &Concept) -> Markup {
    let n = Lang::ALL.iter().filter(|l| c.languages.get(l).is_some_and(|s| !s.content.is_empty())).count();
    html! {
        span.coverage role="img" aria-label=(ctx.t(Msg::LanguagesOfSix).replace("{n}", &n.to_string())) {
            @for l in Lang::ALL {
                @let has = c.languages.get(&l).is_some_and(|s| !s.content.is_empty());
                span class={ "dot" @if has { " on" } } title=(l.native_name()) aria-hidden="true" { (l.code()) }
            }
        }
    }
}

fn concept_table(ctx: &Ctx, list: &[Concept], with_clause: bool) -> Markup {
    html! {
        @if list.is_empty() {
            p.empty { (ctx.t(Msg::NoTerms)) }
        } @else {
            div.table-wrap tabindex="0" {
                table.data.terms-table {
                    thead { tr {
                        @if with_clause { th scope="col" { (ctx.t(Msg::ClauseLabel)) } }
                        th scope="col" { (ctx.t(Msg::TermLabel)) }
                        @if ctx.ui != Lang::En { th scope="col" lang="en" { "English" } }
                        th scope="col" { (ctx.t(Msg::LanguagesHeading)) }
                        th scope="col" { (ctx.t(Msg::Status)) }
                    } }
                    tbody {
                        @for c in list {
                            @let (l, t) = title_of(ctx, c);
                            tr {
                                @if with_clause { td.clause { (c.source.clause.as_deref().unwrap_or("—")) } }
                                th scope="row" { a href=(concept_href(c.id)) lang=(l.bcp47()) dir=(dir(l)) { (t) } }
                                @if ctx.ui != Lang::En {
                                    td lang="en" dir="ltr" { (c.preferred_term(Lang::En).unwrap_or("—")) }
                                }
                                td { (coverage(ctx, c)) }
                                td { (concept_status(ctx, c.status)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

pub async fn recommendation(app: web::Data<App>, ctx: Ctx, id: web::Path<String>) -> HttpResponse {
    let r = async {
        let id: RecId = id.parse().map_err(|_| Error::not_found(format!("Recommendation {id}")))?;
        let view = ctx.view();
        let a = app.clone().into_inner();
        let d = blocking(move || a.recommendation(&id, view)).await?;
        let r = &d.recommendation;
        let body = html! {
            nav.crumbs aria-label=(ctx.t(Msg::Breadcrumbs)) {
                a href="/recommendations" { (ctx.t(Msg::NavRecommendations)) }
            }
            header.concept-head {
                div.concept-title {
                    h1 { (r.id) }
                    (rec_status_badge(&ctx, r.status))
                }
                p.rec-title { (rec_title(ctx.ui, r)) }
                dl.facts {
                    @if let Some(sg) = &r.sg {
                        div { dt { (ctx.t(Msg::StudyGroup)) } dd { a href={ "/study-groups/" (seg(sg.as_str())) } { (sg) } } }
                    }
                    @if let Some(d) = &r.approval_date {
                        div { dt { (ctx.t(Msg::Approved)) } dd { (d) } }
                    }
                    @if let Some(e) = &r.edition {
                        div { dt { (ctx.t(Msg::Edition)) } dd { (e) } }
                    }
                    @if let Some(p) = &r.provisional_name {
                        div { dt { (ctx.t(Msg::ProvisionalName)) } dd { (p) } }
                    }
                    @if let Some(s) = &r.superseded_by {
                        div { dt { (ctx.t(Msg::SupersededBy)) } dd { a href=(rec_href(s)) { (s) } } }
                    }
                }
                @if let Some(s) = &r.summary {
                    details.summary-box {
                        summary { (ctx.t(Msg::Summary)) }
                        p dir="auto" { (s) }
                    }
                }
            }
            section aria-labelledby="terms-h" {
                h2 #terms-h { (ctx.t(Msg::RecTerms)) " " span.count { (d.concept_list.len()) } }
                (concept_table(&ctx, &d.concept_list, true))
            }
        };
        Ok(ctx.page(StatusCode::OK, r.id.as_str(), Nav::Recommendations, body))
    }
    .await;
    ctx.respond(r)
}

pub async fn study_groups(app: web::Data<App>, ctx: Ctx) -> HttpResponse {
    let view = ctx.view();
    let a = app.into_inner();
    let r = blocking(move || a.study_groups(view)).await.map(|sgs| {
        let body = html! {
            h1 { (ctx.t(Msg::NavStudyGroups)) }
            p.lead { (ctx.t(Msg::SgsIntro)) }
            ul.card-list {
                @for s in &sgs {
                    li.sg-card {
                        a href={ "/study-groups/" (seg(s.code.as_str())) } {
                            span.sg-code { (s.code) }
                            span.sg-title lang="en" dir="ltr" { (s.title_en) }
                            @if ctx.ui == Lang::Zh {
                                @if let Some(z) = &s.title_zh { span.sg-title lang="zh-Hans" { (z) } }
                            }
                            span.sg-count { (ctx.t(Msg::TermsN).replace("{n}", &s.concepts.to_string())) }
                        }
                    }
                }
            }
        };
        ctx.page(StatusCode::OK, ctx.t(Msg::NavStudyGroups), Nav::StudyGroups, body)
    });
    ctx.respond(r)
}

pub async fn study_group(app: web::Data<App>, ctx: Ctx, req: HttpRequest, code: web::Path<String>) -> HttpResponse {
    let r = async {
        let code: StudyGroupCode = code.parse().map_err(|_| Error::not_found(format!("study group {code}")))?;
        let after: Option<ConceptId> = Form::parse_query(req.query_string()).get("after").and_then(|a| a.parse().ok());
        let view = ctx.view();
        let a = app.clone().into_inner();
        let c2 = code.clone();
        let (sg, page) = blocking(move || {
            let sg = a
                .study_groups(view)?
                .into_iter()
                .find(|s| s.code == c2)
                .ok_or_else(|| Error::not_found(format!("study group {c2}")))?;
            let filter = ConceptFilter { sg: Some(c2), after, limit: SG_PAGE, count_total: true, ..Default::default() };
            Ok((sg, a.concepts(&filter, view)?))
        })
        .await?;
        let body = html! {
            nav.crumbs aria-label=(ctx.t(Msg::Breadcrumbs)) {
                a href="/study-groups" { (ctx.t(Msg::NavStudyGroups)) }
            }
            header.concept-head {
                div.concept-title { h1 { (sg.code) } }
                p.rec-title lang="en" dir="ltr" { (sg.title_en) }
                @if let Some(z) = &sg.title_zh { p.rec-title lang="zh-Hans" { (z) } }
                dl.facts {
                    div { dt { (ctx.t(Msg::StudyPeriod)) } dd { (sg.period) } }
                    div { dt { (ctx.t(Msg::TermsCount)) } dd { (page.total.unwrap_or(0)) } }
                }
            }
            section aria-labelledby="terms-h" {
                h2 #terms-h { (ctx.t(Msg::SgTerms)) }
                (concept_table(&ctx, &page.items, false))
                @if let Some(next) = &page.next_cursor {
                    nav.pager aria-label=(ctx.t(Msg::Pages)) {
                        a.button rel="next" href={ "/study-groups/" (seg(code.as_str())) "?after=" (seg(next)) } { (ctx.t(Msg::Next)) }
                    }
                }
            }
        };
        Ok(ctx.page(StatusCode::OK, code.as_str(), Nav::StudyGroups, body))
    }
    .await;
    ctx.respond(r)
}
