//! Walks the lines of one clause and builds entries: numbered lines are headings or entries,
//! notes attach to the current entry, other lines continue its definition (or its last note).

use super::head::{self, Head};
use super::layout::{self, number_string, orient, split_number};
use super::notes::strip_note_marker;
use super::patterns::{self, Class};
use super::text::{append_paragraph, Line};
use super::{Entry, Origin};

pub(crate) struct Region {
    pub entries: Vec<Entry>,
    pub saw_none: bool,
}

/// Where continuation lines go.
#[derive(Clone, Copy)]
enum Target {
    Definition,
    Note(usize),
}

enum Kind {
    /// "3 Definitions" again, or another single-level heading.
    Single(u32),
    /// A number of this clause, in reading order, with its `bis`/`ter` suffix.
    Numbered(Vec<u32>, String, String),
    Plain,
}

struct Walker {
    non_latin: bool,
    entries: Vec<Entry>,
    current: Option<usize>,
    target: Target,
    /// Headings above the current position with what their wording says.
    headings: Vec<(Vec<u32>, Class)>,
    /// Classification from an intro sentence outside any subclause heading.
    top: Class,
    section: Class,
    saw_none: bool,
}

impl Walker {
    fn new(non_latin: bool) -> Self {
        Walker {
            non_latin,
            entries: Vec::new(),
            current: None,
            target: Target::Definition,
            headings: Vec::new(),
            top: Class::Unknown,
            section: Class::Unknown,
            saw_none: false,
        }
    }

    fn reset_sections(&mut self) {
        self.current = None;
        self.headings.clear();
        self.top = Class::Unknown;
        self.section = Class::Unknown;
    }

    fn heading(&mut self, parts: Vec<u32>, title: &str) {
        self.headings.retain(|(p, _)| p.len() < parts.len() && parts.starts_with(p));
        self.headings.push((parts, patterns::classify(title)));
        self.section = self.headings.iter().rev().map(|(_, c)| *c).find(|c| *c != Class::Unknown).unwrap_or(self.top);
        self.current = None;
    }

    /// An intro sentence ("This Recommendation uses the following terms defined elsewhere:").
    /// "Elsewhere" is binding; "defines the following terms" only counts when it switches
    /// the origin after entries of another kind, otherwise the references decide.
    fn intro(&mut self, class: Class, after_entries: bool) {
        match class {
            Class::Elsewhere => {
                self.section = Class::Elsewhere;
                if self.headings.is_empty() {
                    self.top = Class::Elsewhere;
                }
            }
            Class::Here if after_entries => self.section = Class::Here,
            _ => {}
        }
        self.current = None;
    }

    fn push(&mut self, number: Option<String>, h: Head) {
        let origin = match self.section {
            Class::Elsewhere => Origin::Elsewhere,
            Class::Here => Origin::Here,
            Class::Unknown if h.reference.is_some() => Origin::Elsewhere,
            Class::Unknown => Origin::Here,
        };
        self.entries.push(Entry {
            number,
            term: h.term,
            term_en: h.term_en,
            abbreviation: h.abbreviation,
            reference: h.reference,
            definition: h.definition,
            notes: Vec::new(),
            origin,
        });
        self.current = Some(self.entries.len() - 1);
        self.target = Target::Definition;
    }

    fn continuation(&mut self, text: &str) {
        let Some(i) = self.current else { return };
        let e = &mut self.entries[i];
        match self.target {
            Target::Note(n) => append_paragraph(&mut e.notes[n], text),
            Target::Definition => append_paragraph(e.definition.get_or_insert_with(String::new), text),
        }
    }

