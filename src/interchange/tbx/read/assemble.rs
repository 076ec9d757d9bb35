//! Assembling entries from the data categories the XML walk meets: the reader's position in the
//! entry structure is a typed [`Level`], so a term outside a language section, or a section
//! outside an entry, cannot be represented.

use std::io::BufRead;

use super::{TbxReader, MAX_OTHER_LANGS, MAX_TAG_LEN, OTHER_LANGS_OVERFLOW};
use crate::interchange::tbx::{normalize_date, TbxEntry, TbxSection, TbxTransaction};
use crate::model::{Lang, Term, TermKind};

/// Where the reader stands. Each level owns the builders of the levels that enclose it; a
/// lenient file (a `langSec` outside `conceptEntry`, a `term` outside `termSec`) opens the
/// missing levels implicitly.
#[derive(Default)]
pub(super) enum Level {
    /// Outside any entry: header, between entries, back matter.
    #[default]
    Outside,
    Entry(EntryB),
    Section(EntryB, SectionB),
    Term(EntryB, SectionB, TermB),
}

impl Level {
    /// The open entry, at any level inside one.
    pub(super) fn entry(&self) -> Option<&EntryB> {
        match self {
            Level::Outside => None,
            Level::Entry(e) | Level::Section(e, _) | Level::Term(e, _, _) => Some(e),
        }
    }

    fn entry_mut(&mut self) -> Option<&mut EntryB> {
        match self {
            Level::Outside => None,
            Level::Entry(e) | Level::Section(e, _) | Level::Term(e, _, _) => Some(e),
        }
    }

    fn term_mut(&mut self) -> Option<&mut TermB> {
        match self {
            Level::Term(_, _, t) => Some(t),
            _ => None,
        }
    }
}

/// An entry being read; `start` is its byte offset, to enforce the entry size limit.
pub(super) struct EntryB {
    pub(super) e: TbxEntry,
    pub(super) start: u64,
    /// Opened by a section or term found outside any entry.
    pub(super) implicit: bool,
}

impl EntryB {
    fn new(id: Option<String>, line: u64, start: u64, implicit: bool) -> Self {
        EntryB { e: TbxEntry { id, line, ..Default::default() }, start, implicit }
    }
}

pub(super) struct SectionB {
    s: TbxSection,
    terms: Vec<PendingTerm>,
    /// Terms read in this section, kept or not (for the per-language counts).
    count: u64,
}

impl SectionB {
    fn new(s: TbxSection) -> Self {
        SectionB { s, terms: Vec::new(), count: 0 }
    }
}

struct PendingTerm {
    text: String,
    kind: Option<TermKind>,
}

#[derive(Default)]
pub(super) struct TermB {
    text: Option<String>,
    admin: Option<String>,
    term_type: Option<String>,
}

/// A data-category element (`descrip`, `admin`, `note`, `xref`, a DCT element …), closed.
pub(super) struct Item {
    pub(super) cat: String,
    pub(super) text: String,
    pub(super) target: Option<String>,
    pub(super) is_ref: bool,
}

/// A `descripGrp`, `adminGrp`, `transacGrp` or `termNoteGrp` being read.
pub(super) struct Grp {
    pub(super) transac: bool,
    pub(super) items: Vec<Item>,
}

/// Maps an `administrativeStatus` (TBX-Basic `…-admn-sts`, TBX v3 short forms, TBX 2008
/// `normativeAuthorization`) to a term kind; `None` when it says nothing usable.
fn term_kind(status: &str) -> Option<TermKind> {
    let s = status.trim().to_ascii_lowercase();
    let s = s.strip_suffix("-admn-sts").unwrap_or(&s);
    let s = s.strip_suffix("term").unwrap_or(s);
    match s {
        "preferred" | "standardized" | "normative" => Some(TermKind::Preferred),
        "admitted" | "legal" | "regulated" | "acceptable" | "permitted" => Some(TermKind::Admitted),
        "deprecated" | "superseded" | "obsolete" | "notrecommended" | "rejected" => Some(TermKind::Deprecated),
        _ => None,
    }
}

fn is_abbreviation_type(t: &str) -> bool {
    matches!(t.trim().to_ascii_lowercase().as_str(), "abbreviation" | "acronym" | "initialism" | "abbreviatedform")
}

fn is_note_cat(cat: &str) -> bool {
    matches!(cat, "" | "note" | "comment" | "usageNote" | "explanation" | "descripNote" | "adminNote")
}

