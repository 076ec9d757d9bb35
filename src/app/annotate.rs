//! Terminology in running text: every known term of a text with its adopted equivalents
//! ([`App::annotate`]), and a translation checked against the termbase
//! ([`App::check_translation`]). Both read the App's one term dictionary
//! (`recognizer.rs`), which follows the change log: a term adopted a second ago is found.
//!
//! Offsets (`start`, `end`) are Unicode code points of the text as received, `end`
//! exclusive; nothing (NFC, line endings) shifts them.

mod paragraphs;

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::App;
use crate::error::{Error, Result};
use crate::model::{Concept, ConceptId, Lang, User, View};
use crate::recognize::{detect_lang, Dictionary, Entry, Include, Kind, Span, TermStatus, Visibility};
use paragraphs::{align, anchors, paragraph_of, paragraphs};

/// Largest text annotated or checked: 2 MiB of UTF-8 (a Recommendation of 100,000 words
/// in Russian or Arabic fits).
pub const MAX_TEXT_BYTES: usize = 2 << 20;
/// Largest Word file read for annotation.
pub const MAX_WORD_BYTES: usize = 20 << 20;

/// What to annotate.
#[derive(Debug, Clone)]
pub struct AnnotateRequest {
    pub text: String,
    /// The text's language; `None`: detected from its script and common words.
    pub lang: Option<Lang>,
    /// Languages of the equivalents; `None`: the five others.
    pub to: Option<Vec<Lang>>,
    /// Also match drafts and proposals (staff only).
    pub pending: bool,
}

/// Every known term of a text.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Annotation {
    pub lang: Lang,
    /// The text the offsets refer to, when it was extracted by the server (a `text/plain`
    /// or Word body); absent for a JSON request, whose own `text` it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// In text order; they never overlap.
    pub spans: Vec<AnnotatedSpan>,
    /// The concepts found, in order of first occurrence, with how many spans name each.
    pub concepts: Vec<ConceptCount>,
}

/// One occurrence of a known term.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AnnotatedSpan {
    /// Code points of the text as received; `end` is exclusive.
    pub start: usize,
    pub end: usize,
    /// The text at that place.
    pub text: String,
    /// The known term it matched, in the text's language (its base form).
    pub term: String,
    /// Every concept the term names: those where it is preferred first.
    pub concepts: Vec<ConceptId>,
    pub kind: Kind,
    /// The term's status in the first of `concepts`.
    pub term_status: TermStatus,
    /// Adopted terms of the first concept per requested language, preferred first, then
    /// admitted terms, then abbreviations (deprecated terms are never equivalents).
    pub equivalents: BTreeMap<Lang, Vec<String>>,
    pub flags: Vec<Flag>,
}

/// Something a translator should know about a span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Flag {
    /// The term is deprecated; `use` is the preferred term.
    Deprecated {
        #[serde(rename = "use")]
        r#use: String,
    },
    /// No adopted term in a requested language.
    NotAdopted { lang: Lang },
    /// The term names several concepts.
    Conflict { concepts: Vec<ConceptId> },
}

/// A concept found, with its term in the text's language.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ConceptCount {
    pub id: ConceptId,
    pub term: String,
    pub count: usize,
}

/// Most segments in one lookup: a CAT tool sends a document's segments in batches.
pub const MAX_SEGMENTS: usize = 500;
/// Longest segment of a lookup, in characters.
pub const MAX_SEGMENT_CHARS: usize = 4000;

/// Segments of a document to look up, as a CAT tool sends them.
#[derive(Debug, Clone)]
pub struct LookupRequest {
    /// The segments' language; `None`: detected from all of them together.
    pub lang: Option<Lang>,
    pub to: Option<Vec<Lang>>,
    pub segments: Vec<String>,
    pub pending: bool,
}

