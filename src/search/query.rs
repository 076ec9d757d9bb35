//! From a search request to a tantivy query, and running it.
//!
//! The query string is plain text with three optional operators: `"a phrase"`
//! (exact phrase), `-word` (exclude) and `word*` (prefix). Anything else is
//! text. Each requested language analyzes the text with its own analyzers, so
//! the same query finds réseau/reseau, сети/сеть, الشَّبَكَة/الشبكة, 电表/智能电表.

use std::ops::Bound;

use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhrasePrefixQuery, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Index, Searcher, Term};

use super::analyzers;
use super::analyzers::bounds;
use super::collect::{self, SearchResponse, Suggestion};
use super::document::Card;
use super::exclusion::ExcludedQuery;
use super::fuzzy::FirstCharFuzzyQuery;
use super::request::{parse_query, DateField, Mode, ParsedQuery, SearchField, SearchRequest};
use super::schema::Fields;
use crate::error::{Error, Result};
use crate::model::{ConceptId, Lang};

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

/// Every token within a few edits, its first character as typed ([`FirstCharFuzzyQuery`]).
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
            let q: Box<dyn Query> = if distance == 0 {
                term_query(field, t)
            } else {
                Box::new(FirstCharFuzzyQuery::new(field, t, distance))
            };
            (Occur::Must, q)
        })
        .collect();
    Some(Box::new(BooleanQuery::new(clauses)))
}

/// Tokens starting with `prefix`, scored alike.
fn token_prefix(field: Field, prefix: &str) -> Box<dyn Query> {
    let upper = format!("{prefix}\u{10FFFF}");
    Box::new(RangeQuery::new(Bound::Included(term(field, prefix)), Bound::Excluded(term(field, &upper))))
}

/// A term of `field` (the terms' exact field) made of exactly these words: the phrase of
/// their marked first and last words ([`bounds`]).
fn whole_term(field: Field, words: &[String]) -> Option<Box<dyn Query>> {
    phrase(field, &bounds::whole_term(words))
}

/// A term of `field` starting with these words, the last one typed in part. Scored alike,
/// as the whole-term keys' range was: how well the rest matches is the other clauses' work.
fn term_starts_with(field: Field, words: &[String]) -> Option<Box<dyn Query>> {
    let q: Box<dyn Query> = match words {
        [] => return None,
        [one] => {
            let [first, only] = bounds::first_word(one);
            Box::new(BooleanQuery::new(vec![
                (Occur::Should, token_prefix(field, &first)),
                (Occur::Should, token_prefix(field, &only)),
            ]))
        }
        [first, rest @ ..] => {
            let mut tokens = vec![bounds::first_of_many(first)];
            tokens.extend(rest.iter().cloned());
            phrase_prefix(field, &tokens)?
        }
    };
    Some(Box::new(ConstScoreQuery::new(q, 1.0)))
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
            if terms && !exact.is_empty() {
                // A whole term equal to the query outranks the phrase in a definition.
                push(whole_term(lf.term_exact, &exact), 8.0);
                push(phrase(f.abbreviation, &abbrev).filter(|_| abbrev.len() == 1), 6.0);
            }
            if defs {
                push(phrase(lf.definition_exact, &exact), 1.0);
            }
        }
        Mode::Prefix => {
            if terms && !exact.is_empty() {
                push(term_starts_with(lf.term_exact, &exact), 4.0);
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
                push(whole_term(lf.term_exact, &exact), 16.0);
                push(phrase(lf.term_exact, &exact), 6.0);
                push(words(lf.term_exact, lf.term), 3.0);
                if abbrev.len() == 1 {
                    push(phrase(f.abbreviation, &abbrev), 10.0);
                }
            }
            if defs {
                if zh_bigrams {
                    // The bigrams in sequence are the characters in sequence: one phrase, not
                    // two. Checking positions on the character field too cost broad phrases
                    // (中国一个: 85k concepts at 1M) most of their 110 ms.
                    push(words(lf.definition_exact, lf.definition), 2.5);
                } else {
                    push(phrase(lf.definition_exact, &exact).filter(|_| exact.len() > 1), 1.5);
                    push(words(lf.definition_exact, lf.definition), 1.0);
                    // The words as typed, in any order, outrank only their other forms: without
                    // this, `соматический реферировавший` ranked short definitions with
                    // `реферировать` (the same stem) above the one with the very word.
                    if lang != Lang::Zh {
                        push(all_of(lf.definition_exact, &exact), 1.0);
                    }
                }
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
                required.push((Occur::MustNot, Box::new(ExcludedQuery(q))));
            }
        }
        per_lang.push((Occur::Should, Box::new(BooleanQuery::new(required))));
    }
    let mut clauses = vec![(Occur::Must, Box::new(BooleanQuery::new(per_lang)) as Box<dyn Query>)];
    clauses.extend(filters(f, req, &langs));
    Box::new(BooleanQuery::new(clauses))
}

/// Runs `req`; without facets, the total is counted up to `exact_total` concepts (see [`collect::top_concepts`]).
pub(super) fn search(
    index: &Index,
    f: &Fields,
    searcher: &Searcher,
    req: &SearchRequest,
    exact_total: u64,
) -> Result<SearchResponse> {
    let parsed = parse_query(&req.q).map_err(|e| Error::bad_param("q", e))?;
    let run = |query: &dyn Query| {
        if req.facets {
            collect::every_match(searcher, query)
        } else {
            collect::top_concepts(searcher, query, req.offset.saturating_add(req.limit), exact_total)
        }
    };
    let mut found = run(&*build(index, f, req, &parsed, req.mode))?;
    if found.is_empty() && req.mode == Mode::Auto && !parsed.text.is_empty() {
        // Nothing matched as typed: try again tolerating typos.
        found = run(&*build(index, f, req, &parsed, Mode::Fuzzy))?;
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
    // Nothing to count: only the best few concepts matter.
    let run = |query: &dyn Query| collect::top_concepts(searcher, query, limit * 2, 0);
    let mut found = run(&*build(index, f, &req, &parsed, Mode::Prefix))?;
    if found.is_empty() {
        found = run(&*build(index, f, &req, &ParsedQuery { prefix: false, ..parsed }, Mode::Fuzzy))?;
    }
    collect::suggestions(index, f, searcher, &req, q, found, limit)
}

pub(super) fn public_cards(f: &Fields, searcher: &Searcher) -> Result<Vec<(ConceptId, Card)>> {
    let q = TermQuery::new(Term::from_field_u64(f.public, 1), IndexRecordOption::Basic);
    collect::cards(f, searcher, collect::every_match(searcher, &q)?)
}
