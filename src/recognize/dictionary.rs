//! The one dictionary of normalised whole terms, in six languages.
//!
//! A term's key is the hash chain of its words' keys and of what stands between them
//! ([`step`]), seeded by its language and kind (term or abbreviation, see [`root`]). The
//! dictionary keeps, compactly:
//! - every entry once (16 bytes): its key, language, kind, status, visibility and where its
//!   text is in the shared, compactly encoded texts (`texts.rs`);
//! - a [`KeyTable`] from key to entries (4 bytes a slot), so a whole term is found in
//!   O(term length);
//! - a [`PrefixSet`] of the keys of the beginnings of terms, so the walk over a text stops
//!   as soon as no term begins that way;
//! - per concept, a run of consecutive entries (16 bytes), for equivalents and for replacing
//!   one concept's terms when it changes: the new run is appended, the old one left dead
//!   until a compaction copies what lives (once dead entries outnumber live ones);
//! - the [`Completions`] of every entry's text, for autocomplete (`complete.rs`).

use std::collections::{HashMap, HashSet};

use crate::model::{ConceptId, Lang};

use super::complete::{Completion, Completions};
use super::hash;
use super::table::{ChainSet, FirstWords, KeyTable, PREFIX, TERM};
use super::texts::{TextRef, Texts};
use super::tokens::{term_tokens, Gap, Rules, Tok};
use super::{ConceptTerms, Kind, TermEntry, TermStatus, Visibility};

const NONE: u32 = u32::MAX;
/// Entries per run hint.
const HINT: usize = 64;
/// Concepts handled per batch when building: the analyzers then run once per language and
/// batch, over all the batch's terms joined.
const BATCH: usize = 2048;

/// The seed of the key chain of a term of `kind` in `lang`.
pub(super) fn root(lang: Lang, kind: Kind) -> u64 {
    hash::extend(hash::word(lang.code()), 0, kind as u64)
}

/// The key chain extended by one word's key (`gap` is what stands before it; `None` for the first).
#[inline]
pub(super) fn step(chain: u64, gap: Option<Gap>, key: u64) -> u64 {
    hash::extend(chain, gap.map_or(0, Gap::code), key)
}

#[derive(Debug, Clone, Copy)]
struct Stored {
    key: u64,
    /// Where the text is in `Dictionary::texts`.
    text: u32,
    len: u16,
    lang: u8,
    meta: u8,
}

const META_ABBREVIATION: u8 = 1;
const META_PENDING: u8 = 1 << 3;
const META_DEAD: u8 = 1 << 7;

fn meta_of(e: &TermEntry) -> u8 {
    let kind = if e.kind == Kind::Abbreviation { META_ABBREVIATION } else { 0 };
    let status = match e.status {
        TermStatus::Preferred => 0,
        TermStatus::Admitted => 1,
        TermStatus::Deprecated => 2,
    } << 1;
    let pending = if e.visibility == Visibility::Pending { META_PENDING } else { 0 };
    kind | status | pending
}

/// The entries of one concept: `count` entries from `first`. Runs are in entry order.
#[derive(Debug, Clone, Copy)]
struct Run {
    first: u32,
    count: u32,
    id: ConceptId,
}

/// Concept id → run: a plain vector for the dense ids SQLite hands out (4 bytes a
/// concept), a map for ids far beyond the number of concepts.
#[derive(Debug, Default, Clone)]
struct ConceptIndex {
    dense: Vec<u32>,
    sparse: HashMap<ConceptId, u32>,
    len: usize,
}

impl ConceptIndex {
    fn dense_index(&self, id: ConceptId) -> Option<usize> {
        let i = usize::try_from(id.0).ok()?;
        (i < self.dense.len() || i <= 2 * self.len + (1 << 20)).then_some(i)
    }

    fn get(&self, id: ConceptId) -> Option<u32> {
        match usize::try_from(id.0).ok().and_then(|i| self.dense.get(i)) {
            Some(&run) if run != NONE => Some(run),
            _ => self.sparse.get(&id).copied(),
        }
    }

