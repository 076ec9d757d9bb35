//! Layout: clause numbers at the start of a line, the clause heading ("3 Definitions"), the end
//! of the clause ("4 Abbreviations ...", "Annex A"), and the reading direction of numbers (the
//! Arabic Word text shows "1.1.3" for 3.1.1).

use super::patterns;
use super::text::{digit_value, is_latin_letter, Line};

/// A line that starts with a clause number, as read (not yet re-oriented).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Numbered<'a> {
    pub parts: Vec<u32>,
    /// `bis`, `ter`, `quater`, … right after the last digit (`6.6bis`): an entry inserted
    /// between two others without renumbering them.
    pub suffix: &'a str,
    pub rest: &'a str,
}

/// Latin ordinal suffixes of inserted clauses, as ITU writes them (`6.6bis`, `3.2ter`).
const INSERTED_SUFFIXES: [&str; 8] = ["quinquies", "septies", "quater", "sexies", "octies", "novies", "bis", "ter"];

/// The inserted-clause suffix at the start of `s`, if `s` starts with one.
fn inserted_suffix(s: &str) -> Option<&str> {
    INSERTED_SUFFIXES.iter().find_map(|w| {
        let head = s.get(..w.len())?;
        let after = s[w.len()..].chars().next();
        (head.eq_ignore_ascii_case(w) && after.is_none_or(|c| !c.is_alphanumeric())).then_some(head)
    })
}

/// Reads `3.2.1`, `3.2.1.`, `٣.١`, `３．１` at the start of `text`.
///
/// A multi-level number must be followed by whitespace, the end of the line, or a non-Latin
/// letter (Chinese texts sometimes omit the space). A single-level number must be followed by
/// whitespace ("3 Definitions"). Anything that looks like a quantity ("3.5dB", "19.3 %", "2.1-2")
/// is not a clause number.
pub(crate) fn split_number(text: &str) -> Option<Numbered<'_>> {
    let mut parts: Vec<u32> = Vec::new();
    let mut cur: Option<u32> = None;
    let mut digits = 0;
    let mut end = text.len();
    let mut next: Option<char> = None;
    let mut suffix = "";
    for (i, c) in text.char_indices() {
        if let Some(d) = digit_value(c) {
            digits += 1;
            if digits > 4 {
                return None;
            }
            cur = Some(cur.unwrap_or(0) * 10 + d);
        } else if c == '.' || c == '．' {
            match cur.take() {
                Some(v) => parts.push(v),
                None => return None, // "..", ".5"
            }
            digits = 0;
            if parts.len() > 8 {
                return None;
            }
        } else {
            end = i;
            if cur.is_some() {
                if let Some(sfx) = inserted_suffix(&text[i..]) {
                    suffix = sfx;
                    end = i + sfx.len();
                }
            }
            next = text[end..].chars().next();
            break;
        }
    }
    let trailing_dot = cur.is_none();
    if let Some(v) = cur {
        parts.push(v);
    }
    if parts.is_empty() {
        return None;
    }
    match next {
        None => {}
        Some(c) if c.is_whitespace() => {}
        Some(c) if parts.len() >= 2 && c.is_alphabetic() && !is_latin_letter(c) => {}
        Some(_) => return None,
    }
    if parts.len() == 1 && next.is_none() && !trailing_dot {
        // a bare "3" is a page number or a stray digit, not a heading
        return None;
    }
    Some(Numbered { parts, suffix, rest: text[end..].trim_start() })
}

/// Short heading-like text: not a sentence, not a table-of-contents line.
pub(crate) fn is_title_like(rest: &str) -> bool {
    let n = rest.chars().count();
    if n == 0 || n > 100 {
        return false;
    }
    if rest.ends_with(['.', '。', ',', '，', ';', '；', '،', '؛']) {
        return false;
    }
    if rest.contains("....") || rest.contains('…') {
        return false;
    }
    let first = rest.chars().next().unwrap_or(' ');
    if first.is_lowercase() || !first.is_alphabetic() {
        return false;
    }
    // "Definitions: see ..." is not a heading; a trailing colon is tolerated
    let body = rest.trim_end_matches([':', '：']);
    !body.contains([':', '：'])
}

