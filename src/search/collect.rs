//! Collecting matches: one hit per concept (its best-scoring language), the
//! total of distinct concepts, and facets, then snippets for the page shown.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::schema::Value;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, DocId, Index, Score, Searcher, SegmentOrdinal, SegmentReader, TantivyDocument};

use super::analyzers;
use super::document::Card;
use super::request::{ParsedQuery, SearchField, SearchRequest};
use super::schema::Fields;
use crate::error::{Error, Result};
use crate::model::{ConceptId, ConceptStatus, Lang};
use crate::text::escape_html;

/// One matching section document.
#[derive(Debug, Clone, Copy)]
pub(super) struct Match {
    score: Score,
    cid: u64,
    lang: u8,
    status: u8,
    sg_mask: u64,
    public: u8,
    addr: DocAddress,
}

pub(super) struct Matches {
    names: [&'static str; 5],
}

impl Matches {
    pub(super) fn new(_f: &Fields) -> Matches {
        Matches { names: ["cid", "lang_ord", "status_ord", "sg_mask", "public"] }
    }
}

pub(super) struct SegmentMatches {
    segment: SegmentOrdinal,
    cols: [Column<u64>; 5],
    out: Vec<Match>,
}

impl Collector for Matches {
    type Fruit = Vec<Match>;
    type Child = SegmentMatches;

