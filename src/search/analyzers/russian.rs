//! Russian spelling folding applied before stemming: `ё` is optional in
//! ordinary Russian writing (`ёлка` = `елка`), so it is folded to `е`.
//! Stress marks used in dictionaries and teaching texts (`се́ть`, `ѐ`, `ѝ`)
//! are removed for the same reason.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Token filter folding `ё`/`Ё` to `е`/`Е` and removing stress marks.
#[derive(Clone, Copy, Debug, Default)]
pub struct RussianFold;

impl TokenFilter for RussianFold {
    type Tokenizer<T: Tokenizer> = RussianFoldFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> RussianFoldFilter<T> {
        RussianFoldFilter { inner: tokenizer }
    }
}

#[derive(Clone)]
pub struct RussianFoldFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for RussianFoldFilter<T> {
    type TokenStream<'a> = RussianFoldTokenStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        RussianFoldTokenStream { tail: self.inner.token_stream(text) }
    }
}

pub struct RussianFoldTokenStream<T> {
    tail: T,
}

fn needs_folding(c: char) -> bool {
    matches!(c, 'ё' | 'Ё' | 'ѐ' | 'Ѐ' | 'ѝ' | 'Ѝ' | '\u{0300}' | '\u{0301}')
}

/// Folds one token's text; `None` when nothing changes.
fn fold(text: &str) -> Option<String> {
    if !text.chars().any(needs_folding) {
        return None;
    }
    let folded = text
        .chars()
        .filter_map(|c| match c {
            'ё' | 'ѐ' => Some('е'),
            'Ё' | 'Ѐ' => Some('Е'),
            'ѝ' => Some('и'),
            'Ѝ' => Some('И'),
            '\u{0300}' | '\u{0301}' => None,
            other => Some(other),
        })
        .collect();
    Some(folded)
}

impl<T: TokenStream> TokenStream for RussianFoldTokenStream<T> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            let token = self.tail.token_mut();
            if let Some(folded) = fold(&token.text) {
                token.text = folded;
            }
            // A token made only of stress marks has nothing left to search for.
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

    fn fold_all(text: &str) -> Vec<String> {
        let mut analyzer = TextAnalyzer::builder(WordTokenizer::default()).filter(RussianFold).build();
        texts(&mut analyzer, text)
    }

    #[test]
    fn folds_yo() {
        assert_eq!(fold_all("ёлка Ёмкость"), ["елка", "Емкость"]);
        assert_eq!(fold_all("ёлка"), fold_all("елка"));
    }

    #[test]
    fn removes_stress_marks() {
        assert_eq!(fold_all("се\u{301}ть"), ["сеть"]);
        assert_eq!(fold_all("ѝ"), ["и"]);
    }

    #[test]
    fn leaves_other_letters_alone() {
        assert_eq!(fold_all("сеть йод"), ["сеть", "йод"]);
    }

    #[test]
    fn odd_input_does_not_panic() {
        assert!(fold_all("").is_empty());
        assert!(fold_all("\u{301}").is_empty());
        assert_eq!(fold_all("\u{0640}"), ["\u{0640}"]);
    }
}
