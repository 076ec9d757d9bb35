//! Collecting matches: one hit per concept (its best-scoring language), the
//! total of distinct concepts, and facets, then snippets for the page shown.
//!
//! A search without facets does bounded work ([`top_concepts`]): it counts
//! concepts up to a cap, then keeps only the best `k` and lets the scorer skip
//! whatever cannot beat the k-th. Facets need every match ([`every_match`]).

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::{EnableScoring, Query};
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

/// Distinct concepts a search counts exactly; past it, `total` is a lower bound
/// (`total_exact: false`) and the search stops counting.
pub const EXACT_TOTAL: u64 = 10_000;

/// One matching section document: what ranking and collapsing need.
#[derive(Debug, Clone, Copy)]
pub(super) struct Match {
    score: Score,
    cid: u64,
    lang: u8,
    addr: DocAddress,
}

/// A match with what the facets count.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tagged {
    m: Match,
    status: u8,
    sg_mask: u64,
    public: u8,
}

/// Every match with its facet values (a full pass: for facets and for tests).
pub(super) struct Matches;

pub(super) struct SegmentMatches {
    segment: SegmentOrdinal,
    cols: [Column<u64>; 5],
    out: Vec<Tagged>,
}

impl Collector for Matches {
    type Fruit = Vec<Tagged>;
    type Child = SegmentMatches;

    fn for_segment(&self, segment: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<SegmentMatches> {
        let ff = reader.fast_fields();
        let cols = [ff.u64("cid")?, ff.u64("lang_ord")?, ff.u64("status_ord")?, ff.u64("sg_mask")?, ff.u64("public")?];
        Ok(SegmentMatches { segment, cols, out: Vec::new() })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Tagged>>) -> tantivy::Result<Vec<Tagged>> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentMatches {
    type Fruit = Vec<Tagged>;

    fn collect(&mut self, doc: DocId, score: Score) {
        let get = |i: usize| self.cols[i].first(doc).unwrap_or(0);
        self.out.push(Tagged {
            m: Match { score, cid: get(0), lang: get(1) as u8, addr: DocAddress::new(self.segment, doc) },
            status: get(2) as u8,
            sg_mask: get(3),
            public: get(4) as u8,
        });
    }

    fn harvest(self) -> Vec<Tagged> {
        self.out
    }
}

/// What a query found, before the page is cut and its snippets made.
pub(super) struct Found {
    /// The best match of each concept kept, unordered: every concept, or at least the best `k` asked for.
    best: Vec<Match>,
    total: u64,
    total_exact: bool,
    facets: Option<Facets>,
}

impl Found {
    pub(super) fn is_empty(&self) -> bool {
        self.best.is_empty()
    }
}

/// Every match: the exact total and the facets, at the cost of visiting each one.
pub(super) fn every_match(searcher: &Searcher, query: &dyn Query) -> Result<Found> {
    let all = searcher.search(query, &Matches)?;
    let best = best_per_concept(&all, |t| &t.m);
    let facets = facets(&all, &best);
    Ok(Found {
        total: best.len() as u64,
        total_exact: true,
        facets: Some(facets),
        best: best.iter().map(|t| t.m).collect(),
    })
}

/// The best `k` concepts, and the number of concepts matching counted up to
/// `cap` (then `cap + 1`, not exact). Until the cap every match is read (to
/// count it); after it, only matches that can still enter the top `k`: the
/// scorer is told the k-th best score and skips (block-max WAND where the query
/// allows it) or cheaply drops everything below it, without reading its fast
/// fields. Ties with the k-th are still read, so the order (score, then concept
/// id, then language) is the same as with every match.
pub(super) fn top_concepts(searcher: &Searcher, query: &dyn Query, k: usize, cap: u64) -> Result<Found> {
    let weight = query.weight(EnableScoring::enabled_from_searcher(searcher))?;
    let mut top = TopConcepts::new(k, cap);
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let ff = reader.fast_fields();
        let (cid, lang) = (ff.u64("cid")?, ff.u64("lang_ord")?);
        let alive = reader.alive_bitset();
        let segment = ord as SegmentOrdinal;
        weight.for_each_pruning(top.threshold(), reader, &mut |doc, score| {
            if !alive.is_some_and(|a| a.is_deleted(doc)) {
                top.push(Match {
                    score,
                    cid: cid.first(doc).unwrap_or(0),
                    lang: lang.first(doc).unwrap_or(0) as u8,
                    addr: DocAddress::new(segment, doc),
                });
            }
            top.threshold()
        })?;
    }
    Ok(top.finish())
}

/// Hashes a concept id with one multiplication (as rustc's FxHash does): with
/// SipHash, hashing was a tenth of a broad query's time.
#[derive(Default, Clone, Copy)]
struct CidHasher(u64);

impl Hasher for CidHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

/// Per-concept map keyed by concept id.
type ByConcept<V> = HashMap<u64, V, BuildHasherDefault<CidHasher>>;

/// The running state of [`top_concepts`].
struct TopConcepts {
    k: usize,
    cap: u64,
    /// Best match per concept: every concept while counting, then those that may still be in the top `k`.
    best: ByConcept<Match>,
    counting: bool,
    /// The k-th best concept's match once counting is over: what ranks after it never enters.
    floor: Option<Match>,
}

impl TopConcepts {
    fn new(k: usize, cap: u64) -> TopConcepts {
        // At least one: whether anything matched decides the fuzzy fallback, even for `limit=0`.
        TopConcepts { k: k.max(1), cap, best: ByConcept::default(), counting: true, floor: None }
    }

