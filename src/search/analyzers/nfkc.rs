//! NFKC normalization + lowercasing in one pass, close to Unicode's
//! `NFKC_Casefold`: full-width `ＩＰ` becomes `ip`, ligatures `ﬁ` become `fi`,
//! Arabic presentation forms become plain letters, decomposed accents are
//! composed, and invisible default-ignorable characters (soft hyphen, ZWJ,
//! ZWNJ, BOM, variation selectors…) are dropped so they never split or
//! distinguish terms. Tokens left empty are removed from the stream.

use std::mem;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// Token filter applying NFKC, lowercasing and removal of default-ignorables.
#[derive(Clone, Copy, Debug, Default)]
pub struct NfkcLower;

impl TokenFilter for NfkcLower {
    type Tokenizer<T: Tokenizer> = NfkcLowerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> NfkcLowerFilter<T> {
        NfkcLowerFilter { inner: tokenizer, buffer: String::new() }
    }
}

#[derive(Clone)]
pub struct NfkcLowerFilter<T> {
    inner: T,
    buffer: String,
}

impl<T: Tokenizer> Tokenizer for NfkcLowerFilter<T> {
    type TokenStream<'a> = NfkcLowerTokenStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        self.buffer.clear();
        NfkcLowerTokenStream { tail: self.inner.token_stream(text), buffer: &mut self.buffer }
    }
}

pub struct NfkcLowerTokenStream<'a, T> {
    tail: T,
    buffer: &'a mut String,
}

/// Characters with the Unicode `Default_Ignorable_Code_Point` property that
/// can plausibly occur in pasted text.
fn is_default_ignorable(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}')
}

/// Characters that NFKC leaves as they are, alone or next to one another (no compatibility
/// mapping, no combining mark to reorder or compose), and whose lower case is one of them:
/// ASCII, Latin-1 letters, basic Cyrillic, Arabic letters, CJK unified ideographs. A word
/// made only of them is its own NFKC form, which spares most words the per-character
/// quick-check tables (the recognizer runs this on every word of a text).
pub(crate) fn is_nfkc_stable(c: char) -> bool {
    matches!(c, '\0'..='\u{7F}' | '\u{C0}'..='\u{FF}' | '\u{400}'..='\u{45F}' | '\u{621}'..='\u{63A}' | '\u{641}'..='\u{64A}' | '\u{4E00}'..='\u{9FFF}')
}

/// Writes the normalized form of `text` into `out`.
pub(crate) fn normalize_into(text: &str, out: &mut String) {
    out.clear();
    if text.chars().all(is_nfkc_stable) {
        out.extend(text.chars().flat_map(char::to_lowercase));
        return;
    }
    // Most text is already NFKC (the quick check says so without decomposing it).
    if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        for c in text.chars().filter(|&c| !is_default_ignorable(c)) {
            out.extend(c.to_lowercase());
        }
    } else {
        for c in text.nfkc().filter(|&c| !is_default_ignorable(c)) {
            out.extend(c.to_lowercase());
        }
    }
    // Lowercasing can, rarely, produce a sequence that is not NFKC any more
    // (e.g. `İ` → `i̇`); normalize again only then.
    if is_nfkc_quick(out.chars()) != IsNormalized::Yes {
        let again: String = out.nfkc().collect();
        *out = again;
    }
}

impl<T: TokenStream> TokenStream for NfkcLowerTokenStream<'_, T> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            let token = self.tail.token_mut();
            if token.text.is_ascii() {
                // Fast path: ASCII is already NFKC and holds no default-ignorables.
                token.text.make_ascii_lowercase();
            } else {
                normalize_into(&token.text, self.buffer);
                mem::swap(&mut token.text, self.buffer);
            }
            if !token.text.is_empty() {
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::analyzers::test_util::texts;
    use crate::search::analyzers::words::WordTokenizer;
    use tantivy::tokenizer::TextAnalyzer;

    fn norm(text: &str) -> Vec<String> {
        let mut analyzer = TextAnalyzer::builder(WordTokenizer::default()).filter(NfkcLower).build();
        texts(&mut analyzer, text)
    }

    #[test]
    fn nfkc_stable_characters_are_and_stay_so_in_lower_case() {
        use unicode_normalization::char::canonical_combining_class;
        for c in ('\0'..='\u{9FFF}').filter(|&c| is_nfkc_stable(c)) {
            assert_eq!(std::iter::once(c).nfkc().collect::<String>(), c.to_string(), "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert!(!is_default_ignorable(c), "{c:?}");
            assert!(c.to_lowercase().all(is_nfkc_stable), "{c:?}");
        }
        let mut out = String::new();
        normalize_into("ÀÉ Сеть شبكة 网络", &mut out);
        assert_eq!(out, "àé сеть شبكة 网络");
    }

    #[test]
    fn lowercases_all_scripts() {
        assert_eq!(norm("Réseau MDMS Сеть"), ["réseau", "mdms", "сеть"]);
    }

    #[test]
    fn folds_compatibility_forms() {
        assert_eq!(norm("ＩＰ ５Ｇ"), ["ip", "5g"]);
        assert_eq!(norm("ﬁbre"), ["fibre"]);
        // Arabic presentation form of lam-alef.
        assert_eq!(norm("\u{FEFB}"), ["\u{0644}\u{0627}"]);
    }

    #[test]
    fn composes_decomposed_accents() {
        assert_eq!(norm("re\u{301}seau"), ["réseau"]);
        assert_eq!(norm("е\u{308}лка"), ["ёлка"]);
    }

    #[test]
    fn drops_invisible_characters() {
        assert_eq!(norm("tele\u{00AD}com"), ["telecom"]);
        assert_eq!(norm("ab\u{200D}c"), ["abc"]);
    }

    #[test]
    fn odd_input_does_not_panic() {
        assert!(norm("").is_empty());
        assert_eq!(norm("\u{301}"), ["\u{301}"]);
        assert_eq!(norm("\u{0640}"), ["\u{0640}"]);
        assert_eq!(norm("İ"), ["i\u{307}"]);
    }
}
