//! One entry line (number already removed): term, English equivalent, abbreviation, reference,
//! definition.
//!
//! ```text
//! delay tolerant network (DTN) [b-FG-NRR]: DTN technology stores ...
//! сети, устойчивые к задержкам (delay tolerant networks (DTN)): [b-FG-NRR]: Технология ...
//! 需求响应（demand response）（DR） [b-ITU-T Y.2071]：智能电网的特征之一 ...
//! disaster relief [ITU-T E.108].
//! ```
//!
//! The term runs up to the first colon outside brackets; a bracketed reference may sit before
//! or right after that colon; parenthesised groups at the end of the term are an abbreviation
//! (`(DTN)`, `(СПП)`) or, in a non-Latin text, the English term (`(demand response)`).

use super::patterns;
use super::text::{is_cjk, is_cjk_ideo, is_colon, is_latin_letter, string, trim_chars, trim_term};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Head {
    pub term: String,
    pub term_en: Option<String>,
    pub abbreviation: Option<String>,
    pub reference: Option<String>,
    pub definition: Option<String>,
    /// A term/definition colon was found (possibly with nothing after it).
    pub colon: bool,
}

/// How many trailing parenthesised groups are looked at (bounds the work on hostile input).
const MAX_GROUPS: usize = 4;

fn is_paren_open(c: char) -> bool {
    matches!(c, '(' | '（')
}
fn is_paren_close(c: char) -> bool {
    matches!(c, ')' | '）')
}
fn is_bracket_open(c: char) -> bool {
    matches!(c, '[' | '［' | '【')
}
fn is_bracket_close(c: char) -> bool {
    matches!(c, ']' | '］' | '】')
}

/// Index of the first colon outside (), [] and their full-width forms; "://" is skipped.
fn top_level_colon(chars: &[char]) -> Option<usize> {
    let mut depth = 0usize;
    let mut first_any = None;
    for (i, &c) in chars.iter().enumerate() {
        if is_paren_open(c) || is_bracket_open(c) {
            depth += 1;
        } else if is_paren_close(c) || is_bracket_close(c) {
            depth = depth.saturating_sub(1);
        } else if is_colon(c) {
            if c == ':' && chars.get(i + 1) == Some(&'/') && chars.get(i + 2) == Some(&'/') {
                continue;
            }
            if depth == 0 {
                return Some(i);
            }
            first_any.get_or_insert(i);
        }
    }
    // an unbalanced "(" must not hide the colon of the whole line
    if depth > 0 {
        first_any
    } else {
        None
    }
}

