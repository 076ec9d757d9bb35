//! `/check`: a text (pasted, or a .txt or Word file) comes back with every known term
//! marked, each mark a link to its concept whose definition and equivalents show on hover
//! and on keyboard focus (CSS only), beside the list of the terms found, which downloads
//! as CSV or TBX. `/check/translation`: a source text and its translation side by side
//! with the places where the translation strays from the adopted terms.
//!
//! Both are plain `multipart/form-data` forms (a file or pasted text), CSRF-protected like
//! every form; the results are the answer to the post, so nothing is stored.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::web::Bytes;
use actix_web::{web, HttpRequest, HttpResponse};
use maud::{html, Markup};

use crate::app::annotate::text_lang;
use crate::app::App;
use crate::app::{AnnotateRequest, AnnotatedSpan, Annotation, CheckReport, CheckRequest, FindingKind, Flag, Place};
use crate::error::{Error, Result};
use crate::http::blocking;
use crate::interchange::export::ExportFormat;
use crate::interchange::glossary;
use crate::model::{Concept, ConceptId, Lang, View};
use crate::recognize::TermStatus;
use crate::web::ctx::Ctx;
use crate::web::form::{read_body, Form, Upload};
use crate::web::i18n::{comma, lang_name, Msg};
use crate::web::layout::{dir, Nav};
use crate::web::widgets::{concept_href, csrf, cut, fill, in_lang};

/// Largest body of the text form: a Word file of 20 MiB or 2 MiB of text, with the fields
/// around them (the text and Word limits themselves are the annotation service's).
pub const MAX_CHECK_BYTES: usize = 24 << 20;
/// Largest body of the translation form: two of them.
pub const MAX_TRANSLATION_BYTES: usize = 2 * MAX_CHECK_BYTES;

/// Concepts whose definition is looked up for the tooltips.
const MAX_CONCEPTS: usize = 2000;

/// Characters of a definition shown in a tooltip.
const TIP_CHARS: usize = 400;

const FILE_FIELDS: &[&str] = &["file", "source_file", "target_file"];

/// What went wrong with a post, shown above its form.
enum Refusal {
    /// An interface message.
    Ui(Msg),
    /// A domain message (in English).
    Domain(String),
}

fn refusal(e: Error) -> std::result::Result<Refusal, Error> {
    match e {
        e @ (Error::Invalid(_) | Error::BadParam { .. } | Error::TooLarge(_)) => Ok(Refusal::Domain(e.to_string())),
        e => Err(e),
    }
}

fn refusal_notice(ctx: &Ctx, r: &Refusal) -> Markup {
    html! {
        div.notice.error role="alert" {
            @match r {
                Refusal::Ui(m) => p { (ctx.t(*m)) },
                Refusal::Domain(m) => {
                    p { (ctx.t(Msg::ErrInvalidLead)) }
                    p lang="en" dir="ltr" { (m) }
                }
            }
        }
    }
}

/// The languages of the checked boxes `name`.
fn checked_langs(form: &Form, name: &str) -> Vec<Lang> {
    form.all(name).iter().filter_map(|v| v.parse().ok()).collect()
}

/// The text of an uploaded file: a Word file through the Word reader, anything else as UTF-8.
fn file_text(app: &App, f: &Upload) -> Result<String> {
    let name = f.filename.clone().unwrap_or_default();
    if name.to_ascii_lowercase().ends_with(".docx") || f.data.starts_with(b"PK\x03\x04") {
        return app.word_text(&f.data);
    }
    let data = f.data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&f.data);
    String::from_utf8(data.to_vec())
        .map_err(|_| Error::Invalid(format!("{name}: a text file must be UTF-8 (.txt); or upload a Word file (.docx)")))
}

/// The pasted text, or the text of the uploaded file `field` when one was chosen.
fn chosen_text(app: &App, form: &Form, files: &[Upload], field: &str, text_field: &str) -> Result<String> {
    match files.iter().find(|f| f.field == field) {
        Some(f) => file_text(app, f),
        None => Ok(form.raw(text_field).to_string()),
    }
}

