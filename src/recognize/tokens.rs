//! The words of a text (or of a term) with their match keys and what stands between them.
//! Terms and texts go through the same function, so both sides always agree.

use std::sync::OnceLock;

use tantivy::tokenizer::{TokenStream, TokenizerManager};
use unicode_normalization::UnicodeNormalization;

use crate::model::Lang;
use crate::search::analyzers::{self, nfkc::is_nfkc_stable};

use super::{hash, inflect, russian};

/// The rules applied; all of them in service. Tests switch one off to see its case fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Rules {
    /// Words normalised by the search analyzers (case, NFKC, accents, elision, `ё`, Arabic
    /// letters); off: the word as written, lower-cased.
    pub normalize: bool,
    /// Plurals (en, fr, es), case endings (ru), clitics and article (ar).
    pub inflect: bool,
    /// English `'s` belongs to the word before it.
    pub possessive: bool,
    /// Every Han character is a word of its own; off: a run of Han text is one word.
    pub han_chars: bool,
    /// Abbreviations keep their case.
    pub abbreviation_case: bool,
    /// The longest match wins; off: the first one found.
    pub longest: bool,
}

impl Rules {
    pub const ALL: Rules = Rules {
        normalize: true,
        inflect: true,
        possessive: true,
        han_chars: true,
        abbreviation_case: true,
        longest: true,
    };
}

/// What stands between a word and the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Gap {
    /// Nothing, spaces, at most one line break, hyphens: the words may belong to one term.
    Join,
    /// Other punctuation (normalised, then hashed): a term matches across it only if it
    /// holds the same.
    Punct(u64),
    /// A blank line: no term spans it.
    Break,
}

impl Gap {
    /// The gap of punctuation `p` as [`gap_of`] normalises it.
    #[cfg(test)]
    pub fn punct(p: &str) -> Gap {
        Gap::Punct(hash::word(p))
    }

    /// The code a key chain is extended with before the next word ([`hash::extend`]).
    pub fn code(self) -> u64 {
        match self {
            Gap::Join => 1,
            Gap::Break => 3,
            Gap::Punct(p) => p | 4,
        }
    }
}

/// Most singular forms a word may have besides itself.
const FORMS: usize = 3;

/// One word with its keys (hashes of normalised words, see `hash.rs`): no allocation per word.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
    /// Byte span in the text (an elided French article is left out).
    pub start: usize,
    pub end: usize,
    /// The same span in code points.
    pub cstart: usize,
    pub cend: usize,
    /// What stands before the word (meaningless for the first word).
    pub gap: Gap,
    /// The key of the word in a term, which the same word of a text has too.
    pub base: u64,
    /// Further keys the word may have in a text (singular forms): `forms[..nforms]`.
    forms: [u64; FORMS],
    nforms: u8,
    /// The word as written (NFKC, case kept) for abbreviations, and its singular if any.
    pub abbreviation: u64,
    pub abbreviation_singular: Option<u64>,
}

impl Tok {
    /// The keys of this word in a text, for terms or for abbreviations.
    pub fn text_keys(&self, abbreviation: bool) -> impl Iterator<Item = u64> + '_ {
        let (first, rest, singular): (u64, &[u64], Option<u64>) = if abbreviation {
            (self.abbreviation, &[], self.abbreviation_singular)
        } else {
            (self.base, &self.forms[..usize::from(self.nforms)], None)
        };
        std::iter::once(first).chain(rest.iter().copied()).chain(singular)
    }

    /// The key of this word in a term.
    pub fn term_key(&self, abbreviation: bool) -> u64 {
        if abbreviation {
            self.abbreviation
        } else {
            self.base
        }
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}' | '\u{FF07}')
}

/// Invisible characters pasted text carries between words (bidi marks, zero-width space).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{FF0D}')
}