fn is_status_cat(cat: &str) -> bool {
    matches!(cat, "status" | "processStatus" | "entryStatus" | "conceptStatus" | "approvalStatus")
}

fn keyword<'a>(note: &'a str, key: &str) -> Option<&'a str> {
    let (k, v) = note.split_once(':')?;
    (k.trim().eq_ignore_ascii_case(key)).then(|| v.trim())
}

fn earliest(slot: &mut Option<String>, d: &str) {
    if slot.as_deref().is_none_or(|cur| d < cur) {
        *slot = Some(d.to_string());
    }
}

fn latest(slot: &mut Option<String>, d: &str) {
    if slot.as_deref().is_none_or(|cur| d > cur) {
        *slot = Some(d.to_string());
    }
}

fn push_unique(v: &mut Vec<String>, s: String) {
    if !v.contains(&s) {
        v.push(s);
    }
}

/// Keeps the first non-empty value.
pub(super) fn first(slot: &mut Option<String>, s: &str) {
    if slot.is_none() && !s.is_empty() {
        *slot = Some(s.to_string());
    }
}

impl<R: BufRead> TbxReader<R> {
    /// `<conceptEntry>` / `<termEntry>`: ends the open entry and starts a new one.
    pub(super) fn open_entry(&mut self, id: Option<String>, line: u64, start: u64) {
        self.finish_entry();
        self.level = Level::Entry(EntryB::new(id, line, start, false));
    }

    /// `<langSec>` / `<langSet>`: ends the open section, inside the open entry or an implicit one.
    pub(super) fn open_section(&mut self, tag: String, line: u64, start: u64) {
        let e = self.close_to_entry().unwrap_or_else(|| EntryB::new(None, line, start, true));
        let s = TbxSection { lang: tag.parse::<Lang>().ok(), lang_tag: tag, ..Default::default() };
        self.level = Level::Section(e, SectionB::new(s));
    }

    /// `<termSec>` / `<tig>` / `<ntig>`: ends the open term and starts a new one.
    pub(super) fn open_term(&mut self, line: u64, start: u64) {
        let (e, s) = self.close_to_section(line, start);
        self.level = Level::Term(e, s, TermB::default());
    }

    /// The text of a `<term>`: a second `<term>` in one term container starts a new term.
    pub(super) fn on_term(&mut self, text: String, line: u64, at: u64) {
        if let Level::Term(_, _, t) = &mut self.level {
            if t.text.is_none() {
                t.text = Some(text);
                return;
            }
        }
        let (e, s) = self.close_to_section(line, at);
        self.level = Level::Term(e, s, TermB { text: Some(text), ..TermB::default() });
    }

    pub(super) fn finish_term(&mut self) {
        self.level = match std::mem::take(&mut self.level) {
            Level::Term(e, mut s, t) => {
                self.record_term(&mut s, t);
                Level::Section(e, s)
            }
            other => other,
        };
    }

    pub(super) fn finish_section(&mut self) {
        self.level = self.close_to_entry().map_or(Level::Outside, Level::Entry);
    }

    pub(super) fn finish_entry(&mut self) {
        if let Some(e) = self.close_to_entry() {
            self.summary.entries += 1;
            self.ready.push_back(e.e);
        }
    }

    /// Records the open term and section, if any, and hands over the open entry; the level is
    /// left [`Level::Outside`] for the caller to set.
    fn close_to_entry(&mut self) -> Option<EntryB> {
        match std::mem::take(&mut self.level) {
            Level::Outside => None,
            Level::Entry(e) => Some(e),
            Level::Section(mut e, s) => {
                self.record_section(&mut e, s);
                Some(e)
            }
            Level::Term(mut e, mut s, t) => {
                self.record_term(&mut s, t);
                self.record_section(&mut e, s);
                Some(e)
            }
        }
    }

    /// Records the open term, if any, and hands over the open section, opening an implicit
    /// one (and entry) when there is none; the level is left for the caller to set.
    fn close_to_section(&mut self, line: u64, start: u64) -> (EntryB, SectionB) {
        match std::mem::take(&mut self.level) {
            Level::Outside => (EntryB::new(None, line, start, true), SectionB::new(TbxSection::default())),
            Level::Entry(e) => (e, SectionB::new(TbxSection::default())),
            Level::Section(e, s) => (e, s),
            Level::Term(e, mut s, t) => {
                self.record_term(&mut s, t);
                (e, s)
            }
        }
    }

