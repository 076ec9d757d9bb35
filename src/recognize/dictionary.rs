//! The one dictionary of normalised whole terms, in six languages.
//!
//! A term's key is the hash chain of its words' keys and of what stands between them
//! ([`step`]), seeded by its language and kind (term or abbreviation, see [`root`]). The
//! dictionary keeps, compactly:
//! - every entry once (24 bytes): its key, concept, language, kind, status, visibility and
//!   where its text is in the shared, compactly encoded texts (`texts.rs`);
//! - a [`KeyTable`] from key to entries (4 bytes a slot), so a whole term is found in
//!   O(term length);
//! - a [`PrefixSet`] of the keys of the beginnings of terms, so the walk over a text stops
//!   as soon as no term begins that way;
//! - per concept, its entries (a linked list through the entries), for equivalents and for
//!   replacing one concept's terms when it changes.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hasher};

use crate::model::{ConceptId, Lang};

use super::table::{KeyTable, PrefixSet};
use super::texts::{TextRef, Texts};
use super::tokens::{term_tokens, Gap, Rules, Tok};
use super::{ConceptTerms, Kind, TermEntry, TermStatus, Visibility};

const NONE: u32 = u32::MAX;
/// Concepts handled per batch when building: the analyzers then run once per language and
/// batch, over all the batch's terms joined.
const BATCH: usize = 2048;

/// The seed of the key chain of a term of `kind` in `lang`.
pub(super) fn root(lang: Lang, kind: Kind) -> u64 {
    let mut h = DefaultHasher::new();
    h.write(lang.code().as_bytes());
    h.write_u8(kind as u8);
    h.finish()
}

/// The key chain extended by one word (`gap` is what stands before it; `None` for the first).
pub(super) fn step(chain: u64, gap: Option<&Gap>, key: &str) -> u64 {
    let mut h = DefaultHasher::new();
    h.write_u64(chain);
    match gap {
        None => h.write_u8(0),
        Some(Gap::Join) => h.write_u8(1),
        Some(Gap::Punct(p)) => {
            h.write_u8(2);
            h.write(p.as_bytes());
        }
        Some(Gap::Break) => h.write_u8(3),
    }
    h.write(key.as_bytes());
    h.write_u8(0xff);
    h.finish()
}

#[derive(Debug, Clone, Copy)]
struct Stored {
    key: u64,
    /// Where the text is in `Dictionary::texts`.
    text: u32,
    /// The next entry of the same concept, or the next free entry.
    next: u32,
    /// Index in `Dictionary::concepts`.
    concept: u32,
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

/// Concept id → slot: a plain vector for the dense ids SQLite hands out (4 bytes a
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
            Some(&slot) if slot != NONE => Some(slot),
            _ => self.sparse.get(&id).copied(),
        }
    }

    fn insert(&mut self, id: ConceptId, slot: u32) {
        let old = match self.dense_index(id) {
            Some(i) => {
                if i >= self.dense.len() {
                    self.dense.resize(i + 1, NONE);
                }
                Some(std::mem::replace(&mut self.dense[i], slot)).filter(|&s| s != NONE)
            }
            None => self.sparse.insert(id, slot),
        };
        if old.is_none() {
            self.len += 1;
        }
    }

    fn remove(&mut self, id: ConceptId) -> Option<u32> {
        let dense = usize::try_from(id.0).ok().and_then(|i| self.dense.get_mut(i));
        let old = match dense {
            Some(slot) if *slot != NONE => Some(std::mem::replace(slot, NONE)),
            _ => self.sparse.remove(&id),
        };
        if old.is_some() {
            self.len -= 1;
        }
        old
    }

    fn len(&self) -> usize {
        self.len
    }

    fn heap_bytes(&self) -> usize {
        self.dense.capacity() * 4 + self.sparse.capacity() * (std::mem::size_of::<(ConceptId, u32)>() + 1)
    }
}