/// An anonymous visitor checks texts under the API's anonymous limit, per address (a text
/// may be 2 MiB: the work of many searches); staff are not limited here.
fn take_anonymous_text(ctx: &Ctx, req: &HttpRequest) -> Result<()> {
    if ctx.user.is_some() {
        return Ok(());
    }
    crate::http::ratelimit::take_anonymous_text(req)
}

fn staff_view(ctx: &Ctx, pending: bool) -> View {
    if pending && ctx.user.is_some() {
        View::Staff
    } else {
        View::Public
    }
}

/// The concepts named by `ids` as the viewer may see them, for the tooltips' definitions.
fn concepts_of(app: &App, ids: impl Iterator<Item = ConceptId>, view: View) -> BTreeMap<ConceptId, Concept> {
    ids.take(MAX_CONCEPTS).filter_map(|id| app.concept(id, view).ok().map(|c| (id, c))).collect()
}

/// A definition for a tooltip: in `lang`, else English, else any language.
fn definition_of(c: &Concept, lang: Lang) -> Option<(Lang, &str)> {
    std::iter::once(lang)
        .chain([Lang::En])
        .chain(Lang::ALL)
        .find_map(|l| c.languages.get(&l).and_then(|s| s.content.definition.as_deref()).map(|d| (l, d)))
}

fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", text[..at].trim_end()),
        None => text.to_string(),
    }
}

// ------------------------------------------------------------------ check a text

/// What the text form holds (kept when the page comes back).
#[derive(Clone)]
struct TextValues {
    text: String,
    lang: Option<Lang>,
    to: Vec<Lang>,
    pending: bool,
}

impl Default for TextValues {
    fn default() -> Self {
        TextValues { text: String::new(), lang: None, to: Lang::ALL.to_vec(), pending: false }
    }
}

/// The languages equivalents are asked in: none checked, or all six, is the five others.
fn targets(lang: Option<Lang>, to: &[Lang]) -> Option<Vec<Lang>> {
    if to.is_empty() || to.len() == Lang::ALL.len() {
        return None;
    }
    Some(to.iter().copied().filter(|l| Some(*l) != lang).collect())
}

/// The languages shown beside a text in `lang`.
fn shown_langs(lang: Lang, to: &[Lang]) -> Vec<Lang> {
    let chosen: Vec<Lang> = if to.is_empty() { Lang::ALL.to_vec() } else { to.to_vec() };
    Lang::ALL.into_iter().filter(|l| *l != lang && chosen.contains(l)).collect()
}

pub async fn check_form(app: web::Data<App>, mut ctx: Ctx) -> HttpResponse {
    let r = render_text_form(&app, &mut ctx, &TextValues::default(), None);
    ctx.respond(r)
}

fn render_text_form(app: &App, ctx: &mut Ctx, v: &TextValues, refused: Option<Refusal>) -> Result<HttpResponse> {
    let token = ctx.csrf(app)?;
    let ctx = &*ctx;
    let status = if refused.is_some() { StatusCode::BAD_REQUEST } else { StatusCode::OK };
    let body = html! {
        h1 { (ctx.t(Msg::NavCheck)) }
        p.lead { (ctx.t(Msg::CheckIntro)) }
        section.panel.check-panel aria-label=(ctx.t(Msg::NavCheck)) {
            @if let Some(r) = &refused { (refusal_notice(ctx, r)) }
            (text_form(ctx, &token, v))
        }
    };
    Ok(ctx.page(status, ctx.t(Msg::NavCheck), Nav::Check, body))
}

