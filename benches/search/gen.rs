//! Deterministic six-language concept generator (streaming) and the query mix.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use chrono::NaiveDate;
use hexaglot::model::{
    ConceptStatus, Lang, NewConcept, NewSection, OriginKind, SectionContent, SectionStatus, Term, TermKind,
};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::words::{Vocab, STOP_RANKS};

pub const SEED: u64 = 0x4845_5841_474c_4f54; // "HEXAGLOT"

/// Study groups of the seed with weights (how many concepts each defines).
const SGS: [(&str, u32, char, u32); 11] = [
    ("SG2", 5, 'E', 100),
    ("SG3", 3, 'D', 100),
    ("SG5", 6, 'L', 100),
    ("SG11", 6, 'Q', 3000),
    ("SG12", 7, 'P', 800),
    ("SG13", 14, 'Y', 3000),
    ("SG15", 14, 'G', 600),
    ("SG17", 16, 'X', 1000),
    ("SG20", 12, 'Y', 4000),
    ("SG21", 10, 'H', 200),
    ("TSAG", 2, 'A', 1),
];

pub struct GenSection {
    pub lang: Lang,
    pub term: String,
    pub term_words: Vec<String>,
    pub definition: String,
    /// (word, rank, followed by punctuation)
    pub def_words: Vec<(String, usize, bool)>,
}

pub struct GenConcept {
    pub sections: Vec<GenSection>,
    pub sgs: Vec<&'static str>,
    pub rec: String,
    pub clause: String,
    pub date: NaiveDate,
}

impl GenConcept {
    pub fn epoch(&self) -> i64 {
        self.date.and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp()
    }

    pub fn to_new(&self) -> NewConcept {
        NewConcept {
            id: None,
            status: ConceptStatus::Accepted,
            rec: Some(self.rec.parse().expect("rec id")),
            clause: Some(self.clause.clone()),
            study_groups: self.sgs.iter().map(|s| s.parse().expect("sg")).collect(),
            origin: OriginKind::Here,
            origin_ref: None,
            subject_field: None,
            external_id: None,
            accepted_at: Some(format!("{}T00:00:00Z", self.date.format("%Y-%m-%d"))),
            sections: self
                .sections
                .iter()
                .map(|s| NewSection {
                    lang: s.lang,
                    status: SectionStatus::Adopted,
                    content: SectionContent {
                        terms: vec![Term { text: s.term.clone(), status: TermKind::Preferred }],
                        abbreviations: vec![],
                        definition: Some(s.definition.clone()),
                        notes: vec![],
                    },
                })
                .collect(),
        }
    }
}

pub struct Generator<'v> {
    vocabs: &'v [(Lang, Vocab)],
    rng: ChaCha8Rng,
    seen: HashSet<u64>,
    sg_weights: Vec<u32>,
    pub produced: u64,
}

fn term_len(rng: &mut impl Rng) -> usize {
    // 1..=5 words, mostly 2-3 as in real terminology.
    match rng.gen_range(0..100) {
        0..=14 => 1,
        15..=54 => 2,
        55..=79 => 3,
        80..=91 => 4,
        _ => 5,
    }
}

impl<'v> Generator<'v> {
    pub fn new(vocabs: &'v [(Lang, Vocab)]) -> Self {
        Generator {
            vocabs,
            rng: ChaCha8Rng::seed_from_u64(SEED),
            seen: HashSet::new(),
            sg_weights: SGS.iter().map(|s| s.1).collect(),
            produced: 0,
        }
    }

    fn pick_sg(&mut self) -> usize {
        let total: u32 = self.sg_weights.iter().sum();
        let mut x = self.rng.gen_range(0..total);
        for (i, w) in self.sg_weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        0
    }

