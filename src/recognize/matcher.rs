//! Finding every known term of a text: the walk over the words and the choice among
//! overlapping matches.

use std::collections::HashMap;

use smallvec::SmallVec;

use crate::model::{ConceptId, Lang};

use super::dictionary::{root, step, Dictionary};
use super::table::{PREFIX, TERM};
use super::tokens::{tokens, Gap, Tok};
use super::{Kind, TermStatus, Visibility};

/// Which entries a text is matched against.
#[derive(Clone, Copy)]
pub enum Include<'a> {
    /// The public, adopted text only.
    Public,
    /// Also the pending entries (drafts, proposals) of the concepts the predicate accepts
    /// (all of them for staff; a user's own otherwise).
    Pending(&'a dyn Fn(ConceptId) -> bool),
}

impl Include<'_> {
    fn admits(&self, visibility: Visibility, concept: ConceptId) -> bool {
        match (visibility, self) {
            (Visibility::Public, _) => true,
            (Visibility::Pending, Include::Public) => false,
            (Visibility::Pending, Include::Pending(accept)) => accept(concept),
        }
    }
}

/// One occurrence of a known term in a text.
///
/// A span owns no string: a whole Recommendation yields thousands of them, and copying the
/// text and decoding the term of each one took a third of the matching. The text at the
/// span is [`Span::text`] of the text annotated, the term [`Dictionary::term`] of the
/// dictionary that found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Code points of the text as received; `end` is exclusive.
    pub start: usize,
    pub end: usize,
    /// The same place in bytes.
    byte_start: usize,
    byte_end: usize,
    /// The entry of the known term it matched.
    entry: u32,
    /// Every concept that term belongs to: those where it is preferred first, then by id.
    pub concepts: SmallVec<[ConceptId; 2]>,
    pub kind: Kind,
    /// The term's status in the first of `concepts`.
    pub term_status: TermStatus,
}

impl Span {
    /// The text at that place, in `text`: the text the span was found in.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.byte_start..self.byte_end).unwrap_or_default()
    }
}

/// An entry of a candidate: status, visibility, concept (the order of preference) and index.
type Seen = (TermStatus, Visibility, ConceptId, u32);

/// A candidate match: words `first..=last` of the text, whose key chain is `key`.
struct Candidate {
    first: usize,
    last: usize,
    kind: Kind,
    key: u64,
    len: usize,
}

impl Dictionary {
    /// Every occurrence in `text` (in `lang`) of a term or abbreviation of `lang`. Among
    /// overlapping matches the longest wins, then the leftmost; spans never overlap and
    /// come in text order.
    pub fn annotate(&self, lang: Lang, text: &str, include: Include<'_>) -> Vec<Span> {
        let toks = tokens(lang, text, self.rules);
        let mut candidates = Vec::new();
        let mut frontier = Vec::new();
        let mut next = Vec::new();
        let roots = [(Kind::Term, root(lang, Kind::Term)), (Kind::Abbreviation, root(lang, Kind::Abbreviation))];
        for first in 0..toks.len() {
            for (kind, root) in roots {
                let abbreviation = kind == Kind::Abbreviation;
                frontier.clear();
                frontier.push(root);
                for (last, tok) in toks.iter().enumerate().skip(first) {
                    if last > first && tok.gap == Gap::Break {
                        break;
                    }
                    next.clear();
                    let gap = (last > first).then_some(tok.gap);
                    for &chain in &frontier {
                        for key in tok.text_keys(abbreviation) {
                            let chain = step(chain, gap, key);
                            if last == first && !self.may_start(chain) {
                                continue;
                            }
                            let flags = self.chain_flags(chain);
                            if flags & TERM != 0 {
                                let len = tok.cend - toks[first].cstart;
                                candidates.push(Candidate { first, last, kind, key: chain, len });
                            }
                            if flags & PREFIX != 0 && !next.contains(&chain) {
                                next.push(chain);
                            }
                        }
                    }
                    if next.is_empty() {
                        break;
                    }
                    std::mem::swap(&mut frontier, &mut next);
                }
            }
        }
        self.choose(&toks, candidates, include)
    }

    /// Takes the longest, leftmost, non-overlapping candidates with an entry the caller may
    /// see. Candidates are ordered first and checked against the entries only when they would
    /// be taken: the many short ones inside a longer match never touch the entries.
    fn choose(&self, toks: &[Tok], mut candidates: Vec<Candidate>, include: Include<'_>) -> Vec<Span> {
        let admitted = |e: u32| {
            let (_, visibility) = self.entry_meta(e);
            visibility == Visibility::Public || include.admits(visibility, self.concept_of(e))
        };
        if self.rules.longest {
            // Longest, then leftmost; on the very same words an abbreviation (matched with its case) first.
            candidates.sort_unstable_by_key(|c| (std::cmp::Reverse(c.len), c.first, c.kind != Kind::Abbreviation));
        } else {
            candidates.sort_unstable_by_key(|c| (c.first, c.len, c.kind != Kind::Abbreviation));
        }
        let mut taken = vec![false; toks.len()];
        let mut spans = Vec::new();
        let mut entries: Vec<Seen> = Vec::new();
        for c in candidates {
            if taken[c.first..=c.last].iter().any(|&t| t) {
                continue;
            }
            entries.clear();
            self.for_each_entry(c.key, |e| {
                if admitted(e) {
                    let (status, visibility) = self.entry_meta(e);
                    entries.push((status, visibility, self.concept_of(e), e));
                }
            });
            if entries.is_empty() {
                continue;
            }
            taken[c.first..=c.last].iter_mut().for_each(|t| *t = true);
            entries.sort_by_key(|&(status, visibility, concept, _)| (status as u8, visibility as u8, concept));
            let mut concepts: SmallVec<[ConceptId; 2]> = SmallVec::new();
            for &(_, _, concept, _) in &entries {
                if !concepts.contains(&concept) {
                    concepts.push(concept);
                }
            }
            spans.push(Span {
                start: toks[c.first].cstart,
                end: toks[c.last].cend,
                byte_start: toks[c.first].start,
                byte_end: toks[c.last].end,
                entry: entries[0].3,
                concepts,
                kind: c.kind,
                term_status: entries[0].0,
            });
        }
        spans.sort_unstable_by_key(|s| s.start);
        spans
    }

    /// The known term `span` matched, as stored (its base form, in the text's language).
    /// `span` must come from this dictionary as it is: callers read it under the same guard.
    pub fn term(&self, span: &Span) -> String {
        self.entry_text(span.entry)
    }

    /// The terms of `spans`, in order, each distinct one decoded once: a text names the
    /// same terms again and again, and decoding one reads tables spread over the whole
    /// dictionary.
    pub fn terms(&self, spans: &[Span]) -> Vec<String> {
        let mut decoded: HashMap<u32, String> = HashMap::with_capacity(spans.len());
        spans.iter().map(|s| decoded.entry(s.entry).or_insert_with(|| self.entry_text(s.entry)).clone()).collect()
    }
}
