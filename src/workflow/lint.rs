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

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

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

macro_rules! regex {
    ($re:expr) => {{
        static RE: OnceLock<Regex> = OnceLock::new();
        RE.get_or_init(|| Regex::new($re).expect("built-in lint regex is valid"))
    }};
}

// ---------------------------------------------------------------------------------------------
// Small text helpers

/// Collapses white space and cuts `s` to at most `max` graphemes, adding "…" when cut.
fn excerpt(s: &str, max: usize) -> String {
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let graphemes: Vec<&str> = collapsed.graphemes(true).collect();
    if graphemes.len() <= max {
        collapsed
    } else {
        format!("{}…", graphemes[..max].concat().trim_end())
    }
}

/// The last `max` graphemes of `s` (white space collapsed), with a leading "…" when cut.
fn tail(s: &str, max: usize) -> String {
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let graphemes: Vec<&str> = collapsed.graphemes(true).collect();
    if graphemes.len() <= max {
        collapsed
    } else {
        format!("…{}", graphemes[graphemes.len() - max..].concat().trim_start())
    }
}

fn quote_list(items: &[String]) -> String {
    items.iter().map(|i| format!("\"{i}\"")).collect::<Vec<_>>().join(", ")
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}')
}

fn strip_parens(s: &str) -> &str {
    let t = s.trim();
    t.strip_prefix('(').and_then(|t| t.strip_suffix(')')).map(str::trim).unwrap_or(t)
}

/// Replaces every character inside parentheses (and the parentheses) by spaces, keeping byte
/// offsets unchanged.
fn blank_parens(s: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '(' => {
                depth += 1;
                out.push(' ');
            }
            ')' if depth > 0 => {
                depth -= 1;
                out.push(' ');
            }
            _ if depth > 0 => out.extend(std::iter::repeat_n(' ', c.len_utf8())),
            _ => out.push(c),
        }
    }
    out
}

#[derive(Debug, Clone)]
struct Tok {
    stem: String,
    start: usize,
    end: usize,
    /// The token is joined to the previous one by a hyphen ("non-empty": "empty").
    joined_prev: bool,
}

/// Words: runs of letters and digits, with inner apostrophes ("utility's").
fn tokenize(s: &str) -> Vec<Tok> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_alphanumeric() {
            i += 1;
            continue;
        }
        let mut j = i;
        loop {
            while j < chars.len() && chars[j].1.is_alphanumeric() {
                j += 1;
            }
            if j + 1 < chars.len() && is_apostrophe(chars[j].1) && chars[j + 1].1.is_alphanumeric() {
                j += 1;
                continue;
            }
            break;
        }
        let start = chars[i].0;
        let end = chars.get(j).map_or(s.len(), |c| c.0);
        let joined_prev = i >= 2 && is_hyphen(chars[i - 1].1) && chars[i - 2].1.is_alphanumeric();
        toks.push(Tok { stem: stem(&s[start..end].to_lowercase()), start, end, joined_prev });
        i = j;
    }
    toks
}

/// Light stemming: possessive and regular plural endings.
fn stem(word: &str) -> String {
    let mut w = word.to_string();
    for suffix in ["'s", "\u{2019}s"] {
        if w.len() > suffix.len() && w.ends_with(suffix) {
            w.truncate(w.len() - suffix.len());
        }
    }
    let n = w.chars().count();
    if n <= 3 || !w.chars().all(char::is_alphabetic) {
        return w;
    }
    if n > 4 && w.ends_with("ies") {
        w.truncate(w.len() - 3);
        w.push('y');
        return w;
    }
    for suffix in ["sses", "xes", "ches", "shes", "zzes"] {
        if w.ends_with(suffix) {
            w.truncate(w.len() - 2);
            return w;
        }
    }
    if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        w.pop();
    }
    w
}

/// Same word up to inflection or derivation ("concentrator" / "concentrates").
fn similar(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (ac, bc): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let min = ac.len().min(bc.len());
    if min < 5 {
        return false;
    }
    let common = ac.iter().zip(&bc).take_while(|(x, y)| x == y).count();
    common >= 5 && common + 3 >= min
}

#[rustfmt::skip]
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "for", "to", "in", "on", "at", "by", "with", "from", "as",
    "into", "onto", "per", "via", "is", "are", "be", "been", "being", "was", "were", "that",
    "which", "who", "whose", "whom", "this", "these", "those", "it", "its", "their", "there",
    "than", "then", "such", "any", "all", "each", "every", "some", "one", "can", "may", "might",
    "must", "shall", "should", "will", "would", "could", "use", "used", "uses", "using", "has",
    "have", "having", "does", "do", "also", "both", "either", "etc", "e", "g", "i", "so", "where",
    "when", "how", "what", "between", "within", "over", "under", "through", "about", "not", "no",
];

/// Generic class words that add nothing to a paraphrase ("a device that concentrates data").
#[rustfmt::skip]
const GENERIC_WORDS: &[&str] = &[
    "device", "entity", "element", "component", "item", "object", "thing", "mean", "means",
    "mechanism", "process", "method", "function", "system", "concept", "property", "term", "act",
    "state", "part", "kind", "type", "way",
];

fn is_stop(stem: &str) -> bool {
    STOP_WORDS.contains(&stem)
}

/// The term as it should be compared with the definition: without "(s)", a trailing
/// "(ABBR)" or "[reference]" typed by mistake.
fn clean_term(term: &str) -> String {
    let t = regex!(r"\((?:s|es)\)").replace_all(term, "");
    let t = regex!(r"\s*\[[^\]]*\]\s*$").replace(&t, "");
    let t = regex!(r"\s*\([^()]*\)\s*$").replace(&t, "");
    t.trim().to_string()
}

