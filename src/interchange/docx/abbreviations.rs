//! The abbreviations and acronyms list: clause 4 as a rule, or wherever a heading says
//! "Abbreviations" ("Abréviations", "Abreviaturas", "Сокращения", "المختصرات", "缩略语").
//! Lines are `ABBR<tab>Expansion [ref]`; a table has one row per abbreviation (a Russian
//! one: Latin abbreviation, English expansion, Russian abbreviation, Russian expansion).
//! When the clause has subclauses, only those about abbreviations are read (T.88's
//! "4.2 Symbol definitions" lists variables, not abbreviations).

use std::collections::BTreeMap;

use super::definitions::split_references;
use super::document::Para;
use super::outline::{body, flat, Heading};
use super::Abbreviation;
use crate::model::Lang;

pub(crate) struct Found {
    pub clause: Option<String>,
    pub list: Vec<Abbreviation>,
}

const WORDS: [&str; 13] = [
    "abbreviation",
    "acronym",
    "abréviation",
    "sigle",
    "abreviatura",
    "acrónimo",
    "сокращени",
    "акроним",
    "المختصرات",
    "اختصار",
    "缩写",
    "缩略语",
    "首字母",
];

pub(crate) fn mentions_abbreviations(title: &str) -> bool {
    let t = title.to_lowercase();
    WORDS.iter().any(|w| t.contains(w))
}

fn is_placeholder(s: &str) -> bool {
    s.contains('<') && s.contains('>')
}

/// Short enough to be an abbreviation: "BCP", "Nd YAG", "SS No. 7", "ПНД".
fn abbreviation_like(s: &str) -> bool {
    let n = s.chars().count();
    (1..=40).contains(&n)
        && s.split_whitespace().count() <= 4
        && !s.ends_with([':', '.', ','])
        && s.chars().next().is_some_and(|c| c.is_alphanumeric())
        && !s.chars().all(|c| c.is_ascii_digit() || c == '.')
        && !is_placeholder(s)
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c)
}

/// Initials of the words of `s`, lower case ("Internet of Things" → "iot").
fn initials(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '-' || c == '/')
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Are the letters of `abbr` found, in order, among the initials of `words`?
fn spells(abbr: &str, words: &str) -> bool {
    let want: Vec<char> = abbr.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    let have = initials(words);
    if want.is_empty() || have.chars().next() != want.first().copied() {
        return false;
    }
    let mut it = have.chars();
    want.iter().all(|w| it.any(|h| h == *w))
}

/// Splits "Expansion [b-X], [b-Y]" into the expansion and its references.
fn take_references(s: &str) -> (String, Vec<String>) {
    let t = s.trim();
    let Some(open) = t.find(['[', '［']).filter(|&o| o > 0) else {
        return (t.to_string(), Vec::new());
    };
    let tail = &t[open..];
    let refs = split_references(tail);
    let mut rest = tail.to_string();
    for r in &refs {
        rest = rest.replacen(r.as_str(), "", 1);
    }
    let only_separators =
        rest.replace("and", "").chars().all(|c| matches!(c, ',' | ';' | '/' | '，' | '、') || c.is_whitespace());
    if refs.is_empty() || !refs.iter().all(|r| r.starts_with(['[', '［'])) || !only_separators {
        return (t.to_string(), Vec::new());
    }
    (t[..open].trim().trim_end_matches([',', ';']).trim().to_string(), refs)
}

/// Separates a trailing English expansion in parentheses from a translated one:
/// "plan de continuité des activités (business continuity plan)".
fn english_part(abbr: &str, expansion: &str, lang: Lang) -> (String, Option<String>) {
    if lang == Lang::En || !expansion.ends_with([')', '）']) {
        return (expansion.to_string(), None);
    }
    let Some(open) = expansion.rfind(['(', '（']) else {
        return (expansion.to_string(), None);
    };
    let main = expansion[..open].trim();
    let inner = expansion[open..].trim_start_matches(['(', '（']).trim_end_matches([')', '）']).trim();
    if main.is_empty() || inner.is_empty() {
        return (expansion.to_string(), None);
    }
    let latin = inner.chars().filter(|&c| is_latin(c)).count();
    let english = if matches!(lang, Lang::Ru | Lang::Ar | Lang::Zh) {
        latin * 2 > inner.chars().filter(|c| c.is_alphabetic()).count() && !main.chars().any(is_latin)
    } else {
        spells(abbr, inner) && !spells(abbr, main)
    };
    if english {
        (main.to_string(), Some(inner.to_string()))
    } else {
        (expansion.to_string(), None)
    }
}

