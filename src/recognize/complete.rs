//! Completions: the entries whose normalised text begins with what is typed, or has a word
//! beginning with it (`meter` finds `smart meter`; in Chinese, which has no spaces, every
//! character begins a word), best first. Autocomplete answers from here instead of running a
//! prefix query over the search index.
//!
//! Per language, two sorted arrays of keys into the dictionary's entries: one key per entry
//! (its whole normalised text: the matches "at the start") and one per inner word start
//! (the entry and which word). No text is stored: a key's text is decoded from the
//! dictionary's compact texts when compared, and a fence of the first eight bytes of every
//! block of keys keeps that to a few decodes per search. A prefix is a range of each array,
//! found in O(log n); the best few of a range come out in rank order (status, then length,
//! then position, which is text order) through a tree of the blocks' best ranks, so a
//! one-letter prefix with a hundred thousand matches costs about what a rare one does. A
//! key costs five bytes (entry index and rank; an inner key also its word number).
//!
//! The arrays are built once after the dictionary's build and after a compaction (entries
//! renumbered). Entries added since (a concept replaced) go to a small sorted overlay; the
//! keys of dead entries stay in the arrays and are skipped. When a language's overlay
//! outgrows a sixty-fourth of its arrays, that language is rebuilt.

use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap, HashSet};
use std::ops::Bound;

use crate::model::{ConceptId, Lang};

use super::dictionary::{Dictionary, Entry};
use super::texts::is_han;
use super::TermStatus;

/// One entry whose text begins with, or has a word beginning with, the typed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    pub entry: Entry,
    /// The typed text begins the whole term.
    pub at_start: bool,
}

/// Keys per block: the unit of the fences and of the tree of best ranks.
const BLOCK: usize = 32;
/// Words of a term keyed inside it (the first 255 word starts after the first).
const MAX_WORDS: usize = 255;
/// Inner-word keys taken beyond `limit` when they tie with the last one taken, so that
/// ties are ordered by the whole text rather than by the word's.
const TIES: usize = 64;
/// Overlay keys a language may hold before it is rebuilt: at least this many …
const OVERLAY_MIN: usize = 4096;
/// … or a sixty-fourth of its sorted keys.
const OVERLAY_SHARE: usize = 64;

/// The normalised form of a term or of typed text: lower case, white space (and control
/// characters) folded to single spaces, as [`crate::text::norm_term`].
pub(super) fn normalize(text: &str) -> String {
    let mut out = String::new();
    normalize_into(text, &mut out);
    out
}

/// [`normalize`], written over `out` (which keeps its allocation).
fn normalize_into(text: &str, out: &mut String) {
    out.clear();
    for word in text.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.push_str(&word.to_lowercase());
        }
    }
}

/// Byte offsets of the words that begin inside a normalised text (not at its start): a
/// letter or digit after anything else, and every Han character.
fn inner_starts(norm: &str) -> impl Iterator<Item = usize> + '_ {
    let mut prev: Option<char> = None;
    norm.char_indices()
        .filter_map(move |(i, c)| {
            let start = prev.is_some_and(|p| c.is_alphanumeric() && (!p.is_alphanumeric() || is_han(c) || is_han(p)));
            prev = Some(c);
            start.then_some(i)
        })
        .take(MAX_WORDS)
}

/// The suffix of `norm` a key stands for: the whole text (`word` None) or from an inner word.
fn suffix(norm: &str, word: Option<u8>) -> &str {
    match word {
        None => norm,
        Some(w) => inner_starts(norm).nth(usize::from(w)).map_or("", |i| &norm[i..]),
    }
}

/// Status and length in one byte, lower first: the order of [`Dictionary::complete`] but
/// for the text itself (lengths beyond 63 characters tie).
fn rank(status: TermStatus, norm: &str) -> u8 {
    let status = match status {
        TermStatus::Preferred => 0,
        TermStatus::Admitted => 1,
        TermStatus::Deprecated => 2,
    };
    (status << 6) | norm.chars().count().min(63) as u8
}

/// The first eight bytes of `s`, big-endian, padded with `pad`: comparing these compares
/// the texts' beginnings (the normalised texts hold no NUL).
fn first8(s: &str, pad: u8) -> u64 {
    bytes8(s.as_bytes(), pad)
}

