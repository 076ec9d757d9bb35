//! The words of a text (or of a term) with their match keys and what stands between them.
//! Terms and texts go through the same function, so both sides always agree.

use std::sync::OnceLock;

use tantivy::tokenizer::{TokenStream, TokenizerManager};
use unicode_normalization::UnicodeNormalization;

use crate::model::Lang;
use crate::search::analyzers::{self, Word};

use super::{inflect, russian};

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
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Gap {
    /// Nothing, spaces, at most one line break, hyphens: the words may belong to one term.
    Join,
    /// Other punctuation (normalised): a term matches across it only if it holds the same.
    Punct(Box<str>),
    /// A blank line: no term spans it.
    Break,
}

/// One word with its keys.
#[derive(Debug, Clone)]
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
    pub base: String,
    /// Further keys the word may have in a text (singular forms).
    pub forms: Vec<String>,
    /// The word as written (NFKC, case kept) for abbreviations, and its singular if any.
    pub abbreviation: String,
    pub abbreviation_singular: Option<String>,
}

impl Tok {
    /// The keys of this word in a text, for terms or for abbreviations.
    pub fn text_keys(&self, abbreviation: bool) -> impl Iterator<Item = &str> {
        let (first, rest): (&str, &[String]) =
            if abbreviation { (&self.abbreviation, &[]) } else { (&self.base, &self.forms) };
        let singular = if abbreviation { self.abbreviation_singular.as_deref() } else { None };
        std::iter::once(first).chain(rest.iter().map(String::as_str)).chain(singular)
    }

