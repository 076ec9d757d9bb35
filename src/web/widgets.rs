//! Pieces several pages share: language blocks, status badges, lint and
//! harmonization findings, hidden form fields, notices.

use maud::{html, Markup};

use super::ctx::Ctx;
use super::form::seg;
use super::i18n::{note_label, Msg};
use super::layout::dir;
use crate::model::{
    Concept, ConceptId, ConceptStatus, Lang, LangSection, RecId, SectionContent, SectionStatus, TermKind,
};
use crate::workflow::lint::{Finding, Severity};
use crate::workflow::similar::Similar;

/// `YYYY-MM-DD` of a stored timestamp.
pub fn day(ts: &str) -> &str {
    ts.get(..10).unwrap_or(ts)
}

/// A date in running text, kept left-to-right inside Arabic.
pub fn date(ts: &str) -> Markup {
    html! { time datetime=(ts) dir="ltr" { (day(ts)) } }
}

/// An interface message whose `{key}` is replaced by markup (a date, a
/// reference), so the inserted part keeps its own direction.
pub fn fill(text: &str, key: &str, value: Markup) -> Markup {
    let pattern = format!("{{{key}}}");
    match text.split_once(&pattern) {
        Some((before, after)) => html! { (before) (value) (after) },
        None => html! { (text) },
    }
}

/// Left-to-right text (a reference, study group codes) inside text of either direction.
pub fn ltr(text: &str) -> Markup {
    html! { bdi dir="ltr" { (text) } }
}

pub fn rec_href(r: &RecId) -> String {
    format!("/recommendations/{}", seg(r.short()))
}

pub fn concept_href(c: impl std::fmt::Display) -> String {
    format!("/concepts/{c}")
}

pub fn csrf(token: &str) -> Markup {
    html! { input type="hidden" name="csrf" value=(token); }
}

/// Text in `l`, with its language and direction.
pub fn in_lang(l: Lang, text: &str) -> Markup {
    html! { span lang=(l.bcp47()) dir=(dir(l)) { (text) } }
}

/// An interface label inside content of another language.
pub fn label(ctx: &Ctx, m: Msg) -> Markup {
    html! { span.label lang=(ctx.ui.bcp47()) dir=(dir(ctx.ui)) { (ctx.t(m)) } }
}

pub fn concept_status(ctx: &Ctx, s: ConceptStatus) -> Markup {
    let (m, class) = match s {
        ConceptStatus::Accepted => (Msg::StatusAccepted, "badge ok"),
        ConceptStatus::Proposed => (Msg::StatusProposed, "badge info"),
        ConceptStatus::Historical => (Msg::StatusHistorical, "badge hist"),
        ConceptStatus::Withdrawn => (Msg::StatusWithdrawn, "badge muted"),
    };
    html! { span class=(class) { (ctx.t(m)) } }
}

pub fn section_status_msg(s: SectionStatus) -> Msg {
    match s {
        SectionStatus::Absent => Msg::SecAbsent,
        SectionStatus::Draft => Msg::SecDraft,
        SectionStatus::Submitted => Msg::SecSubmitted,
        SectionStatus::Adopted => Msg::SecAdopted,
        SectionStatus::Returned => Msg::SecReturned,
    }
}

pub fn section_status(ctx: &Ctx, s: SectionStatus) -> Markup {
    let class = match s {
        SectionStatus::Adopted => "chip ok",
        SectionStatus::Submitted => "chip info",
        SectionStatus::Returned => "chip warn",
        SectionStatus::Draft => "chip draft",
        SectionStatus::Absent => "chip muted",
    };
    html! { span class=(class) lang=(ctx.ui.bcp47()) dir=(dir(ctx.ui)) { (ctx.t(section_status_msg(s))) } }
}

/// The mark of text an AI assistant wrote (through MCP, or the API's `"assisted": true`), for staff.
pub fn assisted_chip(ctx: &Ctx) -> Markup {
    html! { span class="chip info" lang=(ctx.ui.bcp47()) dir=(dir(ctx.ui)) { (ctx.t(Msg::SecAssisted)) } }
}