fn bytes8(s: &[u8], pad: u8) -> u64 {
    let mut b = [pad; 8];
    let n = s.len().min(8);
    b[..n].copy_from_slice(&s[..n]);
    u64::from_be_bytes(b)
}

/// A key while building: where its text is (`at` bytes into `norms[norm]`) and what it keeps.
struct BuildKey {
    /// The text's first eight bytes (the fence) and the next eight: most comparisons end here.
    first8: u64,
    next8: u64,
    /// Ties of text are in concept order, as answered.
    concept: ConceptId,
    entry: u32,
    /// The text: `arena[from..to]`.
    from: u32,
    to: u32,
    word: u8,
    rank: u8,
}

impl BuildKey {
    fn new(arena: &str, from: usize, to: usize, concept: ConceptId, entry: u32, word: u8, rank: u8) -> Self {
        let text = &arena[from..to];
        BuildKey {
            first8: first8(text, 0),
            // Bytes, not characters: the eighth byte may fall inside one.
            next8: text.as_bytes().get(8..).map_or(0, |rest| bytes8(rest, 0)),
            concept,
            entry,
            from: from as u32,
            to: to as u32,
            word,
            rank,
        }
    }
}

/// Keys sorted by the text they stand for; see the module documentation.
#[derive(Debug, Default, Clone)]
struct Sorted {
    entry: Vec<u32>,
    /// Inner keys only: which word of the entry's text (see [`inner_starts`]).
    word: Vec<u8>,
    rank: Vec<u8>,
    /// Per block, [`first8`] of its first key's text.
    fence: Vec<u64>,
    /// Best rank of each block and, above, of each pair of nodes (`tree[1]` the root;
    /// leaves from `leaves`).
    tree: Vec<u8>,
    leaves: usize,
}

impl Sorted {
    fn len(&self) -> usize {
        self.entry.len()
    }

    fn heap_bytes(&self) -> usize {
        self.entry.capacity() * 4
            + self.word.capacity()
            + self.rank.capacity()
            + self.fence.capacity() * 8
            + self.tree.capacity()
    }

    fn word_of(&self, i: usize) -> Option<u8> {
        self.word.get(i).copied()
    }

    /// The normalised text key `i` stands for, decoded through `buf` (raw text, normalised).
    fn key_text<'b>(&self, d: &Dictionary, i: usize, buf: &'b mut (String, String)) -> &'b str {
        d.entry_text_into(self.entry[i], &mut buf.0);
        normalize_into(&buf.0, &mut buf.1);
        suffix(&buf.1, self.word_of(i))
    }

    /// Sorts `keys` by their texts and fills the arrays, fences and tree.
    fn from_keys(mut keys: Vec<BuildKey>, arena: &str, inner: bool) -> Sorted {
        let text = |k: &BuildKey| &arena.as_bytes()[k.from as usize..k.to as usize];
        keys.sort_unstable_by(|a, b| {
            (a.first8, a.next8)
                .cmp(&(b.first8, b.next8))
                .then_with(|| {
                    if a.to - a.from <= 16 && b.to - b.from <= 16 {
                        std::cmp::Ordering::Equal
                    } else {
                        text(a).cmp(text(b))
                    }
                })
                .then(a.concept.cmp(&b.concept))
        });
        let mut s = Sorted {
            entry: keys.iter().map(|k| k.entry).collect(),
            word: if inner { keys.iter().map(|k| k.word).collect() } else { Vec::new() },
            rank: keys.iter().map(|k| k.rank).collect(),
            fence: keys.iter().step_by(BLOCK).map(|k| k.first8).collect(),
            tree: Vec::new(),
            leaves: 0,
        };
        drop(keys);
        let blocks = s.fence.len();
        s.leaves = blocks.next_power_of_two().max(1);
        s.tree = vec![u8::MAX; 2 * s.leaves];
        for (b, chunk) in s.rank.chunks(BLOCK).enumerate() {
            s.tree[s.leaves + b] = chunk.iter().copied().min().unwrap_or(u8::MAX);
        }
        for n in (1..s.leaves).rev() {
            s.tree[n] = s.tree[2 * n].min(s.tree[2 * n + 1]);
        }
        s
    }

    /// The range of keys whose text begins with `p` (not empty).
    fn range(&self, d: &Dictionary, p: &str) -> (usize, usize) {
        let n = self.len();
        if n == 0 {
            return (0, 0);
        }
        let (lo8, hi8) = (first8(p, 0), first8(p, u8::MAX));
        let short = p.len() <= 8;
        // Blocks whose first key is certainly before `p`, and those certainly after every
        // key beginning with it.
        let before = self.fence.partition_point(|&f| f < lo8);
        let upto = self.fence.partition_point(|&f| f <= hi8);
        let window_lo = before.saturating_sub(1) * BLOCK;
        let window_hi = (upto * BLOCK).min(n);
        let lo_end = if short { (before * BLOCK).min(n) } else { window_hi };
        let mut buf = (String::new(), String::new());
        let lo = window_lo + partition(window_lo, lo_end.max(window_lo), |i| self.key_text(d, i, &mut buf) < p);
        let hi_start = if short { (upto.saturating_sub(1) * BLOCK).max(lo) } else { lo };
        let hi = hi_start
            + partition(hi_start, window_hi.max(hi_start), |i| {
                let t = self.key_text(d, i, &mut buf);
                t < p || t.starts_with(p)
            });
        (lo, hi)
    }
}