    pub fn next_concept(&mut self) -> GenConcept {
        let mut sections = Vec::with_capacity(6);
        for (lang, vocab) in self.vocabs {
            let lang = *lang;
            let sep = if lang == Lang::Zh { "" } else { " " };
            // Terms are unique per language (a terminology database, not a corpus).
            let mut k = term_len(&mut self.rng);
            let mut term_words: Vec<String>;
            let mut term;
            let mut tries = 0;
            loop {
                term_words = (0..k).map(|_| vocab.words[vocab.term_word(&mut self.rng)].clone()).collect();
                term = term_words.join(sep);
                let mut h = std::collections::hash_map::DefaultHasher::new();
                (lang.code(), &term).hash(&mut h);
                tries += 1;
                if self.seen.insert(h.finish()) || tries >= 12 {
                    break;
                }
                if tries % 3 == 0 && k < 5 {
                    k += 1;
                }
            }
            let m = self.rng.gen_range(10..=40);
            let mut def_words = Vec::with_capacity(m);
            let mut since = 0;
            let mut next_break = self.rng.gen_range(5..=9);
            for i in 0..m {
                let r = vocab.def_word(&mut self.rng);
                since += 1;
                let brk = i + 1 < m && since >= next_break;
                if brk {
                    since = 0;
                    next_break = self.rng.gen_range(5..=9);
                }
                def_words.push((vocab.words[r].clone(), r, brk));
            }
            let mut definition = String::new();
            for (i, (w, _, brk)) in def_words.iter().enumerate() {
                if i > 0 && lang != Lang::Zh {
                    definition.push(' ');
                }
                definition.push_str(w);
                if *brk {
                    definition.push_str(match lang {
                        Lang::Zh => "，",
                        Lang::Ar => "،",
                        _ => ",",
                    });
                }
            }
            definition.push_str(if lang == Lang::Zh { "。" } else { "." });
            sections.push(GenSection { lang, term, term_words, definition, def_words });
        }
        let first = self.pick_sg();
        let mut sgs = vec![SGS[first].0];
        if self.rng.gen_bool(0.1) {
            let second = self.pick_sg();
            if second != first {
                sgs.push(SGS[second].0);
            }
        }
        let (_, _, letter, base) = SGS[first];
        let rec = format!("ITU-T {letter}.{}", base + self.rng.gen_range(0..300));
        let clause = format!("3.2.{}", self.rng.gen_range(1..=60));
        let start = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
        let date = start + chrono::Duration::days(self.rng.gen_range(0..(26 * 365)));
        self.produced += 1;
        GenConcept { sections, sgs, rec, clause, date }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Exact,
    Prefix,
    Fulltext,
    Fuzzy,
    SgFilter,
    TimeRange,
    /// Term lookups of the translator (`/equivalents`, `/suggest`): measured beside the mix,
    /// not in it (see `lookup`), so the mix's figures stay comparable with earlier runs.
    Equivalents,
    Suggest,
    /// Side measurement, not in the mix: one frequent definition word (many matches).
    Broad,
}

impl Kind {
    pub const ALL: [Kind; 6] =
        [Kind::Exact, Kind::Prefix, Kind::Fulltext, Kind::Fuzzy, Kind::SgFilter, Kind::TimeRange];
    /// The lookup kinds, measured apart from the mix.
    pub const LOOKUPS: [Kind; 2] = [Kind::Equivalents, Kind::Suggest];
    pub fn name(self) -> &'static str {
        match self {
            Kind::Exact => "exact",
            Kind::Prefix => "prefix",
            Kind::Fulltext => "fulltext",
            Kind::Fuzzy => "fuzzy",
            Kind::SgFilter => "sg_filter",
            Kind::TimeRange => "time_range",
            Kind::Equivalents => "equivalents",
            Kind::Suggest => "suggest",
            Kind::Broad => "broad",
        }
    }
}

/// The FTS5 form of a query.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FtsQuery {
    /// `fts` (unicode61, all six languages) or `fts_zh` (trigram, Chinese rows).
    pub table: String,
    pub match_expr: Option<String>,
    /// (column, LIKE pattern) where MATCH cannot express it (trigram < 3 chars, prefix).
    pub like: Option<(String, String)>,
    pub lang: Option<String>,
    pub sg: Option<String>,
    pub range: Option<(i64, i64)>,
    /// Rank terms 10x definitions when both columns are searched.
    pub weighted: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Query {
    pub kind: Kind,
    /// Language of the text; `langs` restricts the search (None = all six).
    pub text_lang: Lang,
    pub lang: Option<Lang>,
    pub q: String,
    pub mode: String,
    pub field: String,
    pub sg: Option<String>,
    /// YYYY-MM-DD, inclusive (to = end of day), on the accepted date.
    pub from: Option<String>,
    pub to: Option<String>,
    pub target: i64,
    pub fts: FtsQuery,
}