/// The terms of each segment.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Lookup {
    pub lang: Lang,
    /// One per segment, in order.
    pub results: Vec<LookupResult>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LookupResult {
    /// Index of the segment in the request, from 0.
    pub segment: usize,
    /// As in `/annotate`: offsets in code points of that segment.
    pub spans: Vec<AnnotatedSpan>,
}

/// A translation to check against the termbase.
#[derive(Debug, Clone)]
pub struct CheckRequest {
    pub source_lang: Lang,
    pub source_text: String,
    pub target_lang: Lang,
    pub target_text: String,
    /// Also match drafts and proposals (staff only).
    pub pending: bool,
}

/// What the check found.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CheckReport {
    /// In source order.
    pub findings: Vec<Finding>,
    /// Every concept found in the source, in order of first occurrence.
    pub summary: Vec<CheckSummary>,
}

crate::string_enum! {
    /// What is wrong with one source term in the translation.
    pub enum FindingKind {
        /// None of the adopted equivalents appears where it should.
        MissingEquivalent = "missing_equivalent",
        /// The translation uses a deprecated term of the concept.
        DeprecatedInTarget = "deprecated_in_target",
        /// The translation uses an admitted term where a preferred one exists.
        NonPreferredInTarget = "non_preferred_in_target",
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Finding {
    pub kind: FindingKind,
    pub concept: ConceptId,
    /// The term in the source.
    pub source: Place,
    /// The term used in the translation; null when it is missing.
    pub target: Option<Place>,
    /// The adopted equivalents, preferred first.
    pub expected: Vec<String>,
    /// The paragraph (from 1) when the texts have as many paragraphs and are compared
    /// paragraph by paragraph; null when compared as whole documents (their numbers of
    /// paragraphs differ).
    pub paragraph: Option<usize>,
}

/// A place in a text, in code points (`end` exclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Place {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CheckSummary {
    pub concept: ConceptId,
    /// Its term as found in the source (base form).
    pub term: String,
    pub source_count: usize,
    /// Occurrences of any of its terms in the whole translation.
    pub target_count: usize,
}

impl App {
    /// Every known term of `req.text`. `viewer`: `None` is the public (adopted text
    /// only); a signed-in user with `pending` also sees drafts and proposals.
    pub fn annotate(&self, viewer: Option<&User>, req: AnnotateRequest) -> Result<Annotation> {
        let started = std::time::Instant::now();
        let annotation = self.annotate_text(viewer, req);
        self.metrics().observe_annotate(started.elapsed());
        annotation
    }

    fn annotate_text(&self, viewer: Option<&User>, req: AnnotateRequest) -> Result<Annotation> {
        check_size(&req.text)?;
        let lang = text_lang(&req.text, req.lang, "lang")?;
        let include = self.include(viewer, req.pending)?;
        let to = targets(lang, req.to);
        let dict = self.recognizer.read()?;
        let spans = annotated(&dict, lang, &req.text, dict.annotate(lang, &req.text, include), &to);
        let concepts = count_concepts(&dict, lang, &spans);
        Ok(Annotation { lang, text: None, spans, concepts })
    }

    /// Checks that every term found in the source has one of its adopted equivalents
    /// (in any inflected form) in the target: paragraph by paragraph when both texts have
    /// as many paragraphs (blank-line separated), else over the whole documents. The
    /// paragraphs are paired in order by what they share (`paragraphs.rs`), so one present
    /// in a single version (a "Page" heading, a caption) does not put the rest out of step.
    pub fn check_translation(&self, viewer: Option<&User>, req: CheckRequest) -> Result<CheckReport> {
        check_size(&req.source_text)?;
        check_size(&req.target_text)?;
        let include = self.include(viewer, req.pending)?;
        let dict = self.recognizer.read()?;
        let source = dict.annotate(req.source_lang, &req.source_text, include);
        let target = dict.annotate(req.target_lang, &req.target_text, include);
        Ok(check(&dict, &req, &source, &target))
    }

    /// The visible text of a Word file, paragraphs a blank line apart: what an uploaded
    /// file is annotated as (the offsets refer to it).
    pub fn word_text(&self, bytes: &[u8]) -> Result<String> {
        if bytes.len() > MAX_WORD_BYTES {
            return Err(Error::TooLarge(format!(
                "the Word file is {} bytes; the limit is 20 MiB ({MAX_WORD_BYTES} bytes)",
                bytes.len()
            )));
        }
        let limits = crate::interchange::docx::Limits::default();
        Ok(crate::interchange::docx::body_text(std::io::Cursor::new(bytes), limits)?)
    }

    /// The public spans of other concepts' terms in `text` (a definition of concept
    /// `exclude`): for linking the terms of a definition to their concepts. Empty (rather
    /// than slow) while the dictionary's first build takes more than two seconds.
    pub fn term_links(&self, lang: Lang, text: &str, exclude: ConceptId) -> Vec<AnnotatedSpan> {
        // A page does not wait for the first build of a large dictionary: no links until then.
        let dict = match self.recognizer.read_within(std::time::Duration::from_secs(2)) {
            Ok(Some(d)) => d,
            Ok(None) => return Vec::new(),
            Err(e) => {
                tracing::error!(error = %e, "term dictionary unavailable");
                return Vec::new();
            }
        };
        let mut spans = dict.annotate(lang, text, Include::Public);
        spans.retain(|s| !s.concepts.contains(&exclude));
        annotated(&dict, lang, text, spans, &[])
    }

    /// The concepts of an annotation as the public sees them (adopted text only), with
    /// the text's language and `to` only, in order of first occurrence: a project glossary,
    /// written by [`crate::interchange::glossary::write_glossary`]. Concepts the public
    /// cannot see (pending ones a staff annotation found) are left out.
    pub fn glossary(&self, annotation: &Annotation, to: &[Lang]) -> Result<Vec<Concept>> {
        let langs = crate::interchange::glossary::languages(annotation.lang, to);
        let mut out = Vec::with_capacity(annotation.concepts.len());
        for found in &annotation.concepts {
            let mut concept = match self.concept(found.id, View::Public) {
                Ok(c) => c,
                Err(Error::NotFound { .. }) => continue,
                Err(e) => return Err(e),
            };
            concept.languages.retain(|l, _| langs.contains(l));
            concept.other_languages.clear();
            if !concept.languages.is_empty() {
                out.push(concept);
            }
        }
        Ok(out)
    }

    /// The terms of each segment of a CAT tool's document (`POST /api/v1/lookup`): one
    /// language for all (given, or detected from them together), one dictionary read for
    /// the batch, spans as [`App::annotate`] gives them.
    pub fn lookup(&self, viewer: Option<&User>, req: LookupRequest) -> Result<Lookup> {
        let started = std::time::Instant::now();
        if req.segments.len() > MAX_SEGMENTS {
            return Err(Error::bad_param(
                "segments",
                format!("{} segments; at most {MAX_SEGMENTS} per request", req.segments.len()),
            ));
        }
        if let Some((i, s)) = req.segments.iter().enumerate().find(|(_, s)| s.chars().count() > MAX_SEGMENT_CHARS) {
            return Err(Error::bad_param(
                "segments",
                format!("segment {i} has {} characters; at most {MAX_SEGMENT_CHARS} each", s.chars().count()),
            ));
        }
        let lang = match req.lang {
            Some(l) => l,
            None => text_lang(&req.segments.join("\n\n"), None, "lang")?,
        };
        let include = self.include(viewer, req.pending)?;
        let to = targets(lang, req.to);
        let dict = self.recognizer.read()?;
        let results = req
            .segments
            .iter()
            .enumerate()
            .map(|(segment, text)| LookupResult {
                segment,
                spans: annotated(&dict, lang, text, dict.annotate(lang, text, include), &to),
            })
            .collect();
        self.metrics().observe_annotate(started.elapsed());
        Ok(Lookup { lang, results })
    }

    /// Which entries a caller may match: pending ones only for a signed-in caller who asks.
    fn include(&self, viewer: Option<&User>, pending: bool) -> Result<Include<'static>> {
        match (pending, viewer) {
            (false, _) => Ok(Include::Public),
            (true, Some(_)) => Ok(Include::Pending(&EVERY_CONCEPT)),
            (true, None) => Err(Error::Unauthorized("pending content is visible to staff only".into())),
        }
    }
}

