//! From a search request to a tantivy query, and running it.
//!
//! The query string is plain text with three optional operators: `"a phrase"`
//! (exact phrase), `-word` (exclude) and `word*` (prefix). Anything else is
//! text. Each requested language analyzes the text with its own analyzers, so
//! the same query finds réseau/reseau, сети/сеть, الشَّبَكَة/الشبكة, 电表/智能电表.

use std::ops::Bound;

use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, FuzzyTermQuery, Occur, PhrasePrefixQuery, PhraseQuery, Query,
    RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Index, Searcher, Term};

use super::analyzers;
use super::collect::{self, SearchResponse, Suggestion};
use super::document::{term_key, Card};
use super::schema::Fields;
use crate::error::{Error, Result};
use crate::model::{ConceptId, ConceptStatus, Lang, RecId, StudyGroupCode};

/// Longest query string accepted.
pub const MAX_QUERY_CHARS: usize = 500;

crate::string_enum! {
    /// Which text a query looks in.
    pub enum SearchField { Term = "term", Definition = "definition", All = "all" }
}

crate::string_enum! {
    /// How the query text must match.
    pub enum Mode {
        /// Exact term first, then phrase, words, definitions; falls back to fuzzy when nothing matches.
        Auto = "auto",
        /// The whole term equals the query (normalized).
        Exact = "exact",
        /// The term starts with the query, or a word of it does.
        Prefix = "prefix",
        /// The query appears as a phrase (a substring of Chinese text).
        Contains = "contains",
        /// Every word within one or two edits.
        Fuzzy = "fuzzy",
        /// Any of the words, best overlap first (more-like-this; used for harmonization).
        Any = "any",
    }
}

crate::string_enum! {
    /// Which date `from`/`to` filter on (Resolution 67's search by time range).
    pub enum DateField { Proposed = "proposed", Accepted = "accepted", Adopted = "adopted", Updated = "updated" }
}

#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub q: String,
    /// Empty means all six.
    pub langs: Vec<Lang>,
    pub field: SearchField,
    pub mode: Mode,
    pub sg: Option<StudyGroupCode>,
    pub rec: Option<RecId>,
    pub status: Option<ConceptStatus>,
    pub date_field: DateField,
    /// Unix seconds, inclusive.
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub limit: usize,
    pub offset: usize,
    /// Public callers see only adopted text of accepted concepts.
    pub public_only: bool,
}

impl SearchRequest {
    pub fn new(q: impl Into<String>) -> SearchRequest {
        SearchRequest {
            q: q.into(),
            langs: Vec::new(),
            field: SearchField::All,
            mode: Mode::Auto,
            sg: None,
            rec: None,
            status: None,
            date_field: DateField::Updated,
            from: None,
            to: None,
            limit: 20,
            offset: 0,
            public_only: true,
        }
    }

    fn langs(&self) -> Vec<Lang> {
        if self.langs.is_empty() {
            Lang::ALL.to_vec()
        } else {
            self.langs.clone()
        }
    }
}

/// A query string that cannot be understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct QuerySyntaxError(pub String);

/// The query string split into its parts.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct ParsedQuery {
    /// Free text, all words required.
    pub text: String,
    pub phrases: Vec<String>,
    pub excluded: Vec<String>,
    /// The last word ended with `*`.
    pub prefix: bool,
}

pub(crate) fn parse_query(q: &str) -> std::result::Result<ParsedQuery, QuerySyntaxError> {
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(QuerySyntaxError(format!("the query is longer than {MAX_QUERY_CHARS} characters")));
    }
    let mut out = ParsedQuery::default();
    let mut words: Vec<String> = Vec::new();
    let mut rest = q.trim();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix(['"', '“', '”', '«', '»', '「', '」']) {
            let close = after
                .find(['"', '“', '”', '«', '»', '「', '」'])
                .ok_or_else(|| QuerySyntaxError("a quotation mark is not closed".into()))?;
            let phrase = after[..close].trim();
            if !phrase.is_empty() {
                out.phrases.push(phrase.to_string());
            }
            let quote_len = after[close..].chars().next().map_or(1, char::len_utf8);
            rest = after[close + quote_len..].trim_start();
            continue;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..end];
        rest = rest[end..].trim_start();
        if let Some(ex) = word.strip_prefix('-').filter(|w| !w.is_empty()) {
            out.excluded.push(ex.to_string());
        } else {
            words.push(word.to_string());
        }
    }
    if let Some(last) = words.last_mut() {
        if let Some(stripped) = last.strip_suffix('*') {
            out.prefix = true;
            *last = stripped.to_string();
        }
    }
    if words.iter().any(|w| w.contains('*')) {
        return Err(QuerySyntaxError("'*' is only allowed at the end of the last word".into()));
    }
    out.text = words.join(" ").trim().to_string();
    if out.text.is_empty() && out.phrases.is_empty() {
        return Err(QuerySyntaxError(if out.excluded.is_empty() {
            "the query is empty".into()
        } else {
            "a query needs at least one word to find, not only exclusions".into()
        }));
    }
    Ok(out)
}