    fn record_term(&mut self, sec: &mut SectionB, t: TermB) {
        let Some(text) = t.text else { return };
        sec.count += 1;
        self.summary.terms += 1;
        if text.is_empty() {
            sec.s.empty_terms += 1;
            self.summary.empty_terms += 1;
        }
        let kind = t.admin.as_deref().and_then(term_kind);
        // An abbreviation is kept apart, unless the file deprecates it (the model has no
        // deprecated abbreviations): then it stays a deprecated term.
        if t.term_type.as_deref().is_some_and(is_abbreviation_type) && kind != Some(TermKind::Deprecated) {
            sec.s.content.abbreviations.push(text);
        } else {
            sec.terms.push(PendingTerm { kind, text });
        }
    }

    fn record_section(&mut self, entry: &mut EntryB, mut sec: SectionB) {
        self.summary.sections += 1;
        // Unstated statuses: the first non-empty term is preferred unless one is stated preferred.
        let mut has_preferred = sec.terms.iter().any(|t| t.kind == Some(TermKind::Preferred));
        let mut terms: Vec<Term> = sec
            .terms
            .drain(..)
            .map(|t| {
                let status = t.kind.unwrap_or_else(|| {
                    if !has_preferred && !t.text.is_empty() {
                        has_preferred = true;
                        TermKind::Preferred
                    } else {
                        TermKind::Admitted
                    }
                });
                Term { text: t.text, status }
            })
            .collect();
        terms.sort_by_key(|t| match t.status {
            TermKind::Preferred => 0,
            TermKind::Admitted => 1,
            TermKind::Deprecated => 2,
            TermKind::Abbreviation => 3,
        });
        sec.s.content.terms = terms;
        let s = &mut sec.s;
        s.adopted = match s.status.as_deref().map(str::to_ascii_lowercase).as_deref() {
            Some("adopted" | "approved" | "finalized") => Some(true),
            Some(_) => Some(false),
            None => s
                .transactions
                .iter()
                .any(|t| {
                    t.kind.eq_ignore_ascii_case("approval")
                        || t.notes
                            .iter()
                            .any(|n| keyword(n, "event").is_some_and(|v| v.eq_ignore_ascii_case("adopted")))
                })
                .then_some(true),
        };
        let keep = if s.lang.is_none() {
            // Bounded: hostile files cannot grow the summary without limit.
            let key = if s.lang_tag.len() > MAX_TAG_LEN
                || (self.summary.other_langs.len() >= MAX_OTHER_LANGS
                    && !self.summary.other_langs.contains_key(&s.lang_tag))
            {
                OTHER_LANGS_OVERFLOW.to_string()
            } else {
                s.lang_tag.clone()
            };
            *self.summary.other_langs.entry(key).or_default() += sec.count;
            self.opts.keep_other_langs
        } else {
            true
        };
        if !keep {
            self.summary.dropped_sections += 1;
            return;
        }
        entry.e.sections.push(sec.s);
    }

    /// Applies a group (`descripGrp`, `adminGrp`, `transacGrp`, `termNoteGrp`) or a lone
    /// data-category element at the current level.
    pub(super) fn apply_group(&mut self, g: Grp) {
        if matches!(self.level, Level::Outside) {
            return;
        }
        if g.transac || g.items.iter().any(|i| i.cat == "transactionType") {
            let mut t = TbxTransaction::default();
            for i in g.items {
                match i.cat.as_str() {
                    "transactionType" => t.kind = i.text,
                    "date" => t.date = Some(normalize_date(&i.text)).filter(|d| !d.is_empty()),
                    "responsibility" => t.responsibility = Some(i.text).filter(|s| !s.is_empty()),
                    c if is_note_cat(c) && !i.text.is_empty() => t.notes.push(i.text),
                    _ => {}
                }
            }
            self.push_transaction(t);
            return;
        }
        // adminGrp carrying Hexaglot's origin convention.
        if let Level::Entry(entry) = &mut self.level {
            let origin = g.items.iter().find_map(|i| {
                (i.cat == "note")
                    .then(|| keyword(&i.text, "origin"))
                    .flatten()
                    .filter(|o| matches!(*o, "here" | "elsewhere"))
            });
            if let Some(kind) = origin {
                let e = &mut entry.e;
                e.origin = Some(kind.to_string());
                if let Some(src) = g.items.iter().find(|i| i.cat == "source" && !i.text.is_empty()) {
                    e.origin_reference = Some(src.text.clone());
                }
                for i in g.items.iter().filter(|i| i.cat != "source" && keyword(&i.text, "origin").is_none()) {
                    self.apply_item(i);
                }
                return;
            }
        }
        let has_definition = g.items.iter().any(|i| i.cat == "definition");
        let has_other_main = g.items.iter().any(|i| !matches!(i.cat.as_str(), "source" | "note") && !i.cat.is_empty());
        for i in &g.items {
            if i.cat == "source" && has_other_main {
                // A source attached to a definition is the section's (or entry's) source;
                // sources of contexts, subject fields etc. are not kept.
                if has_definition {
                    self.apply_item(i);
                }
                continue;
            }
            self.apply_item(i);
        }
    }