#[derive(Debug, Clone, Copy)]
struct ConceptSlot {
    id: ConceptId,
    first: u32,
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
    free_entry: u32,
    texts: Texts,
    concepts: Vec<ConceptSlot>,
    free_concepts: Vec<u32>,
    by_id: ConceptIndex,
    keys: KeyTable,
    prefixes: PrefixSet,
    live: usize,
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
            free_entry: NONE,
            texts: Texts::default(),
            concepts: Vec::new(),
            free_concepts: Vec::new(),
            by_id: ConceptIndex::default(),
            keys: KeyTable::default(),
            prefixes: PrefixSet::default(),
            live: 0,
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
        let mut batch = Vec::with_capacity(BATCH);
        let mut in_batch = std::collections::HashSet::new();
        for c in concepts {
            // A batch holds a concept once: seen again, the batch before it is applied first.
            if batch.len() == BATCH || !in_batch.insert(c.concept) {
                self.apply(&batch);
                batch.clear();
                in_batch.clear();
                in_batch.insert(c.concept);
            }
            batch.push(c);
        }
        self.apply(&batch);
        self.entries.shrink_to_fit();
        self.texts.shrink_to_fit();
    }

    /// Replaces the terms of one concept (all languages) with `concept.entries`; an empty
    /// list removes the concept.
    pub fn replace(&mut self, concept: ConceptTerms) {
        self.apply(std::slice::from_ref(&concept));
    }

    /// Removes a concept's entries; false if it had none.
    pub fn remove(&mut self, concept: ConceptId) -> bool {
        let Some(slot) = self.by_id.remove(concept) else {
            return false;
        };
        let mut e = self.concepts[slot as usize].first;
        while e != NONE {
            let entry = self.entries[e as usize];
            self.keys.remove(entry.key, e);
            self.texts.garbage += usize::from(entry.len);
            self.entries[e as usize] = Stored { meta: META_DEAD, next: self.free_entry, ..entry };
            self.free_entry = e;
            self.live -= 1;
            e = entry.next;
        }
        self.concepts[slot as usize].first = NONE;
        self.free_concepts.push(slot);
        if self.texts.garbage > (1 << 20) && self.texts.garbage * 2 > self.texts.len() {
            let live = self.entries.iter_mut().filter(|e| e.meta & META_DEAD == 0);
            self.texts.compact(live.map(|e| (&mut e.text, e.len)));
        }
        true
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.live
    }

    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Number of concepts with at least one entry.
    pub fn concept_count(&self) -> usize {
        self.by_id.len()
    }

    /// Memory held, in bytes (capacity of every part).
    pub fn heap_bytes(&self) -> usize {
        self.entries.capacity() * std::mem::size_of::<Stored>()
            + self.texts.heap_bytes()
            + self.concepts.capacity() * std::mem::size_of::<ConceptSlot>()
            + self.free_concepts.capacity() * 4
            + self.by_id.heap_bytes()
            + self.keys.heap_bytes()
            + self.prefixes.heap_bytes()
    }

    /// The entries of a whole term in `lang` (normalised as in a text, no inflection):
    /// terms matched case-insensitively, abbreviations as written. O(term length).
    pub fn lookup(&self, lang: Lang, term: &str) -> Vec<Entry> {
        let mut out = Vec::new();
        for kind in [Kind::Term, Kind::Abbreviation] {
            let toks = term_tokens(lang, term, self.rules, kind == Kind::Abbreviation);
            if let Some(key) = self.term_chain(lang, kind, &toks, |_| {}) {
                self.for_each_entry(key, |e| out.push(self.entry_ref(e)));
            }
        }
        out
    }

    /// Every entry of `concept`, in every language (its equivalents).
    pub fn entries_of(&self, concept: ConceptId) -> Vec<Entry> {
        let mut out = Vec::new();
        if let Some(slot) = self.by_id.get(concept) {
            let mut e = self.concepts[slot as usize].first;
            while e != NONE {
                out.push(self.entry_ref(e));
                e = self.entries[e as usize].next;
            }
        }
        out.reverse();
        out
    }

    pub(super) fn has_prefix(&self, key: u64) -> bool {
        self.prefixes.contains(key)
    }

    pub(super) fn has_key(&self, key: u64) -> bool {
        self.keys.contains(key, |e| self.entries[e as usize].key)
    }

    pub(super) fn for_each_entry(&self, key: u64, f: impl FnMut(u32)) {
        self.keys.for_each(key, |e| self.entries[e as usize].key, f);
    }

    pub(super) fn entry_ref(&self, e: u32) -> Entry {
        let entry = &self.entries[e as usize];
        Entry {
            concept: self.concepts[entry.concept as usize].id,
            lang: Lang::ALL[usize::from(entry.lang)],
            text: self.texts.get(TextRef { start: entry.text, len: entry.len }),
            kind: if entry.meta & META_ABBREVIATION != 0 { Kind::Abbreviation } else { Kind::Term },
            status: match (entry.meta >> 1) & 3 {
                0 => TermStatus::Preferred,
                1 => TermStatus::Admitted,
                _ => TermStatus::Deprecated,
            },
            visibility: if entry.meta & META_PENDING != 0 { Visibility::Pending } else { Visibility::Public },
        }
    }

    /// The key of a term made of `toks`, calling `prefix` with the key of each of its
    /// beginnings; `None` when it cannot be matched (no word, or a blank line inside).
    fn term_chain(&self, lang: Lang, kind: Kind, toks: &[Tok], mut prefix: impl FnMut(u64)) -> Option<u64> {
        let abbreviation = kind == Kind::Abbreviation;
        let mut chain = root(lang, kind);
        for (i, t) in toks.iter().enumerate() {
            if i > 0 {
                if t.gap == Gap::Break {
                    return None;
                }
                prefix(chain);
            }
            chain = step(chain, (i > 0).then_some(&t.gap), t.term_key(abbreviation));
        }
        (!toks.is_empty()).then_some(chain)
    }

    /// Replaces every concept of `batch` by its new entries.
    fn apply(&mut self, batch: &[ConceptTerms]) {
        if batch.is_empty() {
            return;
        }
        for c in batch {
            self.remove(c.concept);
        }
        let additional: usize = batch.iter().map(|c| c.entries.len()).sum();
        self.keys.reserve(additional, |e| self.entries[e as usize].key);
        self.prefixes.reserve(additional);
        self.entries.reserve(additional.saturating_sub(self.entries.len() - self.live));
        let slots: Vec<u32> = batch.iter().map(|c| self.concept_slot(c.concept)).collect();
        for lang in Lang::ALL {
            for kind in [Kind::Term, Kind::Abbreviation] {
                self.insert_batch(lang, kind, batch, &slots);
            }
        }
        for (c, slot) in batch.iter().zip(slots) {
            if self.concepts[slot as usize].first == NONE {
                self.by_id.remove(c.concept);
                self.free_concepts.push(slot);
            }
        }
    }

    /// Inserts the batch's entries of one language and kind: the analyzers run once over all
    /// of them joined, a blank line apart (a blank line never joins words).
    fn insert_batch(&mut self, lang: Lang, kind: Kind, batch: &[ConceptTerms], slots: &[u32]) {
        let mut joined = String::new();
        let mut spans = Vec::new();
        for (c, &slot) in batch.iter().zip(slots) {
            for e in c.entries.iter().filter(|e| e.lang == lang && e.kind == kind) {
                if e.text.len() > usize::from(u16::MAX) || e.text.trim().is_empty() {
                    continue;
                }
                let start = joined.len();
                joined.push_str(&e.text);
                spans.push((start, joined.len(), slot, e));
                joined.push_str("\n\n");
            }
        }
        if spans.is_empty() {
            return;
        }
        let toks = term_tokens(lang, &joined, self.rules, kind == Kind::Abbreviation);
        let mut next = 0;
        for (start, end, slot, e) in spans {
            while next < toks.len() && toks[next].start < start {
                next += 1;
            }
            let first = next;
            while next < toks.len() && toks[next].end <= end {
                next += 1;
            }
            self.insert(lang, slot, e, &toks[first..next]);
        }
    }

    fn concept_slot(&mut self, id: ConceptId) -> u32 {
        let slot = match self.free_concepts.pop() {
            Some(slot) => {
                self.concepts[slot as usize] = ConceptSlot { id, first: NONE };
                slot
            }
            None => {
                self.concepts.push(ConceptSlot { id, first: NONE });
                (self.concepts.len() - 1) as u32
            }
        };
        self.by_id.insert(id, slot);
        slot
    }

    fn insert(&mut self, lang: Lang, slot: u32, e: &TermEntry, toks: &[Tok]) {
        let mut prefixes = Vec::new();
        let Some(key) = self.term_chain(lang, e.kind, toks, |p| prefixes.push(p)) else {
            return;
        };
        let Some(text) = self.texts.push(&e.text) else {
            return;
        };
        for p in prefixes {
            self.prefixes.insert(p);
        }
        let entry = Stored {
            key,
            text: text.start,
            next: self.concepts[slot as usize].first,
            concept: slot,
            len: text.len,
            lang: Lang::ALL.iter().position(|&l| l == lang).unwrap_or(0) as u8,
            meta: meta_of(e),
        };
        let index = if self.free_entry != NONE {
            let index = self.free_entry;
            self.free_entry = self.entries[index as usize].next;
            self.entries[index as usize] = entry;
            index
        } else {
            self.entries.push(entry);
            (self.entries.len() - 1) as u32
        };
        self.concepts[slot as usize].first = index;
        let entries = &self.entries;
        self.keys.insert(key, index, |i| entries[i as usize].key);
        self.live += 1;
    }
}