fn lang_select(ctx: &Ctx, id: &str, name: &str, current: Option<Lang>) -> Markup {
    html! {
        div.field {
            label for=(id) { (ctx.t(Msg::TextLanguage)) }
            select id=(id) name=(name) {
                option value="" { (ctx.t(Msg::DetectLanguage)) }
                @for l in Lang::ALL {
                    option value=(l.code()) lang=(l.bcp47()) selected[current == Some(l)] { (l.native_name()) }
                }
            }
        }
    }
}

fn file_field(ctx: &Ctx, id: &str, name: &str) -> Markup {
    html! {
        div.field {
            label for=(id) { (ctx.t(Msg::CheckFileLabel)) }
            input id=(id) type="file" name=(name) aria-describedby={ (id) "-hint" }
                accept=".txt,.docx,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document";
            p.hint id={ (id) "-hint" } { (ctx.t(Msg::CheckFileHint)) }
        }
    }
}

fn pending_box(ctx: &Ctx, checked: bool) -> Markup {
    html! {
        @if ctx.user.is_some() {
            div.field {
                label.check {
                    input type="checkbox" name="pending" value="1" checked[checked];
                    (ctx.t(Msg::IncludePending))
                }
            }
        }
    }
}

fn text_form(ctx: &Ctx, token: &str, v: &TextValues) -> Markup {
    html! {
        form #check-form.check-form method="post" action="/check" enctype="multipart/form-data" {
            (csrf(token))
            div.field {
                label for="check-text" { (ctx.t(Msg::CheckTextLabel)) }
                textarea #check-text name="text" rows="12" dir="auto" spellcheck="false" { (v.text) }
            }
            (file_field(ctx, "check-file", "file"))
            div.field-row {
                (lang_select(ctx, "check-lang", "lang", v.lang))
            }
            fieldset.show-langs {
                legend { (ctx.t(Msg::ShowLanguages)) }
                div.check-group {
                    @for l in Lang::ALL {
                        label.check {
                            input type="checkbox" name="to" value=(l.code()) checked[v.to.contains(&l)];
                            span lang=(l.bcp47()) dir=(dir(l)) { (l.native_name()) }
                        }
                    }
                }
            }
            (pending_box(ctx, v.pending))
            div.form-actions {
                button.button.primary type="submit" name="action" value="check" { (ctx.t(Msg::CheckButton)) }
            }
        }
    }
}

/// What the page needs of one check.
struct Checked {
    text: String,
    annotation: Annotation,
    concepts: BTreeMap<ConceptId, Concept>,
}

/// The answer to a post: the page, or the list of terms found as a file.
enum Outcome {
    Page(Checked),
    Download(ExportFormat, Vec<u8>),
}

