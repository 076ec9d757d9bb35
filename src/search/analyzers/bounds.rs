//! Where a term starts and ends, as tokens of the term itself.
//!
//! The index once kept each whole term as one more token (`term_key_*`): at 1M concepts six
//! million distinct keys, 169 MiB of term dictionaries mapped by every server. A term's
//! first and last words, marked, say the same: a whole term is the phrase from its marked
//! first word to its marked last word, a term that starts with what was typed is the phrase
//! prefix from the marked first word. The marked words are as many as the words that start
//! or end a term (tens of thousands per language), each beside its word at the same position.

use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

/// Marks a term's first word, when the term has more than one.
pub const FIRST: char = '\u{2}';
/// Marks a term's last word, when the term has more than one.
pub const LAST: char = '\u{3}';
/// Marks the word of a one-word term.
pub const ONLY: char = '\u{4}';

fn marked(mark: char, word: &str) -> String {
    let mut s = String::with_capacity(word.len() + 1);
    s.push(mark);
    s.push_str(word);
    s
}

/// The tokens whose phrase is exactly the term `words` (the exact analyzer's tokens of a
/// term or query); empty for no words.
pub fn whole_term(words: &[String]) -> Vec<String> {
    match words {
        [] => Vec::new(),
        [only] => vec![marked(ONLY, only)],
        [first, middle @ .., last] => {
            let mut out = Vec::with_capacity(words.len());
            out.push(marked(FIRST, first));
            out.extend(middle.iter().cloned());
            out.push(marked(LAST, last));
            out
        }
    }
}

/// A term's first word marked as the start of a longer term, and as a one-word term: what a
/// term that starts with a single typed word (or part of one) begins with.
pub fn first_word(word: &str) -> [String; 2] {
    [marked(FIRST, word), marked(ONLY, word)]
}

/// The first of several words, marked: the start of a phrase prefix for a term beginning
/// with these words.
pub fn first_of_many(word: &str) -> String {
    marked(FIRST, word)
}

/// An exact analyzer that also emits the marked words of each value (a term). Positions are
/// renumbered without gaps, as the query's tokens are: a token the chain dropped (too long)
/// does not break the phrase.
#[derive(Clone)]
pub struct TermBounds(pub TextAnalyzer);

impl Tokenizer for TermBounds {
    type TokenStream<'a> = MarkedTerm;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> MarkedTerm {
        let mut words: Vec<Token> = Vec::new();
        let mut stream = self.0.token_stream(text);
        while stream.advance() {
            words.push(std::mem::take(stream.token_mut()));
        }
        let n = words.len();
        let mut tokens = Vec::with_capacity(n + 2);
        for (i, mut w) in words.into_iter().enumerate() {
            w.position = i;
            let mark = match (i, n) {
                (_, 1) => Some(ONLY),
                (0, _) => Some(FIRST),
                (i, n) if i + 1 == n => Some(LAST),
                _ => None,
            };
            let extra = mark.map(|m| Token {
                offset_from: w.offset_from,
                offset_to: w.offset_to,
                position: i,
                position_length: w.position_length,
                text: marked(m, &w.text),
            });
            tokens.push(w);
            tokens.extend(extra);
        }
        MarkedTerm { tokens, next: 0, none: Token::default() }
    }
}

pub struct MarkedTerm {
    tokens: Vec<Token>,
    /// One past the current token.
    next: usize,
    /// What `token` shows before the first `advance`.
    none: Token,
}

impl TokenStream for MarkedTerm {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        self.next.checked_sub(1).map_or(&self.none, |i| &self.tokens[i])
    }

    fn token_mut(&mut self) -> &mut Token {
        match self.next.checked_sub(1) {
            Some(i) => &mut self.tokens[i],
            None => &mut self.none,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lang;

    fn indexed(text: &str) -> Vec<(String, usize)> {
        let mut a = TextAnalyzer::from(TermBounds(super::super::analyzer(Lang::En, false)));
        let mut out = Vec::new();
        a.token_stream(text).process(&mut |t| out.push((t.text.clone(), t.position)));
        out
    }

    #[test]
    fn first_and_last_words_are_marked_beside_themselves() {
        let s = |w: &str, p| (w.to_string(), p);
        assert_eq!(
            indexed("Delay tolerant network"),
            [s("delay", 0), s("\u{2}delay", 0), s("tolerant", 1), s("network", 2), s("\u{3}network", 2)]
        );
        assert_eq!(indexed("network"), [s("network", 0), s("\u{4}network", 0)]);
        assert_eq!(indexed(" ,; "), []);
        // A word the chain drops (over 64 bytes) leaves no gap a query's phrase would miss.
        let long = "x".repeat(80);
        assert_eq!(
            indexed(&format!("data {long} unit")),
            [s("data", 0), s("\u{2}data", 0), s("unit", 1), s("\u{3}unit", 1)]
        );
        let words: Vec<String> = ["data", "unit"].map(String::from).to_vec();
        assert_eq!(whole_term(&words), ["\u{2}data", "\u{3}unit"]);
    }
}