    fn insert(&mut self, id: ConceptId, run: u32) {
        let old = match self.dense_index(id) {
            Some(i) => {
                if i >= self.dense.len() {
                    self.dense.resize(i + 1, NONE);
                }
                Some(std::mem::replace(&mut self.dense[i], run)).filter(|&r| r != NONE)
            }
            None => self.sparse.insert(id, run),
        };
        if old.is_none() {
            self.len += 1;
        }
    }

    fn remove(&mut self, id: ConceptId) -> Option<u32> {
        let dense = usize::try_from(id.0).ok().and_then(|i| self.dense.get_mut(i));
        let old = match dense {
            Some(run) if *run != NONE => Some(std::mem::replace(run, NONE)),
            _ => self.sparse.remove(&id),
        };
        if old.is_some() {
            self.len -= 1;
        }
        old
    }

    fn clear(&mut self) {
        self.dense.iter_mut().for_each(|r| *r = NONE);
        self.sparse.clear();
        self.len = 0;
    }

    fn heap_bytes(&self) -> usize {
        self.dense.capacity() * 4 + self.sparse.capacity() * (std::mem::size_of::<(ConceptId, u32)>() + 1)
    }
}

/// One entry as answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub concept: ConceptId,
    pub lang: Lang,
    pub text: String,
    pub kind: Kind,
    pub status: TermStatus,
    pub visibility: Visibility,
}

/// The dictionary; see the module documentation.
#[derive(Debug, Clone)]
pub struct Dictionary {
    entries: Vec<Stored>,
    /// Entries of removed or replaced concepts, not yet compacted away.
    dead: usize,
    runs: Vec<Run>,
    /// For every `HINT`-th entry, the run it belongs to: [`Dictionary::concept_of`] then
    /// searches a few runs instead of all of them (a million concepts: three cache misses
    /// instead of a dozen, for every entry of every span).
    run_hints: Vec<u32>,
    by_id: ConceptIndex,
    texts: Texts,
    keys: KeyTable,
    chains: ChainSet,
    firsts: FirstWords,
    completions: Completions,
    pub(super) rules: Rules,
}

impl Default for Dictionary {
    fn default() -> Self {
        Dictionary::with_rules(Rules::ALL)
    }
}

impl Dictionary {
    pub fn new() -> Self {
        Dictionary::default()
    }

    pub(super) fn with_rules(rules: Rules) -> Self {
        Dictionary {
            entries: Vec::new(),
            dead: 0,
            runs: Vec::new(),
            run_hints: Vec::new(),
            by_id: ConceptIndex::default(),
            texts: Texts::default(),
            keys: KeyTable::default(),
            chains: ChainSet::default(),
            firsts: FirstWords::default(),
            completions: Completions::default(),
            rules,
        }
    }

    /// A dictionary of `concepts`, built in batches.
    pub fn build(concepts: impl IntoIterator<Item = ConceptTerms>) -> Self {
        let mut d = Dictionary::new();
        d.extend(concepts);
        d
    }

    /// Adds or replaces concepts, in batches (a concept seen again replaces the earlier one).
    pub fn extend(&mut self, concepts: impl IntoIterator<Item = ConceptTerms>) {
        let concepts = concepts.into_iter();
        // Concepts still to come, when the caller knows: after the first batch, room is made
        // for all of them at once, so that the tables do not grow step by step (each step
        // leaving the old table to the allocator, which seldom gives it back).
        let mut to_come = concepts.size_hint().0;
        let mut batch = Vec::with_capacity(BATCH);
        let mut in_batch = HashSet::new();
        // The completions are built once, at the end.
        self.completions.suspended = true;
        for c in concepts {
            // A batch holds a concept once: seen again, the batch before it is applied first.
            if batch.len() == BATCH || !in_batch.insert(c.concept) {
                let before = (self.entries.len(), self.chains.len());
                self.apply(&batch);
                to_come = to_come.saturating_sub(batch.len());
                if to_come > BATCH {
                    self.reserve_like(&batch, before, to_come);
                    to_come = 0;
                }
                batch.clear();
                in_batch.clear();
                in_batch.insert(c.concept);
            }
            batch.push(c);
        }
        self.apply(&batch);
        self.entries.shrink_to_fit();
        self.runs.shrink_to_fit();
        self.run_hints.shrink_to_fit();
        self.texts.shrink_to_fit();
        let entries = &self.entries;
        self.keys.shrink(|e| entries[e as usize].key);
        self.chains.shrink();
        self.completions = Completions::rebuild(self);
    }