    /// A transaction belongs to the entry or the section; inside a term it is not kept.
    fn push_transaction(&mut self, t: TbxTransaction) {
        let (created, modified, status, list) = match &mut self.level {
            Level::Entry(EntryB { e, .. }) => (&mut e.created, &mut e.modified, &mut e.status, &mut e.transactions),
            Level::Section(_, SectionB { s, .. }) => {
                (&mut s.created, &mut s.modified, &mut s.status, &mut s.transactions)
            }
            Level::Term(..) | Level::Outside => return,
        };
        if let Some(d) = &t.date {
            match t.kind.to_ascii_lowercase().as_str() {
                "origination" | "creation" | "input" => earliest(created, d),
                _ => latest(modified, d),
            }
        }
        if let Some(s) = t.notes.iter().find_map(|n| keyword(n, "status")) {
            *status = Some(s.to_string());
        }
        list.push(t);
    }

    fn apply_item(&mut self, i: &Item) {
        let text = i.text.as_str();
        let cat = i.cat.as_str();
        if i.is_ref {
            if let Level::Entry(EntryB { e, .. }) = &mut self.level {
                first(&mut e.xref, i.target.as_deref().filter(|t| !t.is_empty()).unwrap_or(text));
            }
            return;
        }
        match cat {
            "term" => {}
            "subjectField" => {
                if let Some(e) = self.level.entry_mut() {
                    first(&mut e.e.subject_field, text);
                }
            }
            "definition" => match &mut self.level {
                Level::Term(_, SectionB { s, .. }, _) | Level::Section(_, SectionB { s, .. }) => {
                    let c = &mut s.content;
                    if c.definition.is_none() {
                        c.definition = Some(text.to_string()).filter(|t| !t.is_empty());
                    } else if !text.is_empty() {
                        c.notes.push(text.to_string());
                    }
                }
                Level::Entry(EntryB { e, .. }) => {
                    if e.definition_lang_neutral.is_none() {
                        e.definition_lang_neutral = Some(text.to_string()).filter(|t| !t.is_empty());
                    } else if !text.is_empty() {
                        e.note.push(text.to_string());
                    }
                }
                Level::Outside => {}
            },
            "source" => match &mut self.level {
                Level::Section(_, SectionB { s, .. }) => first(&mut s.source, text),
                Level::Entry(EntryB { e, .. }) => first(&mut e.source, text),
                Level::Term(..) | Level::Outside => {}
            },
            "projectSubset" | "customerSubset" => {
                if let Some(e) = self.level.entry_mut() {
                    if !text.is_empty() {
                        push_unique(&mut e.e.subsets, text.to_string());
                    }
                }
            }
            "administrativeStatus" | "normativeAuthorization" => {
                if let Some(t) = self.level.term_mut() {
                    if t.admin.is_none() || term_kind(t.admin.as_deref().unwrap_or("")).is_none() {
                        t.admin = Some(text.to_string());
                    }
                }
            }
            "termType" => {
                if let Some(t) = self.level.term_mut() {
                    t.term_type = Some(text.to_string());
                }
            }
            c if is_status_cat(c) => match &mut self.level {
                Level::Section(_, SectionB { s, .. }) => first(&mut s.status, text),
                Level::Entry(EntryB { e, .. }) => first(&mut e.status, text),
                Level::Term(..) | Level::Outside => {}
            },
            c if is_note_cat(c) => {
                if text.is_empty() {
                    return;
                }
                match &mut self.level {
                    Level::Term(_, SectionB { s, .. }, _) | Level::Section(_, SectionB { s, .. }) => {
                        s.content.notes.push(text.to_string())
                    }
                    Level::Entry(EntryB { e, .. }) => match keyword(text, "origin") {
                        Some(o) if c == "note" && matches!(o, "here" | "elsewhere") => e.origin = Some(o.into()),
                        _ => e.note.push(text.to_string()),
                    },
                    Level::Outside => {}
                }
            }
            _ => {}
        }
    }
}