/// `(clause number, title)` if `line` is a single-level heading such as "3 Definitions".
pub(crate) fn single_heading(line: &Line) -> Option<(u32, &str)> {
    let n = split_number(&line.text)?;
    (n.parts.len() == 1 && is_title_like(n.rest)).then(|| (n.parts[0], n.rest))
}

/// Lines that may open the definitions clause: "3 <title>" or any single-level heading whose
/// title says "Definitions". Returns (index, clause number, title says "Definitions").
pub(crate) fn clause_headings(lines: &[Line]) -> Vec<(usize, u32, bool)> {
    lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let (n, title) = single_heading(l)?;
            let titled = patterns::mentions_definitions(title);
            (n == 3 || titled).then_some((i, n, titled))
        })
        .collect()
}

/// Is `line` the start of what follows the clause (clause `n+1` or later, an annex, ...)?
pub(crate) fn ends_clause(line: &Line, clause: u32) -> bool {
    if let Some((n, _)) = single_heading(line) {
        return n > clause;
    }
    patterns::is_back_matter(&line.text)
}

/// Number of lines of `lines` that belong to the clause. Another heading with the same
/// number (the next Recommendation of a compilation) also ends it, so that the regions of
/// successive candidate headings never overlap.
pub(crate) fn region_end(lines: &[Line], clause: u32) -> usize {
    lines
        .iter()
        .position(|l| ends_clause(l, clause) || single_heading(l).is_some_and(|(n, _)| n == clause))
        .unwrap_or(lines.len())
}

fn multi_level(lines: &[Line]) -> impl Iterator<Item = Vec<u32>> + '_ {
    lines.iter().filter_map(|l| split_number(&l.text)).filter(|n| n.parts.len() >= 2).map(|n| n.parts)
}

/// Are the numbers of this clause written back to front ("1.3" for 3.1)? Decided by a vote over
/// all numbered lines, so a stray "1.5 dB" line cannot flip it.
pub(crate) fn is_reversed(lines: &[Line], clause: u32) -> bool {
    let (mut fwd, mut rev) = (0usize, 0usize);
    for p in multi_level(lines) {
        let first = p[0] == clause;
        let last = p[p.len() - 1] == clause;
        if first && !last {
            fwd += 1;
        } else if last && !first {
            rev += 1;
        }
    }
    rev > fwd
}

/// Without a clause heading: the clause number most numbered lines share, and its direction.
pub(crate) fn infer_clause(lines: &[Line]) -> (u32, bool) {
    use std::collections::BTreeMap;
    let mut first: BTreeMap<u32, usize> = BTreeMap::new();
    let mut last: BTreeMap<u32, usize> = BTreeMap::new();
    for p in multi_level(lines) {
        *first.entry(p[0]).or_default() += 1;
        *last.entry(p[p.len() - 1]).or_default() += 1;
    }
    // prefer clause 3 on ties, then the smaller number
    let best = |m: &BTreeMap<u32, usize>| {
        m.iter().max_by_key(|(&k, &v)| (v, k == 3, std::cmp::Reverse(k))).map(|(&k, &v)| (k, v))
    };
    match (best(&first), best(&last)) {
        (Some((kf, vf)), Some((kl, vl))) => {
            if vl > vf {
                (kl, true)
            } else {
                (kf, false)
            }
        }
        _ => (3, false),
    }
}

/// Word sometimes leaves a clause number alone on its line ("3.2.1" / "term: definition",
/// "4" / "Abbreviations"). Such a number is joined with the line after it when the result
/// reads as an entry or a heading; a lone page number stays as it is.
pub(crate) fn merge_bare_numbers(lines: Vec<Line>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut iter = lines.into_iter().peekable();
    while let Some(line) = iter.next() {
        let t = line.text.as_str();
        let bare_multi = split_number(t).is_some_and(|n| n.rest.is_empty() && n.parts.len() >= 2);
        let bare_single =
            t.chars().count() <= 3 && t.trim_end_matches(['.', '．']).chars().all(|c| digit_value(c).is_some());
        if let (true, Some(next)) = (bare_multi || bare_single, iter.peek()) {
            if split_number(&next.text).is_none() {
                let merged = Line { text: format!("{} {}", t, next.text), bold_lead: line.bold_lead || next.bold_lead };
                if bare_multi || single_heading(&merged).is_some() {
                    iter.next();
                    out.push(merged);
                    continue;
                }
            }
        }
        out.push(line);
    }
    out
}