fn term(field: Field, text: &str) -> Term {
    Term::from_field_text(field, text)
}

fn term_query(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(term(field, text), IndexRecordOption::WithFreqs))
}

/// All tokens in sequence; a single token is a term query.
fn phrase(field: Field, tokens: &[String]) -> Option<Box<dyn Query>> {
    match tokens {
        [] => None,
        [one] => Some(term_query(field, one)),
        many => Some(Box::new(PhraseQuery::new(many.iter().map(|t| term(field, t)).collect()))),
    }
}

/// All tokens in sequence, the last one as a prefix.
fn phrase_prefix(field: Field, tokens: &[String]) -> Option<Box<dyn Query>> {
    match tokens {
        [] => None,
        [one] => {
            let mut q = PhrasePrefixQuery::new_with_offset(vec![(0, term(field, one))]);
            q.set_max_expansions(200);
            Some(Box::new(q))
        }
        many => {
            let mut q = PhrasePrefixQuery::new(many.iter().map(|t| term(field, t)).collect());
            q.set_max_expansions(200);
            Some(Box::new(q))
        }
    }
}

/// Every token required, anywhere in the field.
fn all_of(field: Field, tokens: &[String]) -> Option<Box<dyn Query>> {
    match tokens {
        [] => None,
        [one] => Some(term_query(field, one)),
        many => Some(Box::new(BooleanQuery::new(many.iter().map(|t| (Occur::Must, term_query(field, t))).collect()))),
    }
}

fn fuzzy_all(field: Field, tokens: &[String]) -> Option<Box<dyn Query>> {
    if tokens.is_empty() {
        return None;
    }
    let clauses = tokens
        .iter()
        .map(|t| {
            let n = t.chars().count();
            // Two edits only for long words: distance 2 over a large dictionary is
            // where fuzzy search spends its time (see BENCHMARKS.md).
            let distance = if n <= 3 {
                0
            } else if n <= 9 {
                1
            } else {
                2
            };
            let q: Box<dyn Query> = Box::new(FuzzyTermQuery::new(term(field, t), distance, true));
            (Occur::Must, q)
        })
        .collect();
    Some(Box::new(BooleanQuery::new(clauses)))
}

/// Whole-term keys starting with `key`.
fn key_prefix(field: Field, key: &str) -> Box<dyn Query> {
    let upper = format!("{key}\u{10FFFF}");
    Box::new(RangeQuery::new(Bound::Included(term(field, key)), Bound::Excluded(term(field, &upper))))
}

fn boost(q: Box<dyn Query>, by: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(q, by))
}