/// The language of a text: `given`, else detected from its script and common words; a
/// 400 naming `param` when it cannot be told.
pub fn text_lang(text: &str, given: Option<Lang>, param: &str) -> Result<Lang> {
    match given {
        Some(l) => Ok(l),
        None => detect_lang(text).ok_or_else(|| {
            Error::bad_param(param, format!("the language of the text cannot be told from it; give {param}"))
        }),
    }
}

/// Staff see every concept's pending entries.
static EVERY_CONCEPT: fn(ConceptId) -> bool = |_| true;

fn check_size(text: &str) -> Result<()> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(Error::TooLarge(format!(
            "the text is {} bytes; the limit is 2 MiB ({MAX_TEXT_BYTES} bytes) of text",
            text.len()
        )));
    }
    Ok(())
}

/// The languages of the equivalents: as asked (each once), or the five other languages.
fn targets(lang: Lang, to: Option<Vec<Lang>>) -> Vec<Lang> {
    match to {
        Some(langs) => {
            let mut out: Vec<Lang> = Vec::with_capacity(langs.len());
            for l in langs {
                if !out.contains(&l) {
                    out.push(l);
                }
            }
            out
        }
        None => Lang::ALL.iter().copied().filter(|&l| l != lang).collect(),
    }
}

/// The adopted (public) entries of a concept in `lang` that may be used: preferred terms,
/// then admitted ones, then abbreviations; deprecated terms never.
fn adopted(dict: &Dictionary, concept: ConceptId, lang: Lang) -> Vec<Entry> {
    let mut entries: Vec<Entry> = dict
        .entries_of(concept)
        .into_iter()
        .filter(|e| e.lang == lang && e.visibility == Visibility::Public && e.status != TermStatus::Deprecated)
        .collect();
    entries.sort_by_key(|e| (e.kind == Kind::Abbreviation, e.status as u8));
    entries
}

