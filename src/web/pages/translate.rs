//! `/concepts/{id}/edit/{lang}`: the translator's editing page (and the
//! rapporteur's, for returned English text), with the English and the other
//! adopted languages beside the form. A stale form (someone saved first)
//! shows a conflict message and keeps what was typed.

use actix_web::http::StatusCode;
use actix_web::web::Bytes;
use actix_web::{web, HttpResponse};
use maud::{html, Markup};

use super::{concept_id, lang};
use crate::app::workflow::SectionEdit;
use crate::app::App;
use crate::error::{Error, Result};
use crate::http::blocking;
use crate::model::View;
use crate::model::{Concept, ConceptId, Lang, SectionStatus, Term, TermKind};
use crate::web::ctx::Ctx;
use crate::web::form::Form;
use crate::web::i18n::{lang_name, Msg};
use crate::web::layout::{dir, Nav};
use crate::web::widgets::{concept_href, csrf, section_content, section_status, title_of};

/// What the form shows: the saved text, or what the user typed.
#[derive(Default, Clone)]
struct Values {
    preferred: String,
    admitted: String,
    deprecated: String,
    abbreviations: String,
    definition: String,
    notes: String,
}

impl Values {
    fn of(c: &Concept, l: Lang) -> Values {
        let Some(s) = c.languages.get(&l) else { return Values::default() };
        let join = |k: TermKind| {
            s.content.terms.iter().filter(|t| t.status == k).map(|t| t.text.as_str()).collect::<Vec<_>>().join("\n")
        };
        Values {
            preferred: join(TermKind::Preferred),
            admitted: join(TermKind::Admitted),
            deprecated: join(TermKind::Deprecated),
            abbreviations: s.content.abbreviations.join("\n"),
            definition: s.content.definition.clone().unwrap_or_default(),
            notes: s.content.notes.join("\n"),
        }
    }

    fn typed(f: &Form) -> Values {
        Values {
            preferred: f.raw("preferred").to_string(),
            admitted: f.raw("admitted").to_string(),
            deprecated: f.raw("deprecated").to_string(),
            abbreviations: f.raw("abbreviations").to_string(),
            definition: f.raw("definition").to_string(),
            notes: f.raw("notes").to_string(),
        }
    }

    fn edit(&self) -> SectionEdit {
        let lines =
            |s: &str| s.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect::<Vec<_>>();
        let mut terms: Vec<Term> = Vec::new();
        if !self.preferred.trim().is_empty() {
            terms.push(Term { text: self.preferred.trim().to_string(), status: TermKind::Preferred });
        }
        terms.extend(lines(&self.admitted).into_iter().map(|t| Term { text: t, status: TermKind::Admitted }));
        terms.extend(lines(&self.deprecated).into_iter().map(|t| Term { text: t, status: TermKind::Deprecated }));
        SectionEdit {
            terms,
            abbreviations: lines(&self.abbreviations),
            definition: Some(self.definition.trim().to_string()).filter(|d| !d.is_empty()),
            notes: lines(&self.notes),
            version: None,
            assisted: false,
        }
    }
}

enum Problem {
    /// Someone else saved first.
    Stale { sent: i64, current: i64 },
    /// The text was refused (empty term, too long, under review...).
    Refused(String),
}

async fn load(app: &App, id: ConceptId) -> Result<(Concept, Concept)> {
    let a = app.clone();
    blocking(move || {
        let staff = a.concept(id, View::Staff)?;
        let public = match a.concept(id, View::Public) {
            Ok(p) => p,
            Err(Error::NotFound { .. }) => Concept { languages: Default::default(), ..staff.clone() },
            Err(e) => return Err(e),
        };
        Ok((staff, public))
    })
    .await
}

pub async fn edit_form(app: web::Data<App>, mut ctx: Ctx, path: web::Path<(String, String)>) -> HttpResponse {
    let r = async {
        let user = ctx.require_user()?.clone();
        let (id, l) = (concept_id(&path.0)?, lang(&path.1)?);
        let (staff, public) = load(&app, id).await?;
        user.require_edit(l, &staff.study_groups)?;
        let values = Values::of(&staff, l);
        render(&app, &mut ctx, &staff, &public, l, &values, staff.version, None)
    }
    .await;
    ctx.respond(r)
}