/// The text part of the query for one language, by mode.
fn text_query(
    index: &Index,
    f: &Fields,
    lang: Lang,
    text: &str,
    req: &SearchRequest,
    mode: Mode,
    prefix: bool,
) -> Vec<Box<dyn Query>> {
    let tm = index.tokenizers();
    let lf = f.lang(lang);
    let exact = analyzers::tokens(tm, analyzers::exact(lang), text);
    let stem = analyzers::tokens(tm, analyzers::stemmed(lang), text);
    let abbrev = analyzers::tokens(tm, analyzers::ABBREV, text);
    let key = term_key(tm, lang, text);
    let terms = req.field != SearchField::Definition;
    let defs = req.field != SearchField::Term;
    // Chinese is matched on its character sequence; other languages on words.
    // Chinese is matched as a character sequence: on the bigram field (short
    // posting lists) when the query has two characters or more, else on single characters.
    let zh_bigrams = lang == Lang::Zh && exact.len() >= 2 && stem.len() == exact.len() - 1;
    let words = |field_exact: Field, field_stem: Field| -> Option<Box<dyn Query>> {
        if zh_bigrams {
            phrase(field_stem, &stem)
        } else if lang == Lang::Zh {
            phrase(field_exact, &exact)
        } else {
            all_of(field_stem, &stem)
        }
    };
    let mut out: Vec<Box<dyn Query>> = Vec::new();
    let mut push = |q: Option<Box<dyn Query>>, by: f32| {
        if let Some(q) = q {
            out.push(boost(q, by));
        }
    };
    let mode = if prefix && mode == Mode::Auto { Mode::Prefix } else { mode };
    match mode {
        Mode::Exact => {
            if terms && !key.is_empty() {
                // A whole term equal to the query outranks the phrase in a definition.
                push(Some(term_query(lf.term_key, &key)), 8.0);
                push(phrase(f.abbreviation, &abbrev).filter(|_| abbrev.len() == 1), 6.0);
            }
            if defs {
                push(phrase(lf.definition_exact, &exact), 1.0);
            }
        }
        Mode::Prefix => {
            if terms && !key.is_empty() {
                push(Some(key_prefix(lf.term_key, &key)), 4.0);
                push(phrase_prefix(lf.term_exact, &exact), 2.0);
                push(phrase_prefix(f.abbreviation, &abbrev), 3.0);
            }
            if defs {
                push(phrase_prefix(lf.definition_exact, &exact), 1.0);
            }
        }
        Mode::Contains => {
            if terms {
                push(phrase(lf.term_exact, &exact), 2.0);
            }
            if defs {
                push(phrase(lf.definition_exact, &exact), 1.0);
            }
        }
        Mode::Fuzzy => {
            if terms {
                push(fuzzy_all(lf.term_exact, &exact), 2.0);
                push(fuzzy_all(f.abbreviation, &abbrev).filter(|_| abbrev.len() == 1), 1.0);
            }
            if defs {
                push(fuzzy_all(lf.definition_exact, &exact), 1.0);
            }
        }
        Mode::Any => {
            let any = |field: Field, toks: &[String]| -> Option<Box<dyn Query>> {
                (!toks.is_empty()).then(|| {
                    Box::new(BooleanQuery::new(toks.iter().map(|t| (Occur::Should, term_query(field, t))).collect()))
                        as Box<dyn Query>
                })
            };
            if terms {
                push(any(lf.term, &stem), 2.0);
            }
            if defs {
                push(any(lf.definition, &stem), 1.0);
            }
        }
        Mode::Auto => {
            if terms {
                if !key.is_empty() {
                    push(Some(term_query(lf.term_key, &key)), 16.0);
                }
                push(phrase(lf.term_exact, &exact), 6.0);
                push(words(lf.term_exact, lf.term), 3.0);
                if abbrev.len() == 1 {
                    push(phrase(f.abbreviation, &abbrev), 10.0);
                }
            }
            if defs {
                push(phrase(lf.definition_exact, &exact).filter(|_| exact.len() > 1), 1.5);
                push(words(lf.definition_exact, lf.definition), 1.0);
            }
        }
    }
    out
}

fn const_filter(q: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(q, 0.0))
}

fn date_field(f: &Fields, d: DateField) -> Field {
    match d {
        DateField::Proposed => f.proposed_at,
        DateField::Accepted => f.accepted_at,
        DateField::Adopted => f.adopted_at,
        DateField::Updated => f.updated_at,
    }
}

/// Filters shared by search and suggestions.
fn filters(f: &Fields, req: &SearchRequest, langs: &[Lang]) -> Vec<(Occur, Box<dyn Query>)> {
    let mut out: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if req.public_only {
        out.push((
            Occur::Must,
            const_filter(Box::new(TermQuery::new(Term::from_field_u64(f.public, 1), IndexRecordOption::Basic))),
        ));
    }
    if langs.len() < Lang::ALL.len() {
        let any: Vec<(Occur, Box<dyn Query>)> =
            langs.iter().map(|l| (Occur::Should, term_query(f.lang, l.code()))).collect();
        out.push((Occur::Must, const_filter(Box::new(BooleanQuery::new(any)))));
    }
    if let Some(sg) = &req.sg {
        out.push((Occur::Must, const_filter(term_query(f.sg, sg.as_str()))));
    }
    if let Some(rec) = &req.rec {
        out.push((Occur::Must, const_filter(term_query(f.rec, rec.as_str()))));
    }
    if let Some(status) = req.status {
        out.push((Occur::Must, const_filter(term_query(f.status, status.as_str()))));
    }
    if req.from.is_some() || req.to.is_some() {
        let field = date_field(f, req.date_field);
        // 0 means "no such date": a lower bound of at least 1 excludes it.
        let lo = Bound::Included(Term::from_field_i64(field, req.from.unwrap_or(1).max(1)));
        let hi = req.to.map_or(Bound::Unbounded, |t| Bound::Included(Term::from_field_i64(field, t)));
        out.push((Occur::Must, const_filter(Box::new(RangeQuery::new(lo, hi)))));
    }
    out
}