    fn for_segment(&self, segment: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<SegmentMatches> {
        let ff = reader.fast_fields();
        let cols = [
            ff.u64(self.names[0])?,
            ff.u64(self.names[1])?,
            ff.u64(self.names[2])?,
            ff.u64(self.names[3])?,
            ff.u64(self.names[4])?,
        ];
        Ok(SegmentMatches { segment, cols, out: Vec::new() })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Match>>) -> tantivy::Result<Vec<Match>> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentMatches {
    type Fruit = Vec<Match>;

    fn collect(&mut self, doc: DocId, score: Score) {
        let get = |i: usize| self.cols[i].first(doc).unwrap_or(0);
        self.out.push(Match {
            score,
            cid: get(0),
            lang: get(1) as u8,
            status: get(2) as u8,
            sg_mask: get(3),
            public: get(4) as u8,
            addr: DocAddress::new(self.segment, doc),
        });
    }

    fn harvest(self) -> Vec<Match> {
        self.out
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct HitSource {
    pub rec: Option<String>,
    pub clause: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Hit {
    pub id: ConceptId,
    pub score: f32,
    /// The language the best match was in.
    pub lang: Lang,
    /// `term` or `definition`.
    pub field: String,
    /// HTML-escaped text with the matches in `<mark>…</mark>`.
    pub snippet: String,
    /// Preferred term in each language the caller may see.
    pub terms: BTreeMap<Lang, String>,
    pub source: HitSource,
    pub status: String,
}

#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct Facets {
    /// Concepts matching in each language.
    pub lang: BTreeMap<String, u64>,
    pub sg: BTreeMap<String, u64>,
    pub status: BTreeMap<String, u64>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SearchResponse {
    /// Distinct concepts matching.
    pub total: u64,
    pub hits: Vec<Hit>,
    pub facets: Facets,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Suggestion {
    pub text: String,
    pub lang: Lang,
    pub id: ConceptId,
}

/// Hit order: best score first, ties by concept id then language, so paging is stable.
fn better(a: &Match, b: &Match) -> std::cmp::Ordering {
    b.score.total_cmp(&a.score).then(a.cid.cmp(&b.cid)).then(a.lang.cmp(&b.lang))
}

/// The best match of each concept, unordered: one pass, no sort of all matches.
fn best_per_concept(found: &[Match]) -> Vec<Match> {
    let mut best: HashMap<u64, Match> = HashMap::with_capacity(found.len());
    for m in found {
        best.entry(m.cid)
            .and_modify(|b| {
                if better(m, b).is_lt() {
                    *b = *m;
                }
            })
            .or_insert(*m);
    }
    best.into_values().collect()
}

/// The first `n` of `best` in hit order; only those are sorted.
fn top(mut best: Vec<Match>, n: usize) -> Vec<Match> {
    if n < best.len() {
        if n == 0 {
            return Vec::new();
        }
        best.select_nth_unstable_by(n - 1, better);
        best.truncate(n);
    }
    best.sort_by(better);
    best
}

/// Best match per concept, best first.
fn collapse(found: &[Match]) -> Vec<Match> {
    let best = best_per_concept(found);
    let n = best.len();
    top(best, n)
}

fn facets(all: &[Match], best: &[Match]) -> Facets {
    let mut f = Facets::default();
    let mut per_lang = [0u64; 6];
    // A concept has at most one public document per language; staff searches may also see
    // a working copy of the same section, which must not count twice.
    let mut seen: HashSet<(u64, u8)> = HashSet::new();
    let dedupe = all.len() != best.len() && all.iter().any(|m| m.public == 0);
    for m in all {
        if (!dedupe || seen.insert((m.cid, m.lang))) && (m.lang as usize) < per_lang.len() {
            per_lang[m.lang as usize] += 1;
        }
    }
    for (lang, n) in Lang::ALL.iter().zip(per_lang) {
        if n > 0 {
            f.lang.insert(lang.code().to_string(), n);
        }
    }
    let mut per_status = [0u64; 8];
    let mut per_sg = [0u64; 64];
    for m in best {
        if let Some(slot) = per_status.get_mut(m.status as usize) {
            *slot += 1;
        }
        let mut mask = m.sg_mask;
        while mask != 0 {
            let bit = mask.trailing_zeros();
            per_sg[bit as usize] += 1;
            mask &= mask - 1;
        }
    }
    for (status, n) in ConceptStatus::ALL.iter().zip(per_status) {
        if n > 0 {
            f.status.insert(status.as_str().to_string(), n);
        }
    }
    for (bit, n) in per_sg.iter().enumerate().filter(|(_, n)| **n > 0) {
        let code = if bit == 0 { "TSAG".to_string() } else { format!("SG{bit}") };
        f.sg.insert(code, *n);
    }
    f
}

fn doc(searcher: &Searcher, addr: DocAddress) -> Result<TantivyDocument> {
    Ok(searcher.doc(addr)?)
}

fn card(f: &Fields, d: &TantivyDocument) -> Card {
    d.get_first(f.card).and_then(|v| v.as_str()).and_then(|s| serde_json::from_str(s).ok()).unwrap_or_default()
}

/// Snippet generators per (language, field), built on first use.
struct Snippets<'a> {
    index: &'a Index,
    f: &'a Fields,
    words: Vec<String>,
    cache: HashMap<(Lang, bool), SnippetGenerator>,
}

impl<'a> Snippets<'a> {
    fn new(index: &'a Index, f: &'a Fields, parsed: &ParsedQuery) -> Self {
        let mut words = vec![parsed.text.clone()];
        words.extend(parsed.phrases.iter().cloned());
        Snippets { index, f, words, cache: HashMap::new() }
    }

    fn generator(&mut self, lang: Lang, definition: bool) -> Result<&SnippetGenerator> {
        if !self.cache.contains_key(&(lang, definition)) {
            let lf = self.f.lang(lang);
            let field = if definition { lf.definition } else { lf.term };
            let tm = self.index.tokenizers();
            let name = analyzers::stemmed(lang);
            let mut terms = BTreeMap::new();
            for w in &self.words {
                for t in analyzers::tokens(tm, name, w) {
                    terms.insert(t, 1.0);
                }
            }
            let tokenizer = tm.get(name).ok_or_else(|| Error::Index(format!("analyzer {name} missing")))?;
            let mut g = SnippetGenerator::new(terms, tokenizer, field, 200);
            g.set_max_num_chars(200);
            self.cache.insert((lang, definition), g);
        }
        Ok(&self.cache[&(lang, definition)])
    }

    /// The snippet of the field that matched: the term if it shows a match, else the definition.
    fn best(&mut self, lang: Lang, d: &TantivyDocument, field: SearchField) -> Result<(String, String)> {
        let mut first: Option<(String, String)> = None;
        let order: &[bool] = match field {
            SearchField::Term => &[false],
            SearchField::Definition => &[true],
            SearchField::All => &[false, true],
        };
        for &definition in order {
            let mut s = self.generator(lang, definition)?.snippet_from_doc(d);
            s.set_snippet_prefix_postfix("<mark>", "</mark>");
            let name = if definition { "definition" } else { "term" };
            if !s.highlighted().is_empty() {
                return Ok((name.into(), s.to_html()));
            }
            if first.is_none() && !s.fragment().is_empty() {
                first = Some((name.into(), s.to_html()));
            }
        }
        if let Some(found) = first {
            return Ok(found);
        }
        // Matched through an abbreviation or a fuzzy form: show the term, marking a matching abbreviation.
        let tm = self.index.tokenizers();
        let typed: Vec<Vec<String>> = self.words.iter().map(|w| analyzers::tokens(tm, analyzers::ABBREV, w)).collect();
        let term = d.get_first(self.f.lang(lang).term).and_then(|v| v.as_str()).unwrap_or("");
        let mut html = escape_html(term);
        for abbr in d.get_all(self.f.abbreviation).filter_map(|v| v.as_str()) {
            let hit = typed.contains(&analyzers::tokens(tm, analyzers::ABBREV, abbr));
            let shown = escape_html(abbr);
            html.push_str(&if hit { format!(" (<mark>{shown}</mark>)") } else { format!(" ({shown})") });
        }
        Ok(("term".into(), html))
    }
}

pub(super) fn respond(
    index: &Index,
    f: &Fields,
    searcher: &Searcher,
    req: &SearchRequest,
    parsed: &ParsedQuery,
    all: Vec<Match>,
) -> Result<SearchResponse> {
    let best = best_per_concept(&all);
    let facets = facets(&all, &best);
    let total = best.len() as u64;
    let best = top(best, req.offset.saturating_add(req.limit));
    let mut snippets = Snippets::new(index, f, parsed);
    let mut hits = Vec::new();
    for m in best.iter().skip(req.offset).take(req.limit) {
        let d = doc(searcher, m.addr)?;
        let lang = Lang::ALL.get(m.lang as usize).copied().unwrap_or(Lang::En);
        let (field, snippet) = snippets.best(lang, &d, req.field)?;
        let card = card(f, &d);
        hits.push(Hit {
            id: ConceptId(m.cid as i64),
            score: m.score,
            lang,
            field,
            snippet,
            terms: card.terms,
            source: HitSource { rec: card.rec, clause: card.clause },
            status: card.status,
        });
    }
    Ok(SearchResponse { total, hits, facets })
}

pub(super) fn suggestions(
    index: &Index,
    f: &Fields,
    searcher: &Searcher,
    req: &SearchRequest,
    q: &str,
    all: Vec<Match>,
    limit: usize,
) -> Result<Vec<Suggestion>> {
    let tm = index.tokenizers();
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for m in top(best_per_concept(&all), limit * 2) {
        let lang = Lang::ALL.get(m.lang as usize).copied().unwrap_or(Lang::En);
        let d = doc(searcher, m.addr)?;
        // The term of that language that best fits what was typed.
        let typed = super::document::term_key(tm, lang, q.trim_end_matches('*'));
        let terms: Vec<&str> = d.get_all(f.lang(lang).term).filter_map(|v| v.as_str()).collect();
        let text = terms
            .iter()
            .find(|t| super::document::term_key(tm, lang, t).starts_with(&typed))
            .or(terms.first())
            .map(|t| t.to_string());
        if let Some(text) = text {
            if seen.insert((text.clone(), lang)) {
                out.push(Suggestion { text, lang, id: ConceptId(m.cid as i64) });
            }
        }
        if out.len() >= limit {
            break;
        }
    }
    let _ = req;
    Ok(out)
}

pub(super) fn cards(f: &Fields, searcher: &Searcher, all: Vec<Match>) -> Result<Vec<(ConceptId, Card)>> {
    let mut out = Vec::new();
    for m in collapse(&all) {
        out.push((ConceptId(m.cid as i64), card(f, &doc(searcher, m.addr)?)));
    }
    out.sort_by_key(|(id, _)| *id);
    Ok(out)
}