fn make(abbr: &str, expansion: &str, lang: Lang) -> Option<Abbreviation> {
    let abbr = flat(abbr);
    let expansion = flat(expansion);
    if !abbreviation_like(&abbr) || expansion.is_empty() || is_placeholder(&expansion) {
        return None;
    }
    let (expansion, references) = take_references(&expansion);
    let (expansion, expansion_en) = english_part(&abbr, &expansion, lang);
    Some(Abbreviation { abbreviation: abbr, expansion, references, expansion_en, local_abbreviation: None })
}

/// "NGN Next Generation Network" read without a tab: an upper-case token, then words
/// whose initials spell it.
fn spaced_pair(abbr: &str, expansion: &str) -> bool {
    let upper = abbr.chars().filter(|c| c.is_uppercase()).count();
    upper >= 2 && abbr.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '/' | '&')) && spells(abbr, expansion)
}

/// Reads the abbreviation lines and tables of `paras`.
fn read_list(paras: &[Para], lang: Lang) -> Vec<Abbreviation> {
    let mut out: Vec<Abbreviation> = Vec::new();
    // An abbreviation alone on its line, waiting for its expansion on the next one.
    let mut pending: Option<String> = None;
    let mut i = 0;
    while i < paras.len() {
        let p = &paras[i];
        if let Some(cell) = p.cell {
            // One table: its rows, cells by column.
            let mut rows: BTreeMap<usize, BTreeMap<usize, String>> = BTreeMap::new();
            while i < paras.len() && paras[i].cell.is_some_and(|c| c.table == cell.table) {
                let c = paras[i].cell.unwrap_or(cell);
                let t = flat(&paras[i].text);
                let slot = rows.entry(c.row).or_default().entry(c.col).or_default();
                if !t.is_empty() {
                    if !slot.is_empty() {
                        slot.push(' ');
                    }
                    slot.push_str(&t);
                }
                i += 1;
            }
            for (_, cells) in rows {
                let width = cells.keys().next_back().map_or(0, |c| c + 1);
                let get = |k: usize| cells.get(&k).map(String::as_str).unwrap_or("");
                if width >= 4 && !get(3).is_empty() {
                    // Latin abbreviation | English expansion | own abbreviation | own expansion
                    if let Some(mut a) = make(get(0), get(3), lang) {
                        a.expansion_en = Some(get(1).to_string()).filter(|s| !s.is_empty());
                        a.local_abbreviation = Some(get(2).to_string()).filter(|s| !s.is_empty());
                        out.push(a);
                    }
                } else if let Some(mut a) = make(get(0), get(1), lang) {
                    if width >= 3 && a.references.is_empty() {
                        a.references = split_references(get(2)).into_iter().filter(|r| r.starts_with('[')).collect();
                    }
                    if !mentions_abbreviations(get(0)) {
                        out.push(a);
                    }
                }
            }
            continue;
        }
        i += 1;
        if p.is_toc() || p.heading_level().is_some() || p.style_is("note") {
            continue;
        }
        let fields: Vec<&str> = p.text.split('\t').map(str::trim).filter(|f| !f.is_empty()).collect();
        match fields.as_slice() {
            [] => {}
            [one] => {
                let one = flat(one);
                if let Some(abbr) = pending.take() {
                    out.extend(make(&abbr, &one, lang));
                } else if abbreviation_like(&one) && !p.text.contains(' ') || one.contains(", ") && one.len() < 60 {
                    // "A1, A2, A3" then "\tExpansion" on the next line
                    if abbreviation_like(&one) || one.split(", ").all(abbreviation_like) {
                        pending = Some(one);
                    }
                } else if let Some((a, e)) = one.split_once(" – ").or_else(|| one.split_once(" — ")) {
                    out.extend(make(a, e, lang));
                } else if let Some((a, e)) = one.split_once(' ').filter(|(a, e)| spaced_pair(a, e)) {
                    // "3GPP 3rd Generation Partnership Project": no tab, one space
                    out.extend(make(a, e, lang));
                }
            }
            [abbr, rest @ ..] => {
                pending = None;
                out.extend(make(abbr, &rest.join(" "), lang));
            }
        }
    }
    out
}