// ---------------------------------------------------------------------------------------------
// Term

#[rustfmt::skip]
const PROPER_NOUNS: &[&str] = &[
    "Internet", "Web", "Ethernet", "Bluetooth", "Wi-Fi", "Zigbee", "Unicode", "Java", "Linux",
    "Android", "Huffman", "Fourier", "Gauss", "Gaussian", "Rayleigh", "Raman", "Brillouin",
    "Doppler", "Bragg", "Poisson", "Markov", "Markovian", "Erlang", "Nyquist", "Shannon", "Hamming",
    "Reed", "Viterbi", "Boolean", "Euclidean", "Cartesian", "Kerr", "Fabry", "Mach", "Hilbert",
    "Laplace", "Bayes", "Bayesian", "Lagrange", "Kalman", "Wiener", "Rician", "Golay", "Galois",
    "Walsh", "Hadamard", "Fresnel", "Snell", "Stokes", "Bessel", "Diffie", "Merkle", "Lempel",
    "Euler", "Planck", "Kelvin", "Celsius", "Greenwich", "Morse", "Braille", "Earth", "Moon", "Sun",
    "Europe", "European", "Africa", "African", "America", "American", "Asia", "Arab", "Arabic",
    "Chinese", "English", "French", "Russian", "Spanish", "Latin", "Cyrillic", "Greek", "Gregorian",
    "Lambertian", "Mie", "Jones", "Mueller", "Turing", "Ohm", "Joule",
];