fn gap_of(between: &str) -> Gap {
    if between == " " || between.is_empty() {
        return Gap::Join;
    }
    let mut newlines = 0;
    let mut punct = hash::WordHasher::new();
    let mut any = false;
    for c in between.chars() {
        if c == '\n' {
            newlines += 1;
        } else if c.is_whitespace() || is_invisible(c) || is_hyphen(c) {
        } else if is_apostrophe(c) {
            punct.write_char('\'');
            any = true;
        } else {
            std::iter::once(c).nfkc().flat_map(char::to_lowercase).for_each(|c| punct.write_char(c));
            any = true;
        }
    }
    match (newlines, any) {
        (2.., _) => Gap::Break,
        (_, false) => Gap::Join,
        (_, true) => Gap::Punct(punct.finish()),
    }
}

/// A word as cut and normalised: `exact` is a range of the shared arena of normalised words.
#[derive(Debug, Clone)]
struct Word {
    exact: std::ops::Range<usize>,
    start: usize,
    end: usize,
}

/// The words of `text` cut as written (rules off): runs of letters and digits, lower-cased;
/// in French an apostrophe between letters stays in the word, as in the analyzer.
fn raw_words(lang: Lang, text: &str, arena: &mut String) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    let word_char = |c: char| c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c);
    let mut chars = text.char_indices().chain(std::iter::once((text.len(), ' '))).peekable();
    while let Some((i, c)) = chars.next() {
        let inner_apostrophe = lang == Lang::Fr
            && start.is_some()
            && is_apostrophe(c)
            && chars.peek().is_some_and(|&(_, next)| word_char(next));
        match (start, word_char(c) || inner_apostrophe) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let from = arena.len();
                arena.extend(text[s..i].chars().flat_map(char::to_lowercase));
                out.push(Word { exact: from..arena.len(), start: s, end: i });
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn is_han_char(c: char) -> bool {
    ('\u{3400}'..='\u{9FFF}').contains(&c) || ('\u{20000}'..='\u{323AF}').contains(&c)
}

fn is_han(word: &Word, text: &str) -> bool {
    let mut chars = text[word.start..word.end].chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if is_han_char(c))
}

/// The words of `text` through the search's analysis chain for `lang`: the exact chain,
/// except Arabic whose key is the light stem (the only stem a key is taken from). One chain
/// instead of [`analyzers::analyze`]'s two: no Snowball stem is computed for nothing; the
/// normalised words go to one arena, not one string each.
fn analyzed(lang: Lang, text: &str, inflect: bool, arena: &mut String) -> Vec<Word> {
    static MANAGER: OnceLock<TokenizerManager> = OnceLock::new();
    let manager = MANAGER.get_or_init(|| {
        let manager = TokenizerManager::new();
        analyzers::register(&manager);
        manager
    });
    let name = if lang == Lang::Ar && inflect { analyzers::stemmed(lang) } else { analyzers::exact(lang) };
    let mut out = Vec::with_capacity(text.len() / 6);
    arena.reserve(text.len());
    if let Some(mut analyzer) = manager.get(name) {
        analyzer.token_stream(text).process(&mut |t| {
            let from = arena.len();
            arena.push_str(&t.text);
            out.push(Word { exact: from..arena.len(), start: t.offset_from, end: t.offset_to })
        });
    }
    out
}

/// Code point offsets of increasing byte offsets, in one pass over the text.
struct CharCursor<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl CharCursor<'_> {
    fn at(&mut self, byte: usize) -> usize {
        if byte >= self.byte {
            self.chars += self.text[self.byte..byte].chars().count();
        } else {
            self.chars -= self.text[byte..self.byte].chars().count();
        }
        self.byte = byte;
        self.chars
    }
}

/// The words of a text in `lang` with all their keys.
pub(super) fn tokens(lang: Lang, text: &str, rules: Rules) -> Vec<Tok> {
    cut(lang, text, rules, Want::Text)
}

/// The words of terms (or abbreviations) in `lang` with their term keys only.
pub(super) fn term_tokens(lang: Lang, text: &str, rules: Rules, abbreviations: bool) -> Vec<Tok> {
    cut(lang, text, rules, if abbreviations { Want::Abbreviations } else { Want::Terms })
}

/// Which keys are needed: all those of a text, or the term keys of terms or of abbreviations.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Want {
    Text,
    Terms,
    Abbreviations,
}

