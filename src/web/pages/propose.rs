//! `/propose`: a rapporteur proposes one English entry (checked against the
//! Author's guide rules and compared with existing concepts before it is
//! submitted), or pastes clause 3 of a draft (or uploads its Word files) to
//! see its entries with their findings before proposing any of them.

use actix_web::http::StatusCode;
use actix_web::web::Bytes;
use actix_web::{web, HttpRequest, HttpResponse};
use maud::{html, Markup};

use crate::app::workflow::{CheckedEntry, Proposal};
use crate::app::App;
use crate::error::{Error, Result};
use crate::http::blocking;
use crate::interchange::{Context, Input};
use crate::model::{Lang, OriginKind, RecId, Role, StudyGroupCode, User, View};
use crate::web::ctx::Ctx;
use crate::web::form::{read_body, Form};
use crate::web::i18n::{lang_name, Msg};
use crate::web::layout::{dir, Nav};
use crate::web::widgets::{csrf, lint_list, similar_list};
use crate::workflow::lint::Finding;
use crate::workflow::rules::typed_notes;
use crate::workflow::similar::Similar;

#[derive(Default, Clone)]
struct Values {
    sg: String,
    rec: String,
    clause: String,
    term: String,
    synonyms: String,
    abbreviation: String,
    definition: String,
    notes: String,
    origin: String,
    reference: String,
}

impl Values {
    fn typed(f: &Form) -> Values {
        let g = |n: &str| f.raw(n).to_string();
        Values {
            sg: g("sg"),
            rec: g("rec"),
            clause: g("clause"),
            term: g("term"),
            synonyms: g("synonyms"),
            abbreviation: g("abbreviation"),
            definition: g("definition"),
            notes: g("notes"),
            origin: g("origin"),
            reference: g("reference"),
        }
    }

    fn proposal(&self) -> Result<Proposal> {
        let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let lines =
            |s: &str| s.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect::<Vec<_>>();
        let sg: StudyGroupCode = self.sg.trim().parse().map_err(|e| Error::bad_param("sg", e))?;
        let rec: Option<RecId> =
            opt(&self.rec).map(|r| r.parse()).transpose().map_err(|e| Error::bad_param("rec", e))?;
        let mut terms = Vec::new();
        if let Some(t) = opt(&self.term) {
            terms.push(t);
        }
        terms.extend(lines(&self.synonyms));
        Ok(Proposal {
            terms,
            abbreviation: opt(&self.abbreviation),
            definition: opt(&self.definition),
            notes: lines(&self.notes),
            rec,
            clause: opt(&self.clause),
            sg,
            origin: if self.origin == "elsewhere" { OriginKind::Elsewhere } else { OriginKind::Here },
            reference: opt(&self.reference),
            subject_field: None,
            assisted: false,
        })
    }
}

/// Study groups the user may propose for.
async fn proposing_groups(app: &App, user: &User) -> Result<Vec<StudyGroupCode>> {
    if user.role == Role::Admin {
        let a = app.clone();
        let all = blocking(move || a.study_groups(View::Staff)).await?;
        return Ok(all.into_iter().map(|s| s.code).collect());
    }
    if user.role != Role::Rapporteur {
        return Err(Error::Forbidden(format!("{} ({}) may not propose terms", user.name, user.role)));
    }
    Ok(user.study_groups.clone())
}

enum Outcome {
    None,
    Checked(Vec<Finding>, Vec<Similar>),
    Refused(String),
}

pub async fn propose_form(app: web::Data<App>, mut ctx: Ctx) -> HttpResponse {
    let r = async {
        let user = ctx.require_user()?.clone();
        let sgs = proposing_groups(&app, &user).await?;
        let v = Values { sg: sgs.first().map(|s| s.to_string()).unwrap_or_default(), ..Default::default() };
        render(&app, &mut ctx, &sgs, &v, Outcome::None)
    }
    .await;
    ctx.respond(r)
}

