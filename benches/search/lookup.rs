//! The translator's term lookups, `equivalents` and `suggest`: measured beside the mix
//! (their own rows, not in its "ALL" percentiles nor in its HTTP load), so the mix's
//! figures stay comparable with earlier runs.
//!
//! Their queries are made at measuring time from the concepts the mix aims at (read back
//! from the store), so a build made before these kinds existed (`--reuse`) serves too.

use std::collections::BTreeMap;
use std::time::Instant;

use hexaglot::model::{ConceptId, Lang, View};
use hexaglot::App;
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rusqlite::Connection;

use crate::gen::{self, Kind, Query};
use crate::Res;

/// Suggestions asked for, as the search page's box does.
pub const SUGGEST_LIMIT: usize = 8;
/// Matches asked for (the API's default), recall counted in them.
pub const EQUIVALENTS_LIMIT: usize = 10;

/// One lookup: a target concept's term in `lang` (`equivalents`), or what has been typed
/// of it so far (`suggest`).
#[derive(Debug, Clone)]
pub struct Lookup {
    pub kind: Kind,
    pub lang: Lang,
    pub q: String,
    pub target: i64,
}

/// The first 60% of the term's characters (at least 2): the words before the cut whole,
/// the last one cut, as the `prefix` kind types it.
fn typed_prefix(term: &str) -> String {
    gen::prefix_chars(term, 0.6, 2).trim_end().to_string()
}

/// The five languages other than `lang`.
pub fn others(lang: Lang) -> Vec<Lang> {
    Lang::ALL.iter().copied().filter(|l| *l != lang).collect()
}

/// `per_kind` lookups of each kind, on the concepts the mix aims at (shuffled, one each),
/// the six languages in turn.
pub fn queries(app: &App, mix: &[Query], per_kind: usize) -> Res<Vec<Lookup>> {
    let mut targets: Vec<i64> = Vec::new();
    for q in mix {
        if !targets.contains(&q.target) {
            targets.push(q.target);
        }
    }
    if targets.is_empty() {
        return Ok(Vec::new());
    }
    targets.shuffle(&mut ChaCha8Rng::seed_from_u64(gen::SEED ^ 0x004c_4f4f_4b55_5053));
    let mut out = Vec::with_capacity(per_kind * Kind::LOOKUPS.len());
    for (k, kind) in Kind::LOOKUPS.iter().enumerate() {
        for j in 0..per_kind {
            let target = targets[(k * per_kind + j) % targets.len()];
            let lang = Lang::ALL[j % Lang::ALL.len()];
            let concept = app.concept(ConceptId(target), View::Public)?;
            let term = concept
                .languages
                .get(&lang)
                .and_then(|s| s.content.terms.first())
                .map(|t| t.text.clone())
                .ok_or(format!("concept {target} has no {} term", lang.code()))?;
            let q = if *kind == Kind::Suggest { typed_prefix(&term) } else { term };
            out.push(Lookup { kind: *kind, lang, q, target });
        }
    }
    Ok(out)
}

/// The request of the endpoint answering `l`.
pub fn http_path(l: &Lookup) -> String {
    match l.kind {
        Kind::Suggest => {
            let p = [("q", l.q.clone()), ("lang", l.lang.code().into()), ("limit", SUGGEST_LIMIT.to_string())];
            format!("/api/v1/suggest?{}", serde_urlencoded::to_string(p).expect("urlencode"))
        }
        _ => {
            let to: Vec<&str> = others(l.lang).iter().map(|l| l.code()).collect();
            let p = [("term", l.q.clone()), ("from", l.lang.code().into()), ("to", to.join(","))];
            format!("/api/v1/equivalents?{}", serde_urlencoded::to_string(p).expect("urlencode"))
        }
    }
}

/// Hexaglot's answer in process: the concept ids, best first.
pub fn hexaglot(app: &App, l: &Lookup) -> Res<Vec<i64>> {
    Ok(match l.kind {
        Kind::Suggest => app.suggest(&l.q, Some(l.lang), true, SUGGEST_LIMIT)?.iter().map(|s| s.id.0).collect(),
        _ => app
            .equivalents(&l.q, l.lang, &others(l.lang), View::Public, EQUIVALENTS_LIMIT)?
            .iter()
            .map(|e| e.id.0)
            .collect(),
    })
}

/// The FTS5 baseline's answer: the concept ids, best first.
pub fn fts5(c: &Connection, l: &Lookup) -> Res<Vec<i64>> {
    Ok(match l.kind {
        Kind::Suggest => crate::fts::suggest(c, l.lang, &l.q, SUGGEST_LIMIT)?,
        _ => crate::fts::equivalents(c, l.lang, &l.q)?.into_iter().map(|(id, _)| id).collect(),
    })
}

/// The timings of one engine on one kind.
#[derive(Default)]
pub struct Timed {
    pub us: Vec<u64>,
    pub by_lang: BTreeMap<Lang, Vec<u64>>,
    /// Lookups whose target was among the answers (first pass).
    pub hits: usize,
    /// Answers returned, summed (first pass).
    pub answers: u64,
}

/// Times `answer` on every lookup, `passes` times after a warm-up pass.
pub fn time(
    lookups: &[Lookup],
    passes: usize,
    mut answer: impl FnMut(&Lookup) -> Res<Vec<i64>>,
) -> Res<BTreeMap<Kind, Timed>> {
    for l in lookups {
        answer(l)?;
    }
    let mut out: BTreeMap<Kind, Timed> = BTreeMap::new();
    for pass in 0..passes {
        for l in lookups {
            let t = Instant::now();
            let ids = answer(l)?;
            let us = t.elapsed().as_micros() as u64;
            let e = out.entry(l.kind).or_default();
            e.us.push(us);
            e.by_lang.entry(l.lang).or_default().push(us);
            if pass == 0 {
                let limit = if l.kind == Kind::Suggest { SUGGEST_LIMIT } else { EQUIVALENTS_LIMIT };
                e.hits += ids.iter().take(limit).any(|id| *id == l.target) as usize;
                e.answers += ids.len() as u64;
            }
        }
    }
    Ok(out)
}
