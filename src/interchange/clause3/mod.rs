//! Import of clause 3 ("Definitions") of an ITU-T Recommendation from plain text, as copied
//! from the Word file of any of the six language versions.
//!
//! The text may start earlier in the Recommendation and may run on into clause 4: when a
//! clause heading ("3 Definitions", "### 3 定义", "3\tالتعاريف") is found, only what lies
//! between it and the next clause heading is read. Lines are recognised by their layout:
//!
//! * `3.2.1 term (ABBR) [ref]: definition` — an entry (tab or spaces after the number,
//!   `**` bold markers, full-width colons and parentheses are all accepted);
//! * `3.1 Terms defined elsewhere` — a heading: a two-level number with no colon and no
//!   reference, or any number whose next numbered line is one of its children
//!   (G.650.1 "3.4.1 mode field definitions");
//! * `NOTE –`, `NOTE 1 –`, `注 –`, `ПРИМЕЧАНИЕ –`, `NOTA –`, `ملاحظة –` — a note of the
//!   current entry;
//! * `term: definition` without a number — an unnumbered entry, when nothing else is open;
//! * anything else after an entry continues its definition (or its last note).
//!
//! Arabic numbers copied back to front ("1.1.3") are detected by a vote and put right.

mod align;
mod assemble;
mod head;
mod layout;
mod notes;
mod patterns;
mod text;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::Lang;

pub use align::to_records;

/// One term of clause 3.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Clause number in reading order ("3.2.1"); `None` for an unnumbered definition.
    pub number: Option<String>,
    /// The term in the language of the text.
    pub term: String,
    /// The English term given in parentheses by a non-Latin text (Chinese, Russian, Arabic).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_en: Option<String>,
    /// Abbreviation given in parentheses after the term; the text's own one ("СПП") wins over
    /// an English one nested in the English term ("NGN").
    pub abbreviation: Option<String>,
    /// The defining document, as written with its brackets: "[b-ITU-T Y.2071]".
    pub reference: Option<String>,
    /// Paragraphs joined with "\n"; `None` for a reference-only entry.
    pub definition: Option<String>,
    /// Note texts without their "NOTE –" / "NOTE 1 –" / "注 –" marker.
    pub notes: Vec<String>,
    pub origin: Origin,
}

/// Whether the term is defined in another document or in this Recommendation.
pub use crate::model::OriginKind as Origin;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ParseOptions {
    /// Language of the text; detected from its script when `None`.
    pub lang: Option<Lang>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// The text is empty or only whitespace / markup.
    Empty,
    /// The text holds no entry and does not say the clause is empty ("None.").
    NoEntries { reason: String },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty => f.write_str("clause 3 text is empty"),
            ParseError::NoEntries { reason } => {
                write!(f, "no definitions found in clause 3 text: {reason}")
            }
        }
    }
}

impl std::error::Error for ParseError {}

/// Parses the text of clause 3. Returns `Ok(vec![])` for a clause that says "None." (or
/// "无。", "Aucune.", ...), and an error only when nothing in the text can be read as a
/// definition.
pub fn parse(text: &str, opts: &ParseOptions) -> Result<Vec<Entry>, ParseError> {
    let lines: Vec<text::Line> = text::split_lines(text).filter_map(text::clean_line).collect();
    let lines = layout::merge_bare_numbers(lines);
    if lines.is_empty() {
        return Err(ParseError::Empty);
    }
    let lang = opts.lang.unwrap_or_else(|| detect_lang(text));
    let non_latin = matches!(lang, Lang::Zh | Lang::Ru | Lang::Ar);

    // A long text may hold several "3 ..." headings (table of contents, other clauses, other
    // Recommendations). The first one titled "Definitions" with numbered entries wins;
    // failing that, any heading whose entries are plausible.
    let headings = layout::clause_headings(&lines);
    let mut says_none = false;
    let mut best: Option<((bool, bool), Vec<Entry>)> = None;
    for &(at, clause, titled) in &headings {
        let rest = &lines[at + 1..];
        let region = &rest[..layout::region_end(rest, clause)];
        let reversed = layout::is_reversed(region, clause);
        let r = assemble::assemble(region, clause, reversed, false, non_latin);
        says_none |= r.saw_none && titled;
        let numbered = r.entries.iter().any(|e| e.number.is_some());
        if r.entries.is_empty() || !(titled || numbered || plausible_without_heading(&r.entries, region.len())) {
            continue;
        }
        let score = (numbered, titled);
        if score == (true, true) {
            return Ok(r.entries);
        }
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, r.entries));
        }
    }
    if let Some((_, entries)) = best {
        return Ok(entries);
    }
    if says_none {
        return Ok(Vec::new());
    }

    let (clause, reversed) = layout::infer_clause(&lines);
    let r = assemble::assemble(&lines, clause, reversed, true, non_latin);
    if plausible_without_heading(&r.entries, lines.len()) {
        return Ok(r.entries);
    }
    if r.saw_none {
        return Ok(Vec::new());
    }
    let reason = if headings.is_empty() {
        "no clause heading, numbered entry or 'term: definition' line".to_string()
    } else {
        format!("{} clause heading(s) found but no entry under them", headings.len())
    };
    Err(ParseError::NoEntries { reason })
}

/// Without a clause heading every "X: Y" line of a long document could pass for an
/// unnumbered definition. Unnumbered entries are trusted there only when numbered ones back
/// them up or when they make up a fair share of the lines (a pasted list of definitions).
fn plausible_without_heading(entries: &[Entry], lines: usize) -> bool {
    let numbered = entries.iter().filter(|e| e.number.is_some()).count();
    let unnumbered = entries.len() - numbered;
    !entries.is_empty() && (numbered >= unnumbered || unnumbered * 4 >= lines)
}

/// Guesses the language from the script (and, for Latin script, from common function words).
pub fn detect_lang(text: &str) -> Lang {
    let (mut han, mut cyr, mut ara, mut lat) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars() {
        if text::is_cjk_ideo(c) {
            han += 1;
        } else if text::is_cyrillic(c) {
            cyr += 1;
        } else if text::is_arabic(c) && c.is_alphabetic() {
            ara += 1;
        } else if text::is_latin_letter(c) {
            lat += 1;
        }
    }
    // a Han character carries about as much text as a short Latin word
    let scores = [(Lang::Zh, han * 3), (Lang::Ru, cyr), (Lang::Ar, ara), (Lang::En, lat)];
    let best = scores.iter().max_by_key(|(_, s)| *s).map_or(Lang::En, |(l, _)| *l);
    if best != Lang::En {
        return best;
    }
    let lower = format!(" {} ", text.to_lowercase());
    let count = |words: &[&str]| words.iter().map(|w| lower.matches(w).count()).sum::<usize>();
    let en = count(&[" the ", " of ", " and ", " is ", " which "]);
    let fr = count(&[" les ", " des ", " du ", " une ", " est ", " dans "]);
    let es = count(&[" los ", " las ", " del ", " una ", " es ", " en el "]);
    if fr > en && fr >= es {
        Lang::Fr
    } else if es > en && es > fr {
        Lang::Es
    } else {
        Lang::En
    }
}