/// The first index of `from..to` where `pred` turns false, minus `from` (pred is true, then false).
fn partition(from: usize, to: usize, mut pred: impl FnMut(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (from, to);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo - from
}

/// The keys of a range in (rank, position) order, best first, without visiting the whole
/// range: a block is opened only when its best rank can come next.
struct Best<'a> {
    s: &'a Sorted,
    /// Tree nodes not yet opened: (best rank, first key, node).
    nodes: BinaryHeap<Reverse<(u8, usize, usize)>>,
    /// Keys of opened blocks: (rank, position).
    keys: BinaryHeap<Reverse<(u8, usize)>>,
}

impl<'a> Best<'a> {
    fn new(s: &'a Sorted, lo: usize, hi: usize) -> Self {
        let mut best = Best { s, nodes: BinaryHeap::new(), keys: BinaryHeap::new() };
        let (first, last) = (lo.div_ceil(BLOCK), hi / BLOCK);
        if first >= last {
            best.open(lo, hi);
            return best;
        }
        best.open(lo, first * BLOCK);
        best.open(last * BLOCK, hi);
        let (mut l, mut r) = (first + s.leaves, last + s.leaves);
        while l < r {
            if l & 1 == 1 {
                best.push_node(l);
                l += 1;
            }
            if r & 1 == 1 {
                r -= 1;
                best.push_node(r);
            }
            l >>= 1;
            r >>= 1;
        }
        best
    }

    fn open(&mut self, from: usize, to: usize) {
        self.keys.extend((from..to).map(|i| Reverse((self.s.rank[i], i))));
    }

    fn push_node(&mut self, node: usize) {
        let mut leaf = node;
        while leaf < self.s.leaves {
            leaf *= 2;
        }
        self.nodes.push(Reverse((self.s.tree[node], (leaf - self.s.leaves) * BLOCK, node)));
    }
}

impl Iterator for Best<'_> {
    /// (rank, position).
    type Item = (u8, usize);

    fn next(&mut self) -> Option<(u8, usize)> {
        loop {
            let key = self.keys.peek().map(|k| k.0);
            let node = self.nodes.peek().map(|n| (n.0 .0, n.0 .1));
            match (key, node) {
                (Some(k), Some(n)) if k < n => return self.keys.pop().map(|k| k.0),
                (Some(_), None) => return self.keys.pop().map(|k| k.0),
                (None, None) => return None,
                _ => {
                    let Reverse((_, first, node)) = self.nodes.pop()?;
                    if node >= self.s.leaves {
                        self.open(first, (first + BLOCK).min(self.s.len()));
                    } else {
                        self.push_node(2 * node);
                        self.push_node(2 * node + 1);
                    }
                }
            }
        }
    }
}

/// One entry found: whether at its start, its rank, its concept and text.
#[derive(Debug, Clone)]
struct Found {
    entry: u32,
    at_start: bool,
    rank: u8,
    concept: ConceptId,
    text: String,
}

/// A key added since the last build: (text from the key on, entry, word + 1 or 0 for the
/// start, rank).
type Added = (Box<str>, u32, u8, u8);

#[derive(Debug, Default, Clone)]
struct LangIndex {
    starts: Sorted,
    inner: Sorted,
    added: BTreeSet<Added>,
    /// Heap bytes of `added`, estimated.
    added_bytes: usize,
}