#[allow(clippy::too_many_arguments)]
fn render(
    app: &App,
    ctx: &mut Ctx,
    staff: &Concept,
    public: &Concept,
    l: Lang,
    v: &Values,
    version: i64,
    problem: Option<Problem>,
) -> Result<HttpResponse> {
    let token = ctx.csrf(app)?;
    let ctx = &*ctx;
    let (tl, title) = title_of(ctx, staff);
    let heading = ctx.t(Msg::EditHeading).replace("{lang}", lang_name(ctx.ui, l));
    let status = staff.languages.get(&l).map(|s| s.status).unwrap_or(SectionStatus::Absent);
    // Reference texts: English first, then the other adopted languages.
    let refs: Vec<Lang> =
        std::iter::once(Lang::En).chain(Lang::ALL).filter(|x| *x != l).fold(Vec::new(), |mut acc, x| {
            if !acc.contains(&x) && public.languages.get(&x).is_some_and(|s| !s.content.is_empty()) {
                acc.push(x);
            }
            acc
        });
    let http = match &problem {
        Some(Problem::Stale { .. }) => StatusCode::CONFLICT,
        Some(Problem::Refused(_)) => StatusCode::BAD_REQUEST,
        None => StatusCode::OK,
    };
    let body = html! {
        nav.crumbs aria-label=(ctx.t(Msg::Breadcrumbs)) {
            a href="/queue" { (ctx.t(Msg::NavQueue)) }
            " › "
            a href=(concept_href(staff.id)) lang=(tl.bcp47()) dir=(dir(tl)) { (title) }
        }
        div.edit-title {
            h1 { (heading) }
            (section_status(ctx, status))
        }
        @match &problem {
            Some(Problem::Stale { sent, current }) => {
                div.notice.conflict role="alert" id="conflict" {
                    h2 { (ctx.t(Msg::ConflictTitle)) }
                    p { (ctx.t(Msg::ConflictBody).replace("{sent}", &sent.to_string()).replace("{current}", &current.to_string())) }
                    @if let Some(s) = staff.languages.get(&l) {
                        details open {
                            summary { (ctx.t(Msg::CurrentSaved)) }
                            div.saved-text lang=(l.bcp47()) dir=(dir(l)) { (section_content(ctx, l, &s.content, false)) }
                        }
                    }
                }
            }
            Some(Problem::Refused(m)) => {
                div.notice.error role="alert" {
                    p { (ctx.t(Msg::ErrInvalidLead)) }
                    p lang="en" dir="ltr" { (m) }
                }
            }
            None => {}
        }
        div.edit-layout {
            section.reference aria-labelledby="ref-h" {
                h2 #ref-h { (ctx.t(Msg::ReferenceTexts)) }
                @if refs.is_empty() {
                    p.empty { (ctx.t(Msg::NoReference)) }
                }
                @for (i, x) in refs.iter().enumerate() {
                    @let s = &public.languages[x];
                    details.ref-lang open[i == 0] lang=(x.bcp47()) dir=(dir(*x)) {
                        summary { (x.native_name()) }
                        (section_content(ctx, *x, &s.content, true))
                    }
                }
            }
            section.editor aria-labelledby="form-h" lang=(ctx.ui.bcp47()) {
                h2 #form-h.visually-hidden { (heading) }
                form.edit-form method="post" action={ "/concepts/" (staff.id) "/edit/" (l.code()) } {
                    (csrf(&token))
                    input type="hidden" name="version" value=(version);
                    (text_field(ctx, l, "preferred", Msg::TermPreferred, &v.preferred, None, true))
                    (area(ctx, l, "admitted", Msg::AdmittedLines, &v.admitted, 2))
                    (area(ctx, l, "deprecated", Msg::DeprecatedLines, &v.deprecated, 2))
                    (area(ctx, l, "abbreviations", Msg::AbbreviationLines, &v.abbreviations, 2))
                    (area(ctx, l, "definition", Msg::Definition, &v.definition, 5))
                    (area(ctx, l, "notes", Msg::NoteLines, &v.notes, 3))
                    div.form-actions {
                        button.button type="submit" name="then" value="save" { (ctx.t(Msg::SaveDraft)) }
                        button.button.primary type="submit" name="then" value="submit" { (ctx.t(Msg::SaveAndSubmit)) }
                    }
                }
            }
        }
    };
    Ok(ctx.page(http, &heading, Nav::Queue, body))
}

fn text_field(ctx: &Ctx, l: Lang, name: &str, m: Msg, value: &str, hint: Option<Msg>, required: bool) -> Markup {
    let id = format!("f-{name}");
    html! {
        div.field {
            label for=(id) { (ctx.t(m)) }
            input id=(id) type="text" name=(name) value=(value) lang=(l.bcp47()) dir=(dir(l)) required[required] maxlength="500";
            @if let Some(h) = hint { p.hint { (ctx.t(h)) } }
        }
    }
}

fn area(ctx: &Ctx, l: Lang, name: &str, m: Msg, value: &str, rows: u32) -> Markup {
    let id = format!("f-{name}");
    html! {
        div.field {
            label for=(id) { (ctx.t(m)) }
            textarea id=(id) name=(name) rows=(rows) lang=(l.bcp47()) dir=(dir(l)) { (value) }
        }
    }
}

pub async fn save(app: web::Data<App>, mut ctx: Ctx, path: web::Path<(String, String)>, body: Bytes) -> HttpResponse {
    let r = async {
        let form = Form::parse_body(&body)?;
        ctx.check_csrf(&form)?;
        let user = ctx.require_user()?.clone();
        let (id, l) = (concept_id(&path.0)?, lang(&path.1)?);
        let version: Option<i64> = form.parse("version")?;
        let typed = Values::typed(&form);
        let edit = typed.edit();
        let then_submit = form.get("then") == Some("submit");
        let a = app.clone().into_inner();
        let u = user.clone();
        let outcome = blocking(move || {
            let c = a.edit_section(&u, id, l, &edit, version)?;
            if then_submit {
                a.submit_section(&u, id, l, Some(c.version))?;
            }
            Ok(())
        })
        .await;
        let problem = match outcome {
            Ok(()) => {
                let done = if then_submit { "submitted" } else { "saved" };
                return Ok(ctx.redirect(&format!("/concepts/{id}?done={done}#lang-{}", l.code())));
            }
            Err(Error::Stale { sent, current }) => Problem::Stale { sent, current },
            Err(e @ (Error::Invalid(_) | Error::Conflict { .. })) => Problem::Refused(e.to_string()),
            Err(e) => return Err(e),
        };
        // Show the form again with what was typed, beside the current saved text.
        let (staff, public) = load(&app, id).await?;
        let version = match &problem {
            Problem::Stale { current, .. } => *current,
            Problem::Refused(_) => version.unwrap_or(staff.version),
        };
        render(&app, &mut ctx, &staff, &public, l, &typed, version, Some(problem))
    }
    .await;
    ctx.respond(r)
}