fn render(app: &App, ctx: &mut Ctx, sgs: &[StudyGroupCode], v: &Values, outcome: Outcome) -> Result<HttpResponse> {
    let token = ctx.csrf(app)?;
    let ctx = &*ctx;
    let status = if matches!(outcome, Outcome::Refused(_)) { StatusCode::BAD_REQUEST } else { StatusCode::OK };
    let body = html! {
        h1 { (ctx.t(Msg::ProposeTitle)) }
        p.lead { (ctx.t(Msg::ProposeIntro)) }
        div.propose-layout {
            section.panel aria-labelledby="one-h" {
                h2 #one-h { (ctx.t(Msg::ProposeOne)) }
                @if let Outcome::Refused(m) = &outcome {
                    div.notice.error role="alert" { p { (ctx.t(Msg::ErrInvalidLead)) } p lang="en" dir="ltr" { (m) } }
                }
                (entry_form(ctx, &token, sgs, v))
                @if let Outcome::Checked(lint, similar) = &outcome {
                    div #checks.check-results {
                        (lint_list(ctx, lint))
                        (similar_list(ctx, similar))
                    }
                }
            }
            section.panel aria-labelledby="paste-h" {
                h2 #paste-h { (ctx.t(Msg::PasteTitle)) }
                p { (ctx.t(Msg::PasteIntro)) }
                form method="post" action="/propose/clause3" {
                    (csrf(&token))
                    (source_fields(ctx, "paste", sgs, v))
                    div.field {
                        label for="paste-text" { (ctx.t(Msg::PasteLabel)) }
                        textarea #paste-text name="text" rows="10" required dir="auto" spellcheck="false"
                            placeholder="3.2.1 data concentrator: A device …" {}
                    }
                    button.button.primary type="submit" { (ctx.t(Msg::ShowEntries)) }
                }
            }
            section.panel aria-labelledby="upload-h" {
                h2 #upload-h { (ctx.t(Msg::UploadTitle)) }
                p { (ctx.t(Msg::UploadIntro)) }
                form method="post" action="/propose/docx" enctype="multipart/form-data" {
                    (csrf(&token))
                    (source_fields(ctx, "upload", sgs, v))
                    div.field {
                        label for="upload-file" { (ctx.t(Msg::UploadLabel)) }
                        input #upload-file type="file" name="file" multiple required
                            accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document";
                    }
                    button.button.primary type="submit" { (ctx.t(Msg::ShowEntries)) }
                }
            }
        }
    };
    Ok(ctx.page(status, ctx.t(Msg::ProposeTitle), Nav::Propose, body))
}

/// The study group, Recommendation and language asked of pasted text and of uploaded files alike.
fn source_fields(ctx: &Ctx, prefix: &str, sgs: &[StudyGroupCode], v: &Values) -> Markup {
    let (rec, lang) = (format!("{prefix}-rec"), format!("{prefix}-lang"));
    html! {
        (sg_select(ctx, &format!("{prefix}-sg"), sgs, &v.sg))
        div.field {
            label for=(rec) { (ctx.t(Msg::RecField)) }
            input id=(rec) type="text" name="rec" value=(v.rec) dir="ltr" placeholder="ITU-T Y.4241";
        }
        div.field {
            label for=(lang) { (ctx.t(Msg::TextLanguage)) }
            select id=(lang) name="lang" {
                option value="" { (ctx.t(Msg::DetectLanguage)) }
                @for l in Lang::ALL { option value=(l.code()) lang=(l.bcp47()) { (l.native_name()) } }
            }
        }
    }
}

fn sg_select(ctx: &Ctx, id: &str, sgs: &[StudyGroupCode], current: &str) -> Markup {
    html! {
        div.field {
            label for=(id) { (ctx.t(Msg::ProposingSg)) }
            select id=(id) name="sg" required {
                @for s in sgs { option value=(s) selected[s.as_str() == current.trim()] { (s) } }
            }
        }
    }
}