fn term_kind(k: TermKind) -> Msg {
    match k {
        TermKind::Preferred => Msg::TermPreferred,
        TermKind::Admitted => Msg::TermAdmitted,
        TermKind::Deprecated => Msg::TermDeprecated,
        TermKind::Abbreviation => Msg::Abbreviation,
    }
}

/// Another concept's term in a definition (code points of the whole definition), linked to it.
#[derive(Debug, Clone)]
pub struct TermLink {
    pub start: usize,
    pub end: usize,
    pub concept: ConceptId,
}

/// Walks a text once from its start, turning code-point offsets into byte offsets.
struct Points<'a> {
    text: &'a str,
    point: usize,
    byte: usize,
}

impl Points<'_> {
    /// The byte offset of code point `p` (the end of the text when past it); `p` never goes back.
    fn byte_at(&mut self, p: usize) -> usize {
        while self.point < p {
            let Some(c) = self.text[self.byte..].chars().next() else { break };
            self.byte += c.len_utf8();
            self.point += 1;
        }
        self.byte
    }
}

/// Cuts `text` at code-point ranges sorted by start (a range overlapping the one before
/// is skipped): the text between them (`None`) and each range's text with its index.
pub fn cut<'a>(text: &'a str, ranges: &[(usize, usize)]) -> Vec<(Option<usize>, &'a str)> {
    let mut out = Vec::with_capacity(ranges.len() * 2 + 1);
    let mut points = Points { text, point: 0, byte: 0 };
    let (mut last_point, mut last_byte) = (0, 0);
    for (i, &(start, end)) in ranges.iter().enumerate() {
        if start < last_point || end <= start {
            continue;
        }
        let (bs, be) = (points.byte_at(start), points.byte_at(end));
        if bs > last_byte {
            out.push((None, &text[last_byte..bs]));
        }
        if be > bs {
            out.push((Some(i), &text[bs..be]));
        }
        (last_point, last_byte) = (end, be);
    }
    if last_byte < text.len() {
        out.push((None, &text[last_byte..]));
    }
    out
}

/// One paragraph of a definition starting at code point `offset`, with its term links.
fn linked_paragraph(para: &str, offset: usize, links: &[TermLink]) -> Markup {
    let len = para.chars().count();
    let mut inside: Vec<&TermLink> = links.iter().filter(|k| k.start >= offset && k.end <= offset + len).collect();
    inside.sort_by_key(|k| k.start);
    if inside.is_empty() {
        return html! { (para) };
    }
    let ranges: Vec<(usize, usize)> = inside.iter().map(|k| (k.start - offset, k.end - offset)).collect();
    html! {
        @for (i, piece) in cut(para, &ranges) {
            @match i {
                Some(i) => a.def-link href=(concept_href(inside[i].concept)) { (piece) },
                None => (piece),
            }
        }
    }
}

/// The text of one language section: terms (with copy buttons), abbreviations, definition, notes.
pub fn section_content(ctx: &Ctx, l: Lang, c: &SectionContent, copy: bool) -> Markup {
    section_content_linked(ctx, l, c, copy, &[])
}