/// Matching close for the bracket or parenthesis at `open`.
fn matching_close(chars: &[char], open: usize) -> Option<usize> {
    type Pred = fn(char) -> bool;
    let (is_o, is_c): (Pred, Pred) = if is_bracket_open(chars[open]) {
        (is_bracket_open, is_bracket_close)
    } else {
        (is_paren_open, is_paren_close)
    };
    let mut depth = 0usize;
    for (i, &c) in chars.iter().enumerate().skip(open) {
        if is_o(c) {
            depth += 1;
        } else if is_c(c) {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

/// Matching opening parenthesis for the one at `close`.
fn matching_open(chars: &[char], close: usize) -> Option<usize> {
    let mut depth = 0usize;
    for i in (0..=close).rev() {
        let c = chars[i];
        if is_paren_close(c) {
            depth += 1;
        } else if is_paren_open(c) {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

/// Top-level `[...]` groups not at the very start: `(start, end)` inclusive.
fn bracket_groups(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut paren = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_paren_open(c) {
            paren += 1;
        } else if is_paren_close(c) {
            paren = paren.saturating_sub(1);
        } else if is_bracket_open(c) && paren == 0 {
            match matching_close(chars, i) {
                Some(j) => {
                    if i > 0 && j > i + 1 {
                        out.push((i, j));
                    }
                    i = j;
                }
                None => break,
            }
        }
        i += 1;
    }
    out
}

/// What may stand between two references: "[A], [B]", "[A] and [B]", "[A]、[B]".
fn is_ref_separator(s: &[char]) -> bool {
    let t = string(trim_chars(s));
    matches!(t.as_str(), "" | "," | ";" | "/" | "，" | "、" | "،" | "and" | "et" | "y" | "и" | "和" | "及" | "و")
}

/// `DTN`, `IoT`, `СПП`, `3GPP`, `Wi-Fi`; not `s`, `Internet`, `disaster`.
pub(crate) fn is_abbreviation(s: &[char]) -> bool {
    if s.is_empty() || s.len() > 15 {
        return false;
    }
    if !s.iter().all(|&c| c.is_alphanumeric() || matches!(c, '-' | '/' | '.' | '&' | '+' | '\'' | '’' | '_')) {
        return false;
    }
    let upper = s.iter().filter(|c| c.is_uppercase()).count();
    if upper == 0 {
        return false;
    }
    // a capitalised ordinary word ("Internet") is not an abbreviation
    !(upper == 1 && s[0].is_uppercase() && s.len() >= 4 && s[1..].iter().all(|c| c.is_lowercase()))
}

fn mostly_latin(s: &[char]) -> bool {
    let latin = s.iter().filter(|&&c| is_latin_letter(c)).count();
    let other = s.iter().filter(|&&c| c.is_alphabetic() && !is_latin_letter(c)).count();
    latin >= 2 && latin > other
}

/// "next generation network (NGN)" -> ("next generation network", Some("NGN")).
fn split_nested_abbreviation(inner: &[char]) -> (String, Option<String>) {
    if let Some(&last) = inner.last() {
        if is_paren_close(last) {
            if let Some(o) = matching_open(inner, inner.len() - 1) {
                let abbr = trim_chars(&inner[o + 1..inner.len() - 1]);
                if o > 0 && is_abbreviation(abbr) {
                    return (string(trim_term(&inner[..o])), Some(string(abbr)));
                }
            }
        }
    }
    (string(trim_term(inner)), None)
}

/// Splits the part before the colon into term, English term, abbreviation and reference.
fn analyze_head(head: &[char], non_latin: bool, out: &mut Head) {
    let mut h: Vec<char> = trim_term(head).to_vec();

    let groups = bracket_groups(&h);
    if let Some(&(_, last_end)) = groups.last() {
        let mut first = groups.len() - 1;
        while first > 0 && is_ref_separator(&h[groups[first - 1].1 + 1..groups[first].0]) {
            first -= 1;
        }
        let start = groups[first].0;
        out.reference = Some(string(&h[start..=last_end]));
        let mut rest: Vec<char> = h[..start].to_vec();
        rest.push(' ');
        rest.extend_from_slice(&h[last_end + 1..]);
        h = trim_term(&rest).to_vec();
    }

    let mut abbreviations: Vec<String> = Vec::new(); // from the end backwards
    let mut english: Option<(String, Option<String>)> = None;
    for _ in 0..MAX_GROUPS {
        let trimmed = trim_term(&h).len();
        h.truncate(trimmed);
        let Some(&last) = h.last() else { break };
        if !is_paren_close(last) {
            break;
        }
        let Some(open) = matching_open(&h, h.len() - 1) else {
            break;
        };
        if open == 0 {
            break;
        }
        let prev = h[open - 1];
        let separate = prev.is_whitespace() || h[open] == '（' || is_cjk(prev) || is_paren_close(prev);
        if !separate {
            break; // "pixel(s)"
        }
        let inner = trim_chars(&h[open + 1..h.len() - 1]);
        if is_abbreviation(inner) {
            abbreviations.push(string(inner));
        } else if non_latin && mostly_latin(inner) {
            english = Some(split_nested_abbreviation(inner));
        } else {
            break;
        }
        h.truncate(open);
    }
    let term = string(trim_term(&h));
    out.term = term;
    out.abbreviation = abbreviations.last().cloned().or_else(|| english.as_ref().and_then(|(_, a)| a.clone()));
    out.term_en = english.map(|(t, _)| t).filter(|t| !t.is_empty());
}

/// Parses the text of an entry line after its number.
pub(crate) fn parse_entry_text(text: &str, non_latin: bool) -> Head {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Head::default();
    let head: Vec<char>;
    match top_level_colon(&chars) {
        Some(i) => {
            out.colon = true;
            let mut h = chars[..i].to_vec();
            let mut tail = trim_chars(&chars[i + 1..]);
            // "term (english): [b-FG-NRR]: definition" (Russian E.119)
            if tail.first().is_some_and(|&c| is_bracket_open(c)) {
                if let Some(j) = matching_close(tail, 0) {
                    h.push(' ');
                    h.extend_from_slice(&tail[..=j]);
                    tail = trim_chars(&tail[j + 1..]);
                    if tail.first().is_some_and(|&c| is_colon(c)) {
                        tail = trim_chars(&tail[1..]);
                    }
                }
            }
            head = h;
            let def = string(tail);
            out.definition = (!def.is_empty()).then_some(def);
        }
        None => {
            // "term [ref]." or "term [ref] definition"
            let groups = bracket_groups(&chars);
            let split = groups.first().and_then(|&(_, end)| {
                let after: Vec<char> = chars[end + 1..]
                    .iter()
                    .copied()
                    .skip_while(|&c| c.is_whitespace() || matches!(c, '.' | ',' | '–' | '—' | '-'))
                    .collect();
                (after.iter().filter(|c| c.is_alphabetic()).count() >= 2).then_some((end, after))
            });
            match split {
                Some((end, after)) => {
                    head = chars[..=end].to_vec();
                    out.definition = Some(string(trim_chars(&after)));
                }
                None => head = chars,
            }
        }
    }
    analyze_head(&head, non_latin, &mut out);
    out
}

/// An unnumbered line that reads as `term: definition` (P.917 opens its clause 3 with one).
/// The part before the colon must be short, start with a letter, and not be a sentence, an
/// intro ("... the following terms:"), or a label such as "Example".
pub(crate) fn parse_unnumbered(text: &str, non_latin: bool) -> Option<Head> {
    let chars: Vec<char> = text.chars().collect();
    let i = top_level_colon(&chars)?;
    let x = trim_chars(&chars[..i]);
    let y = trim_chars(&chars[i + 1..]);
    if x.is_empty() || y.is_empty() {
        return None;
    }
    let cjk = x.iter().any(|&c| is_cjk_ideo(c));
    if x.len() > if cjk { 40 } else { 80 } {
        return None;
    }
    if x.iter().filter(|c| c.is_whitespace()).count() >= 10 {
        return None;
    }
    if !x[0].is_alphabetic() {
        return None;
    }
    let xs = string(x);
    if xs.contains(". ") || xs.contains(['。', ';', '；', '؛', '!', '?']) {
        return None;
    }
    if patterns::is_label(&xs) || patterns::mentions_following(&xs) {
        return None;
    }
    if y.starts_with(&['/', '/']) {
        return None;
    }
    let h = parse_entry_text(text, non_latin);
    (!h.term.is_empty()).then_some(h)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str, nl: bool) -> Head {
        parse_entry_text(s, nl)
    }

    #[test]
    fn english_entry() {
        let h = p("delay tolerant network (DTN) [b-FG-NRR]: DTN technology stores.", false);
        assert_eq!(h.term, "delay tolerant network");
        assert_eq!(h.abbreviation.as_deref(), Some("DTN"));
        assert_eq!(h.reference.as_deref(), Some("[b-FG-NRR]"));
        assert_eq!(h.definition.as_deref(), Some("DTN technology stores."));
        assert_eq!(h.term_en, None);
    }

    #[test]
    fn reference_only() {
        let h = p("disaster relief [ITU-T E.108].", false);
        assert_eq!(h.term, "disaster relief");
        assert_eq!(h.reference.as_deref(), Some("[ITU-T E.108]"));
        assert_eq!(h.definition, None);
        assert!(!h.colon);
    }

    #[test]
    fn russian_nested() {
        let h = p("сеть последующего поколения (СПП) (next generation network (NGN)) [ITU-T Y.2001].", true);
        assert_eq!(h.term, "сеть последующего поколения");
        assert_eq!(h.abbreviation.as_deref(), Some("СПП"));
        assert_eq!(h.term_en.as_deref(), Some("next generation network"));
        let h = p("сети, устойчивые к задержкам (delay tolerant networks (DTN)): [b-FG-NRR]: Технология DTN.", true);
        assert_eq!(h.term, "сети, устойчивые к задержкам");
        assert_eq!(h.term_en.as_deref(), Some("delay tolerant networks"));
        assert_eq!(h.abbreviation.as_deref(), Some("DTN"));
        assert_eq!(h.reference.as_deref(), Some("[b-FG-NRR]"));
        assert_eq!(h.definition.as_deref(), Some("Технология DTN."));
    }

    #[test]
    fn chinese_fullwidth() {
        let h = p("需求响应（demand response）（DR） [b-ITU-T Y.2071]：智能电网的特征之一。", true);
        assert_eq!(h.term, "需求响应");
        assert_eq!(h.term_en.as_deref(), Some("demand response"));
        assert_eq!(h.abbreviation.as_deref(), Some("DR"));
        assert_eq!(h.reference.as_deref(), Some("[b-ITU-T Y.2071]"));
        assert_eq!(h.definition.as_deref(), Some("智能电网的特征之一。"));
    }

    #[test]
    fn keeps_plural_parens_and_latin_groups() {
        let h = p("adaptive template pixel(s): Special pixel(s).", false);
        assert_eq!(h.term, "adaptive template pixel(s)");
        let h = p("widget (small kind): thing.", false);
        assert_eq!(h.term, "widget (small kind)");
        assert_eq!(h.abbreviation, None);
    }

    #[test]
    fn unnumbered() {
        assert!(parse_unnumbered("Quality of initial loading experience: The degree.", false).is_some());
        assert!(parse_unnumbered("This Recommendation uses the following terms defined elsewhere:", false).is_none());
        assert!(parse_unnumbered("Example: something.", false).is_none());
        assert!(parse_unnumbered("It is defined as follows. Then: x", false).is_none());
        assert!(parse_unnumbered("see http://x.org", false).is_none());
    }

    #[test]
    fn hostile_input() {
        for s in ["", ":", "(((", ")))", "[[[]", "a ( b : c", "（）：", "[x]", "(DTN)", "] ) : [ (", "**"] {
            let _ = parse_entry_text(s, true);
            let _ = parse_entry_text(s, false);
            let _ = parse_unnumbered(s, true);
        }
        let h = p("a (b: c", false);
        assert_eq!(h.definition.as_deref(), Some("c"));
    }
}