    /// Replaces the terms of one concept (all languages) with `concept.entries`; an empty
    /// list removes the concept.
    pub fn replace(&mut self, concept: ConceptTerms) {
        self.apply(std::slice::from_ref(&concept));
    }

    /// Removes a concept's entries; false if it had none.
    pub fn remove(&mut self, concept: ConceptId) -> bool {
        let removed = self.unlink(concept);
        self.compact_if_worth_it();
        removed
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len() - self.dead
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of concepts with at least one entry.
    pub fn concept_count(&self) -> usize {
        self.by_id.len
    }

    /// Memory held, in bytes (capacity of every part).
    pub fn heap_bytes(&self) -> usize {
        self.entries.capacity() * std::mem::size_of::<Stored>()
            + self.runs.capacity() * std::mem::size_of::<Run>()
            + self.run_hints.capacity() * 4
            + self.by_id.heap_bytes()
            + self.texts.heap_bytes()
            + self.keys.heap_bytes()
            + self.chains.heap_bytes()
            + self.firsts.heap_bytes()
            + self.completions.heap_bytes()
    }

    /// Entries of `lang` (all languages when None) completing `typed`, public ones only when
    /// `public_only`, best first: whole-term-start before inner-word matches, then preferred
    /// before admitted before deprecated, then shorter text, then text order, then concept
    /// id. At most `limit` entries (distinct (concept, lang, text)). Both the terms and
    /// `typed` are compared lower-cased with white space folded ([`crate::text::norm_term`]).
    pub fn complete(&self, lang: Option<Lang>, typed: &str, public_only: bool, limit: usize) -> Vec<Completion> {
        self.completions.complete(self, lang, typed, public_only, limit)
    }

    /// Heap bytes of the completions alone (part of [`Dictionary::heap_bytes`]).
    pub fn completion_heap_bytes(&self) -> usize {
        self.completions.heap_bytes()
    }

    /// Builds the completions again from the live entries, as the build does at its end;
    /// for measuring that step alone (examples/recognize.rs).
    #[doc(hidden)]
    pub fn rebuild_completions(&mut self) {
        self.completions = Completions::rebuild(self);
    }

    /// The entries of a whole term in `lang` (normalised as in a text, no inflection):
    /// terms matched case-insensitively, abbreviations as written. O(term length).
    pub fn lookup(&self, lang: Lang, term: &str) -> Vec<Entry> {
        let mut out = Vec::new();
        for kind in [Kind::Term, Kind::Abbreviation] {
            let toks = term_tokens(lang, term, self.rules, kind == Kind::Abbreviation);
            if let Some(key) = term_chain(lang, kind, &toks, |_| {}, |_| {}) {
                self.for_each_entry(key, |e| out.push(self.entry_ref(e)));
            }
        }
        out
    }

    /// Every entry of `concept`, in every language (its equivalents), in the order given.
    pub fn entries_of(&self, concept: ConceptId) -> Vec<Entry> {
        let Some(run) = self.by_id.get(concept) else {
            return Vec::new();
        };
        let run = self.runs[run as usize];
        (run.first..run.first + run.count).map(|e| self.entry_ref(e)).collect()
    }

    /// Whether `key` is (or was) a whole term ([`TERM`]) and the beginning of one ([`PREFIX`]);
    /// a term flag is confirmed by [`Dictionary::for_each_entry`].
    #[inline]
    pub(super) fn chain_flags(&self, key: u64) -> u32 {
        self.chains.get(key)
    }

    /// Whether a term may begin with the word whose key chain (after that one word) is `key`;
    /// false for certain.
    #[inline]
    pub(super) fn may_start(&self, key: u64) -> bool {
        self.firsts.may_contain(key)
    }

    pub(super) fn for_each_entry(&self, key: u64, f: impl FnMut(u32)) {
        self.keys.for_each(key, |e| self.entries[e as usize].key, f);
    }

    /// The concept an entry belongs to: the last run starting at or before it.
    pub(super) fn concept_of(&self, e: u32) -> ConceptId {
        let hint = e as usize / HINT;
        let from = self.run_hints.get(hint).map_or(0, |&r| r as usize);
        let to = self.run_hints.get(hint + 1).map_or(self.runs.len(), |&r| r as usize + 1);
        let runs = &self.runs[from..to];
        runs[runs.partition_point(|r| r.first <= e).saturating_sub(1)].id
    }

    pub(super) fn entry_ref(&self, e: u32) -> Entry {
        self.entry_with(e, self.concept_of(e), self.entry_text(e))
    }

    /// An entry's status and visibility.
    pub(super) fn entry_meta(&self, e: u32) -> (TermStatus, Visibility) {
        let meta = self.entries[e as usize].meta;
        let status = match (meta >> 1) & 3 {
            0 => TermStatus::Preferred,
            1 => TermStatus::Admitted,
            _ => TermStatus::Deprecated,
        };
        let visibility = if meta & META_PENDING != 0 { Visibility::Pending } else { Visibility::Public };
        (status, visibility)
    }

    /// Entries stored, dead ones included: entry numbers are below this.
    pub(super) fn entry_count(&self) -> u32 {
        self.entries.len() as u32
    }

    pub(super) fn entry_live(&self, e: u32) -> bool {
        self.entries[e as usize].meta & META_DEAD == 0
    }

    pub(super) fn entry_pending(&self, e: u32) -> bool {
        self.entries[e as usize].meta & META_PENDING != 0
    }

    /// The index of an entry's language in [`Lang::ALL`].
    pub(super) fn entry_lang(&self, e: u32) -> usize {
        usize::from(self.entries[e as usize].lang)
    }

    pub(super) fn entry_status(&self, e: u32) -> TermStatus {
        self.entry_meta(e).0
    }

    pub(super) fn entry_text(&self, e: u32) -> String {
        let mut out = String::new();
        self.entry_text_into(e, &mut out);
        out
    }

    /// An entry's text, written over `out` (which keeps its allocation).
    pub(super) fn entry_text_into(&self, e: u32, out: &mut String) {
        match self.entries.get(e as usize) {
            Some(entry) => self.texts.get_into(TextRef { start: entry.text, len: entry.len }, out),
            None => out.clear(),
        }
    }

    /// An entry whose concept and text are known already.
    pub(super) fn entry_with(&self, e: u32, concept: ConceptId, text: String) -> Entry {
        Entry { concept, text, ..self.entry_ref_without_text(e) }
    }

    fn entry_ref_without_text(&self, e: u32) -> Entry {
        let entry = &self.entries[e as usize];
        let (status, visibility) = self.entry_meta(e);
        Entry {
            concept: ConceptId(0),
            lang: Lang::ALL[usize::from(entry.lang)],
            text: String::new(),
            kind: if entry.meta & META_ABBREVIATION != 0 { Kind::Abbreviation } else { Kind::Term },
            status,
            visibility,
        }
    }

    /// Marks a concept's entries dead and forgets its run; false if it had none.
    fn unlink(&mut self, concept: ConceptId) -> bool {
        let Some(run) = self.by_id.remove(concept) else {
            return false;
        };
        let run = self.runs[run as usize];
        for e in run.first..run.first + run.count {
            let entry = &mut self.entries[e as usize];
            self.keys.remove(entry.key, e);
            self.texts.garbage += usize::from(entry.len);
            entry.meta |= META_DEAD;
            self.dead += 1;
        }
        true
    }

    /// Replaces every concept of `batch` (each once) by its new entries.
    fn apply(&mut self, batch: &[ConceptTerms]) {
        if batch.is_empty() {
            return;
        }
        for c in batch {
            self.unlink(c.concept);
        }
        self.chains.reserve(2 * batch.iter().map(|c| c.entries.len()).sum::<usize>());
        // The key of every entry, language by language: the analyzers run once per language.
        let mut keys: Vec<Vec<Option<u64>>> = batch.iter().map(|c| vec![None; c.entries.len()]).collect();
        for lang in Lang::ALL {
            for kind in [Kind::Term, Kind::Abbreviation] {
                self.key_batch(lang, kind, batch, &mut keys);
            }
        }
        let additional: usize = keys.iter().flatten().filter(|k| k.is_some()).count();
        let entries = &self.entries;
        self.keys.reserve(additional, |e| entries[e as usize].key);
        self.entries.reserve(additional);
        // Languages whose completions' overlay has grown enough to rebuild them.
        let mut stale = [false; Lang::ALL.len()];
        for (c, keys) in batch.iter().zip(keys) {
            let first = self.entries.len() as u32;
            for (e, key) in c.entries.iter().zip(keys) {
                let Some(key) = key else { continue };
                let Some(text) = self.texts.push(&e.text) else { continue };
                let index = self.entries.len() as u32;
                self.entries.push(Stored {
                    key,
                    text: text.start,
                    len: text.len,
                    lang: Lang::ALL.iter().position(|&l| l == e.lang).unwrap_or(0) as u8,
                    meta: meta_of(e),
                });
                let entries = &self.entries;
                self.keys.insert(key, index, |i| entries[i as usize].key);
                self.chains.insert(key, TERM);
                let lang = usize::from(self.entries[index as usize].lang);
                if self.completions.add(index, lang, &e.text, e.status) {
                    stale[lang] = true;
                }
            }
            let count = self.entries.len() as u32 - first;
            if count > 0 {
                self.runs.push(Run { first, count, id: c.concept });
                self.by_id.insert(c.concept, (self.runs.len() - 1) as u32);
            }
        }
        self.hint_runs();
        if !self.compact_if_worth_it() {
            for (lang, _) in stale.iter().enumerate().filter(|(_, &s)| s) {
                let mut completions = std::mem::take(&mut self.completions);
                completions.rebuild_lang(self, lang);
                self.completions = completions;
            }
        }
    }

    /// Makes room for `more` concepts like those of `batch`, which took the dictionary from
    /// `before` (entries, chains) to its present size.
    fn reserve_like(&mut self, batch: &[ConceptTerms], before: (usize, usize), more: usize) {
        let per = |now: usize, then: usize| now.saturating_sub(then) as f64 / batch.len().max(1) as f64 * more as f64;
        let entries = per(self.entries.len(), before.0) as usize;
        // A little more than measured: a table reserved short grows by half again.
        let chains = (per(self.chains.len(), before.1) * 1.05) as usize;
        self.entries.reserve(entries);
        self.runs.reserve(more);
        let stored = &self.entries;
        self.keys.reserve(entries, |e| stored[e as usize].key);
        self.chains.reserve(chains);
    }

    /// Extends [`Dictionary::run_hints`] to the entries appended since.
    fn hint_runs(&mut self) {
        while self.run_hints.len() * HINT < self.entries.len() {
            let e = (self.run_hints.len() * HINT) as u32;
            let run = self.runs.partition_point(|r| r.first <= e).saturating_sub(1);
            self.run_hints.push(run as u32);
        }
    }

    /// Computes the keys of the batch's entries of one language and kind (the analyzers run
    /// once over all of them joined, a blank line apart: a blank line never joins words) and
    /// records the beginnings of those terms.
    fn key_batch(&mut self, lang: Lang, kind: Kind, batch: &[ConceptTerms], keys: &mut [Vec<Option<u64>>]) {
        let mut joined = String::new();
        let mut spans = Vec::new();
        for (ci, c) in batch.iter().enumerate() {
            for (ei, e) in c.entries.iter().enumerate().filter(|(_, e)| e.lang == lang && e.kind == kind) {
                if e.text.len() > usize::from(u16::MAX) || e.text.trim().is_empty() {
                    continue;
                }
                let start = joined.len();
                joined.push_str(&e.text);
                spans.push((start, joined.len(), ci, ei));
                joined.push_str("\n\n");
            }
        }
        if spans.is_empty() {
            return;
        }
        let toks = term_tokens(lang, &joined, self.rules, kind == Kind::Abbreviation);
        let mut next = 0;
        for (start, end, ci, ei) in spans {
            while next < toks.len() && toks[next].start < start {
                next += 1;
            }
            let first = next;
            while next < toks.len() && toks[next].end <= end {
                next += 1;
            }
            let (chains, firsts) = (&mut self.chains, &mut self.firsts);
            keys[ci][ei] =
                term_chain(lang, kind, &toks[first..next], |p| chains.insert(p, PREFIX), |f| firsts.insert(f));
        }
    }

    /// Copies the live entries, runs and texts once dead entries outnumber live ones (and
    /// rebuilds the completions, which name entries by number); true if it did.
    fn compact_if_worth_it(&mut self) -> bool {
        if self.dead < 4096 || self.dead * 2 < self.entries.len() {
            return false;
        }
        let old_entries = std::mem::take(&mut self.entries);
        let old_runs = std::mem::take(&mut self.runs);
        self.by_id.clear();
        self.keys = KeyTable::default();
        let mut live: Vec<Stored> = Vec::with_capacity(old_entries.len() - self.dead);
        for run in old_runs {
            let first = run.first as usize;
            let entries = &old_entries[first..first + run.count as usize];
            if entries.iter().all(|e| e.meta & META_DEAD != 0) {
                continue;
            }
            self.runs.push(Run { first: live.len() as u32, ..run });
            self.by_id.insert(run.id, (self.runs.len() - 1) as u32);
            live.extend_from_slice(entries);
        }
        self.texts.compact(live.iter_mut().map(|e| (&mut e.text, e.len)));
        self.keys.reserve(live.len(), |e| live[e as usize].key);
        for (i, e) in live.iter().enumerate() {
            self.keys.insert(e.key, i as u32, |j| live[j as usize].key);
        }
        self.entries = live;
        self.dead = 0;
        self.run_hints.clear();
        self.hint_runs();
        if !self.completions.suspended {
            self.completions = Completions::rebuild(self);
        }
        true
    }
}

/// The key of a term made of `toks`, calling `prefix` with the key of each of its
/// beginnings and `first` with the key of its first word; `None` when it cannot be matched
/// (no word, or a blank line inside).
fn term_chain(
    lang: Lang,
    kind: Kind,
    toks: &[Tok],
    mut prefix: impl FnMut(u64),
    mut first: impl FnMut(u64),
) -> Option<u64> {
    let abbreviation = kind == Kind::Abbreviation;
    let mut chain = root(lang, kind);
    for (i, t) in toks.iter().enumerate() {
        if i > 0 {
            if t.gap == Gap::Break {
                return None;
            }
            prefix(chain);
        }
        chain = step(chain, (i > 0).then_some(t.gap), t.term_key(abbreviation));
        if i == 0 {
            first(chain);
        }
    }
    (!toks.is_empty()).then_some(chain)
}