pub async fn check(app: web::Data<App>, mut ctx: Ctx, req: HttpRequest, body: Bytes) -> HttpResponse {
    let r = async {
        let content_type = req.headers().get(actix_web::http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
        let (form, files) = read_body(content_type, &body, FILE_FIELDS)?;
        ctx.check_csrf(&form)?;
        take_anonymous_text(&ctx, &req)?;
        let lang = form.parse::<Lang>("lang")?;
        let pending = form.has("pending") && ctx.user.is_some();
        let mut v = TextValues { text: form.raw("text").to_string(), lang, to: checked_langs(&form, "to"), pending };
        let download: Option<ExportFormat> = match form.get("action") {
            Some("csv") => Some(ExportFormat::Csv),
            Some("tbx") => Some(ExportFormat::Tbx),
            _ => None,
        };
        let a = app.clone().into_inner();
        let viewer = ctx.user.clone();
        let view = staff_view(&ctx, pending);
        let to = targets(lang, &v.to);
        let chosen = v.to.clone();
        let outcome = blocking(move || {
            let text = chosen_text(&a, &form, &files, "file", "text")?;
            if text.trim().is_empty() {
                return Ok(None);
            }
            let mut annotation =
                a.annotate(viewer.as_ref(), AnnotateRequest { text: text.clone(), lang, to, pending })?;
            annotation.spans.sort_by_key(|s| (s.start, s.end));
            let shown = shown_langs(annotation.lang, &chosen);
            if let Some(format) = download {
                let concepts = a.glossary(&annotation, &shown)?;
                let langs = glossary::languages(annotation.lang, &shown);
                let bytes = glossary::glossary_bytes(format, annotation.lang, &langs, &concepts)?;
                return Ok(Some(Outcome::Download(format, bytes)));
            }
            let concepts = concepts_of(&a, annotation.concepts.iter().map(|c| c.id), view);
            Ok(Some(Outcome::Page(Checked { text, annotation, concepts })))
        })
        .await;
        match outcome {
            Ok(Some(Outcome::Download(format, bytes))) => {
                Ok(ctx.attachment(format.content_type(), &format!("hexaglot-glossary.{}", format.extension()), bytes))
            }
            Ok(Some(Outcome::Page(checked))) => {
                // The form comes back with the text the offsets refer to (a file's text too).
                v.text = checked.text.clone();
                v.lang = Some(checked.annotation.lang);
                let shown = shown_langs(checked.annotation.lang, &v.to);
                render_checked(&app, &mut ctx, &v, &checked, &shown)
            }
            Ok(None) => render_text_form(&app, &mut ctx, &v, Some(Refusal::Ui(Msg::CheckNoText))),
            Err(e) => render_text_form(&app, &mut ctx, &v, Some(refusal(e)?)),
        }
    }
    .await;
    ctx.respond(r)
}

/// One concept found: its count and what its spans say.
struct Found<'a> {
    id: ConceptId,
    term: &'a str,
    count: usize,
    span: Option<&'a AnnotatedSpan>,
    flags: Vec<&'a Flag>,
}

/// The concepts found, in the annotation's order, with the flags of all their spans (each once).
fn found(a: &Annotation) -> Vec<Found<'_>> {
    a.concepts
        .iter()
        .map(|c| {
            let spans: Vec<&AnnotatedSpan> = a.spans.iter().filter(|s| s.concepts.contains(&c.id)).collect();
            let mut flags: Vec<&Flag> = Vec::new();
            for f in spans.iter().flat_map(|s| s.flags.iter()) {
                if !flags.contains(&f) {
                    flags.push(f);
                }
            }
            Found { id: c.id, term: &c.term, count: c.count, span: spans.first().copied(), flags }
        })
        .collect()
}

fn render_checked(app: &App, ctx: &mut Ctx, v: &TextValues, c: &Checked, shown: &[Lang]) -> Result<HttpResponse> {
    let token = ctx.csrf(app)?;
    let ctx = &*ctx;
    let a = &c.annotation;
    let found = found(a);
    let occurrences: usize = a.spans.len();
    let body = html! {
        h1 { (ctx.t(Msg::NavCheck)) }
        p.lead {
            (ctx.t(Msg::TextLanguage)) ": " (lang_name(ctx.ui, a.lang))
            (comma(ctx.ui)) (ctx.t(Msg::TermsFoundN).replace("{n}", &found.len().to_string()))
            (comma(ctx.ui)) (ctx.t(Msg::OccurrencesN).replace("{n}", &occurrences.to_string()))
        }
        div.check-layout {
            section.panel.marked aria-labelledby="text-h" {
                h2 #text-h { (ctx.t(Msg::MarkedTextTitle)) }
                (marked_text(ctx, a, &c.text, &c.concepts, shown))
            }
            section.panel.found aria-labelledby="found-h" {
                h2 #found-h { (ctx.t(Msg::TermsFoundTitle)) }
                @if found.is_empty() {
                    p.empty { (ctx.t(Msg::NoTermsFound)) }
                } @else {
                    (found_table(ctx, a.lang, &found, shown))
                    div.form-actions.downloads {
                        button.button form="check-form" type="submit" name="action" value="csv" aria-describedby="download-hint" {
                            (ctx.t(Msg::DownloadCsv))
                        }
                        button.button form="check-form" type="submit" name="action" value="tbx" aria-describedby="download-hint" {
                            (ctx.t(Msg::DownloadTbx))
                        }
                    }
                    p.hint #download-hint { (ctx.t(Msg::DownloadHint)) }
                }
            }
        }
        section.panel.check-panel aria-labelledby="again-h" {
            h2 #again-h { (ctx.t(Msg::CheckAnother)) }
            (text_form(ctx, &token, v))
        }
    };
    Ok(ctx.page(StatusCode::OK, ctx.t(Msg::NavCheck), Nav::Check, body))
}

