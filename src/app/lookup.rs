//! Term lookups on the fast path: `mode=exact` term searches, the translator's
//! equivalents and suggestions while typing, answered from the App's one term dictionary
//! (the running-text recognizer's, `recognizer.rs`) in memory: no query on the index, no
//! read of each concept's sections from SQLite.
//!
//! The index answers whatever the dictionary cannot: queries with operators or filters,
//! the staff view, facets, and lookups the dictionary finds nothing for (another spelling,
//! a typo, a stem). The dictionary is used only once built (a server builds it in the
//! background when it starts; until then the index answers, as it does in a CLI process).

use std::collections::{BTreeMap, HashSet};

use super::annotate::adopted_equivalents;
use super::catalog::Equivalent;
use super::App;
use crate::error::Result;
use crate::model::{ConceptId, Lang};
use crate::recognize::{Dictionary, Entry, Kind, TermStatus, Visibility};
use crate::search::{parse_query, Hit, HitSource, Mode, SearchField, SearchRequest, SearchResponse, Suggestion};
use crate::store;
use crate::text::{escape_html, norm_term};

/// A term to look up as text, not as a search query: the query syntax's quotation marks,
/// `*` and leading `-` are plain separators (`a*b` or `"x` finds what it can instead of
/// being a syntax error); `None` when no word is left.
pub(super) fn lookup_text(term: &str) -> Option<String> {
    let spaced: String = term
        .chars()
        .map(|c| if matches!(c, '"' | '“' | '”' | '«' | '»' | '「' | '」' | '*') { ' ' } else { c })
        .collect();
    let words: Vec<&str> =
        spaced.split_whitespace().map(|w| w.trim_start_matches('-')).filter(|w| !w.is_empty()).collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// How well an entry names its concept for the lookup: whole terms before abbreviations,
/// preferred before admitted before deprecated.
fn rank(e: &Entry) -> (bool, u8) {
    (e.kind == Kind::Abbreviation, e.status as u8)
}

/// The public entries of `lang` whose whole text is `text`, the best of each concept only,
/// best first (then by concept id, the order concepts were recorded in).
fn whole_term_matches(dict: &Dictionary, lang: Lang, text: &str) -> Vec<Entry> {
    let mut found: Vec<Entry> =
        dict.lookup(lang, text).into_iter().filter(|e| e.visibility == Visibility::Public).collect();
    found.sort_by_key(|a| (rank(a), a.concept));
    let mut seen = HashSet::new();
    found.retain(|e| seen.insert(e.concept));
    found
}

/// The public preferred term of each language of a concept (a hit's `terms`): the first
/// preferred whole term, else its first whole term, else its first abbreviation.
fn card_terms(dict: &Dictionary, concept: ConceptId) -> BTreeMap<Lang, String> {
    let mut best: BTreeMap<Lang, Entry> = BTreeMap::new();
    for e in dict.entries_of(concept).into_iter().filter(|e| e.visibility == Visibility::Public) {
        let better = match best.get(&e.lang) {
            None => true,
            Some(b) => card_rank(&e) < card_rank(b),
        };
        if better {
            best.insert(e.lang, e);
        }
    }
    best.into_iter().map(|(l, e)| (l, e.text)).collect()
}

fn card_rank(e: &Entry) -> (bool, bool) {
    (e.kind == Kind::Abbreviation, e.status != TermStatus::Preferred)
}

impl App {
    /// `mode=exact` on terms, public view, no filter, no facets: the concepts one of whose
    /// terms (or abbreviations) is the query as a whole, from the dictionary. `None` when
    /// the index must answer (see the module documentation).
    pub(super) fn exact_from_dictionary(&self, req: &SearchRequest) -> Result<Option<SearchResponse>> {
        let plain = req.mode == Mode::Exact
            && req.field == SearchField::Term
            && req.public_only
            && !req.facets
            && req.sg.is_none()
            && req.rec.is_none()
            && req.status.is_none()
            && req.from.is_none()
            && req.to.is_none();
        if !plain {
            return Ok(None);
        }
        // A query the parser refuses gets its error from the index path.
        let Ok(parsed) = parse_query(&req.q) else { return Ok(None) };
        if parsed.text.is_empty() || parsed.prefix || !parsed.phrases.is_empty() || !parsed.excluded.is_empty() {
            return Ok(None);
        }
        let Some(dict) = self.recognizer.if_built() else { return Ok(None) };
        let mut found: Vec<Entry> = Vec::new();
        for lang in req.langs() {
            found.extend(whole_term_matches(&dict, lang, &parsed.text));
        }
        if found.is_empty() {
            return Ok(None);
        }
        // One hit per concept, in the language where it matches best (then the first asked).
        found.sort_by_key(|e| (rank(e), e.concept));
        let mut seen = HashSet::new();
        found.retain(|e| seen.insert(e.concept));
        let total = found.len() as u64;
        let page: Vec<Entry> = found.into_iter().skip(req.offset).take(req.limit).collect();
        let heads = self
            .store
            .read(|c| page.iter().map(|e| store::concepts::head(c, e.concept)).collect::<Result<Vec<_>>>())?;
        let mut hits = Vec::with_capacity(page.len());
        for (e, head) in page.into_iter().zip(heads) {
            // Withdrawn by another process a moment ago, before the dictionary caught up.
            let Some(head) = head.filter(|h| h.status.is_public()) else { continue };
            let terms = card_terms(&dict, e.concept);
            let snippet = match e.kind {
                Kind::Term => format!("<mark>{}</mark>", escape_html(&e.text)),
                Kind::Abbreviation => {
                    let term = terms.get(&e.lang).filter(|t| **t != e.text);
                    match term {
                        Some(t) => format!("{} (<mark>{}</mark>)", escape_html(t), escape_html(&e.text)),
                        None => format!("<mark>{}</mark>", escape_html(&e.text)),
                    }
                }
            };
            hits.push(Hit {
                id: e.concept,
                score: if e.kind == Kind::Term { 1.0 } else { 0.75 },
                lang: e.lang,
                field: "term".into(),
                snippet,
                terms,
                source: HitSource { rec: head.rec, clause: head.clause },
                status: head.status.as_str().to_string(),
            });
        }
        Ok(Some(SearchResponse { total, total_exact: true, hits, facets: None }))
    }

    /// The translator's lookup ([`App::equivalents`], public view) from the dictionary alone,
    /// never waiting (so the server answers it on its async workers): concepts with a
    /// public `from` term that is `text` as a whole, then those with a term beginning with it (or with a word of it
    /// beginning so), up to `limit`. `None` when the dictionary is not built or finds
    /// nothing: the index then looks for the words anywhere, stemmed, tolerating typos.
    pub fn equivalents_in_memory(&self, text: &str, from: Lang, to: &[Lang], limit: usize) -> Option<Vec<Equivalent>> {
        let text = lookup_text(text)?;
        let text = text.as_str();
        let dict = self.recognizer.if_built()?;
        let typed = norm_term(text);
        let mut out: Vec<Equivalent> = Vec::new();
        let mut seen = HashSet::new();
        let equivalent = |e: &Entry, exact: bool| Equivalent {
            id: e.concept,
            matched: e.text.clone(),
            equivalents: adopted_equivalents(&dict, e.concept, to),
            exact,
        };
        for e in whole_term_matches(&dict, from, text) {
            if out.len() == limit {
                break;
            }
            seen.insert(e.concept);
            out.push(equivalent(&e, true));
        }
        // The concepts found whole come again among the completions, and a concept may
        // complete the text more than once: ask for a few more than are missing, and for
        // four times as many only when those were not enough (decoding them is the cost).
        let mut wanted = limit - out.len() + seen.len() + 2;
        while out.len() < limit {
            let completions = dict.complete(Some(from), text, true, wanted);
            let exhausted = completions.len() < wanted;
            // Those read in a smaller round are all in `seen` by now.
            for c in completions {
                if out.len() == limit {
                    break;
                }
                if seen.insert(c.entry.concept) {
                    let exact = norm_term(&c.entry.text) == typed;
                    out.push(equivalent(&c.entry, exact));
                }
            }
            if exhausted {
                break;
            }
            wanted = wanted.saturating_mul(4);
        }
        // Exact matches first (a completion can be one the whole-term key missed); stable.
        out.sort_by_key(|e| !e.exact);
        (!out.is_empty()).then_some(out)
    }

    /// Terms completing `q` ([`App::suggest`]) from the dictionary alone, never waiting; `None`
    /// when it is not built, busy with an update, or completes nothing.
    pub fn suggest_in_memory(
        &self,
        q: &str,
        lang: Option<Lang>,
        public_only: bool,
        limit: usize,
    ) -> Option<Vec<Suggestion>> {
        let typed = lookup_text(q)?;
        let dict = self.recognizer.if_built()?;
        let mut out: Vec<Suggestion> = Vec::with_capacity(limit);
        let mut seen = HashSet::new();
        // Two concepts may share a text: ask for more completions than suggestions.
        for c in dict.complete(lang, &typed, public_only, limit.saturating_mul(2)) {
            if out.len() < limit && seen.insert((c.entry.text.clone(), c.entry.lang)) {
                out.push(Suggestion { text: c.entry.text, lang: c.entry.lang, id: c.entry.concept });
            }
        }
        (!out.is_empty()).then_some(out)
    }
}