/// The keys of a word as an abbreviation: as written (NFKC, invisible characters left out,
/// case kept), and in a text its singular (`PDUs` → `PDU`).
fn abbreviation_keys(lang: Lang, written: &str, rules: Rules, want: Want) -> (u64, Option<u64>) {
    let singular_wanted = rules.inflect && want == Want::Text;
    if !rules.abbreviation_case {
        let lower: String = written.nfkc().flat_map(char::to_lowercase).collect();
        let singular = inflect::abbreviation_singular(lang, &lower).filter(|_| singular_wanted).map(hash::word);
        return (hash::word(&lower), singular);
    }
    if written.chars().all(is_nfkc_stable) {
        let singular = inflect::abbreviation_singular(lang, written).filter(|_| singular_wanted).map(hash::word);
        return (hash::word(written), singular);
    }
    if singular_wanted && lang == Lang::En {
        // Full-width or otherwise composed English: rare, so the simple way.
        let normal: String = written.nfkc().filter(|&c| !is_invisible(c)).collect();
        return (hash::word(&normal), inflect::abbreviation_singular(lang, &normal).map(hash::word));
    }
    let mut h = hash::WordHasher::new();
    written.nfkc().filter(|&c| !is_invisible(c)).for_each(|c| h.write_char(c));
    (h.finish(), None)
}

