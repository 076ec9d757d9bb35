//! B-entry for the definition: present, without a pasted clause number or "term:", ending with a
//! period.

use regex::Regex;

use super::text::{excerpt, tail};
use super::{LintInput, Out, F_DEF, R_ENTRY};

/// Checks presence and form of the definition; returns the definition text to analyse further
/// (with a pasted "term:" or clause number prefix removed), if there is one.
pub(super) fn check_entry_definition<'a>(input: &LintInput<'a>, terms: &[&str], out: &mut Out) -> Option<&'a str> {
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
