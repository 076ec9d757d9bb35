//! Proposal lint: checks a proposed ITU-T term entry (English) against the rules of the
//! "Author's guide for drafting ITU-T Recommendations" (02/2016), Annex B and clauses 8.3, 8.4
//! and 9.6.1. Rule ids are those of the Annex B summary (`B-circular`, `B-notes`, ...).
//!
//! Rules that need more than one entry (B-layout, B-order, B-clause4) or the terms database
//! (B-reuse) are not checked here. Heuristic rules only ever produce warnings.
//!
//! Findings are ordered by severity (errors first), then by field in entry order:
//! term, abbreviation, definition, notes, reference. Every message starts with the rule id.
//! [`lint`] never panics, whatever the input.
//!
//! One file per rule family; words are compared as the search analyzers see them (see `text`).

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[derive(utoipa::ToSchema)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Finding {
    /// The Annex B rule id, e.g. `"B-circular"`.
    pub rule: &'static str,
    pub severity: Severity,
    /// `"term"`, `"definition"`, `"abbreviation"`, `"notes"` or `"reference"`.
    pub field: &'static str,
    pub message: String,
}

/// One proposed entry.
#[derive(Debug, Clone, Copy, Default)]
pub struct LintInput<'a> {
    /// The terms; the first is the preferred term, the others are synonyms.
    pub terms: &'a [String],
    pub abbreviation: Option<&'a str>,
    pub definition: Option<&'a str>,
    /// The notes as typed by the user, e.g. `"NOTE – ..."` or `"NOTE 1 – ..."`.
    pub notes: &'a [String],
    /// The term is defined in another document (clause 3.1 "Terms defined elsewhere").
    pub origin_elsewhere: bool,
    /// The citation of the defining document, e.g. `"[ITU-T Y.2001]"`.
    pub reference: Option<&'a str>,
}

const R_ENTRY: &str = "B-entry";
const R_ELSEWHERE: &str = "B-elsewhere";
const R_LOWERCASE: &str = "B-lowercase";
const R_SEVERAL: &str = "B-several";
const R_STRUCTURE: &str = "B-structure";
const R_ONE_CONCEPT: &str = "B-one-concept";
const R_POSITIVE: &str = "B-positive";
const R_CIRCULAR: &str = "B-circular";
const R_STANDALONE: &str = "B-standalone";
const R_FORM: &str = "B-form";
const R_ABBREV: &str = "B-abbrev";
const R_NOTES: &str = "B-notes";

const F_TERM: &str = "term";
const F_ABBREV: &str = "abbreviation";
const F_DEF: &str = "definition";
const F_NOTES: &str = "notes";
const F_REF: &str = "reference";

/// Lints one proposed entry. See the module documentation for the order of the findings.
pub fn lint(input: &LintInput) -> Vec<Finding> {
    let mut out = Out::default();

    let terms: Vec<&str> = input.terms.iter().map(|t| t.trim()).filter(|t| !t.is_empty()).collect();
    let abbreviation = input.abbreviation.map(str::trim).filter(|a| a.chars().any(char::is_alphanumeric));

    check_terms(&terms, &mut out);

    let definition = check_entry_definition(input, &terms, &mut out);
    if let Some(def) = definition {
        let abbr = abbreviation.map(strip_parens);
        check_circular(def, &terms, abbr, &mut out);
        check_positive(def, &terms, &mut out);
        check_one_concept(def, &mut out);
        check_several(def, &mut out);
        check_standalone(def, &mut out);
        check_structure_and_form(def, &terms, &mut out);
        check_unexpanded_abbreviations(def, &terms, abbr, &mut out);
    }
    if let Some(abbr) = abbreviation {
        check_abbreviation(abbr, &terms, &mut out);
    }
    check_notes(input.notes, &mut out);
    check_reference(input, &mut out);

    let mut findings = out.0;
    findings.sort_by_key(|f| (f.severity == Severity::Warning, field_rank(f.field)));
    findings
}

#[derive(Default)]
struct Out(Vec<Finding>);

impl Out {
    fn push(&mut self, rule: &'static str, severity: Severity, field: &'static str, msg: String) {
        let finding = Finding { rule, severity, field, message: format!("{rule}: {msg}") };
        if !self.0.contains(&finding) {
            self.0.push(finding);
        }
    }
    fn error(&mut self, rule: &'static str, field: &'static str, msg: String) {
        self.push(rule, Severity::Error, field, msg);
    }
    fn warn(&mut self, rule: &'static str, field: &'static str, msg: String) {
        self.push(rule, Severity::Warning, field, msg);
    }
}

fn field_rank(field: &str) -> u8 {
    match field {
        F_TERM => 0,
        F_ABBREV => 1,
        F_DEF => 2,
        F_NOTES => 3,
        F_REF => 4,
        _ => 5,
    }
}

/// A built-in regular expression, compiled once.
macro_rules! regex {
    ($re:expr) => {{
        static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
        RE.get_or_init(|| regex::Regex::new($re).expect("built-in lint regex is valid"))
    }};
}

mod abbrev;
mod circular;
mod entry;
mod notes;
mod reference;
mod term;
mod text;
mod wording;

use self::abbrev::{check_abbreviation, check_unexpanded_abbreviations};
use self::circular::check_circular;
use self::entry::check_entry_definition;
use self::notes::check_notes;
use self::reference::check_reference;
use self::term::check_terms;
use self::text::strip_parens;
use self::wording::{check_one_concept, check_positive, check_several, check_standalone, check_structure_and_form};