    fn plain(&mut self, line: &Line) {
        let text = line.text.as_str();
        if patterns::is_none_line(text) {
            self.saw_none = true;
            return;
        }
        if let Some(note) = strip_note_marker(text) {
            if let Some(i) = self.current {
                let notes = &mut self.entries[i].notes;
                notes.push(note);
                self.target = Target::Note(notes.len() - 1);
            }
            return;
        }
        let ends_with_colon = text.ends_with([':', '：']);
        if self.current.is_some()
            && ends_with_colon
            && text.chars().count() <= 250
            && patterns::mentions_following(text)
            && patterns::mentions_terms(text)
        {
            let class = patterns::classify(text);
            if class != Class::Unknown {
                self.intro(class, true);
                return;
            }
        }
        // a subclause heading that lost its number: "Terms defined in this Recommendation"
        if layout::is_title_like(text) && patterns::mentions_terms(text) {
            let class = patterns::classify(text);
            if class != Class::Unknown {
                self.headings.clear();
                self.section = class;
                self.current = None;
                return;
            }
        }
        if let Some(h) = head::parse_unnumbered(text, self.non_latin) {
            let accept = match self.current {
                None => true,
                Some(i) => line.bold_lead || self.entries[i].number.is_none(),
            };
            if accept {
                self.push(None, h);
                return;
            }
        }
        if self.current.is_some() {
            self.continuation(text);
        } else {
            // preamble / intro of a subclause
            let class = patterns::classify(text);
            if class != Class::Unknown {
                self.intro(class, false);
            }
        }
    }
}

/// A two-level line without colon or reference: "3.1 Terms defined elsewhere" or, in a
/// Recommendation numbering its terms 3.1, 3.2 ..., a term whose definition follows on the
/// next line. It is a heading unless a plain line that reads as a definition follows it
/// (not an intro, "None.", a note, or an unnumbered "term: definition").
fn reads_as_heading(title: &str, after: &[Line], kinds: &[Kind]) -> bool {
    if patterns::classify(title) != Class::Unknown {
        return true;
    }
    match (after.first(), kinds.first()) {
        (Some(next), Some(Kind::Plain)) => {
            let t = next.text.as_str();
            patterns::is_none_line(t)
                || t.ends_with([':', '：'])
                || patterns::classify(t) != Class::Unknown
                || strip_note_marker(t).is_some()
                || head::parse_unnumbered(t, false).is_some()
        }
        _ => true,
    }
}

/// Builds the entries of one clause. `whole_text`: no clause heading was found, so a
/// single-level heading of another clause only ends the walk once entries were collected.
pub(crate) fn assemble(lines: &[Line], clause: u32, reversed: bool, whole_text: bool, non_latin: bool) -> Region {
    let kinds: Vec<Kind> = lines
        .iter()
        .map(|l| {
            if let Some((n, _)) = layout::single_heading(l) {
                return Kind::Single(n);
            }
            match split_number(&l.text) {
                Some(n) if n.parts.len() >= 2 => {
                    let parts = orient(n.parts, reversed);
                    if parts[0] == clause {
                        Kind::Numbered(parts, n.suffix.to_string(), n.rest.to_string())
                    } else {
                        Kind::Plain
                    }
                }
                _ => Kind::Plain,
            }
        })
        .collect();

    let mut w = Walker::new(non_latin);
    for (i, line) in lines.iter().enumerate() {
        let ends = match &kinds[i] {
            Kind::Single(n) => *n != clause && (whole_text || *n > clause),
            _ => patterns::is_back_matter(&line.text),
        };
        if ends {
            if whole_text && w.entries.is_empty() {
                w.reset_sections();
                continue;
            }
            break;
        }
        match &kinds[i] {
            Kind::Single(_) => w.reset_sections(),
            Kind::Numbered(parts, suffix, rest) => {
                let h = head::parse_entry_text(rest, non_latin);
                let next_is_child = kinds[i + 1..]
                    .iter()
                    .find_map(|k| match k {
                        Kind::Numbered(p, _, _) => Some(p),
                        _ => None,
                    })
                    .is_some_and(|p| p.len() > parts.len() && p.starts_with(parts));
                let is_heading = h.reference.is_none()
                    && h.definition.is_none()
                    && (next_is_child
                        || (parts.len() == 2 && !h.colon && reads_as_heading(rest, &lines[i + 1..], &kinds[i + 1..])));
                if is_heading {
                    w.heading(parts.clone(), rest);
                } else if h.term.is_empty() {
                    w.continuation(&line.text);
                } else {
                    w.push(Some(format!("{}{suffix}", number_string(parts))), h);
                }
            }
            Kind::Plain => w.plain(line),
        }
    }
    Region { entries: w.entries, saw_none: w.saw_none }
}