fn entry_form(ctx: &Ctx, token: &str, sgs: &[StudyGroupCode], v: &Values) -> Markup {
    let field = |id: &str, name: &str, m: Msg, value: &str, required: bool, placeholder: &str| {
        html! {
            div.field {
                label for=(id) { (ctx.t(m)) }
                input id=(id) type="text" name=(name) value=(value) lang="en" dir="ltr" required[required] placeholder=(placeholder);
            }
        }
    };
    let area = |id: &str, name: &str, m: Msg, value: &str, rows: u32| {
        html! {
            div.field {
                label for=(id) { (ctx.t(m)) }
                textarea id=(id) name=(name) rows=(rows) lang="en" dir="ltr" { (value) }
            }
        }
    };
    html! {
        form.propose-form method="post" action="/propose" {
            (csrf(token))
            div.field-row {
                (sg_select(ctx, "p-sg", sgs, &v.sg))
                (field("p-rec", "rec", Msg::RecField, &v.rec, false, "ITU-T Y.4241"))
                (field("p-clause", "clause", Msg::ClauseField, &v.clause, false, "3.2.1"))
            }
            (field("p-term", "term", Msg::TermLabel, &v.term, true, ""))
            (area("p-syn", "synonyms", Msg::SynonymLines, &v.synonyms, 2))
            (field("p-abbr", "abbreviation", Msg::Abbreviation, &v.abbreviation, false, ""))
            (area("p-def", "definition", Msg::Definition, &v.definition, 4))
            (area("p-notes", "notes", Msg::NoteLinesTyped, &v.notes, 2))
            fieldset.origin {
                legend { (ctx.t(Msg::OriginLabel)) }
                label.check {
                    input type="radio" name="origin" value="here" checked[v.origin != "elsewhere"];
                    (ctx.t(Msg::OriginHere))
                }
                label.check {
                    input type="radio" name="origin" value="elsewhere" checked[v.origin == "elsewhere"];
                    (ctx.t(Msg::OriginElsewhere))
                }
            }
            (field("p-ref", "reference", Msg::ReferenceField, &v.reference, false, "[b-ITU-T Y.2071]"))
            div.form-actions {
                button.button type="submit" name="action" value="check" { (ctx.t(Msg::CheckButton)) }
                button.button.primary type="submit" name="action" value="submit" { (ctx.t(Msg::SubmitProposal)) }
            }
        }
    }
}

pub async fn propose(app: web::Data<App>, mut ctx: Ctx, body: Bytes) -> HttpResponse {
    let r = async {
        let form = Form::parse_body(&body)?;
        ctx.check_csrf(&form)?;
        let user = ctx.require_user()?.clone();
        let sgs = proposing_groups(&app, &user).await?;
        let v = Values::typed(&form);
        let p = match v.proposal() {
            Ok(p) => p,
            Err(e) => return render(&app, &mut ctx, &sgs, &v, Outcome::Refused(e.to_string())),
        };
        let submit = form.get("action") == Some("submit");
        let a = app.clone().into_inner();
        let u = user.clone();
        let result = blocking(move || {
            if submit {
                a.propose(&u, &p).map(|o| (o.concept.map(|c| c.id), o.lint, o.similar))
            } else {
                u.require_propose(&p.sg)?;
                a.check_proposal(&p, None).map(|(l, s)| (None, l, s))
            }
        })
        .await;
        match result {
            Ok((Some(id), _, _)) => Ok(ctx.redirect(&format!("/concepts/{id}?done=proposed"))),
            Ok((None, lint, similar)) => render(&app, &mut ctx, &sgs, &v, Outcome::Checked(lint, similar)),
            Err(e @ (Error::Invalid(_) | Error::BadParam { .. } | Error::Forbidden(_) | Error::Conflict { .. })) => {
                render(&app, &mut ctx, &sgs, &v, Outcome::Refused(e.to_string()))
            }
            Err(e) => Err(e),
        }
    }
    .await;
    ctx.respond(r)
}