/// [`section_content`] with other concepts' terms in the definition linked to them.
pub fn section_content_linked(ctx: &Ctx, l: Lang, c: &SectionContent, copy: bool, links: &[TermLink]) -> Markup {
    let copy_button = |text: &str| {
        html! {
            @if copy {
                button.copy type="button" hidden data-copy=(text)
                    aria-label=(ctx.t(Msg::CopyTerm).replace("{term}", text)) lang=(ctx.ui.bcp47()) {
                    svg.icon xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true" focusable="false" {
                        rect x="9" y="9" width="11" height="11" rx="2" {}
                        path d="M5 15V5a2 2 0 0 1 2-2h8" {}
                    }
                    span.copy-text { (ctx.t(Msg::Copy)) }
                }
            }
        }
    };
    html! {
        ul.terms {
            @for term in &c.terms {
                li class={ "term " (term.status.as_str()) } {
                    span.term-text { (term.text) }
                    " "
                    @if term.status != TermKind::Preferred {
                        span.term-kind lang=(ctx.ui.bcp47()) dir=(dir(ctx.ui)) { (ctx.t(term_kind(term.status))) }
                    }
                    (copy_button(&term.text))
                }
            }
            @for a in &c.abbreviations {
                li.term.abbreviation {
                    span.term-text { (a) }
                    " "
                    span.term-kind lang=(ctx.ui.bcp47()) dir=(dir(ctx.ui)) { (ctx.t(Msg::Abbreviation)) }
                    (copy_button(a))
                }
            }
        }
        @if let Some(d) = &c.definition {
            div.definition {
                (label(ctx, Msg::Definition))
                @for (offset, para) in paragraphs(d) {
                    @if !para.trim().is_empty() {
                        p { (linked_paragraph(para, offset, links)) }
                    }
                }
            }
        }
        @if !c.notes.is_empty() {
            ol.notes {
                @for (i, n) in c.notes.iter().enumerate() {
                    li {
                        span.note-label {
                            (note_label(l))
                            @if c.notes.len() > 1 { " " (i + 1) }
                            " – "
                        }
                        (n)
                    }
                }
            }
        }
    }
}

/// The lines of a text with the code point each starts at.
fn paragraphs(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split('\n').map(move |p| {
        let at = offset;
        offset += p.chars().count() + 1;
        (at, p)
    })
}

/// A language card of the concept page: its text, with the terms of other concepts in the
/// definition linked (`links`), and the actions the viewer may take.
pub fn lang_card(
    ctx: &Ctx,
    l: Lang,
    section: Option<&LangSection>,
    staff: bool,
    links: &[TermLink],
    actions: Markup,
) -> Markup {
    let id = format!("lang-{}", l.code());
    html! {
        article.lang-card id=(id) lang=(l.bcp47()) dir=(dir(l)) aria-labelledby={ (id) "-h" } {
            header.lang-card-head {
                h2 id={ (id) "-h" } { (l.native_name()) }
                span.lang-code { (l.code()) }
                @if let Some(s) = section {
                    @if staff || s.status != SectionStatus::Adopted { (section_status(ctx, s.status)) }
                    @if s.assisted { " " (assisted_chip(ctx)) }
                }
            }
            @match section {
                Some(s) if !s.content.is_empty() => {
                    (section_content_linked(ctx, l, &s.content, true, links))
                    @if let Some(at) = &s.adopted_at {
                        p.meta lang=(ctx.ui.bcp47()) dir=(dir(ctx.ui)) {
                            (fill(ctx.t(Msg::AdoptedOn), "date", date(at)))
                            @if let Some(m) = &s.adopted_meeting { " · " (m) }
                            @if let Some(d) = &s.adopted_doc { " · " (d) }
                        }
                    }
                }
                _ => {
                    p.empty lang=(ctx.ui.bcp47()) dir=(dir(ctx.ui)) { (ctx.t(Msg::NoTextYet)) }
                }
            }
            (actions)
        }
    }
}

/// The best title for a concept in the interface language.
pub fn title_of(ctx: &Ctx, c: &Concept) -> (Lang, String) {
    let order = std::iter::once(ctx.ui).chain([Lang::En]).chain(Lang::ALL);
    for l in order {
        if let Some(t) = c.preferred_term(l) {
            return (l, t.to_string());
        }
    }
    (Lang::En, c.id.to_string())
}

pub fn lint_list(ctx: &Ctx, findings: &[Finding]) -> Markup {
    html! {
        section.checks {
            h3 { (ctx.t(Msg::LintTitle)) }
            @if findings.is_empty() {
                p.ok-note { (ctx.t(Msg::LintNone)) }
            } @else {
                ul.findings {
                    @for f in findings {
                        li class={ "finding " @if f.severity == Severity::Error { "error" } @else { "warning" } } {
                            span.sev { @if f.severity == Severity::Error { (ctx.t(Msg::SevError)) } @else { (ctx.t(Msg::SevWarning)) } }
                            " "
                            code { (f.rule) }
                            " "
                            span lang="en" dir="ltr" { (f.message) }
                        }
                    }
                }
            }
        }
    }
}