impl Query {
    pub fn start_epoch(&self) -> Option<i64> {
        self.from.as_deref().map(|d| day(d).and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp())
    }
    pub fn end_epoch(&self) -> Option<i64> {
        self.to.as_deref().map(|d| day(d).and_hms_opt(23, 59, 59).unwrap().and_utc().timestamp())
    }
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// `"a" AND "b"`: every word, anywhere in the column(s).
fn all_words(words: &[&str]) -> String {
    words.iter().map(|w| quote(w)).collect::<Vec<_>>().join(" AND ")
}

pub fn prefix_chars(w: &str, frac: f64, min: usize) -> String {
    let n = w.chars().count();
    let k = ((n as f64 * frac).ceil() as usize).max(min).min(n);
    w.chars().take(k).collect()
}

/// One realistic typo: transposition, deletion or substitution in the longest word.
fn typo(words: &[String], rng: &mut impl Rng) -> Option<Vec<String>> {
    let (wi, w) = words.iter().enumerate().max_by_key(|(_, w)| w.chars().count())?;
    let chars: Vec<char> = w.chars().collect();
    if chars.len() < 5 {
        return None;
    }
    for _ in 0..20 {
        let mut c = chars.clone();
        let i = rng.gen_range(1..c.len() - 1);
        match rng.gen_range(0..3) {
            0 => c.swap(i, i + 1),
            1 => {
                c.remove(i);
            }
            _ => c[i] = chars[rng.gen_range(0..chars.len())],
        }
        if c != chars {
            let mut out = words.to_vec();
            out[wi] = c.into_iter().collect();
            return Some(out);
        }
    }
    None
}

fn fts_for(lang: Lang, restrict: bool) -> FtsQuery {
    FtsQuery {
        table: if lang == Lang::Zh { "fts_zh".into() } else { "fts".into() },
        match_expr: None,
        like: None,
        lang: (restrict && lang != Lang::Zh).then(|| lang.code().to_string()),
        sg: None,
        range: None,
        weighted: false,
    }
}

/// Chinese text for a trigram table: MATCH needs at least 3 characters, else LIKE.
fn zh_contains(col: &str, text: &str, f: &mut FtsQuery) {
    if text.chars().count() >= 3 {
        f.match_expr = Some(format!("{col} : {}", quote(text)));
    } else {
        f.like = Some((col.to_string(), format!("%{text}%")));
    }
}

/// Builds the query of `kind` aimed at `c`, or None when `c` does not suit it.
pub fn make_query(kind: Kind, c: &GenConcept, rng: &mut impl Rng) -> Option<Query> {
    let s = c.sections.choose(rng)?;
    let lang = s.lang;
    let zh = lang == Lang::Zh;
    let words: Vec<&str> = s.term_words.iter().map(String::as_str).collect();
    let mut q = Query {
        kind,
        text_lang: lang,
        lang: Some(lang),
        q: s.term.clone(),
        mode: "auto".into(),
        field: "term".into(),
        sg: None,
        from: None,
        to: None,
        target: 0,
        fts: fts_for(lang, true),
    };
    match kind {
        Kind::Exact => {
            q.mode = "exact".into();
            if zh {
                zh_contains("term", &s.term, &mut q.fts);
            } else {
                q.fts.match_expr = Some(format!("term : ^{}", quote(&s.term)));
            }
        }
        Kind::Prefix => {
            q.mode = "prefix".into();
            let p = if zh {
                prefix_chars(&s.term, 0.6, 2)
            } else {
                let mut w: Vec<String> = words.iter().take(2).map(|w| w.to_string()).collect();
                let last = w.pop()?;
                w.push(prefix_chars(&last, 0.6, 3));
                w.join(" ")
            };
            if zh {
                q.fts.like = Some(("term".into(), format!("{p}%")));
            } else {
                q.fts.match_expr = Some(format!("term : {} *", quote(&p)));
            }
            q.q = format!("{p}*");
        }
        Kind::Fulltext => {
            q.field = "definition".into();
            if zh {
                // A contiguous two-word phrase (Chinese queries have no spaces).
                let pairs: Vec<usize> = (0..s.def_words.len() - 1).filter(|&i| !s.def_words[i].2).collect();
                let i = *pairs.choose(rng)?;
                let text = format!("{}{}", s.def_words[i].0, s.def_words[i + 1].0);
                zh_contains("definition", &text, &mut q.fts);
                q.q = text;
            } else {
                let mut content: Vec<&str> =
                    s.def_words.iter().filter(|w| w.1 >= STOP_RANKS).map(|w| w.0.as_str()).collect();
                content.sort_unstable();
                content.dedup();
                content.shuffle(rng);
                if content.len() < 2 {
                    return None;
                }
                let pick = &content[..2];
                q.fts.match_expr = Some(format!("definition : ({})", all_words(pick)));
                q.q = pick.join(" ");
            }
        }
        Kind::Broad | Kind::Equivalents | Kind::Suggest => return None,
        Kind::Fuzzy => {
            q.mode = "fuzzy".into();
            let typed = if zh {
                // A dropped character (Hexaglot's fuzzy on Chinese unigrams allows no edit per character).
                let chars: Vec<char> = s.term.chars().collect();
                if chars.len() < 3 {
                    return None;
                }
                let i = rng.gen_range(0..chars.len());
                chars.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, c)| c).collect::<String>()
            } else {
                typo(&s.term_words, rng)?.join(" ")
            };
            // FTS5 has no fuzzy matching: it gets the text as typed (best effort).
            if zh {
                zh_contains("term", &typed, &mut q.fts);
            } else {
                q.fts.match_expr = Some(format!("term : {}", quote(&typed)));
            }
            q.q = typed;
        }
        Kind::SgFilter | Kind::TimeRange => {
            q.lang = None;
            q.field = "all".into();
            q.fts = fts_for(lang, false);
            q.fts.weighted = true;
            if zh {
                q.fts.match_expr = Some(format!("{{term definition}} : {}", quote(&s.term)));
                if s.term.chars().count() < 3 {
                    q.fts.match_expr = None;
                    q.fts.like = Some(("term".into(), format!("%{}%", s.term)));
                }
            } else {
                q.fts.match_expr = Some(format!("{{term definition}} : ({})", all_words(&words)));
            }
            if kind == Kind::SgFilter {
                let sg = c.sgs.choose(rng)?.to_string();
                q.fts.sg = Some(sg.clone());
                q.sg = Some(sg);
            } else {
                let r = rng.gen_range(30..=730);
                let from = c.date - chrono::Duration::days(rng.gen_range(0..=r));
                let to = from + chrono::Duration::days(r);
                q.from = Some(from.format("%Y-%m-%d").to_string());
                q.to = Some(to.format("%Y-%m-%d").to_string());
                q.fts.range = Some((q.start_epoch().unwrap(), q.end_epoch().unwrap()));
            }
        }
    }
    Some(q)
}