    /// Scores the scorer may skip: at or below it (just below the k-th, so ties are still seen).
    fn threshold(&self) -> Score {
        match &self.floor {
            Some(m) => m.score.next_down(),
            None => Score::MIN,
        }
    }

    fn push(&mut self, m: Match) {
        if self.floor.as_ref().is_some_and(|floor| better(floor, &m).is_lt()) {
            return;
        }
        match self.best.entry(m.cid) {
            Entry::Occupied(mut e) => {
                if better(&m, e.get()).is_lt() {
                    e.insert(m);
                }
            }
            Entry::Vacant(e) => {
                e.insert(m);
                if self.counting && self.best.len() as u64 > self.cap {
                    self.counting = false;
                    self.prune();
                }
            }
        }
        if !self.counting && self.best.len() >= self.k + self.k.max(256) {
            self.prune();
        }
    }

    /// Keeps the best `k` concepts; the k-th becomes the floor.
    fn prune(&mut self) {
        if self.best.len() <= self.k {
            return;
        }
        let kept = top(self.best.drain().map(|(_, m)| m).collect(), self.k);
        self.floor = kept.last().copied();
        self.best = kept.into_iter().map(|m| (m.cid, m)).collect();
    }

    fn finish(self) -> Found {
        let total = if self.counting { self.best.len() as u64 } else { self.cap.saturating_add(1) };
        Found { best: self.best.into_values().collect(), total, total_exact: self.counting, facets: None }
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
    /// Distinct concepts matching: exact up to 10,000 (and always with `facets=true`); beyond, the search
    /// stops counting, says 10,001 and `total_exact` is false.
    pub total: u64,
    /// Whether `total` is the exact number of matching concepts (false: more than 10,000).
    pub total_exact: bool,
    pub hits: Vec<Hit>,
    /// Concepts per language, study group and status; only with `facets=true`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<Facets>,
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
fn best_per_concept<T: Copy>(found: &[T], m: impl Fn(&T) -> &Match) -> Vec<T> {
    let mut best: ByConcept<T> = ByConcept::with_capacity_and_hasher(found.len(), Default::default());
    for t in found {
        best.entry(m(t).cid)
            .and_modify(|b| {
                if better(m(t), m(b)).is_lt() {
                    *b = *t;
                }
            })
            .or_insert(*t);
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

fn facets(all: &[Tagged], best: &[Tagged]) -> Facets {
    let mut f = Facets::default();
    let mut per_lang = [0u64; 6];
    // A concept has at most one public document per language; staff searches may also see
    // a working copy of the same section, which must not count twice.
    let mut seen: HashSet<(u64, u8)> = HashSet::new();
    let dedupe = all.len() != best.len() && all.iter().any(|t| t.public == 0);
    for Tagged { m, .. } in all {
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
    found: Found,
) -> Result<SearchResponse> {
    let Found { best, total, total_exact, facets } = found;
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
    Ok(SearchResponse { total, total_exact, hits, facets })
}

/// A term as the exact analyzer sees it, as one string: what a typed start is compared with.
fn term_key(manager: &tantivy::tokenizer::TokenizerManager, lang: Lang, text: &str) -> String {
    let sep = if lang == Lang::Zh { "" } else { " " };
    analyzers::tokens(manager, analyzers::exact(lang), text).join(sep)
}

pub(super) fn suggestions(
    index: &Index,
    f: &Fields,
    searcher: &Searcher,
    req: &SearchRequest,
    q: &str,
    found: Found,
    limit: usize,
) -> Result<Vec<Suggestion>> {
    let tm = index.tokenizers();
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for m in top(found.best, limit * 2) {
        let lang = Lang::ALL.get(m.lang as usize).copied().unwrap_or(Lang::En);
        let d = doc(searcher, m.addr)?;
        // The term of that language that best fits what was typed.
        let typed = term_key(tm, lang, q.trim_end_matches('*'));
        let terms: Vec<&str> = d.get_all(f.lang(lang).term).filter_map(|v| v.as_str()).collect();
        let text =
            terms.iter().find(|t| term_key(tm, lang, t).starts_with(&typed)).or(terms.first()).map(|t| t.to_string());
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

pub(super) fn cards(f: &Fields, searcher: &Searcher, found: Found) -> Result<Vec<(ConceptId, Card)>> {
    let mut out = Vec::new();
    for m in found.best {
        out.push((ConceptId(m.cid as i64), card(f, &doc(searcher, m.addr)?)));
    }
    out.sort_by_key(|(id, _)| *id);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Many ties, several documents per concept, in a scrambled order.
    fn matches() -> Vec<Match> {
        (0u32..600)
            .map(|i| {
                let x = i.wrapping_mul(2_654_435_761) >> 7;
                Match {
                    score: [0.5, 1.0, 1.0, 2.0, 3.5, 3.5, 7.0][(x % 7) as usize],
                    cid: u64::from(x % 97),
                    lang: (x % 6) as u8,
                    addr: DocAddress::new(0, i),
                }
            })
            .collect()
    }

    #[test]
    fn top_concepts_keep_the_order_of_a_full_collapse_whatever_the_cap() {
        let all = matches();
        let concepts = best_per_concept(&all, |m| m);
        for k in [1, 2, 5, 10, 40, 200] {
            let want = top(concepts.clone(), k);
            for cap in [0, 1, 10, 96, 97, 1000] {
                let mut t = TopConcepts::new(k, cap);
                for m in &all {
                    // What the scorer does with the threshold it is given.
                    if m.score > t.threshold() {
                        t.push(*m);
                    }
                }
                let found = t.finish();
                let got = top(found.best, k);
                let key = |v: &[Match]| v.iter().map(|m| (m.cid, m.lang, m.score)).collect::<Vec<_>>();
                assert_eq!(key(&got), key(&want), "k {k}, cap {cap}");
                let exact = cap >= 97;
                assert_eq!(
                    (found.total, found.total_exact),
                    (if exact { 97 } else { cap + 1 }, exact),
                    "k {k} cap {cap}"
                );
            }
        }
    }
}