pub async fn paste_clause3(app: web::Data<App>, mut ctx: Ctx, body: Bytes) -> HttpResponse {
    let r = async {
        let form = Form::parse_body(&body)?;
        ctx.check_csrf(&form)?;
        let user = ctx.require_user()?.clone();
        let sgs = proposing_groups(&app, &user).await?;
        let v = Values { sg: form.raw("sg").to_string(), rec: form.raw("rec").to_string(), ..Default::default() };
        let sg: StudyGroupCode = match form.get("sg").map(str::parse) {
            Some(Ok(s)) => s,
            _ => return render(&app, &mut ctx, &sgs, &v, Outcome::Refused("choose the proposing study group".into())),
        };
        user.require_propose(&sg)?;
        let rec: Option<RecId> = match form.get("rec").map(str::parse::<RecId>).transpose() {
            Ok(r) => r,
            Err(e) => return render(&app, &mut ctx, &sgs, &v, Outcome::Refused(e.to_string())),
        };
        let lang: Option<Lang> = form.parse("lang")?;
        let text = form.raw("text").to_string();
        let a = app.clone().into_inner();
        let (sg2, rec2) = (sg.clone(), rec.clone());
        let parsed = blocking(move || a.check_clause3(text, lang, rec2.as_ref(), &sg2)).await;
        let (lang, entries): (Lang, Vec<CheckedEntry>) = match parsed {
            Ok(x) => x,
            Err(e @ Error::Invalid(_)) => return render(&app, &mut ctx, &sgs, &v, Outcome::Refused(e.to_string())),
            Err(e) => return Err(e),
        };
        let token = ctx.csrf(&app)?;
        let ctx = &ctx;
        let body = html! {
            nav.crumbs aria-label=(ctx.t(Msg::Breadcrumbs)) { a href="/propose" { (ctx.t(Msg::ProposeTitle)) } }
            h1 { (ctx.t(Msg::PastedEntries)) }
            p.lead {
                (ctx.t(Msg::EntriesFound).replace("{n}", &entries.len().to_string()))
                " · " (lang_name(ctx.ui, lang))
                " · " (sg)
                @if let Some(r) = &rec { " · " (r) }
            }
            (entry_list(ctx, &token, lang, &sg, rec.as_ref(), &entries, ""))
        };
        Ok(ctx.page(StatusCode::OK, ctx.t(Msg::PastedEntries), Nav::Propose, body))
    }
    .await;
    ctx.respond(r)
}

/// The entries of one clause 3 (pasted or from a Word file), each with its checks and,
/// for English, the form that proposes it.
fn entry_list(
    ctx: &Ctx,
    token: &str,
    lang: Lang,
    sg: &StudyGroupCode,
    rec: Option<&RecId>,
    entries: &[CheckedEntry],
    id_prefix: &str,
) -> Markup {
    html! {
        @if lang != Lang::En {
            div.notice.info role="note" { (ctx.t(Msg::EnglishOnlyNote)) }
        }
        ol.entries {
            @for (i, c) in entries.iter().enumerate() {
                @let e = &c.entry;
                li.panel.entry {
                    header.entry-head lang=(lang.bcp47()) dir=(dir(lang)) {
                        @if let Some(n) = &e.number { span.clause { (n) } " " }
                        h2 { (e.term) }
                        @if let Some(a) = &e.abbreviation { " " span.chip.muted { (a) } }
                        @if let Some(en) = &e.term_en { " " span.chip.muted lang="en" dir="ltr" { (en) } }
                    }
                    @if let Some(r) = &e.reference { p.meta { (ctx.t(Msg::DefinedElsewhere)) " " cite lang="en" dir="ltr" { (r) } } }
                    @if let Some(d) = &e.definition { p.definition lang=(lang.bcp47()) dir=(dir(lang)) { (d) } }
                    @if !e.notes.is_empty() {
                        ul.notes lang=(lang.bcp47()) dir=(dir(lang)) { @for n in &e.notes { li { (n) } } }
                    }
                    div.check-results {
                        @if lang == Lang::En { (lint_list(ctx, &c.lint)) }
                        (similar_list(ctx, &c.similar))
                    }
                    @if lang == Lang::En {
                        form.inline-actions method="post" action="/propose" {
                            (csrf(token))
                            input type="hidden" name="sg" value=(sg);
                            input type="hidden" name="rec" value=(rec.map(|r| r.as_str()).unwrap_or(""));
                            input type="hidden" name="clause" value=(e.number.as_deref().unwrap_or(""));
                            input type="hidden" name="term" value=(e.term);
                            input type="hidden" name="abbreviation" value=(e.abbreviation.as_deref().unwrap_or(""));
                            input type="hidden" name="definition" value=(e.definition.as_deref().unwrap_or(""));
                            input type="hidden" name="notes" value=(typed_notes(&e.notes).join("\n"));
                            input type="hidden" name="origin" value=(e.origin.as_str());
                            input type="hidden" name="reference" value=(e.reference.as_deref().unwrap_or(""));
                            button.button type="submit" name="action" value="check" aria-describedby={ (id_prefix) "entry-" (i) } { (ctx.t(Msg::EditBeforeProposing)) }
                            button.button.primary type="submit" name="action" value="submit" { (ctx.t(Msg::ProposeThis)) }
                            span.visually-hidden id={ (id_prefix) "entry-" (i) } { (e.term) }
                        }
                    }
                }
            }
        }
    }
}

