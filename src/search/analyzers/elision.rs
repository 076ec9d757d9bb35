//! French elision removal, as Lucene's `ElisionFilter` with the French
//! article set: `l'entité` → `entité`, `qu’il` → `il`, so an elided article
//! never hides the word from a search. Only the first elision is removed and
//! a bare article (`l`) is left alone.
//!
//! Needs a tokenizer that keeps inner apostrophes
//! ([`super::words::WordTokenizer::with_apostrophes`]).

use super::map::MapText;

use super::words::is_apostrophe;

/// The elided forms Lucene's `FrenchAnalyzer` removes.
const ARTICLES: [&str; 13] = ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"];

/// Token filter removing a leading French elided article.
pub const FRENCH_ELISION: MapText = MapText(elide_token);

/// Byte length of the elided prefix (article + apostrophe) of `word`, if any.
fn elided_prefix_len(word: &str) -> Option<usize> {
    let (index, apostrophe) = word.char_indices().find(|&(_, c)| is_apostrophe(c))?;
    let article = &word[..index];
    let end = index + apostrophe.len_utf8();
    let is_article = ARTICLES.iter().any(|a| a.eq_ignore_ascii_case(article));
    (is_article && end < word.len()).then_some(end)
}

fn elide_token(text: &mut String) {
    if let Some(end) = elided_prefix_len(text) {
        text.drain(..end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::analyzers::test_util::texts;
    use crate::search::analyzers::words::WordTokenizer;
    use tantivy::tokenizer::TextAnalyzer;

    fn elide(text: &str) -> Vec<String> {
        let mut analyzer = TextAnalyzer::builder(WordTokenizer::with_apostrophes()).filter(FRENCH_ELISION).build();
        texts(&mut analyzer, text)
    }

    #[test]
    fn removes_articles_with_both_apostrophes() {
        assert_eq!(elide("l'entité d’accès"), ["entité", "accès"]);
        assert_eq!(elide("qu'il jusqu'à lorsqu’on puisqu'elle"), ["il", "à", "on", "elle"]);
        assert_eq!(elide("n'est s'il j'ai m'a t'a c'est"), ["est", "il", "ai", "a", "a", "est"]);
    }

    #[test]
    fn case_insensitive_before_lowercasing() {
        assert_eq!(elide("L'Union"), ["Union"]);
    }

    #[test]
    fn keeps_words_that_are_not_elisions() {
        assert_eq!(elide("aujourd'hui"), ["aujourd'hui"]);
        assert_eq!(elide("qu'aujourd'hui"), ["aujourd'hui"]);
        assert_eq!(elide("réseau l"), ["réseau", "l"]);
        assert_eq!(elide("entre'deux"), ["entre'deux"]);
    }

    #[test]
    fn odd_input_does_not_panic() {
        assert!(elide("").is_empty());
        assert_eq!(elide("l'"), ["l"]);
        assert_eq!(elide("'l"), ["l"]);
        assert_eq!(elide("l'\u{301}"), ["\u{301}"]);
    }
}