/// A concept's equivalents in `lang` from the dictionary: [`usable_texts`] of its public entries.
pub(super) fn adopted_texts(dict: &Dictionary, concept: ConceptId, lang: Lang) -> Vec<String> {
    usable_texts(adopted(dict, concept, lang).into_iter().map(|e| (e.kind, e.status, e.text)))
}

/// A concept's equivalents in each language of `to` that has any, its entries read once.
pub(super) fn adopted_equivalents(dict: &Dictionary, concept: ConceptId, to: &[Lang]) -> BTreeMap<Lang, Vec<String>> {
    let entries = dict.entries_of(concept);
    to.iter()
        .filter_map(|&lang| {
            let mine = entries.iter().filter(|e| e.lang == lang && e.visibility == Visibility::Public);
            let texts = usable_texts(mine.map(|e| (e.kind, e.status, e.text.clone())));
            (!texts.is_empty()).then_some((lang, texts))
        })
        .collect()
}

/// The texts a translator may use, each once: preferred terms, then admitted ones, then
/// abbreviations, in the order given within each; deprecated terms never. The one rule for
/// equivalents, whether they come from the dictionary or from a concept read from the store.
pub(super) fn usable_texts(entries: impl IntoIterator<Item = (Kind, TermStatus, String)>) -> Vec<String> {
    let mut entries: Vec<(Kind, TermStatus, String)> =
        entries.into_iter().filter(|(_, status, _)| *status != TermStatus::Deprecated).collect();
    entries.sort_by_key(|(kind, status, _)| (*kind == Kind::Abbreviation, *status as u8));
    let mut out: Vec<String> = Vec::new();
    for (_, _, text) in entries {
        if !out.contains(&text) {
            out.push(text);
        }
    }
    out
}