impl LangIndex {
    fn build(d: &Dictionary, lang: usize) -> LangIndex {
        let entries: Vec<u32> = (0..d.entry_count()).filter(|&e| d.entry_live(e) && d.entry_lang(e) == lang).collect();
        // Every normalised text in one arena (no allocation per text).
        let (mut arena, mut raw, mut norm) = (String::new(), String::new(), String::new());
        let mut starts = Vec::with_capacity(entries.len());
        let mut inner = Vec::new();
        for &e in &entries {
            d.entry_text_into(e, &mut raw);
            normalize_into(&raw, &mut norm);
            if norm.is_empty() || arena.len() + norm.len() > u32::MAX as usize {
                continue;
            }
            let from = arena.len();
            arena.push_str(&norm);
            let to = arena.len();
            let (rank, concept) = (rank(d.entry_status(e), &norm), d.concept_of(e));
            starts.push(BuildKey::new(&arena, from, to, concept, e, 0, rank));
            for (w, at) in inner_starts(&norm).enumerate() {
                inner.push(BuildKey::new(&arena, from + at, to, concept, e, w as u8, rank));
            }
        }
        LangIndex {
            starts: Sorted::from_keys(starts, &arena, false),
            inner: Sorted::from_keys(inner, &arena, true),
            added: BTreeSet::new(),
            added_bytes: 0,
        }
    }

    fn heap_bytes(&self) -> usize {
        self.starts.heap_bytes() + self.inner.heap_bytes() + self.added_bytes
    }

    fn wants_rebuild(&self) -> bool {
        self.added.len() > OVERLAY_MIN.max((self.starts.len() + self.inner.len()) / OVERLAY_SHARE)
    }

    fn add(&mut self, entry: u32, norm: &str, status: TermStatus) {
        if norm.is_empty() {
            return;
        }
        let r = rank(status, norm);
        let keys = std::iter::once((0, 0)).chain(inner_starts(norm).enumerate().map(|(w, at)| (at, w as u8 + 1)));
        for (at, word) in keys {
            let text: Box<str> = norm[at..].into();
            // The text, the tree's node (about four pointers' worth) and the tuple.
            self.added_bytes += text.len() + 64;
            self.added.insert((text, entry, word, r));
        }
    }

    /// Up to `want` usable keys of the sorted arrays (`at_start`: the starts, else the
    /// inner words) beginning with `p`, best first (inner words: and those tying with the
    /// last), and every key of the overlay beginning with `p`.
    fn gather(
        &self,
        d: &Dictionary,
        p: &str,
        at_start: bool,
        usable: &impl Fn(u32) -> bool,
        want: usize,
        out: &mut Vec<Found>,
    ) {
        let s = if at_start { &self.starts } else { &self.inner };
        let (lo, hi) = s.range(d, p);
        // Distinct (concept, text): the same text twice in a concept counts once.
        let mut seen = HashSet::new();
        let mut found = |e: u32, r: u8, seen: &mut HashSet<(ConceptId, String)>| {
            let (concept, text) = (d.concept_of(e), d.entry_text(e));
            let new = seen.insert((concept, text.clone()));
            if new {
                out.push(Found { entry: e, at_start, rank: r, concept, text });
            }
            new
        };
        let (mut last, mut ties, mut taken) = (None, 0, 0);
        for (r, i) in Best::new(s, lo, hi) {
            let e = s.entry[i];
            if !usable(e) {
                continue;
            }
            if taken >= want {
                // The starts are in answer order already (rank, text, concept); inner
                // words are in the order of the word, not of the whole text.
                if at_start || last != Some(r) || ties == TIES {
                    break;
                }
            }
            if found(e, r, &mut seen) {
                if taken >= want {
                    ties += 1;
                }
                taken += 1;
                last = Some(r);
            }
        }
        // The overlay: every key beginning with `p` (it is small), best first.
        let from = (Bound::Included((Box::<str>::from(p), 0, 0, 0)), Bound::Unbounded);
        let mut added: Vec<(u8, u32)> = self
            .added
            .range::<Added, _>(from)
            .take_while(|(text, ..)| text.starts_with(p))
            .filter(|&&(_, e, word, _)| (word == 0) == at_start && usable(e))
            .map(|&(_, e, _, r)| (r, e))
            .collect();
        added.sort_unstable();
        for (r, e) in added {
            found(e, r, &mut seen);
        }
    }
}