    /// The key of this word in a term.
    pub fn term_key(&self, abbreviation: bool) -> &str {
        if abbreviation {
            &self.abbreviation
        } else {
            &self.base
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
    let mut newlines = 0;
    let mut punct = String::new();
    for c in between.chars() {
        if c == '\n' {
            newlines += 1;
        } else if c.is_whitespace() || is_invisible(c) || is_hyphen(c) {
        } else if is_apostrophe(c) {
            punct.push('\'');
        } else {
            punct.extend(std::iter::once(c).nfkc().flat_map(char::to_lowercase));
        }
    }
    match (newlines, punct.is_empty()) {
        (2.., _) => Gap::Break,
        (_, true) => Gap::Join,
        (_, false) => Gap::Punct(punct.into_boxed_str()),
    }
}

/// The words of `text` cut as written (rules off): runs of letters and digits, lower-cased;
/// in French an apostrophe between letters stays in the word, as in the analyzer.
fn raw_words(lang: Lang, text: &str) -> Vec<Word> {
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
                let exact = text[s..i].to_lowercase();
                out.push(Word { stem: String::new(), exact, start: s, end: i });
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn is_han(word: &Word, text: &str) -> bool {
    let mut chars = text[word.start..word.end].chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if ('\u{3400}'..='\u{9FFF}').contains(&c) || ('\u{20000}'..='\u{323AF}').contains(&c))
}

/// The words of `text` through the search's analysis chain for `lang`: the exact chain,
/// except Arabic whose key is the light stem (the only stem a key is taken from), given as
/// `exact`. One chain instead of [`analyzers::analyze`]'s two: no Snowball stem is computed
/// for nothing.
fn analyzed(lang: Lang, text: &str, inflect: bool) -> Vec<Word> {
    static MANAGER: OnceLock<TokenizerManager> = OnceLock::new();
    let manager = MANAGER.get_or_init(|| {
        let manager = TokenizerManager::new();
        analyzers::register(&manager);
        manager
    });
    let name = if lang == Lang::Ar && inflect { analyzers::stemmed(lang) } else { analyzers::exact(lang) };
    let mut out = Vec::new();
    if let Some(mut analyzer) = manager.get(name) {
        analyzer.token_stream(text).process(&mut |t| {
            out.push(Word { exact: t.text.clone(), stem: String::new(), start: t.offset_from, end: t.offset_to })
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

fn cut(lang: Lang, text: &str, rules: Rules, want: Want) -> Vec<Tok> {
    let mut words = if rules.normalize { analyzed(lang, text, rules.inflect) } else { raw_words(lang, text) };
    if lang == Lang::Zh && !rules.han_chars {
        // A run of adjacent Han characters as one word: what a word-boundary matcher would see.
        let mut merged: Vec<Word> = Vec::with_capacity(words.len());
        for w in words {
            match merged.last_mut() {
                Some(prev)
                    if prev.end == w.start
                        && is_han(&w, text)
                        && text[..prev.end].chars().last().is_some_and(|c| ('\u{3400}'..='\u{9FFF}').contains(&c)) =>
                {
                    prev.end = w.end;
                    prev.exact.push_str(&w.exact);
                }
                _ => merged.push(w),
            }
        }
        words = merged;
    }
    let mut out: Vec<Tok> = Vec::with_capacity(words.len());
    let mut prev_end = 0;
    for w in words {
        let mut start = w.start;
        if lang == Lang::Fr && rules.normalize && !w.exact.contains(is_apostrophe) {
            // `l'Allemagne`: the analyzer dropped the article; the span starts after it.
            if let Some((i, c)) = text[w.start..w.end].char_indices().find(|&(_, c)| is_apostrophe(c)) {
                start = w.start + i + c.len_utf8();
            }
        }
        let gap = gap_of(&text[prev_end.min(start)..start]);
        prev_end = w.end;
        if lang == Lang::En && rules.possessive && w.exact == "s" && matches!(&gap, Gap::Punct(p) if &**p == "'") {
            if let Some(prev) = out.last_mut() {
                if text[prev.end..w.start].chars().count() == 1 {
                    prev.end = w.end;
                    continue;
                }
            }
        }
        let base = match lang {
            _ if want == Want::Abbreviations => String::new(),
            Lang::Ru if rules.inflect => russian::stem(&w.exact).to_string(),
            _ => w.exact,
        };
        let mut forms = Vec::new();
        if rules.inflect && want == Want::Text {
            inflect::singulars(lang, &base, &mut forms);
        }
        let written = &text[start..w.end];
        let abbreviation: String = match want {
            Want::Terms => String::new(),
            _ if !rules.abbreviation_case => written.nfkc().flat_map(char::to_lowercase).collect(),
            _ if written.is_ascii() => written.to_string(),
            _ => written.nfkc().filter(|&c| !is_invisible(c)).collect(),
        };
        let abbreviation_singular = if rules.inflect && want == Want::Text {
            inflect::abbreviation_singular(lang, &abbreviation).map(str::to_string)
        } else {
            None
        };
        out.push(Tok { start, end: w.end, cstart: 0, cend: 0, gap, base, forms, abbreviation, abbreviation_singular });
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

    fn keys(lang: Lang, text: &str) -> Vec<String> {
        tokens(lang, text, Rules::ALL).into_iter().map(|t| t.base).collect()
    }

    #[test]
    fn gaps() {
        assert_eq!(gap_of(" "), Gap::Join);
        assert_eq!(gap_of(""), Gap::Join);
        assert_eq!(gap_of(" -\n "), Gap::Join);
        assert_eq!(gap_of("\u{200F} "), Gap::Join);
        assert_eq!(gap_of("\n\n"), Gap::Break);
        assert_eq!(gap_of("\r\n\r\n"), Gap::Break);
        assert_eq!(gap_of(", "), Gap::Punct(",".into()));
        assert_eq!(gap_of("，"), Gap::Punct(",".into()));
        assert_eq!(gap_of(" D’"), Gap::Punct("d'".into()));
    }

    #[test]
    fn offsets_are_code_points_of_the_text_as_received() {
        let text = "e\u{301}te\u{301}\r\n智能 réseau";
        let toks = tokens(Lang::Fr, text, Rules::ALL);
        let spans: Vec<(usize, usize)> = toks.iter().map(|t| (t.cstart, t.cend)).collect();
        assert_eq!(spans, [(0, 5), (7, 9), (10, 16)]);
        assert_eq!(toks[0].base, "ete");
    }

    #[test]
    fn french_elision_is_left_out_of_the_span() {
        let toks = tokens(Lang::Fr, "de l'Allemagne", Rules::ALL);
        assert_eq!((toks[1].cstart, toks[1].cend, toks[1].base.as_str()), (5, 14, "allemagne"));
        assert_eq!(toks[1].gap, Gap::Punct("l'".into()));
        // No elision inside a word.
        assert_eq!(keys(Lang::Fr, "aujourd’hui"), ["aujourd'hui"]);
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
        assert_eq!(keys(Lang::Zh, "ＩＰ地址"), ["ip", "地", "址"]);
        let off = tokens(Lang::Zh, "智能电表，IP", Rules { han_chars: false, ..Rules::ALL });
        assert_eq!(off.iter().map(|t| t.base.as_str()).collect::<Vec<_>>(), ["智能电表", "ip"]);
    }

    #[test]
    fn abbreviations_keep_case() {
        let toks = tokens(Lang::En, "ＰｏＰ PDUs", Rules::ALL);
        assert_eq!(toks[0].abbreviation, "PoP");
        assert_eq!(toks[1].abbreviation_singular.as_deref(), Some("PDU"));
    }

    #[test]
    fn odd_input() {
        for lang in Lang::ALL {
            assert!(tokens(lang, "", Rules::ALL).is_empty());
            tokens(lang, "'s ’s l' \u{301} \u{0640} ，。 \n\n", Rules::ALL);
        }
    }
}