/// "IP", "QoS", "IoT", "ITU-T", "X.509", "A-law", "H.264", "X".
fn is_acronym_like(word: &str) -> bool {
    let upper = word.chars().filter(|c| c.is_uppercase()).count();
    if upper >= 2 {
        return true;
    }
    let first = word.split(|c: char| is_hyphen(c) || c == '.' || c == '/').next().unwrap_or("");
    let mut chars = first.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

fn is_proper_noun(word: &str) -> bool {
    let w = word.trim_end_matches(|c: char| !c.is_alphanumeric()).trim_end_matches("'s").trim_end_matches("\u{2019}s");
    let first_part = w.split(is_hyphen).next().unwrap_or(w);
    PROPER_NOUNS.contains(&w) || PROPER_NOUNS.contains(&first_part)
}

fn lowercase_suggestion(term: &str) -> String {
    term.split(' ')
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(c) if c.is_uppercase() && !is_acronym_like(w) && !is_proper_noun(w) => {
                    c.to_lowercase().chain(chars).collect()
                }
                _ => w.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn check_terms(terms: &[&str], out: &mut Out) {
    if terms.is_empty() {
        out.error(R_ENTRY, F_TERM, "the entry has no term".into());
        return;
    }
    let reference_re = regex!(r"\[[^\]]*\]");
    let abbreviation_re = regex!(r"\(\s*([^()]*\p{Lu}[^()]*)\)\s*(?:\[[^\]]*\]\s*)?:?$");
    for &term in terms {
        if term.ends_with(':') {
            out.error(
                R_ENTRY,
                F_TERM,
                format!(
                    "the term \"{}\" ends with a colon; the colon only separates the term from the definition in the entry, so leave it out",
                    excerpt(term, 60)
                ),
            );
        }
        if let Some(m) = reference_re.find(term) {
            out.warn(
                R_ENTRY,
                F_TERM,
                format!(
                    "the term contains the reference \"{}\"; enter it in the reference field",
                    excerpt(m.as_str(), 60)
                ),
            );
        }
        if let Some(c) = abbreviation_re.captures(term) {
            out.warn(
                R_ENTRY,
                F_TERM,
                format!(
                    "the term contains the abbreviation \"({})\"; enter it in the abbreviation field",
                    excerpt(&c[1], 30)
                ),
            );
        }
        let first_word = term.split_whitespace().next().unwrap_or("");
        let starts_upper = first_word.chars().next().is_some_and(char::is_uppercase);
        if starts_upper && !is_acronym_like(first_word) && !is_proper_noun(first_word) {
            out.warn(
                R_LOWERCASE,
                F_TERM,
                format!(
                    "the term \"{}\" starts with an upper-case letter (\"{}\"); terms begin with a lower-case letter (\"{}\") unless the first word is an acronym or a proper noun",
                    excerpt(term, 60),
                    excerpt(first_word, 30),
                    excerpt(&lowercase_suggestion(term), 60)
                ),
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Definition: entry form

/// Checks presence and form of the definition; returns the definition text to analyse further
/// (with a pasted "term:" or clause number prefix removed), if there is one.
fn check_entry_definition<'a>(input: &LintInput<'a>, terms: &[&str], out: &mut Out) -> Option<&'a str> {
    let raw = input.definition.map(str::trim).unwrap_or("");
    if raw.is_empty() {
        if !input.origin_elsewhere {
            out.error(
                R_ENTRY,
                F_DEF,
                "the definition is empty; a term defined in this Recommendation needs a definition".into(),
            );
        }
        return None;
    }
    let mut def = raw;

    if let Some(m) = regex!(r"^(?:\d+\.\d+\.\d+(?:\.\d+)*\s+|\d+(?:\.\d+)+\t)").find(def) {
        out.error(
            R_ENTRY,
            F_DEF,
            format!(
                "the definition starts with the clause number \"{}\"; enter only the definition text",
                m.as_str().trim()
            ),
        );
        def = def[m.end()..].trim_start();
    }
    // (terms are short; a pasted-in text of hundreds of characters is not a term)
    for term in terms.iter().filter(|t| t.len() <= 300) {
        let pattern = format!(
            r"(?i)^{}\s*(?:\([^)]*\)\s*)?(?:\[[^\]]*\]\s*)?(?::|[-\u{{2013}}\u{{2014}}]\s)",
            regex::escape(term)
        );
        if let Ok(re) = Regex::new(&pattern) {
            if let Some(m) = re.find(def) {
                out.error(
                    R_ENTRY,
                    F_DEF,
                    format!(
                        "the definition starts with the term and its separator (\"{}\"), probably pasted from the document; enter only the text after the colon",
                        excerpt(m.as_str().trim(), 60)
                    ),
                );
                def = def[m.end()..].trim_start();
                break;
            }
        }
    }
    if let Some(rest) = def.strip_prefix(':') {
        out.error(R_ENTRY, F_DEF, "the definition starts with a colon; enter only the text after the colon".into());
        def = rest.trim_start();
    }
    if def.is_empty() {
        out.error(R_ENTRY, F_DEF, "the definition is empty once the pasted term is removed".into());
        return None;
    }

    let end = def.trim_end_matches(['"', '\u{201d}', '\u{2019}', '\'', '\u{bb}']);
    if !end.ends_with('.') || end.ends_with("...") {
        out.error(
            R_ENTRY,
            F_DEF,
            format!(
                "the definition does not end with a period (it ends with \"{}\"); definitions end with a period",
                tail(def, 25)
            ),
        );
    }
    Some(def)
}

// ---------------------------------------------------------------------------------------------
// B-circular

fn find_phrase(def: &[Tok], term: &[Tok]) -> Option<(usize, usize)> {
    if term.is_empty() || def.len() < term.len() {
        return None;
    }
    (0..=def.len() - term.len()).find_map(|j| {
        let window = &def[j..j + term.len()];
        let same = window.iter().zip(term).all(|(d, t)| d.stem == t.stem);
        let bounded = !def[j].joined_prev && def.get(j + term.len()).is_none_or(|t| !t.joined_prev);
        (same && bounded).then(|| (window[0].start, window[term.len() - 1].end))
    })
}

/// The first clause: up to the first comma, semicolon, colon, line break or sentence end.
fn first_clause(def: &str) -> &str {
    let end = regex!(r"[,;:\n]|[.!?](?:\s|$)").find(def).map_or(def.len(), |m| m.start());
    &def[..end]
}

fn check_circular(def: &str, terms: &[&str], abbr: Option<&str>, out: &mut Out) {
    let def_toks = tokenize(def);
    let blanked = blank_parens(def);
    let blanked_toks = tokenize(&blanked);
    let mut literal_found = false;

    for (idx, term) in terms.iter().enumerate() {
        let cleaned = clean_term(term);
        let term_toks = tokenize(&cleaned);
        if term_toks.is_empty() {
            continue;
        }
        let which = if idx == 0 { "term" } else { "synonym" };
        let hit = find_phrase(&def_toks, &term_toks).or_else(|| find_phrase(&blanked_toks, &term_toks));
        if let Some((s, e)) = hit {
            literal_found = true;
            let found = &def[s..e];
            let as_found = if found.to_lowercase() == cleaned.to_lowercase() {
                String::new()
            } else {
                format!(" (as \"{}\")", excerpt(found, 60))
            };
            out.error(
                R_CIRCULAR,
                F_DEF,
                format!(
                    "the definition repeats the {which} \"{}\"{as_found}; define it by its class and distinguishing characteristics instead",
                    excerpt(&cleaned, 60)
                ),
            );
            continue;
        }

        // Paraphrase: every content word of the term (or a derived form) is in the first
        // clause, and that clause adds no other content word apart from a generic class word.
        let content: Vec<&Tok> = term_toks.iter().filter(|t| !is_stop(&t.stem)).collect();
        if content.is_empty() {
            continue;
        }
        let clause = first_clause(&blanked);
        let clause_toks = tokenize(clause);
        let all_present = content.iter().all(|t| clause_toks.iter().any(|c| similar(&t.stem, &c.stem)));
        let others = clause_toks
            .iter()
            .filter(|c| {
                !is_stop(&c.stem)
                    && !GENERIC_WORDS.contains(&c.stem.as_str())
                    && !c.stem.chars().all(|ch| ch.is_numeric())
                    && !content.iter().any(|t| similar(&t.stem, &c.stem))
            })
            .count();
        if all_present && others == 0 {
            out.warn(
                R_CIRCULAR,
                F_DEF,
                format!(
                    "the definition paraphrases the {which} \"{}\" (\"{}\"); state the class of object and the characteristics that distinguish it",
                    excerpt(&cleaned, 60),
                    excerpt(clause.trim(), 60)
                ),
            );
        }
    }

    // The entry's own abbreviation used in the definition.
    let Some(abbr) = abbr else { return };
    if abbr.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
        return;
    }
    let mut any = false;
    let mut all_parenthesised = true;
    for (pos, _) in def.match_indices(abbr) {
        let before = def[..pos].chars().next_back();
        let mut after_str = &def[pos + abbr.len()..];
        if after_str.starts_with('s') && !after_str[1..].starts_with(char::is_alphanumeric) {
            after_str = &after_str[1..];
        }
        let after = after_str.chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() && !is_hyphen(c));
        if boundary(before) && boundary(after) {
            any = true;
            if !(before == Some('(') && after == Some(')')) {
                all_parenthesised = false;
            }
        }
    }
    if any && !(all_parenthesised && literal_found) {
        out.error(
            R_CIRCULAR,
            F_DEF,
            format!(
                "the definition uses the entry's own abbreviation \"{}\"; define the concept without its own name",
                excerpt(abbr, 30)
            ),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// B-positive

#[rustfmt::skip]
const POSITIVE_NON_WORDS: &[&str] = &[
    "negative", "positive", "zero", "empty", "linear", "volatile", "repudiation",
];

fn check_positive(def: &str, terms: &[&str], out: &mut Out) {
    let in_term = |word: &str| {
        let word: String = word.chars().map(|c| if is_hyphen(c) { '-' } else { c }).collect();
        terms.iter().any(|t| {
            let t: String = t.to_lowercase().chars().map(|c| if is_hyphen(c) { '-' } else { c }).collect();
            t.contains(&word)
        })
    };
    let re = regex!(
        r"(?i)\b(?:(?:does|do|did|is|are|was|were|has|have|had|can|could|shall|should|will|would|may|might|must|need)\s+not|not|cannot|(?:can|doesn|don|isn|aren|won|wasn|weren|shouldn|mustn)['’]t|never|neither|nor|none|nothing|no(?:\s+longer)?|other\s+than|non[-\u{2010}\u{2011}]\p{L}+)\b"
    );
    let mut words: Vec<String> = Vec::new();
    let number_after = regex!(r"^\.\s*\d");
    let only_after = regex!(r"(?i)^\s+only\b");
    for m in re.find_iter(def) {
        let text = m.as_str().split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        let after = &def[m.end()..];
        if text == "no" && number_after.is_match(after) {
            continue; // "No. 7"
        }
        if text == "not" && only_after.is_match(after) {
            continue; // "not only ... but also"
        }
        if let Some(rest) = text.strip_prefix("non") {
            let rest: String = rest.chars().skip(1).collect();
            if POSITIVE_NON_WORDS.contains(&rest.as_str()) || in_term(&text) {
                continue;
            }
        }
        if !words.contains(&text) {
            words.push(text);
        }
    }
    if !words.is_empty() {
        out.warn(
            R_POSITIVE,
            F_DEF,
            format!(
                "the definition uses negative wording ({}); definitions must be positive: say what the concept is rather than what it is not",
                quote_list(&words)
            ),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// B-one-concept, B-several

#[rustfmt::skip]
const ABBREVIATIONS_WITH_PERIOD: &[&str] = &[
    "e.g", "i.e", "cf", "no", "nos", "fig", "figs", "vs", "approx", "ref", "refs", "rec", "recs",
    "vol", "pp", "p", "sec", "eq", "eqs", "al", "ed", "eds", "viz", "resp", "incl", "art", "para",
    "ch", "op", "max", "min", "dr", "mr", "ms", "st",
];

fn is_period_abbreviation(word: &str) -> bool {
    let w = word.trim_start_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    if ABBREVIATIONS_WITH_PERIOD.contains(&w.as_str()) {
        return true;
    }
    if w.chars().count() == 1 && w.chars().all(char::is_alphabetic) {
        return true; // an initial
    }
    // "U.S", "a.m": short letter groups joined by periods
    w.contains('.')
        && w.split('.').all(|p| !p.is_empty() && p.chars().count() <= 2 && p.chars().all(char::is_alphabetic))
}

fn sentences(def: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let end_re = regex!(r#"[.!?]["'”’)\]]*\s+"#);
    for para in def.split(['\n', '\r']) {
        let para = para.trim();
        if para.is_empty() {
            continue;
        }
        let mut start = 0;
        for m in end_re.find_iter(para) {
            let next = para[m.end()..].chars().next();
            let starts_sentence =
                next.is_some_and(|c| c.is_uppercase() || c.is_numeric() || matches!(c, '"' | '“' | '('));
            if !starts_sentence || m.start() < start {
                continue;
            }
            let last_word = para[start..m.start()].rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
            if para[m.start()..].starts_with('.') && is_period_abbreviation(last_word) {
                continue;
            }
            let sentence = para[start..m.end()].trim();
            if !sentence.is_empty() {
                out.push(sentence);
            }
            start = m.end();
        }
        let rest = para[start..].trim();
        if !rest.is_empty() {
            out.push(rest);
        }
    }
    out
}

fn check_one_concept(def: &str, out: &mut Out) {
    let sentences = sentences(def);
    if sentences.len() > 1 {
        out.warn(
            R_ONE_CONCEPT,
            F_DEF,
            format!(
                "the definition has {} sentences; a definition describes one concept in one sentence: move the extra material (from \"{}\") to a note, or separate several explanations of the term with semicolons",
                sentences.len(),
                excerpt(sentences[1], 50)
            ),
        );
    }
}

fn check_several(def: &str, out: &mut Out) {
    if def.contains(';') {
        return; // several explanations separated with semicolons, as B-several asks
    }
    let re = regex!(r"(?:^|\s)(\(?(?:\d{1,2}|[a-h]|i{1,3}|iv|vi{0,3})\))\s+\S");
    let markers: Vec<String> = re.captures_iter(def).map(|c| c[1].to_string()).collect();
    let numbered = regex!(r"(?m)^\s*\d{1,2}\.\s+\S").find_iter(def).count();
    if markers.len() >= 2 || numbered >= 2 {
        let shown = if markers.len() >= 2 {
            format!(" ({})", quote_list(&markers[..markers.len().min(3)]))
        } else {
            String::new()
        };
        out.warn(
            R_SEVERAL,
            F_DEF,
            format!(
                "the definition enumerates several explanations{shown}; separate several explanations of one term with semicolons"
            ),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// B-standalone

fn check_standalone(def: &str, out: &mut Out) {
    let patterns: [&Regex; 6] = [
        regex!(
            r"(?i)\b(?:this|the\s+present|present)\s+(?:Recommendation|International\s+Standard|Standard|document|specification|Supplement|subclause|clause|annex|appendix|Technical\s+Report|Technical\s+Paper|report)\b"
        ),
        regex!(
            r"(?i)\bsee\s+(?:also\s+)?(?:clause|subclause|section|annex|appendix|figure|table|equation|note|paragraph|above|below)\b"
        ),
        regex!(
            r"(?i)\b(?:clause|subclause|annex|appendix|figure|table|equation)\s+(?-i:[A-Z]\b|[IVX]+\b|\d+(?:[.\-]\d+)*)"
        ),
        regex!(
            r"(?i)\b(?:as\s+)?(?:defined|described|specified|shown|given|explained|mentioned|listed|illustrated)\s+(?:above|below|earlier|later|previously|hereafter|herein)\b"
        ),
        regex!(r"(?i)\b(?:above|below)[-\s]mentioned\b|\baforementioned\b|\bhereinafter\b"),
        regex!(
            r"(?i)\bas\s+follows\b|\bthe\s+following\s*:|\bthe\s+(?:following|preceding|previous|next)\s+(?:clause|subclause|section|equation|formula|figure|table|list|paragraph|definition)s?\b"
        ),
    ];
    let external = regex!(r"(?i)^\s*(?:of|in)\s+(?:\[|ITU|Rec|ISO|IEC|IETF|RFC|ETSI|IEEE|3GPP|the\s+ITU|b-)");
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for (i, re) in patterns.iter().enumerate() {
        for m in re.find_iter(def) {
            if i == 2 && external.is_match(&def[m.end()..]) {
                continue; // "clause 6.1 of [b-ITU-T G.Sup.47]" points to another document
            }
            if spans.iter().all(|&(s, e)| m.end() <= s || m.start() >= e) {
                spans.push((m.start(), m.end()));
            }
        }
    }
    if spans.is_empty() {
        return;
    }
    spans.sort_unstable();
    let found: Vec<String> = spans.iter().map(|&(s, e)| excerpt(&def[s..e], 40)).collect();
    out.warn(
        R_STANDALONE,
        F_DEF,
        format!(
            "the definition refers to other parts of the document ({}); a definition must be understandable on its own",
            quote_list(&found)
        ),
    );
}

// ---------------------------------------------------------------------------------------------
// B-structure, B-form

fn check_structure_and_form(def: &str, terms: &[&str], out: &mut Out) {
    let def = def.trim_start_matches(|c: char| !c.is_alphanumeric());
    let condition =
        regex!(r"(?i)^(?:when|whenever|if|where|since|because|although|unless|in\s+case)\b(?:\s+[\p{L}\p{N}]+)?");
    if let Some(m) = condition.find(def) {
        out.warn(
            R_STRUCTURE,
            F_DEF,
            format!(
                "the definition starts with a condition (\"{}\"); start with the class of object the term belongs to, then its distinguishing characteristics",
                m.as_str()
            ),
        );
    }
    let about_word = regex!(
        r#"(?i)^(?:(?:an?|the)\s+)?(?:term|word|expression|phrase|acronym|abbreviation)\s+(?:that|which|used|for|given|describing|denoting|referring|meaning)\b|^(?:the|this)\s+(?:term|word|expression|phrase)\s+["“‘']?[\p{L}\p{N}\- ]{1,40}?["”’']?\s+(?:is|shall|means|refers|denotes|describes|designates|stands)\b"#
    );
    if let Some(m) = about_word.find(def) {
        out.warn(
            R_STRUCTURE,
            F_DEF,
            format!(
                "the definition describes the word (\"{}\") rather than the concept; state the class of object and its distinguishing characteristics",
                excerpt(m.as_str(), 50)
            ),
        );
    }
    let pointer = regex!(
        r"(?i)^(?:same\s+as|see|identical\s+to|synonym\s+(?:of|for)|equivalent\s+to|another\s+(?:name|term)\s+for|abbreviation\s+(?:of|for))\b(?:\s+[\p{L}\p{N}]+)?"
    );
    if let Some(m) = pointer.find(def) {
        out.warn(
            R_STRUCTURE,
            F_DEF,
            format!(
                "the definition points to another term (\"{}\") instead of defining the concept; record the term as a synonym of that entry, or give a full definition",
                m.as_str()
            ),
        );
    }

    let verb_term = terms.first().is_some_and(|t| t.to_lowercase().starts_with("to "));
    let pronoun = regex!(
        r"(?i)^(?:it|this|that|they|these)\s+(?:is|are|was|means|refers|describes|denotes|represents|indicates)\b(?:\s+[\p{L}\p{N}]+)?"
    );
    let verb = regex!(
        r"(?i)^(?:is|are|was|were|means|refers|describes|defines|denotes|represents|signifies|indicates|allows|enables|provides|performs|specifies|contains|consists|includes|identifies|ensures|used)\b(?:\s+[\p{L}\p{N}]+)?"
    );
    let infinitive = regex!(r"(?i)^to\s+\p{L}+");
    let m = pronoun.find(def).or_else(|| verb.find(def)).or_else(|| infinitive.find(def).filter(|_| !verb_term));
    if let Some(m) = m.map(|m| m.as_str()) {
        out.warn(
            R_FORM,
            F_DEF,
            format!(
                "the definition starts with a verb form (\"{m}\"); for a noun term give a noun phrase starting with the class of object, e.g. \"A device that …\""
            ),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// B-abbrev

#[rustfmt::skip]
const ORGANIZATIONS: &[&str] = &[
    "ITU", "ITU-T", "ITU-R", "ITU-D", "TSB", "BR", "BDT", "TSAG", "WTSA", "WTDC", "WRC", "ISO",
    "IEC", "JTC", "IETF", "IEEE", "ETSI", "3GPP", "3GPP2", "W3C", "OASIS", "ANSI", "CEN", "CENELEC",
    "ARIB", "TTA", "TTC", "ATIS", "CCSA", "UN", "UNESCO", "WHO", "WMO", "ISOC", "ICANN", "IANA",
    "OMA", "BBF", "MEF", "ONF", "GSMA", "IMO", "ICAO", "OECD", "UNISDR",
];

#[rustfmt::skip]
const UNIT_SYMBOLS: &[&str] = &[
    "MHz", "GHz", "THz", "PHz", "GB", "MB", "TB", "PB", "EB", "GW", "MW", "TW", "GWh", "MWh", "TWh",
    "dBW", "dBmV", "dBuV", "MVA", "GVA", "MBd", "GBd", "MiB", "GiB", "TiB", "KiB",
];

#[rustfmt::skip]
const EMPHASIS_WORDS: &[&str] = &[
    "NOTE", "NOT", "MUST", "SHALL", "SHOULD", "MAY", "REQUIRED", "RECOMMENDED", "OPTIONAL", "AND",
    "OR", "XOR",
];

fn is_acronym_token(tok: &str) -> bool {
    let upper = tok.chars().filter(|c| c.is_uppercase()).count();
    let lower = tok.chars().filter(|c| c.is_lowercase()).count();
    upper >= 2 && lower <= upper
}

fn check_unexpanded_abbreviations(def: &str, terms: &[&str], abbr: Option<&str>, out: &mut Out) {
    // Citations such as "[ITU-T Y.2001]" are not abbreviations to expand.
    let text = regex!(r"\[[^\]]*\]").replace_all(def, " ");
    let term_words: Vec<String> = terms
        .iter()
        .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let mut unexpanded: Vec<String> = Vec::new();
    let roman = regex!(r"^[IVX]+$");
    for m in regex!(r"[\p{L}\p{N}]+(?:[-\u{2010}\u{2011}][\p{L}\p{N}]+)*").find_iter(&text) {
        let tok = m.as_str();
        if !is_acronym_token(tok) {
            continue;
        }
        let singular = tok.strip_suffix('s').filter(|s| is_acronym_token(s)).unwrap_or(tok);
        let first_part = tok.split(is_hyphen).next().unwrap_or(tok);
        let known = |t: &str| ORGANIZATIONS.contains(&t) || UNIT_SYMBOLS.contains(&t) || EMPHASIS_WORDS.contains(&t);
        if known(tok) || known(singular) || known(first_part) {
            continue;
        }
        if roman.is_match(tok) {
            continue; // Roman numeral
        }
        if abbr.is_some_and(|a| a == tok || a == singular) {
            continue; // reported by B-circular
        }
        if term_words.iter().any(|w| w == tok || w == singular) {
            continue;
        }
        let expanded = [format!("({tok})"), format!("( {tok} )"), format!("{tok} ("), format!("{tok}(")]
            .iter()
            .any(|p| text.contains(p.as_str()));
        if !expanded && !unexpanded.iter().any(|u| u == tok) {
            unexpanded.push(tok.to_string());
        }
    }
    for tok in unexpanded {
        out.warn(
            R_ABBREV,
            F_DEF,
            format!(
                "the definition uses the abbreviation \"{tok}\" without expanding it; write the full form followed by the abbreviation, e.g. \"asynchronous transfer mode (ATM)\""
            ),
        );
    }
}

#[rustfmt::skip]
const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "for", "to", "in", "on", "at", "by", "with", "over",
    "from", "into", "via", "per", "as", "&",
];

#[rustfmt::skip]
const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "first",
    "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "single",
    "double", "triple", "dual",
];

struct Word {
    parts: Vec<Vec<char>>,
    /// Small words and numbers need not contribute a letter.
    optional: bool,
}

/// True if `abbr` can be formed from the term: each part of the abbreviation is the initial
/// of a word (or of a hyphenated part), optionally followed by later letters of that word
/// ("QoS", "HTTP"); small words (of, and, the, for, ...) and numbers may be skipped; every
/// other word gives at least one letter; digits may match digits or number words, or be left
/// out ("P2P").
fn abbreviation_matches(abbr: &str, term: &str) -> bool {
    let mut chars = Vec::new();
    let mut loose = Vec::new();
    for c in abbr.chars().filter(|c| c.is_alphanumeric()) {
        for l in c.to_lowercase() {
            chars.push(l);
            loose.push(c.is_lowercase());
        }
    }
    let a = Abbr { chars, loose };
    let words: Vec<Word> = term
        .split_whitespace()
        .filter_map(|w| {
            let parts: Vec<Vec<char>> = w
                .split(|c: char| is_hyphen(c) || c == '/' || c == '_')
                .map(|p| p.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<Vec<char>>())
                .filter(|p| !p.is_empty())
                .collect();
            if parts.is_empty() {
                return None;
            }
            let lower = w.to_lowercase();
            let optional = SMALL_WORDS.contains(&lower.as_str()) || parts.iter().flatten().all(|c| c.is_numeric());
            Some(Word { parts, optional })
        })
        .collect();
    if a.chars.is_empty() || words.is_empty() || a.chars.len() > 24 || words.len() > 16 {
        return true; // nothing sensible to compare
    }
    let mut memo = HashMap::new();
    match_rec(&a, &words, 0, 0, 0, false, &mut memo)
}

fn start_match(part: &[char], c: char) -> Option<usize> {
    if part.first() == Some(&c) {
        return Some(0);
    }
    if c == 'x' {
        let s: String = part.iter().collect();
        if s.starts_with("ex") {
            return Some(1); // eXtensible, eXchange
        }
        if s.starts_with("cross") || s.starts_with("trans") {
            return Some(0);
        }
    }
    None
}

struct Abbr {
    chars: Vec<char>,
    /// The letter is lower case in the abbreviation ("QoS", "IPv6", "ICTs").
    loose: Vec<bool>,
}

/// Parts of compound words whose initial may appear in an abbreviation ("hyperText",
/// "dataBase", "photoDiode", "microElectroMechanical").
#[rustfmt::skip]
const MORPHEMES: &[&str] = &[
    "text", "base", "diode", "band", "width", "ware", "media", "cast", "net", "work", "link",
    "port", "phone", "wave", "mark", "space", "point", "time", "stamp", "load", "book", "frame",
    "guide", "mode", "line", "speed", "mail", "site", "page", "graph", "meter", "metre", "scope",
    "electr", "mechan", "magnet", "optic", "sonic", "path", "gate", "cell", "cloud", "code", "data",
    "key", "word", "user", "view", "video", "audio", "voice", "grid", "system", "service", "server",
    "switch", "signal", "host", "wire", "chain", "home", "flow", "sign", "map", "box", "bus", "com",
    "tele", "sat", "ground", "cycle", "field", "bit", "byte", "hop", "tag",
];

/// Position of the next letter `c` of the abbreviation inside a word part, searching from `q`
/// (just after the previous matched letter): the very next letter ("RFID": "IDentification"),
/// any later letter when the abbreviation has it in lower case, or the initial of a
/// compound part.
fn next_inner_letter(part: &[char], q: usize, c: Option<char>, loose: bool) -> Option<usize> {
    let c = c?;
    if q >= part.len() {
        return None;
    }
    if part[q] == c {
        return Some(q);
    }
    (q..part.len()).find(|&k| {
        part[k] == c
            && (loose
                || MORPHEMES.iter().any(|m| {
                    let m: Vec<char> = m.chars().collect();
                    part[k..].starts_with(&m)
                }))
    })
}

type Memo = HashMap<(usize, usize, usize, bool), bool>;

fn match_rec(abbr: &Abbr, words: &[Word], i: usize, w: usize, p: usize, satisfied: bool, memo: &mut Memo) -> bool {
    let a = &abbr.chars;
    if w == words.len() {
        return a[i..].iter().all(|c| c.is_numeric());
    }
    let key = (i, w, p, satisfied);
    if let Some(&r) = memo.get(&key) {
        return r;
    }
    let word = &words[w];
    let result = if p == word.parts.len() {
        (satisfied || word.optional) && match_rec(abbr, words, i, w + 1, 0, false, memo)
    } else {
        let part = &word.parts[p];
        let mut r = match_rec(abbr, words, i, w, p + 1, satisfied, memo);
        if !r && i < a.len() && a[i].is_numeric() {
            let s: String = part.iter().collect();
            if NUMBER_WORDS.contains(&s.as_str()) {
                r = match_rec(abbr, words, i + 1, w, p + 1, true, memo);
            }
            if !r {
                r = match_rec(abbr, words, i + 1, w, p, satisfied, memo);
            }
        }
        if !r && i < a.len() {
            if let Some(pos) = start_match(part, a[i]) {
                let (mut q, mut j) = (pos + 1, i + 1);
                loop {
                    if match_rec(abbr, words, j, w, p + 1, true, memo) {
                        r = true;
                        break;
                    }
                    match next_inner_letter(part, q, a.get(j).copied(), abbr.loose.get(j) == Some(&true)) {
                        Some(found) => {
                            q = found + 1;
                            j += 1;
                        }
                        None => break,
                    }
                }
            }
        }
        r
    };
    memo.insert(key, result);
    result
}

fn check_abbreviation(raw: &str, terms: &[&str], out: &mut Out) {
    let abbr = strip_parens(raw);
    if abbr != raw.trim() {
        out.warn(R_ABBREV, F_ABBREV, format!("enter the abbreviation without parentheses (\"{}\")", excerpt(abbr, 30)));
    }
    if !abbr.chars().any(char::is_uppercase) && abbr.chars().any(char::is_lowercase) {
        out.warn(
            R_ABBREV,
            F_ABBREV,
            format!(
                "the abbreviation \"{}\" has no capital letter; the letters of an acronym are capitalized (clause 8.4)",
                excerpt(abbr, 30)
            ),
        );
    }
    if terms.is_empty() {
        return;
    }
    let matches = terms.iter().any(|t| abbreviation_matches(abbr, &clean_term(t)));
    if !matches {
        out.warn(
            R_ABBREV,
            F_ABBREV,
            format!(
                "the abbreviation \"{}\" does not match the initials of the term \"{}\"; check the abbreviation and the term",
                excerpt(abbr, 30),
                excerpt(&clean_term(terms[0]), 60)
            ),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// B-notes

fn dash_name(dash: &str) -> String {
    match dash {
        "-" => "\"-\" (hyphen-minus)".into(),
        "\u{2014}" => "\"—\" (em dash, U+2014)".into(),
        "\u{2012}" => "\"‒\" (figure dash, U+2012)".into(),
        "\u{2010}" | "\u{2011}" => format!("\"{dash}\" (hyphen)"),
        "\u{2212}" => "\"−\" (minus sign, U+2212)".into(),
        "\u{2015}" => "\"―\" (horizontal bar, U+2015)".into(),
        ":" => "a colon".into(),
        "." => "a period".into(),
        other => format!("\"{other}\""),
    }
}

fn check_notes(notes: &[String], out: &mut Out) {
    let several = notes.len() > 1;
    let re = regex!(
        r"(?s)^(?P<kw>[Nn][Oo][Tt][Ee])(?:(?P<sp1>\s*)(?P<num>\d+))?(?P<sp2>\s*)(?P<dash>--|[-\u{2010}-\u{2015}\u{2212}:.])?(?P<sp3>\s*)(?P<text>.*)$"
    );
    for (idx, note) in notes.iter().enumerate() {
        let n = idx + 1;
        let note = note.trim();
        let expected = if several { format!("NOTE {n} – …") } else { "NOTE – …".to_string() };
        if note.is_empty() {
            out.error(R_NOTES, F_NOTES, format!("note {n} is empty; remove it or write \"{expected}\""));
            continue;
        }
        let caps = re.captures(note).filter(|c| {
            // "Notes", "Noteworthy": not the NOTE label
            !note[c["kw"].len()..].starts_with(char::is_alphabetic)
        });
        let Some(c) = caps else {
            out.error(
                R_NOTES,
                F_NOTES,
                format!(
                    "note {n} (\"{}\") does not start with \"NOTE\"; write it as \"{expected}\"",
                    excerpt(note, 40)
                ),
            );
            continue;
        };
        let kw = &c["kw"];
        if kw != "NOTE" {
            out.error(
                R_NOTES,
                F_NOTES,
                format!("note {n} starts with \"{kw}\"; write \"NOTE\" in capitals: \"{expected}\""),
            );
        }
        match c.name("dash").map(|d| d.as_str()) {
            Some("\u{2013}") => {
                let spaced = !c["sp2"].is_empty()
                    && (!c["sp3"].is_empty() || c["text"].is_empty())
                    && c.name("sp1").is_none_or(|sp| !sp.as_str().is_empty());
                if !spaced {
                    out.warn(
                        R_NOTES,
                        F_NOTES,
                        format!(
                            "note {n} is missing a space; write \"{expected}\" with a space on each side of the dash"
                        ),
                    );
                }
            }
            Some(other) => out.error(
                R_NOTES,
                F_NOTES,
                format!(
                    "note {n} uses {} after \"NOTE\"; use \"–\" (U+2013 EN DASH): \"{expected}\"",
                    dash_name(other)
                ),
            ),
            None => out.error(
                R_NOTES,
                F_NOTES,
                format!("note {n} has no dash after \"NOTE\"; write \"{expected}\" with \"–\" (U+2013 EN DASH)"),
            ),
        }
        if c["text"].trim().is_empty() {
            out.error(R_NOTES, F_NOTES, format!("note {n} has no text after \"NOTE –\""));
        }
        let num = c.name("num").map(|m| m.as_str());
        match (several, num) {
            (false, Some(num)) => out.error(
                R_NOTES,
                F_NOTES,
                format!("a single note is not numbered: write \"NOTE – …\" instead of \"NOTE {num} – …\""),
            ),
            (true, None) => out.error(
                R_NOTES,
                F_NOTES,
                format!("note {n} is not numbered; with several notes, number them consecutively: \"NOTE {n} – …\""),
            ),
            (true, Some(num)) if num != n.to_string() => out.error(
                R_NOTES,
                F_NOTES,
                format!(
                    "note {n} is numbered \"NOTE {}\"; number the notes consecutively from 1: \"NOTE {n} – …\"",
                    excerpt(num, 12)
                ),
            ),
            _ => {}
        }
    }
}

// ---------------------------------------------------------------------------------------------
// B-elsewhere

fn check_reference(input: &LintInput, out: &mut Out) {
    let reference = input.reference.map(str::trim).filter(|r| !r.is_empty());
    let Some(r) = reference else {
        if input.origin_elsewhere {
            out.error(
                R_ELSEWHERE,
                F_REF,
                "the term is defined elsewhere but no reference is given; cite the defining document in square brackets, e.g. \"[ITU-T Y.2001]\"".into(),
            );
        }
        return;
    };
    let citations: Vec<&str> =
        regex!(r"\[([^\[\]]*)\]").captures_iter(r).filter_map(|c| c.get(1).map(|m| m.as_str().trim())).collect();
    if citations.is_empty() {
        let inner = r.trim_matches(|c: char| c == '[' || c == ']' || c.is_whitespace());
        if inner.is_empty() {
            out.error(R_ELSEWHERE, F_REF, "the reference is empty".into());
        } else {
            out.warn(
                R_ELSEWHERE,
                F_REF,
                format!(
                    "the reference \"{}\" is not in square brackets; write \"[{}]\"",
                    excerpt(r, 60),
                    excerpt(inner, 60)
                ),
            );
        }
        return;
    }
    if citations.iter().all(|c| c.is_empty()) {
        out.error(
            R_ELSEWHERE,
            F_REF,
            "the reference \"[]\" is empty; cite the defining document, e.g. \"[ITU-T Y.2001]\"".into(),
        );
        return;
    }
    if input.origin_elsewhere {
        let outside = regex!(r"\[[^\[\]]*\]").replace_all(r, "");
        if outside.chars().any(char::is_alphanumeric) {
            out.warn(
                R_ELSEWHERE,
                F_REF,
                format!(
                    "a term defined elsewhere cites only the defining document in square brackets; move \"{}\" out of the reference (e.g. into a note)",
                    excerpt(outside.trim().trim_matches(|c: char| c == ',' || c == ';'), 40)
                ),
            );
        }
    }
}
