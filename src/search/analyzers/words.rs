//! Word tokenizer for alphabetic scripts (Latin, Cyrillic, Arabic).
//!
//! Like tantivy's `SimpleTokenizer` it splits on anything that is not
//! alphanumeric, with two differences that matter for ITU terminology:
//! - combining marks continue a word, so Arabic tashkeel (`الشَّبَكَة`) and
//!   decomposed accents (`re\u{301}seau`) do not cut a word in pieces;
//!   invisible joiners (soft hyphen, ZWNJ, ZWJ, word joiner) continue a word
//!   too; [`super::nfkc`] removes them afterwards;
//! - optionally, an apostrophe between two word characters is kept inside the
//!   word, so the French elision filter sees `l'entité` as one token.

use std::str::CharIndices;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_normalization::char::is_combining_mark;

/// Apostrophes kept inside a word when [`WordTokenizer::with_apostrophes`] is used.
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}' | '\u{FF07}')
}

/// Characters that may start a word.
pub(crate) fn starts_word(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Characters that may continue a word once started.
pub(crate) fn continues_word(c: char) -> bool {
    starts_word(c) || matches!(c, '\u{00AD}' | '\u{200C}' | '\u{200D}' | '\u{2060}')
}

/// Splits text into words; see the module documentation.
#[derive(Clone, Default)]
pub struct WordTokenizer {
    keep_apostrophes: bool,
    token: Token,
}

impl WordTokenizer {
    /// A tokenizer that keeps inner apostrophes (`aujourd'hui`, `l'entité`).
    pub fn with_apostrophes() -> Self {
        WordTokenizer { keep_apostrophes: true, token: Token::default() }
    }
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        self.token.reset();
        WordTokenStream {
            text,
            chars: text.char_indices(),
            keep_apostrophes: self.keep_apostrophes,
            token: &mut self.token,
        }
    }
}

/// Token stream of [`WordTokenizer`].
pub struct WordTokenStream<'a> {
    text: &'a str,
    chars: CharIndices<'a>,
    keep_apostrophes: bool,
    token: &'a mut Token,
}

impl WordTokenStream<'_> {
    /// Consumes the rest of the word and returns its end offset; the separator
    /// that ends it is consumed too, which is harmless since it cannot start a word.
    fn word_end(&mut self) -> usize {
        loop {
            // Peek through a clone: an apostrophe is only part of the word if a
            // word character follows it.
            let mut ahead = self.chars.clone();
            let Some((offset, c)) = ahead.next() else {
                return self.text.len();
            };
            if continues_word(c) {
                self.chars = ahead;
                continue;
            }
            if self.keep_apostrophes && is_apostrophe(c) {
                if let Some((_, next)) = ahead.clone().next() {
                    if starts_word(next) {
                        self.chars = ahead;
                        continue;
                    }
                }
            }
            self.chars = ahead;
            return offset;
        }
    }
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.token.text.clear();
        self.token.position = self.token.position.wrapping_add(1);
        while let Some((offset_from, c)) = self.chars.next() {
            if starts_word(c) {
                let offset_to = self.word_end();
                self.token.offset_from = offset_from;
                self.token.offset_to = offset_to;
                self.token.text.push_str(&self.text[offset_from..offset_to]);
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::analyzers::test_util::texts;
    use tantivy::tokenizer::TextAnalyzer;

    fn words(text: &str) -> Vec<String> {
        texts(&mut TextAnalyzer::from(WordTokenizer::default()), text)
    }

    fn words_apos(text: &str) -> Vec<String> {
        texts(&mut TextAnalyzer::from(WordTokenizer::with_apostrophes()), text)
    }

    #[test]
    fn splits_on_punctuation_and_space() {
        assert_eq!(words("Smart meter, (DR) 5G!"), ["Smart", "meter", "DR", "5G"]);
        assert_eq!(words("E-UTRAN"), ["E", "UTRAN"]);
    }

    #[test]
    fn combining_marks_stay_in_the_word() {
        assert_eq!(words("الشَّبَكَة العامة"), ["الشَّبَكَة", "العامة"]);
        assert_eq!(words("re\u{301}seau"), ["re\u{301}seau"]);
        // Tatweel is a letter (Lm) and must not split either.
        assert_eq!(words("شبـــكة"), ["شبـــكة"]);
    }

    #[test]
    fn apostrophes_only_kept_when_asked_and_inside_a_word() {
        assert_eq!(words("l'entité"), ["l", "entité"]);
        assert_eq!(words_apos("l'entité d’accès"), ["l'entité", "d’accès"]);
        assert_eq!(words_apos("'quoted' l' x"), ["quoted", "l", "x"]);
    }

    #[test]
    fn positions_and_offsets() {
        let mut analyzer = TextAnalyzer::from(WordTokenizer::with_apostrophes());
        let tokens = crate::search::analyzers::test_util::collect(&mut analyzer, "a, l'b");
        assert_eq!(tokens.len(), 2);
        assert_eq!((tokens[1].position, tokens[1].offset_from, tokens[1].offset_to), (1, 3, 6));
    }

    #[test]
    fn odd_input_does_not_panic() {
        assert!(words("").is_empty());
        assert!(words("  ,;  ").is_empty());
        assert_eq!(words("\u{301}"), ["\u{301}"]);
        assert_eq!(words("\u{0640}"), ["\u{0640}"]);
        assert_eq!(words_apos("'''"), Vec::<String>::new());
        assert_eq!(words("a\u{200D}b \u{200D}"), ["a\u{200D}b"]);
    }
}
