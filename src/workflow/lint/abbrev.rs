//! B-abbrev: abbreviations inside a definition are expanded, and the entry's abbreviation is
//! written in capitals and matches the initials of its term.

use std::collections::HashMap;

use super::text::{clean_term, excerpt, is_hyphen, strip_parens};
use super::{Out, F_ABBREV, F_DEF, R_ABBREV};

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

pub(super) fn check_unexpanded_abbreviations(def: &str, terms: &[&str], abbr: Option<&str>, out: &mut Out) {
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

pub(super) fn check_abbreviation(raw: &str, terms: &[&str], out: &mut Out) {
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
