//! B-elsewhere: a term defined elsewhere cites its defining document in square brackets.

use super::text::excerpt;
use super::{LintInput, Out, F_REF, R_ELSEWHERE};

pub(super) fn check_reference(input: &LintInput, out: &mut Out) {
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