/// The text with each span a link to its concept, its tooltip described by it.
fn marked_text(
    ctx: &Ctx,
    a: &Annotation,
    text: &str,
    concepts: &BTreeMap<ConceptId, Concept>,
    shown: &[Lang],
) -> Markup {
    let l = a.lang;
    let ranges: Vec<(usize, usize)> = a.spans.iter().map(|s| (s.start, s.end)).collect();
    html! {
        div.marked-text lang=(l.bcp47()) dir=(dir(l)) {
            @for (i, piece) in cut(text, &ranges) {
                @match i {
                    Some(i) => (term_mark(ctx, l, i, &a.spans[i], piece, concepts, shown)),
                    None => (piece),
                }
            }
        }
    }
}

fn term_mark(
    ctx: &Ctx,
    l: Lang,
    i: usize,
    s: &AnnotatedSpan,
    piece: &str,
    concepts: &BTreeMap<ConceptId, Concept>,
    shown: &[Lang],
) -> Markup {
    let tip = format!("tip-{i}");
    let first = s.concepts.first().copied();
    let definition = first.and_then(|id| concepts.get(&id)).and_then(|c| definition_of(c, l));
    let status = s.term_status.as_str();
    html! {
        span.term-wrap {
            a.term-mark href=(first.map(concept_href).unwrap_or_else(|| "/check".into())) lang=(l.bcp47()) dir=(dir(l))
                aria-describedby=(tip) {
                mark class={ "status-" (status) } lang=(l.bcp47()) dir=(dir(l)) { (piece) }
            }
            span.term-tip role="tooltip" id=(tip) lang=(ctx.ui.bcp47()) dir=(dir(ctx.ui)) {
                span.tip-term {
                    (in_lang(l, &s.term))
                    @if s.term_status == TermStatus::Deprecated { " " span.chip.warn { (ctx.t(Msg::TermDeprecated)) } }
                }
                @if let Some((dl, d)) = definition {
                    span.tip-def lang=(dl.bcp47()) dir=(dir(dl)) { (shorten(d, TIP_CHARS)) }
                }
                @for x in shown {
                    @if let Some(eq) = s.equivalents.get(x).filter(|e| !e.is_empty()) {
                        span.tip-eq {
                            span.tip-lang { (lang_name(ctx.ui, *x)) ": " }
                            (in_lang(*x, &eq.join(", ")))
                        }
                    }
                }
            }
        }
    }
}