/// The Word files of an upload and its other fields as a form.
fn upload_form(content_type: Option<&str>, body: &Bytes) -> Result<(Form, Vec<Input>)> {
    let (form, uploads) = read_body(content_type, body, &["file"])?;
    let files = uploads
        .into_iter()
        .map(|u| Input::from_bytes(u.filename.unwrap_or_else(|| "upload.docx".into()), u.data))
        .collect();
    Ok((form, files))
}

pub async fn upload_docx(app: web::Data<App>, mut ctx: Ctx, req: HttpRequest, body: Bytes) -> HttpResponse {
    let r = async {
        let content_type = req.headers().get(actix_web::http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
        let (form, files) = upload_form(content_type, &body)?;
        ctx.check_csrf(&form)?;
        let user = ctx.require_user()?.clone();
        let sgs = proposing_groups(&app, &user).await?;
        let v = Values { sg: form.raw("sg").to_string(), rec: form.raw("rec").to_string(), ..Default::default() };
        let refuse = |m: String| Outcome::Refused(m);
        let sg: StudyGroupCode = match form.get("sg").map(str::parse) {
            Some(Ok(s)) => s,
            _ => return render(&app, &mut ctx, &sgs, &v, refuse("choose the proposing study group".into())),
        };
        user.require_propose(&sg)?;
        let rec: Option<RecId> = match form.get("rec").map(str::parse::<RecId>).transpose() {
            Ok(r) => r,
            Err(e) => return render(&app, &mut ctx, &sgs, &v, refuse(e.to_string())),
        };
        let lang: Option<Lang> = form.parse("lang")?;
        if files.is_empty() {
            return render(&app, &mut ctx, &sgs, &v, refuse("choose one or more Word files (.docx)".into()));
        }
        let a = app.clone().into_inner();
        let sg2 = sg.clone();
        let read = blocking(move || {
            let files = a.read_docx(&files, &Context { rec, sg: None, lang })?;
            a.check_docx(files, &sg2)
        })
        .await;
        let checked = match read {
            Ok(x) => x,
            Err(e @ (Error::Invalid(_) | Error::TooLarge(_))) => {
                return render(&app, &mut ctx, &sgs, &v, refuse(e.to_string()))
            }
            Err(e) => return Err(e),
        };
        let token = ctx.csrf(&app)?;
        let ctx = &ctx;
        let body = html! {
            nav.crumbs aria-label=(ctx.t(Msg::Breadcrumbs)) { a href="/propose" { (ctx.t(Msg::ProposeTitle)) } }
            h1 { (ctx.t(Msg::PastedEntries)) }
            @for (n, (f, entries)) in checked.iter().enumerate() {
                section.docx-file {
                    h2 lang="en" dir="ltr" { (f.file) }
                    p.lead {
                        (ctx.t(Msg::EntriesFound).replace("{n}", &entries.len().to_string()))
                        " · " (lang_name(ctx.ui, f.lang))
                        " · " (sg)
                        @if let Some(r) = &f.rec { " · " (r) }
                        @if let Some(t) = &f.title { " · " span lang=(f.lang.bcp47()) dir=(dir(f.lang)) { (t) } }
                    }
                    @if !f.warnings.is_empty() {
                        ul.notice.info lang="en" dir="ltr" { @for w in &f.warnings { li { (w) } } }
                    }
                    (entry_list(ctx, &token, f.lang, &sg, f.rec.as_ref(), entries, &format!("file{n}-")))
                }
            }
        };
        Ok(ctx.page(StatusCode::OK, ctx.t(Msg::PastedEntries), Nav::Propose, body))
    }
    .await;
    ctx.respond(r)
}