pub fn similar_list(ctx: &Ctx, similar: &[Similar]) -> Markup {
    html! {
        section.checks {
            h3 { (ctx.t(Msg::SimilarTitle)) }
            @if similar.is_empty() {
                p.ok-note { (ctx.t(Msg::SimilarNone)) }
            } @else {
                ul.similar {
                    @for s in similar {
                        li.conflict[s.conflict] {
                            a href=(concept_href(s.id)) lang="en" dir="ltr" { (s.term.as_deref().unwrap_or("—")) }
                            " "
                            span.chip.muted { (match s.reason.as_str() {
                                "same_term" => ctx.t(Msg::ReasonSameTerm),
                                "near_term" => ctx.t(Msg::ReasonNearTerm),
                                _ => ctx.t(Msg::ReasonNearDefinition),
                            }) }
                            " "
                            span.sgs dir="ltr" { (s.study_groups.iter().map(|g| g.as_str()).collect::<Vec<_>>().join(", ")) }
                            @if s.conflict {
                                p.conflict-note {
                                    (fill(ctx.t(Msg::SimilarConflict), "sgs", ltr(&s.study_groups.iter().map(|g| g.as_str()).collect::<Vec<_>>().join(", "))))
                                }
                            }
                            @if let Some(d) = &s.definition {
                                p.similar-def lang="en" dir="ltr" { (d) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A notice after a successful form post (`?done=…`).
pub fn done_notice(ctx: &Ctx, done: Option<&str>) -> Markup {
    let m = match done {
        Some("saved") => Some(Msg::DoneSaved),
        Some("submitted") => Some(Msg::DoneSubmitted),
        Some("adopted") => Some(Msg::DoneAdopted),
        Some("returned") => Some(Msg::DoneReturned),
        Some("accepted") => Some(Msg::DoneAccepted),
        Some("commented") => Some(Msg::DoneCommented),
        Some("proposed") => Some(Msg::DoneProposed),
        Some("signedin") => Some(Msg::DoneSignedIn),
        Some("signedout") => Some(Msg::DoneSignedOut),
        Some("watched") => Some(Msg::DoneWatchAdded),
        Some("unwatched") => Some(Msg::DoneWatchRemoved),
        _ => None,
    };
    html! {
        @if let Some(m) = m {
            div.notice.success role="status" { (ctx.t(m)) }
        }
    }
}

/// The harmonization candidates of a concept: each linked with its term and Recommendation.
pub fn harmonization_links(c: &crate::model::Concept) -> Markup {
    html! {
        @for (i, h) in c.harmonization.iter().enumerate() {
            @if i > 0 { ", " }
            a href=(concept_href(h.id)) lang="en" dir="ltr" { (h.term) }
            @if let Some(r) = &h.rec { " " span.muted lang="en" dir="ltr" { "[" (r) "]" } }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_counts_code_points_and_skips_overlaps() {
        // Code points, not bytes: Arabic letters are two bytes, the Han characters three.
        let text = "يا home gateway، 家庭网关!";
        let pieces = cut(text, &[(3, 15), (5, 9), (17, 21), (30, 40)]);
        assert_eq!(
            pieces,
            vec![(None, "يا "), (Some(0), "home gateway"), (None, "، "), (Some(2), "家庭网关"), (None, "!")]
        );
        assert_eq!(cut("abc", &[]), vec![(None, "abc")]);
        assert_eq!(cut("abc", &[(0, 3)]), vec![(Some(0), "abc")]);
    }

    #[test]
    fn paragraphs_start_where_the_definition_says() {
        let got: Vec<(usize, &str)> = paragraphs("é1\nb\n\nc").collect();
        assert_eq!(got, vec![(0, "é1"), (3, "b"), (5, ""), (6, "c")]);
    }
}