/// The completion index of a dictionary: one [`LangIndex`] per language.
#[derive(Debug, Clone)]
pub(super) struct Completions {
    langs: Vec<LangIndex>,
    /// While a dictionary is being extended, no key is added: it is built at the end.
    pub suspended: bool,
}

impl Default for Completions {
    fn default() -> Self {
        Completions { langs: vec![LangIndex::default(); Lang::ALL.len()], suspended: false }
    }
}

impl Completions {
    pub fn heap_bytes(&self) -> usize {
        self.langs.iter().map(LangIndex::heap_bytes).sum()
    }

    /// Builds every language from the dictionary's live entries.
    pub fn rebuild(d: &Dictionary) -> Completions {
        Completions { langs: (0..Lang::ALL.len()).map(|l| LangIndex::build(d, l)).collect(), suspended: false }
    }

    /// Adds the keys of one new entry; true when its language should now be rebuilt
    /// ([`Completions::rebuild_lang`]).
    pub fn add(&mut self, entry: u32, lang: usize, text: &str, status: TermStatus) -> bool {
        if self.suspended {
            return false;
        }
        let index = &mut self.langs[lang];
        index.add(entry, &normalize(text), status);
        index.wants_rebuild()
    }

    pub fn rebuild_lang(&mut self, d: &Dictionary, lang: usize) {
        self.langs[lang] = LangIndex::build(d, lang);
    }

    /// See [`Dictionary::complete`].
    pub fn complete(
        &self,
        d: &Dictionary,
        lang: Option<Lang>,
        typed: &str,
        public_only: bool,
        limit: usize,
    ) -> Vec<Completion> {
        let p = normalize(typed);
        if p.is_empty() || limit == 0 {
            return Vec::new();
        }
        let langs: Vec<usize> = match lang {
            Some(l) => Lang::ALL.iter().position(|&x| x == l).into_iter().collect(),
            None => (0..Lang::ALL.len()).collect(),
        };
        let usable = |e: u32| d.entry_live(e) && !(public_only && d.entry_pending(e));
        // Rarely, two entries are the same (concept, language, text): ask for more then.
        let mut want = limit;
        loop {
            let mut found = Vec::new();
            let mut exhausted = true;
            for at_start in [true, false] {
                let before = found.len();
                for &l in &langs {
                    self.langs[l].gather(d, &p, at_start, &usable, want, &mut found);
                }
                exhausted &= found.len() - before < want;
                if found.len() >= want {
                    break;
                }
            }
            let out = ordered(d, found, limit);
            if out.len() >= limit || exhausted || want >= 8 * limit {
                return out;
            }
            want *= 2;
        }
    }
}

/// The completions of `found`, best first, distinct, at most `limit`.
fn ordered(d: &Dictionary, mut found: Vec<Found>, limit: usize) -> Vec<Completion> {
    found.sort_by_key(|f| (!f.at_start, f.rank, f.entry));
    // Only what can still be among the best `limit` is ordered by text: everything up to
    // the rank of the `limit`-th (twice that, for the same (concept, text) found twice).
    if let Some(cut) = found.get(2 * limit - 1).map(|f| (!f.at_start, f.rank)) {
        found.retain(|f| (!f.at_start, f.rank) <= cut);
    }
    let mut keyed: Vec<(bool, u8, usize, String, Found)> = found
        .into_iter()
        .map(|f| {
            let norm = normalize(&f.text);
            // The rank's status, then the whole length (the rank's stops at 63).
            (!f.at_start, f.rank >> 6, norm.chars().count(), norm, f)
        })
        .collect();
    keyed.sort_by(|a, b| (a.0, a.1, a.2, &a.3, a.4.concept).cmp(&(b.0, b.1, b.2, &b.3, b.4.concept)));
    let mut seen = HashSet::new();
    keyed
        .into_iter()
        .filter(|k| seen.insert((k.4.concept, d.entry_lang(k.4.entry), k.4.text.clone())))
        .take(limit)
        .map(|(_, _, _, _, f)| Completion { entry: d.entry_with(f.entry, f.concept, f.text), at_start: f.at_start })
        .collect()
}

#[cfg(test)]
mod tests {
    use rand::{Rng, SeedableRng};

