//! Text helpers shared by the rules: excerpts for messages, parentheses, and the words of a text.

use unicode_segmentation::UnicodeSegmentation;

use crate::model::Lang;
use crate::search::analyzers;

/// Collapses white space and cuts `s` to at most `max` graphemes, adding "…" when cut.
pub(super) fn excerpt(s: &str, max: usize) -> String {
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let graphemes: Vec<&str> = collapsed.graphemes(true).collect();
    if graphemes.len() <= max {
        collapsed
    } else {
        format!("{}…", graphemes[..max].concat().trim_end())
    }
}

/// The last `max` graphemes of `s` (white space collapsed), with a leading "…" when cut.
pub(super) fn tail(s: &str, max: usize) -> String {
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let graphemes: Vec<&str> = collapsed.graphemes(true).collect();
    if graphemes.len() <= max {
        collapsed
    } else {
        format!("…{}", graphemes[graphemes.len() - max..].concat().trim_start())
    }
}

pub(super) fn quote_list(items: &[String]) -> String {
    items.iter().map(|i| format!("\"{i}\"")).collect::<Vec<_>>().join(", ")
}

pub(super) fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}')
}

pub(super) fn strip_parens(s: &str) -> &str {
    let t = s.trim();
    t.strip_prefix('(').and_then(|t| t.strip_suffix(')')).map(str::trim).unwrap_or(t)
}

/// Replaces every character inside parentheses (and the parentheses) by spaces, keeping byte
/// offsets unchanged.
pub(super) fn blank_parens(s: &str) -> String {
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

/// A word of a definition or term, as the English search analyzer sees it.
#[derive(Debug, Clone)]
pub(super) struct Tok {
    /// The analyzer's exact form (NFKC, lower case, ASCII folding) in the singular: the same
    /// word up to inflection, for "the definition includes the term".
    pub(super) word: String,
    /// The analyzer's Snowball stem: the same word up to derivation too ("concentrator",
    /// "concentrates"), for "the definition paraphrases the term".
    pub(super) stem: String,
    pub(super) start: usize,
    pub(super) end: usize,
    /// The token is joined to the previous one by a hyphen ("non-empty": "empty").
    pub(super) joined_prev: bool,
}

/// The words of `s`, split, normalized and stemmed by the English search analyzer, so the lint
/// and the search agree on what counts as the same word. The analyzer splits a possessive
/// ("utility's" → "utility", "s"); that lone "s" is dropped.
pub(super) fn tokenize(s: &str) -> Vec<Tok> {
    let before = |at: usize| {
        let mut rev = s[..at].chars().rev();
        (rev.next(), rev.next())
    };
    analyzers::analyze(Lang::En, s)
        .into_iter()
        .filter(|w| {
            let possessive = matches!(before(w.start), (Some(a), Some(c)) if is_apostrophe(a) && c.is_alphanumeric());
            !(possessive && w.exact == "s")
        })
        .map(|w| {
            let joined_prev = matches!(before(w.start), (Some(h), Some(c)) if is_hyphen(h) && c.is_alphanumeric());
            Tok { word: singular(w.exact), stem: w.stem, start: w.start, end: w.end, joined_prev }
        })
        .collect()
}

/// Regular English plurals to the singular ("meters", "switches", "entities"). Snowball is not
/// used for this: it also merges derivations ("decoder" and "decoding" are both "decod"), and
/// an agent noun defined by its verb ("decoder: entity capable of decoding …") does not include
/// the term.
fn singular(mut w: String) -> String {
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

/// The term as it should be compared with the definition: without "(s)", a trailing
/// "(ABBR)" or "[reference]" typed by mistake.
pub(super) fn clean_term(term: &str) -> String {
    let t = regex!(r"\((?:s|es)\)").replace_all(term, "");
    let t = regex!(r"\s*\[[^\]]*\]\s*$").replace(&t, "");
    let t = regex!(r"\s*\([^()]*\)\s*$").replace(&t, "");
    t.trim().to_string()
}