fn cut(lang: Lang, text: &str, rules: Rules, want: Want) -> Vec<Tok> {
    let mut arena = String::new();
    let mut words = if rules.normalize {
        analyzed(lang, text, rules.inflect, &mut arena)
    } else {
        raw_words(lang, text, &mut arena)
    };
    if lang == Lang::Zh && !rules.han_chars {
        // A run of adjacent Han characters as one word: what a word-boundary matcher would see.
        // Their normalised forms are adjacent in the arena, so the merged word's is their union.
        let mut merged: Vec<Word> = Vec::with_capacity(words.len());
        for w in words {
            match merged.last_mut() {
                Some(prev)
                    if prev.end == w.start
                        && prev.exact.end == w.exact.start
                        && is_han(&w, text)
                        && text[..prev.end].chars().last().is_some_and(is_han_char) =>
                {
                    prev.end = w.end;
                    prev.exact.end = w.exact.end;
                }
                _ => merged.push(w),
            }
        }
        words = merged;
    }
    let mut out: Vec<Tok> = Vec::with_capacity(words.len());
    let mut prev_end = 0;
    for w in words {
        let exact = &arena[w.exact.clone()];
        let mut start = w.start;
        if lang == Lang::Fr && rules.normalize && !exact.contains(is_apostrophe) {
            // `l'Allemagne`: the analyzer dropped the article; the span starts after it.
            if let Some((i, c)) = text[w.start..w.end].char_indices().find(|&(_, c)| is_apostrophe(c)) {
                start = w.start + i + c.len_utf8();
            }
        }
        let gap = gap_of(&text[prev_end.min(start)..start]);
        prev_end = w.end;
        if lang == Lang::En && rules.possessive && exact == "s" && gap == Gap::Punct(hash::word("'")) {
            if let Some(prev) = out.last_mut() {
                if text[prev.end..w.start].chars().count() == 1 {
                    prev.end = w.end;
                    continue;
                }
            }
        }
        let base_word = match lang {
            Lang::Ru if rules.inflect => russian::stem(exact),
            _ => exact,
        };
        let base = if want == Want::Abbreviations { 0 } else { hash::word(base_word) };
        let mut forms = [0u64; FORMS];
        let mut nforms = 0;
        if rules.inflect && want == Want::Text {
            inflect::singulars(lang, base_word, |stem, tail| {
                let form = hash::joined(stem, tail);
                if form != base && !forms[..nforms].contains(&form) && nforms < FORMS {
                    forms[nforms] = form;
                    nforms += 1;
                }
            });
        }
        let (abbreviation, abbreviation_singular) = match want {
            Want::Terms => (0, None),
            _ => abbreviation_keys(lang, &text[start..w.end], rules, want),
        };
        out.push(Tok {
            start,
            end: w.end,
            cstart: 0,
            cend: 0,
            gap,
            base,
            forms,
            nforms: nforms as u8,
            abbreviation,
            abbreviation_singular,
        });
    }
    let mut cursor = CharCursor { text, byte: 0, chars: 0 };
    for t in &mut out {
        t.cstart = cursor.at(t.start);
        t.cend = cursor.at(t.end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(lang: Lang, text: &str) -> Vec<u64> {
        tokens(lang, text, Rules::ALL).into_iter().map(|t| t.base).collect()
    }

    fn words(list: &[&str]) -> Vec<u64> {
        list.iter().map(|w| hash::word(w)).collect()
    }

    #[test]
    fn gaps() {
        assert_eq!(gap_of(" "), Gap::Join);
        assert_eq!(gap_of(""), Gap::Join);
        assert_eq!(gap_of(" -\n "), Gap::Join);
        assert_eq!(gap_of("\u{200F} "), Gap::Join);
        assert_eq!(gap_of("\n\n"), Gap::Break);
        assert_eq!(gap_of("\r\n\r\n"), Gap::Break);
        assert_eq!(gap_of(", "), Gap::punct(","));
        assert_eq!(gap_of("，"), Gap::punct(","));
        assert_eq!(gap_of(" D’"), Gap::punct("d'"));
    }

    #[test]
    fn offsets_are_code_points_of_the_text_as_received() {
        let text = "e\u{301}te\u{301}\r\n智能 réseau";
        let toks = tokens(Lang::Fr, text, Rules::ALL);
        let spans: Vec<(usize, usize)> = toks.iter().map(|t| (t.cstart, t.cend)).collect();
        assert_eq!(spans, [(0, 5), (7, 9), (10, 16)]);
        assert_eq!(toks[0].base, hash::word("ete"));
    }

    #[test]
    fn french_elision_is_left_out_of_the_span() {
        let toks = tokens(Lang::Fr, "de l'Allemagne", Rules::ALL);
        assert_eq!((toks[1].cstart, toks[1].cend, toks[1].base), (5, 14, hash::word("allemagne")));
        assert_eq!(toks[1].gap, Gap::punct("l'"));
        // No elision inside a word.
        assert_eq!(keys(Lang::Fr, "aujourd’hui"), words(&["aujourd'hui"]));
    }

    #[test]
    fn english_possessive_joins_the_word() {
        let toks = tokens(Lang::En, "the network’s capacity", Rules::ALL);
        assert_eq!(toks.len(), 3);
        assert_eq!((toks[1].start, toks[1].end), (4, 15));
        let off = tokens(Lang::En, "the network’s capacity", Rules { possessive: false, ..Rules::ALL });
        assert_eq!(off.len(), 4);
    }

    #[test]
    fn chinese_han_characters_and_latin_words() {
        assert_eq!(keys(Lang::Zh, "ＩＰ地址"), words(&["ip", "地", "址"]));
        let off = tokens(Lang::Zh, "智能电表，IP", Rules { han_chars: false, ..Rules::ALL });
        assert_eq!(off.iter().map(|t| t.base).collect::<Vec<_>>(), words(&["智能电表", "ip"]));
    }

    #[test]
    fn abbreviations_keep_case() {
        let toks = tokens(Lang::En, "ＰｏＰ PDUs", Rules::ALL);
        assert_eq!(toks[0].abbreviation, hash::word("PoP"));
        assert_eq!(toks[1].abbreviation_singular, Some(hash::word("PDU")));
        assert_eq!(tokens(Lang::En, "ＰＤＵｓ", Rules::ALL)[0].abbreviation_singular, Some(hash::word("PDU")));
    }

    #[test]
    fn abbreviations_written_otherwise_meet() {
        // Written forms that are not NFKC still meet their NFKC form.
        let key = |w: &str| abbreviation_keys(Lang::Ru, w, Rules::ALL, Want::Text).0;
        assert_eq!(key("ＳＰＰ"), key("SPP"));
        assert_eq!(key("ﻻ"), key("لا"));
        assert_eq!(key("Е\u{308}"), key("Ё"));
    }

    #[test]
    fn odd_input() {
        for lang in Lang::ALL {
            assert!(tokens(lang, "", Rules::ALL).is_empty());
            tokens(lang, "'s ’s l' \u{301} \u{0640} ，。 \n\n", Rules::ALL);
        }
    }
}