    use super::super::{ConceptTerms, Kind, TermEntry, Visibility};
    use super::*;

    fn term(lang: Lang, text: &str, status: TermStatus, visibility: Visibility) -> TermEntry {
        TermEntry { lang, text: text.to_string(), kind: Kind::Term, status, visibility }
    }

    fn public(lang: Lang, text: &str) -> TermEntry {
        term(lang, text, TermStatus::Preferred, Visibility::Public)
    }

    fn concept(id: i64, entries: Vec<TermEntry>) -> ConceptTerms {
        ConceptTerms { concept: ConceptId(id), entries }
    }

    /// (text, at start) of each completion.
    fn texts(d: &Dictionary, lang: Option<Lang>, typed: &str, limit: usize) -> Vec<(String, bool)> {
        d.complete(lang, typed, true, limit).into_iter().map(|c| (c.entry.text, c.at_start)).collect()
    }

    fn list(items: &[(&str, bool)]) -> Vec<(String, bool)> {
        items.iter().map(|(t, s)| (t.to_string(), *s)).collect()
    }

    fn sample() -> Dictionary {
        Dictionary::build([
            concept(1, vec![public(Lang::En, "smart meter"), public(Lang::Zh, "智能电表")]),
            concept(2, vec![public(Lang::En, "smart metering service")]),
            concept(3, vec![public(Lang::En, "Water Meter"), public(Lang::Fr, "compteur d'eau")]),
            concept(4, vec![public(Lang::En, "meter")]),
            concept(5, vec![public(Lang::En, "meteorology"), public(Lang::Zh, "电表读数")]),
            concept(6, vec![public(Lang::En, "multi-meter reading")]),
        ])
    }

    #[test]
    fn prefix_at_the_start_and_at_every_word() {
        let d = sample();
        assert_eq!(
            texts(&d, Some(Lang::En), "Meter", 10),
            list(&[
                ("meter", true),
                ("smart meter", false),
                ("Water Meter", false),
                ("multi-meter reading", false),
                ("smart metering service", false),
            ])
        );
        assert_eq!(
            texts(&d, Some(Lang::En), "smart  m", 10),
            list(&[("smart meter", true), ("smart metering service", true)])
        );
        assert_eq!(texts(&d, Some(Lang::En), "water meter", 10), list(&[("Water Meter", true)]));
        assert_eq!(texts(&d, Some(Lang::En), "mete", 2), list(&[("meter", true), ("meteorology", true)]));
        assert_eq!(texts(&d, Some(Lang::En), "eter", 10), list(&[]), "never inside a word");
        assert_eq!(texts(&d, Some(Lang::En), "   ", 10), list(&[]));
        assert_eq!(texts(&d, Some(Lang::Fr), "eau", 10), list(&[("compteur d'eau", false)]));
        assert_eq!(texts(&d, Some(Lang::Fr), "meter", 10), list(&[]), "one language");
        let entry = &d.complete(Some(Lang::En), "meteo", true, 1)[0].entry;
        assert_eq!((entry.concept, entry.lang, entry.status), (ConceptId(5), Lang::En, TermStatus::Preferred));
    }

    #[test]
    fn chinese_at_every_character() {
        let d = sample();
        assert_eq!(texts(&d, Some(Lang::Zh), "电表", 10), list(&[("电表读数", true), ("智能电表", false)]));
        assert_eq!(texts(&d, Some(Lang::Zh), "能电", 10), list(&[("智能电表", false)]));
        assert_eq!(texts(&d, Some(Lang::Zh), "智能", 10), list(&[("智能电表", true)]));
        // Every language when none is given.
        assert_eq!(texts(&d, None, "电表读", 10), list(&[("电表读数", true)]));
        assert_eq!(texts(&d, None, "智", 10), list(&[("智能电表", true)]));
        // Texts alike in their first eight bytes, the eighth inside a character (电 and 甲
        // share their first two bytes): sorted by their whole text all the same.
        let texts_zh = ["电表甲", "电表电", "电表甲乙", "电表电乙", "电表甲电", "电表电甲"];
        let d = Dictionary::build(
            texts_zh.iter().enumerate().map(|(i, t)| concept(i as i64 + 1, vec![public(Lang::Zh, t)])),
        );
        assert_eq!(
            texts(&d, Some(Lang::Zh), "电表甲", 10),
            list(&[("电表甲", true), ("电表甲乙", true), ("电表甲电", true)])
        );
        assert_eq!(
            texts(&d, Some(Lang::Zh), "电表电", 10),
            list(&[("电表电", true), ("电表电乙", true), ("电表电甲", true)])
        );
    }