/// Vocabulary ranks of the words used by the `broad` queries (Zipf: rank 10 is
/// in ~18% of definitions, rank 100 in ~2%).
pub const BROAD_RANKS: [usize; 3] = [10, 30, 100];

/// A definition query for one frequent word: how cost grows with the number of matches.
pub fn broad_query(lang: Lang, word: &str) -> Query {
    let mut fts = fts_for(lang, true);
    if lang == Lang::Zh {
        zh_contains("definition", word, &mut fts);
    } else {
        fts.match_expr = Some(format!("definition : {}", quote(word)));
    }
    Query {
        kind: Kind::Broad,
        text_lang: lang,
        lang: Some(lang),
        q: word.to_string(),
        mode: "auto".into(),
        field: "definition".into(),
        sg: None,
        from: None,
        to: None,
        target: 0,
        fts,
    }
}

/// Which generated concepts the queries aim at: `per_kind` queries of each kind,
/// from 2x as many candidates (some concepts do not suit some kinds).
pub struct Targets {
    candidates: HashMap<u64, Kind>,
    rng: ChaCha8Rng,
    per_kind: usize,
    pub queries: Vec<Query>,
}

impl Targets {
    pub fn new(n: u64, per_kind: usize) -> Targets {
        let mut rng = ChaCha8Rng::seed_from_u64(SEED ^ 0x0051_5545_5259);
        let want = (per_kind * Kind::ALL.len() * 2).min(n as usize);
        let idx = rand::seq::index::sample(&mut rng, n as usize, want);
        let candidates = idx.iter().enumerate().map(|(j, i)| (i as u64, Kind::ALL[j % Kind::ALL.len()])).collect();
        Targets { candidates, rng, per_kind, queries: Vec::new() }
    }

    /// Called for every generated concept, in order, with its id in Hexaglot.
    pub fn offer(&mut self, index: u64, c: &GenConcept, id: i64) {
        let Some(&kind) = self.candidates.get(&index) else { return };
        if self.queries.iter().filter(|q| q.kind == kind).count() >= self.per_kind {
            return;
        }
        if let Some(mut q) = make_query(kind, c, &mut self.rng) {
            q.target = id;
            self.queries.push(q);
        }
    }
}