fn build(index: &Index, f: &Fields, req: &SearchRequest, parsed: &ParsedQuery, mode: Mode) -> Box<dyn Query> {
    let langs = req.langs();
    let mut per_lang: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for &lang in &langs {
        let mut required: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if !parsed.text.is_empty() {
            let alternatives = text_query(index, f, lang, &parsed.text, req, mode, parsed.prefix);
            if alternatives.is_empty() {
                continue;
            }
            required.push((
                Occur::Must,
                Box::new(BooleanQuery::new(alternatives.into_iter().map(|q| (Occur::Should, q)).collect())),
            ));
        }
        for p in &parsed.phrases {
            let alternatives = text_query(index, f, lang, p, req, Mode::Contains, false);
            if alternatives.is_empty() {
                required.clear();
                break;
            }
            required.push((
                Occur::Must,
                Box::new(BooleanQuery::new(alternatives.into_iter().map(|q| (Occur::Should, q)).collect())),
            ));
        }
        if required.is_empty() {
            continue;
        }
        for ex in &parsed.excluded {
            for q in text_query(index, f, lang, ex, req, Mode::Contains, false) {
                required.push((Occur::MustNot, q));
            }
        }
        per_lang.push((Occur::Should, Box::new(BooleanQuery::new(required))));
    }
    let mut clauses = vec![(Occur::Must, Box::new(BooleanQuery::new(per_lang)) as Box<dyn Query>)];
    clauses.extend(filters(f, req, &langs));
    Box::new(BooleanQuery::new(clauses))
}

pub(super) fn search(index: &Index, f: &Fields, searcher: &Searcher, req: &SearchRequest) -> Result<SearchResponse> {
    let parsed = parse_query(&req.q).map_err(|e| Error::bad_param("q", e))?;
    let query = build(index, f, req, &parsed, req.mode);
    let mut found = searcher.search(&*query, &collect::Matches::new(f))?;
    if found.is_empty() && req.mode == Mode::Auto && !parsed.text.is_empty() {
        // Nothing matched as typed: try again tolerating typos.
        let fuzzy = build(index, f, req, &parsed, Mode::Fuzzy);
        found = searcher.search(&*fuzzy, &collect::Matches::new(f))?;
    }
    collect::respond(index, f, searcher, req, &parsed, found)
}

pub(super) fn suggest(
    index: &Index,
    f: &Fields,
    searcher: &Searcher,
    q: &str,
    lang: Option<Lang>,
    public_only: bool,
    limit: usize,
) -> Result<Vec<Suggestion>> {
    let mut req = SearchRequest::new(q);
    req.langs = lang.into_iter().collect();
    req.field = SearchField::Term;
    req.public_only = public_only;
    let parsed = parse_query(q).map_err(|e| Error::bad_param("q", e))?;
    let mut text = parsed.text.clone();
    if text.is_empty() {
        text = parsed.phrases.join(" ");
    }
    let parsed = ParsedQuery { text, phrases: vec![], excluded: vec![], prefix: true };
    let query = build(index, f, &req, &parsed, Mode::Prefix);
    let mut found = searcher.search(&*query, &collect::Matches::new(f))?;
    if found.is_empty() {
        let fuzzy = build(index, f, &req, &ParsedQuery { prefix: false, ..parsed }, Mode::Fuzzy);
        found = searcher.search(&*fuzzy, &collect::Matches::new(f))?;
    }
    collect::suggestions(index, f, searcher, &req, q, found, limit)
}

pub(super) fn public_cards(f: &Fields, searcher: &Searcher) -> Result<Vec<(ConceptId, Card)>> {
    let q = TermQuery::new(Term::from_field_u64(f.public, 1), IndexRecordOption::Basic);
    let found = searcher.search(&q, &collect::Matches::new(f))?;
    collect::cards(f, searcher, found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_syntax() {
        let p = parse_query(r#"smart "meter data" -gas manag*"#).unwrap();
        assert_eq!(p.text, "smart manag");
        assert_eq!(p.phrases, vec!["meter data"]);
        assert_eq!(p.excluded, vec!["gas"]);
        assert!(p.prefix);
        assert_eq!(parse_query("«réseau» «x»").unwrap().phrases, vec!["réseau", "x"]);
        for bad in ["", "   ", "\"unclosed", "-only", "a*b c", &"x".repeat(501)] {
            assert!(parse_query(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_query("智能电表").unwrap().text, "智能电表");
    }
}