    #[test]
    fn ordering_limit_and_distinct_entries() {
        let d = Dictionary::build([
            concept(1, vec![term(Lang::En, "access list", TermStatus::Deprecated, Visibility::Public)]),
            concept(2, vec![term(Lang::En, "access control list", TermStatus::Preferred, Visibility::Public)]),
            concept(3, vec![term(Lang::En, "access code", TermStatus::Admitted, Visibility::Public)]),
            concept(4, vec![term(Lang::En, "access", TermStatus::Admitted, Visibility::Public)]),
            // The same text twice in one concept, and in another concept.
            concept(
                5,
                vec![
                    public(Lang::En, "access key"),
                    TermEntry { kind: Kind::Abbreviation, ..public(Lang::En, "access key") },
                ],
            ),
            concept(6, vec![public(Lang::En, "Access key")]),
            concept(7, vec![public(Lang::En, "public access")]),
        ]);
        let all = d.complete(Some(Lang::En), "acc", true, 20);
        let got: Vec<(i64, &str, bool)> =
            all.iter().map(|c| (c.entry.concept.0, c.entry.text.as_str(), c.at_start)).collect();
        // Preferred first (shorter first, then text, then concept), then admitted, then
        // deprecated; inner-word matches last.
        assert_eq!(
            got,
            vec![
                (5, "access key", true),
                (6, "Access key", true),
                (2, "access control list", true),
                (4, "access", true),
                (3, "access code", true),
                (1, "access list", true),
                (7, "public access", false),
            ]
        );
        assert_eq!(
            texts(&d, Some(Lang::En), "acc", 3),
            list(&[("access key", true), ("Access key", true), ("access control list", true)])
        );
        assert!(d.complete(Some(Lang::En), "acc", true, 0).is_empty());
    }

    #[test]
    fn pending_entries_only_when_asked() {
        let d = Dictionary::build([
            concept(1, vec![term(Lang::En, "draft term", TermStatus::Preferred, Visibility::Pending)]),
            concept(2, vec![public(Lang::En, "drafting")]),
        ]);
        assert_eq!(texts(&d, Some(Lang::En), "draft", 10), list(&[("drafting", true)]));
        let all: Vec<String> =
            d.complete(Some(Lang::En), "draft", false, 10).into_iter().map(|c| c.entry.text).collect();
        assert_eq!(all, vec!["drafting", "draft term"]);
    }

    #[test]
    fn replaced_and_removed_concepts() {
        let mut d = sample();
        d.replace(concept(1, vec![public(Lang::En, "smart grid meter"), public(Lang::Zh, "智能电网")]));
        assert_eq!(
            texts(&d, Some(Lang::En), "smart", 10),
            list(&[("smart grid meter", true), ("smart metering service", true)])
        );
        assert_eq!(texts(&d, Some(Lang::Zh), "智能", 10), list(&[("智能电网", true)]));
        assert_eq!(texts(&d, Some(Lang::En), "grid", 10), list(&[("smart grid meter", false)]));
        assert!(d.remove(ConceptId(2)));
        assert_eq!(texts(&d, Some(Lang::En), "smart", 10), list(&[("smart grid meter", true)]));
        // Added after the build, and replaced again.
        d.replace(concept(9, vec![public(Lang::En, "smart card")]));
        d.replace(concept(9, vec![public(Lang::En, "smart cards")]));
        assert_eq!(texts(&d, Some(Lang::En), "smart c", 10), list(&[("smart cards", true)]));
        d.replace(concept(9, vec![]));
        assert_eq!(texts(&d, Some(Lang::En), "smart c", 10), list(&[]));
    }

