//! B-circular: the definition must not include or paraphrase the term it defines, nor use the
//! entry's own abbreviation.

use std::sync::OnceLock;

use super::text::{blank_parens, clean_term, excerpt, is_hyphen, tokenize, Tok};
use super::{Out, F_DEF, R_CIRCULAR};

/// Words that carry no content of their own.
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

/// The stems of `words`, as [`tokenize`] gives them.
fn stems(words: &[&str]) -> Vec<String> {
    words.iter().flat_map(|w| tokenize(w)).map(|t| t.stem).collect()
}

/// A stop word in any inflection ("uses", "used": "use").
fn is_stop(stem: &str) -> bool {
    static STEMS: OnceLock<Vec<String>> = OnceLock::new();
    STEMS.get_or_init(|| stems(STOP_WORDS)).iter().any(|s| s == stem)
}

/// A generic class word in any inflection ("devices": "device").
fn is_generic(stem: &str) -> bool {
    static STEMS: OnceLock<Vec<String>> = OnceLock::new();
    STEMS.get_or_init(|| stems(GENERIC_WORDS)).iter().any(|s| s == stem)
}

fn find_phrase(def: &[Tok], term: &[Tok]) -> Option<(usize, usize)> {
    if term.is_empty() || def.len() < term.len() {
        return None;
    }
    (0..=def.len() - term.len()).find_map(|j| {
        let window = &def[j..j + term.len()];
        let same = window.iter().zip(term).all(|(d, t)| d.word == t.word);
        let bounded = !def[j].joined_prev && def.get(j + term.len()).is_none_or(|t| !t.joined_prev);
        (same && bounded).then(|| (window[0].start, window[term.len() - 1].end))
    })
}

/// The first clause: up to the first comma, semicolon, colon, line break or sentence end.
fn first_clause(def: &str) -> &str {
    let end = regex!(r"[,;:\n]|[.!?](?:\s|$)").find(def).map_or(def.len(), |m| m.start());
    &def[..end]
}

pub(super) fn check_circular(def: &str, terms: &[&str], abbr: Option<&str>, out: &mut Out) {
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
        let all_present = content.iter().all(|t| clause_toks.iter().any(|c| t.stem == c.stem));
        let others = clause_toks
            .iter()
            .filter(|c| {
                !is_stop(&c.stem)
                    && !is_generic(&c.stem)
                    && !c.stem.chars().all(|ch| ch.is_numeric())
                    && !content.iter().any(|t| t.stem == c.stem)
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