fn flag_item(ctx: &Ctx, l: Lang, f: &Flag) -> Markup {
    html! {
        @match f {
            Flag::Deprecated { r#use } => li.flag.deprecated { (fill(ctx.t(Msg::FlagDeprecated), "use", in_lang(l, r#use))) },
            Flag::NotAdopted { lang } => li.flag.not-adopted { (ctx.t(Msg::FlagNotAdopted).replace("{lang}", lang_name(ctx.ui, *lang))) },
            Flag::Conflict { concepts } => li.flag.conflict {
                (ctx.t(Msg::FlagConflict)) " "
                @for (i, c) in concepts.iter().enumerate() {
                    @if i > 0 { ", " }
                    a href=(concept_href(c)) { code { (c) } }
                }
            },
        }
    }
}

fn found_table(ctx: &Ctx, l: Lang, found: &[Found], shown: &[Lang]) -> Markup {
    html! {
        div.table-wrap tabindex="0" {
            table.data.found-table {
                thead {
                    tr {
                        th scope="col" { (ctx.t(Msg::TermLabel)) }
                        th scope="col" { (ctx.t(Msg::ColOccurrences)) }
                        th scope="col" { (ctx.t(Msg::ColEquivalents)) }
                        th scope="col" { (ctx.t(Msg::ColRemarks)) }
                    }
                }
                tbody {
                    @for f in found {
                        tr {
                            th scope="row" {
                                a href=(concept_href(f.id)) lang=(l.bcp47()) dir=(dir(l)) { (f.term) }
                            }
                            td.num { (f.count) }
                            td {
                                @if let Some(s) = f.span {
                                    ul.eq-lines {
                                        @for x in shown {
                                            li {
                                                span.tip-lang { (lang_name(ctx.ui, *x)) ": " }
                                                @match s.equivalents.get(x).filter(|e| !e.is_empty()) {
                                                    Some(eq) => (in_lang(*x, &eq.join(", "))),
                                                    None => "—",
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                            td {
                                @if !f.flags.is_empty() {
                                    ul.flags { @for x in &f.flags { (flag_item(ctx, l, x)) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

// ------------------------------------------------------------ check a translation

#[derive(Default, Clone)]
struct PairValues {
    source_text: String,
    source_lang: Option<Lang>,
    target_text: String,
    target_lang: Option<Lang>,
    pending: bool,
}

pub async fn translation_form(app: web::Data<App>, mut ctx: Ctx) -> HttpResponse {
    let v = PairValues { source_lang: Some(Lang::En), target_lang: Some(Lang::Fr), ..Default::default() };
    let r = render_pair_form(&app, &mut ctx, &v, None);
    ctx.respond(r)
}

fn render_pair_form(app: &App, ctx: &mut Ctx, v: &PairValues, refused: Option<Refusal>) -> Result<HttpResponse> {
    let token = ctx.csrf(app)?;
    let ctx = &*ctx;
    let status = if refused.is_some() { StatusCode::BAD_REQUEST } else { StatusCode::OK };
    let body = html! {
        h1 { (ctx.t(Msg::NavCheckTranslation)) }
        p.lead { (ctx.t(Msg::CheckTranslationIntro)) }
        section.panel.check-panel aria-label=(ctx.t(Msg::NavCheckTranslation)) {
            @if let Some(r) = &refused { (refusal_notice(ctx, r)) }
            (pair_form(ctx, &token, v))
        }
    };
    Ok(ctx.page(status, ctx.t(Msg::NavCheckTranslation), Nav::CheckTranslation, body))
}

fn pair_form(ctx: &Ctx, token: &str, v: &PairValues) -> Markup {
    let side = |prefix: &str, title: Msg, text: &str, lang: Option<Lang>| {
        html! {
            fieldset.pair-side {
                legend { (ctx.t(title)) }
                (lang_select(ctx, &format!("{prefix}-lang"), &format!("{prefix}_lang"), lang))
                div.field {
                    label for={ (prefix) "-text" } { (ctx.t(Msg::TextLabel)) }
                    textarea id={ (prefix) "-text" } name={ (prefix) "_text" } rows="12" dir="auto" spellcheck="false" { (text) }
                }
                (file_field(ctx, &format!("{prefix}-file"), &format!("{prefix}_file")))
            }
        }
    };
    html! {
        form #translation-form.check-form method="post" action="/check/translation" enctype="multipart/form-data" {
            (csrf(token))
            div.side-by-side {
                (side("source", Msg::SourceTextTitle, &v.source_text, v.source_lang))
                (side("target", Msg::TargetTextTitle, &v.target_text, v.target_lang))
            }
            (pending_box(ctx, v.pending))
            div.form-actions {
                button.button.primary type="submit" { (ctx.t(Msg::CheckButton)) }
            }
        }
    }
}

struct CheckedPair {
    source: String,
    target: String,
    source_lang: Lang,
    target_lang: Lang,
    report: CheckReport,
}

pub async fn check_translation(app: web::Data<App>, mut ctx: Ctx, req: HttpRequest, body: Bytes) -> HttpResponse {
    let r = async {
        let content_type = req.headers().get(actix_web::http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
        let (form, files) = read_body(content_type, &body, FILE_FIELDS)?;
        ctx.check_csrf(&form)?;
        take_anonymous_text(&ctx, &req)?;
        let pending = form.has("pending") && ctx.user.is_some();
        let mut v = PairValues {
            source_text: form.raw("source_text").to_string(),
            source_lang: form.parse::<Lang>("source_lang")?,
            target_text: form.raw("target_text").to_string(),
            target_lang: form.parse::<Lang>("target_lang")?,
            pending,
        };
        let a = app.clone().into_inner();
        let viewer = ctx.user.clone();
        let (sl, tl) = (v.source_lang, v.target_lang);
        let checked = blocking(move || {
            let source = chosen_text(&a, &form, &files, "source_file", "source_text")?;
            let target = chosen_text(&a, &form, &files, "target_file", "target_text")?;
            if source.trim().is_empty() || target.trim().is_empty() {
                return Ok(None);
            }
            let source_lang = text_lang(&source, sl, "source_lang")?;
            let target_lang = text_lang(&target, tl, "target_lang")?;
            let report = a.check_translation(
                viewer.as_ref(),
                CheckRequest {
                    source_lang,
                    source_text: source.clone(),
                    target_lang,
                    target_text: target.clone(),
                    pending,
                },
            )?;
            Ok(Some(CheckedPair { source, target, source_lang, target_lang, report }))
        })
        .await;
        let checked = match checked {
            Ok(Some(c)) => c,
            Ok(None) => return render_pair_form(&app, &mut ctx, &v, Some(Refusal::Ui(Msg::CheckNoText))),
            Err(e) => return render_pair_form(&app, &mut ctx, &v, Some(refusal(e)?)),
        };
        v.source_text = checked.source.clone();
        v.target_text = checked.target.clone();
        v.source_lang = Some(checked.source_lang);
        v.target_lang = Some(checked.target_lang);
        render_pair(&app, &mut ctx, &v, &checked)
    }
    .await;
    ctx.respond(r)
}

/// A text with the places of the findings marked, each a link to its finding.
fn marked_places(l: Lang, text: &str, places: &[(usize, &Place)], side: &str) -> Markup {
    let mut sorted: Vec<(usize, &Place)> = places.to_vec();
    sorted.sort_by_key(|(_, p)| (p.start, p.end));
    let ranges: Vec<(usize, usize)> = sorted.iter().map(|(_, p)| (p.start, p.end)).collect();
    html! {
        div.marked-text lang=(l.bcp47()) dir=(dir(l)) {
            @for (i, piece) in cut(text, &ranges) {
                @match i {
                    Some(i) => a.term-mark href={ "#finding-" (sorted[i].0 + 1) } id={ (side) "-" (sorted[i].0 + 1) } lang=(l.bcp47()) dir=(dir(l)) {
                        mark.place lang=(l.bcp47()) dir=(dir(l)) { (piece) }
                    },
                    None => (piece),
                }
            }
        }
    }
}

fn finding_kind(k: FindingKind) -> Msg {
    match k {
        FindingKind::MissingEquivalent => Msg::FindingMissing,
        FindingKind::DeprecatedInTarget => Msg::FindingDeprecated,
        FindingKind::NonPreferredInTarget => Msg::FindingNonPreferred,
    }
}

fn render_pair(app: &App, ctx: &mut Ctx, v: &PairValues, c: &CheckedPair) -> Result<HttpResponse> {
    let token = ctx.csrf(app)?;
    let ctx = &*ctx;
    let r = &c.report;
    let (sl, tl) = (c.source_lang, c.target_lang);
    let sources: Vec<(usize, &Place)> = r.findings.iter().enumerate().map(|(i, f)| (i, &f.source)).collect();
    let targets: Vec<(usize, &Place)> =
        r.findings.iter().enumerate().filter_map(|(i, f)| f.target.as_ref().map(|t| (i, t))).collect();
    let body = html! {
        h1 { (ctx.t(Msg::NavCheckTranslation)) }
        p.lead {
            (lang_name(ctx.ui, sl)) @if ctx.ui.is_rtl() { " ← " } @else { " → " } (lang_name(ctx.ui, tl))
            (comma(ctx.ui)) (ctx.t(Msg::FindingsN).replace("{n}", &r.findings.len().to_string()))
        }
        div.side-by-side {
            section.panel.marked aria-labelledby="source-h" {
                h2 #source-h { (ctx.t(Msg::SourceTextTitle)) " · " (lang_name(ctx.ui, sl)) }
                (marked_places(sl, &c.source, &sources, "source"))
            }
            section.panel.marked aria-labelledby="target-h" {
                h2 #target-h { (ctx.t(Msg::TargetTextTitle)) " · " (lang_name(ctx.ui, tl)) }
                (marked_places(tl, &c.target, &targets, "target"))
            }
        }
        section.panel.findings-panel aria-labelledby="findings-h" {
            h2 #findings-h { (ctx.t(Msg::FindingsTitle)) }
            @if r.findings.is_empty() {
                p.ok-note { (ctx.t(Msg::NoFindings)) }
            } @else {
                ol.findings.translation-findings {
                    @for (i, f) in r.findings.iter().enumerate() {
                        li.finding id={ "finding-" (i + 1) } {
                            strong { (ctx.t(finding_kind(f.kind))) }
                            " · "
                            a href={ "#source-" (i + 1) } lang=(sl.bcp47()) dir=(dir(sl)) { (f.source.text) }
                            " · "
                            a href=(concept_href(f.concept)) { code { (f.concept) } }
                            " · "
                            @match &f.paragraph {
                                Some(n) => (ctx.t(Msg::ParagraphN).replace("{n}", &n.to_string())),
                                None => (ctx.t(Msg::WholeText)),
                            }
                            br;
                            span.label { (ctx.t(Msg::ExpectedLabel)) ": " }
                            (in_lang(tl, &f.expected.join(", ")))
                            br;
                            span.label { (ctx.t(Msg::ColInTarget)) ": " }
                            @match &f.target {
                                Some(t) => a href={ "#target-" (i + 1) } lang=(tl.bcp47()) dir=(dir(tl)) { (t.text) },
                                None => span.muted { (ctx.t(Msg::NotFound)) },
                            }
                        }
                    }
                }
            }
        }
        @if !r.summary.is_empty() {
            section.panel aria-labelledby="summary-h" {
                h2 #summary-h { (ctx.t(Msg::SourceTermsTitle)) }
                div.table-wrap tabindex="0" {
                    table.data {
                        thead {
                            tr {
                                th scope="col" { (ctx.t(Msg::TermLabel)) }
                                th scope="col" { (ctx.t(Msg::ColInSource)) }
                                th scope="col" { (ctx.t(Msg::ColInTarget)) }
                            }
                        }
                        tbody {
                            @for s in &r.summary {
                                tr {
                                    th scope="row" { a href=(concept_href(s.concept)) lang=(sl.bcp47()) dir=(dir(sl)) { (s.term) } }
                                    td.num { (s.source_count) }
                                    td.num { (s.target_count) }
                                }
                            }
                        }
                    }
                }
            }
        }
        section.panel.check-panel aria-labelledby="again-h" {
            h2 #again-h { (ctx.t(Msg::NavCheckTranslation)) }
            (pair_form(ctx, &token, v))
        }
    };
    Ok(ctx.page(StatusCode::OK, ctx.t(Msg::NavCheckTranslation), Nav::CheckTranslation, body))
}