    /// What [`Dictionary::complete`] answers, the slow way.
    fn reference(
        terms: &[(i64, Vec<TermEntry>)],
        lang: Option<Lang>,
        typed: &str,
        limit: usize,
    ) -> Vec<(i64, String, bool)> {
        let p = normalize(typed);
        let mut all = Vec::new();
        for (id, entries) in terms {
            for e in entries.iter().filter(|e| lang.is_none_or(|l| l == e.lang)) {
                let norm = normalize(&e.text);
                let at_start = norm.starts_with(&p);
                if at_start || inner_starts(&norm).any(|i| norm[i..].starts_with(&p)) {
                    all.push((!at_start, e.status, norm.chars().count(), norm, *id, e.lang, e.text.clone()));
                }
            }
        }
        all.sort();
        let mut seen = HashSet::new();
        all.into_iter().filter(|a| seen.insert((a.4, a.5, a.6.clone()))).take(limit).map(|a| (a.4, a.6, !a.0)).collect()
    }

    fn answered(d: &Dictionary, lang: Option<Lang>, typed: &str, limit: usize) -> Vec<(i64, String, bool)> {
        d.complete(lang, typed, true, limit)
            .into_iter()
            .map(|c| (c.entry.concept.0, c.entry.text, c.at_start))
            .collect()
    }

    /// Random terms of a few syllables, so that prefixes share many entries.
    fn random_concept(rng: &mut impl Rng, id: i64) -> (i64, Vec<TermEntry>) {
        const SYLLABLES: [&str; 8] = ["ka", "ko", "ri", "Ru", "ta", "to", "n", "s"];
        const HAN: [&str; 6] = ["电", "表", "智", "能", "网", "络"];
        let mut entries = Vec::new();
        for _ in 0..rng.gen_range(1..4) {
            let words = rng.gen_range(1..4);
            let text: Vec<String> = (0..words)
                .map(|_| (0..rng.gen_range(1..4)).map(|_| SYLLABLES[rng.gen_range(0..SYLLABLES.len())]).collect())
                .collect();
            let status = [TermStatus::Preferred, TermStatus::Admitted, TermStatus::Deprecated][rng.gen_range(0..3)];
            entries.push(term(
                Lang::En,
                &text.join(if rng.gen_bool(0.2) { "-" } else { " " }),
                status,
                Visibility::Public,
            ));
        }
        let han: String = (0..rng.gen_range(1..5)).map(|_| HAN[rng.gen_range(0..HAN.len())]).collect();
        entries.push(public(Lang::Zh, &han));
        (id, entries)
    }

    fn check_against_reference(d: &Dictionary, terms: &[(i64, Vec<TermEntry>)], rng: &mut impl Rng) {
        let live: Vec<(i64, Vec<TermEntry>)> = terms.iter().filter(|(_, e)| !e.is_empty()).cloned().collect();
        for typed in ["k", "ka", "kaRu", "ri", "ru", "s", "n", "tot", "ka k", "kak", "电", "智能", "表网"] {
            for limit in [1, 3, 8, 20] {
                for lang in [Some(Lang::En), Some(Lang::Zh), None] {
                    assert_eq!(
                        answered(d, lang, typed, limit),
                        reference(&live, lang, typed, limit),
                        "{typed} {limit}"
                    );
                }
            }
        }
        for _ in 0..20 {
            let (_, entries) = &live[rng.gen_range(0..live.len())];
            let text = &entries[0].text;
            let cut: String = text.chars().take(rng.gen_range(1..=text.chars().count())).collect();
            assert_eq!(answered(d, None, &cut, 8), reference(&live, None, &cut, 8), "{cut}");
        }
    }

    /// Thousands of keys in many blocks, then churn: the overlay, its rebuilds and the
    /// dictionary's compaction (which renumbers the entries) all answer as the slow way.
    #[test]
    fn many_terms_and_churn_match_the_slow_way() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(17);
        let mut terms: Vec<(i64, Vec<TermEntry>)> = (1..=3000).map(|id| random_concept(&mut rng, id)).collect();
        let mut d = Dictionary::build(terms.iter().map(|(id, e)| concept(*id, e.clone())));
        check_against_reference(&d, &terms, &mut rng);
        let built = d.completion_heap_bytes();
        assert!(built > 0 && built < d.heap_bytes());
        // Enough replacements to rebuild the overlay's languages, then to compact.
        for round in 0..6 {
            for _ in 0..1500 {
                let i = rng.gen_range(0..terms.len());
                let id = terms[i].0;
                terms[i] = if rng.gen_bool(0.05) { (id, Vec::new()) } else { random_concept(&mut rng, id) };
                d.replace(concept(id, terms[i].1.clone()));
            }
            check_against_reference(&d, &terms, &mut rng);
            let _ = round;
        }
    }
}