/// The spans of `text` with their equivalents in `to` and their flags. A text names the
/// same concepts again and again: each one's equivalents are read from the dictionary once.
fn annotated(dict: &Dictionary, lang: Lang, text: &str, spans: Vec<Span>, to: &[Lang]) -> Vec<AnnotatedSpan> {
    /// What a span's flags and equivalents depend on: its first concept.
    struct Known {
        preferred: Option<String>,
        equivalents: BTreeMap<Lang, Vec<String>>,
    }
    let mut known: HashMap<ConceptId, Known> = HashMap::new();
    let terms = dict.terms(&spans);
    spans
        .into_iter()
        .zip(terms)
        .map(|(span, term)| {
            let mut flags = Vec::new();
            let mut equivalents = BTreeMap::new();
            if let Some(&first) = span.concepts.first() {
                let k = known.entry(first).or_insert_with(|| Known {
                    preferred: adopted(dict, first, lang).into_iter().find(|e| e.kind == Kind::Term).map(|e| e.text),
                    equivalents: to.iter().map(|&l| (l, adopted_texts(dict, first, l))).collect(),
                });
                if let (TermStatus::Deprecated, Some(preferred)) = (span.term_status, &k.preferred) {
                    flags.push(Flag::Deprecated { r#use: preferred.clone() });
                }
                equivalents = k.equivalents.clone();
            }
            for &l in to {
                if equivalents.entry(l).or_default().is_empty() {
                    flags.push(Flag::NotAdopted { lang: l });
                }
            }
            if span.concepts.len() > 1 {
                flags.push(Flag::Conflict { concepts: span.concepts.to_vec() });
            }
            AnnotatedSpan {
                start: span.start,
                end: span.end,
                text: span.text(text).to_string(),
                term,
                concepts: span.concepts.to_vec(),
                kind: span.kind,
                term_status: span.term_status,
                equivalents,
                flags,
            }
        })
        .collect()
}

/// The concepts of the spans in order of first occurrence, with their term in `lang`
/// (the preferred adopted one, else the first term matched).
fn count_concepts(dict: &Dictionary, lang: Lang, spans: &[AnnotatedSpan]) -> Vec<ConceptCount> {
    let mut out: Vec<ConceptCount> = Vec::new();
    let mut at: HashMap<ConceptId, usize> = HashMap::new();
    for span in spans {
        for &id in &span.concepts {
            match at.get(&id) {
                Some(&i) => out[i].count += 1,
                None => {
                    at.insert(id, out.len());
                    let term = adopted(dict, id, lang)
                        .into_iter()
                        .find(|e| e.kind == Kind::Term)
                        .map(|e| e.text)
                        .unwrap_or_else(|| span.term.clone());
                    out.push(ConceptCount { id, term, count: 1 });
                }
            }
        }
    }
    out
}

fn place(text: &str, span: &Span) -> Place {
    Place { start: span.start, end: span.end, text: span.text(text).to_string() }
}

/// The status the target term has in `concept` (a term may be preferred in one concept
/// and deprecated in another).
fn status_in(dict: &Dictionary, concept: ConceptId, lang: Lang, span: &Span) -> TermStatus {
    let term = dict.term(span);
    dict.entries_of(concept)
        .into_iter()
        .filter(|e| e.lang == lang && e.text == term)
        .map(|e| e.status)
        .min_by_key(|&s| s as u8)
        .unwrap_or(span.term_status)
}

fn check(dict: &Dictionary, req: &CheckRequest, source: &[Span], target: &[Span]) -> CheckReport {
    let source_paras = paragraphs(&req.source_text);
    let target_paras = paragraphs(&req.target_text);
    let by_paragraph = source_paras.len() == target_paras.len();
    // Source paragraph → the target paragraph that renders it (aligned: see `paragraphs.rs`).
    let aligned = if by_paragraph {
        let source_anchors =
            anchors(&req.source_text, &source_paras, source.iter().map(|s| (s.start, s.concepts.as_slice())));
        let target_anchors =
            anchors(&req.target_text, &target_paras, target.iter().map(|s| (s.start, s.concepts.as_slice())));
        align(&source_anchors, &target_anchors)
    } else {
        Vec::new()
    };
    // Where a span is compared: its paragraph's counterpart, or the whole document (0).
    let source_scope = |span: &Span| {
        if by_paragraph {
            aligned[paragraph_of(&source_paras, span.start)]
        } else {
            Some(0)
        }
    };
    let target_scope = |span: &Span| if by_paragraph { Some(paragraph_of(&target_paras, span.start)) } else { Some(0) };
    let mut summary: Vec<CheckSummary> = Vec::new();
    let mut findings = Vec::new();
    // (concept, scope) → target spans of that concept already paired with a source span.
    let mut used: BTreeMap<(ConceptId, Option<usize>), usize> = BTreeMap::new();
    for span in source {
        let Some(&concept) = span.concepts.first() else { continue };
        match summary.iter_mut().find(|s| s.concept == concept) {
            Some(s) => s.source_count += 1,
            None => summary.push(CheckSummary {
                concept,
                term: dict.term(span),
                source_count: 1,
                target_count: target.iter().filter(|t| t.concepts.iter().any(|c| span.concepts.contains(c))).count(),
            }),
        }
        let expected: Vec<String> = {
            let mut all: Vec<String> = Vec::new();
            for &c in &span.concepts {
                for t in adopted_texts(dict, c, req.target_lang) {
                    if !all.contains(&t) {
                        all.push(t);
                    }
                }
            }
            all
        };
        if expected.is_empty() {
            // Nothing adopted in the target language: nothing to check against.
            continue;
        }
        let scope = source_scope(span);
        let paragraph = by_paragraph.then(|| paragraph_of(&source_paras, span.start) + 1);
        // The target spans naming one of the concepts, in the same scope, in order; the
        // n-th occurrence in the source pairs with the n-th in the target. A source
        // paragraph that nothing renders has none.
        let candidates: Vec<&Span> = target
            .iter()
            .filter(|t| t.concepts.iter().any(|c| span.concepts.contains(c)))
            .filter(|t| scope.is_some() && target_scope(t) == scope)
            .collect();
        let n = used.entry((concept, scope)).or_insert(0);
        let paired = candidates.get(*n).copied();
        *n += 1;
        let finding = |kind, target: Option<&Span>| Finding {
            kind,
            concept,
            source: place(&req.source_text, span),
            target: target.map(|t| place(&req.target_text, t)),
            expected: expected.clone(),
            paragraph,
        };
        match paired {
            None => findings.push(finding(FindingKind::MissingEquivalent, None)),
            Some(t) => {
                let in_concept = t.concepts.iter().find(|c| span.concepts.contains(c)).copied().unwrap_or(concept);
                match status_in(dict, in_concept, req.target_lang, t) {
                    TermStatus::Deprecated => findings.push(finding(FindingKind::DeprecatedInTarget, Some(t))),
                    TermStatus::Admitted => findings.push(finding(FindingKind::NonPreferredInTarget, Some(t))),
                    TermStatus::Preferred => {}
                }
            }
        }
    }
    CheckReport { findings, summary }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_default_to_the_five_other_languages() {
        assert_eq!(targets(Lang::En, None), vec![Lang::Ar, Lang::Zh, Lang::Fr, Lang::Ru, Lang::Es]);
        assert_eq!(targets(Lang::En, Some(vec![Lang::Fr, Lang::Fr, Lang::Ar])), vec![Lang::Fr, Lang::Ar]);
    }
}