/// Puts a number read from the text into reading order.
pub(crate) fn orient(mut parts: Vec<u32>, reversed: bool) -> Vec<u32> {
    if reversed {
        parts.reverse();
    }
    parts
}

pub(crate) fn number_string(parts: &[u32]) -> String {
    parts.iter().map(u32::to_string).collect::<Vec<_>>().join(".")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interchange::clause3::text::clean_line;

    fn line(s: &str) -> Line {
        clean_line(s).unwrap()
    }

    #[test]
    fn reads_numbers() {
        let n = split_number("3.2.1 term: x").unwrap();
        assert_eq!((n.parts, n.rest), (vec![3, 2, 1], "term: x"));
        let n = split_number("3.1.1需求响应").unwrap();
        assert_eq!((n.parts, n.rest), (vec![3, 1, 1], "需求响应"));
        assert_eq!(split_number("3.1. Terms").unwrap().parts, vec![3, 1]);
        assert_eq!(split_number("٣.١ نص").unwrap().parts, vec![3, 1]);
        assert!(split_number("3.5dB").is_none());
        assert!(split_number("19.3% of").is_none());
        assert!(split_number("3").is_none());
        assert!(split_number("20240.1 x").is_none());
        assert!(split_number("(3-1)").is_none());
        assert!(split_number(".5 x").is_none());
        assert_eq!(split_number("3 Definitions").unwrap().parts, vec![3]);
        let n = split_number("6.6bis\taccess control").unwrap();
        assert_eq!((n.parts, n.suffix, n.rest), (vec![6, 6], "bis", "access control"));
        assert_eq!(split_number("3.2ter term").unwrap().suffix, "ter");
        assert!(split_number("3.2bist x").is_none());
        assert!(split_number("3.2b x").is_none());
    }

    #[test]
    fn finds_headings_and_ends() {
        assert_eq!(single_heading(&line("3\tDefinitions")), Some((3, "Definitions")));
        assert_eq!(single_heading(&line("### 3 定义")), Some((3, "定义")));
        assert!(single_heading(&line("3 Definitions ........ 2")).is_none());
        assert!(single_heading(&line("4 bits are used.")).is_none());
        assert!(ends_clause(&line("4\tAbbreviations and acronyms"), 3));
        assert!(ends_clause(&line("#### 4 缩写词和首字母缩略语"), 3));
        assert!(!ends_clause(&line("3.2 Terms defined here"), 3));
        assert!(ends_clause(&line("Appendix I"), 3));
    }

    #[test]
    fn merges_lone_numbers() {
        let ls: Vec<Line> = ["3", "Definitions", "3.2.1", "term: def", "12", "the fibre", "4.", "Abbreviations"]
            .iter()
            .map(|s| line(s))
            .collect();
        let texts: Vec<String> = merge_bare_numbers(ls).into_iter().map(|l| l.text).collect();
        assert_eq!(texts, ["3 Definitions", "3.2.1 term: def", "12", "the fibre", "4. Abbreviations"]);
    }

    #[test]
    fn detects_reversed_numbers() {
        let ls: Vec<Line> = ["1.3 a", "1.1.3 b", "2.1.3 c", "3.1.3 d", "2.3 e"].iter().map(|s| line(s)).collect();
        assert!(is_reversed(&ls, 3));
        assert_eq!(infer_clause(&ls), (3, true));
        let ls: Vec<Line> = ["3.1 a", "3.1.1 b", "3.1.2 c"].iter().map(|s| line(s)).collect();
        assert!(!is_reversed(&ls, 3));
        assert_eq!(infer_clause(&ls), (3, false));
        assert_eq!(orient(vec![1, 2, 3], true), vec![3, 2, 1]);
    }
}