/// The list under heading `i`: the subclauses about abbreviations if it has subclauses and
/// some are, else all of it.
fn under(paras: &[Para], heads: &[Heading], i: usize, lang: Lang) -> Found {
    let range = body(heads, i, paras.len());
    let level = heads[i].level;
    let subs: Vec<usize> = (i + 1..heads.len())
        .take_while(|&j| heads[j].at < range.end)
        .filter(|&j| heads[j].level == level + 1)
        .collect();
    let chosen: Vec<usize> = subs.iter().copied().filter(|&j| mentions_abbreviations(&heads[j].title)).collect();
    if chosen.is_empty() {
        return Found { clause: heads[i].number.clone(), list: read_list(&paras[range], lang) };
    }
    let mut list = Vec::new();
    for &j in &chosen {
        list.extend(read_list(&paras[body(heads, j, paras.len())], lang));
    }
    let clause = if chosen.len() == 1 { heads[chosen[0]].number.clone() } else { heads[i].number.clone() };
    Found { clause, list }
}

pub(crate) fn extract(paras: &[Para], heads: &[Heading], lang: Lang) -> Found {
    // Clauses first ("4 Abbreviations and acronyms"), then subclauses; the first that lists
    // any (a clause 4 may only say "see clause 7").
    let mut candidates: Vec<usize> =
        (0..heads.len()).filter(|&i| heads[i].number.is_some() && mentions_abbreviations(&heads[i].title)).collect();
    candidates.sort_by_key(|&i| heads[i].level);
    let mut first: Option<Found> = None;
    for i in candidates {
        let found = under(paras, heads, i, lang);
        if !found.list.is_empty() {
            return found;
        }
        first.get_or_insert(found);
    }
    first.unwrap_or(Found { clause: None, list: Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_expansions_in_translated_lists() {
        let (m, e) = english_part("BCP", "plan de continuité des activités (business continuity plan)", Lang::Fr);
        assert_eq!((m.as_str(), e.as_deref()), ("plan de continuité des activités", Some("business continuity plan")));
        let (m, e) = english_part(
            "UNISDR",
            "Estrategia Internacional (United Nations International Strategy for Disaster Reduction)",
            Lang::Es,
        );
        assert_eq!(m, "Estrategia Internacional");
        assert!(e.is_some());
        let (m, e) = english_part("HD", "Haute définition (télévision)", Lang::Fr);
        assert_eq!((m.as_str(), e), ("Haute définition (télévision)", None));
        let (m, e) = english_part("IoT", "إنترنت الأشياء (Internet of Things)", Lang::Ar);
        assert_eq!((m.as_str(), e.as_deref()), ("إنترنت الأشياء", Some("Internet of Things")));
        let (m, e) = english_part("HD", "High Definition (television)", Lang::En);
        assert_eq!((m.as_str(), e), ("High Definition (television)", None));
    }

    #[test]
    fn references_after_the_expansion() {
        let (e, r) = take_references("Cable modem [b-ITU-T J.112], [b-ITU-T J.122]");
        assert_eq!(
            (e.as_str(), r),
            ("Cable modem", vec!["[b-ITU-T J.112]".to_string(), "[b-ITU-T J.122]".to_string()])
        );
        let (e, r) = take_references("Array [i] element");
        assert_eq!((e.as_str(), r.len()), ("Array [i] element", 0));
    }

    #[test]
    fn lines_without_tabs() {
        assert!(spaced_pair("NGN", "Next Generation Network"));
        assert!(spaced_pair("3GPP", "3rd Generation Partnership Project"));
        assert!(!spaced_pair("This", "Recommendation uses the following abbreviations"));
        assert!(!spaced_pair("NOTE", "The term is used locally"));
    }
}
