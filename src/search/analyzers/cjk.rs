//! Chinese tokenizer in the spirit of Lucene's `CJKAnalyzer`, without a
//! dictionary (nothing may be downloaded at run time).
//!
//! Runs of CJK characters (Han, plus kana and Hangul so stray Japanese or
//! Korean is not one giant token) are cut into n-grams; everything else that
//! is alphanumeric (`IP`, `5G`, full-width `ＩＰ`) becomes an ordinary word.
//! Punctuation (`，。：；（）【】、“”`) and spaces separate tokens and are
//! dropped. Lowercasing and NFKC are left to [`super::nfkc::NfkcLower`].
//!
//! # Positions
//!
//! Every token takes the next position, so a phrase query built from the
//! query's own tokens at consecutive offsets matches exactly the documents
//! that contain the query as a contiguous substring (modulo punctuation):
//!
//! - [`CjkTokenizer::bigrams`] (the stemmed field): a run of n ≥ 2 characters
//!   gives its n−1 overlapping bigrams at positions p..p+n−2; a run of one
//!   character gives that character. `智能电表` → `智能`@0 `能电`@1 `电表`@2, and
//!   the query `电表` is the single term `电表`, `能电表` the phrase
//!   `能电`,`电表`. Bigrams rank well and let a longer query partially match.
//!   A one-character query can only match a one-character run here.
//! - [`CjkTokenizer::unigrams`] (the exact field): each character at its own
//!   position, `智`@0 `能`@1 `电`@2 `表`@3. A one-character query is a term
//!   query, and a phrase of unigrams is an exact substring match of any length.
//!
//! Words and CJK runs share the position sequence: `IP地址` → `IP`@0 `地址`@1.

use std::iter::Peekable;
use std::str::CharIndices;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::words::{continues_word, starts_word};

/// Whether CJK runs are cut into bigrams or single characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gram {
    Bigrams,
    Unigrams,
}

/// Tokenizer for Chinese text; see the module documentation.
#[derive(Clone)]
pub struct CjkTokenizer {
    gram: Gram,
    token: Token,
}

impl CjkTokenizer {
    /// Overlapping bigrams; single characters only for one-character runs.
    pub fn bigrams() -> Self {
        CjkTokenizer { gram: Gram::Bigrams, token: Token::default() }
    }

    /// One token per CJK character.
    pub fn unigrams() -> Self {
        CjkTokenizer { gram: Gram::Unigrams, token: Token::default() }
    }
}

/// Han ideographs (all planes), kana and Hangul syllables. Punctuation inside
/// these blocks (`・`, `゠`) is excluded by the alphanumeric check.
pub(crate) fn is_cjk(c: char) -> bool {
    let in_block = matches!(c,
        '\u{3005}'..='\u{3007}'
        | '\u{3021}'..='\u{3029}'
        | '\u{3038}'..='\u{303C}'
        | '\u{3040}'..='\u{30FF}'
        | '\u{31F0}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7AF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF66}'..='\u{FF9F}'
        | '\u{20000}'..='\u{2FA1F}'
        | '\u{30000}'..='\u{323AF}');
    in_block && starts_word(c)
}

impl Tokenizer for CjkTokenizer {
    type TokenStream<'a> = CjkTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> CjkTokenStream<'a> {
        self.token.reset();
        CjkTokenStream {
            text,
            chars: text.char_indices().peekable(),
            gram: self.gram,
            next_position: 0,
            run_last: None,
            run_emitted: false,
            token: &mut self.token,
        }
    }
}

/// Token stream of [`CjkTokenizer`].
pub struct CjkTokenStream<'a> {
    text: &'a str,
    chars: Peekable<CharIndices<'a>>,
    gram: Gram,
    next_position: usize,
    /// Byte range of the last character of the CJK run being read (bigram mode).
    run_last: Option<(usize, usize)>,
    /// Whether the current run has produced a bigram yet.
    run_emitted: bool,
    token: &'a mut Token,
}

impl CjkTokenStream<'_> {
    fn emit(&mut self, from: usize, to: usize) {
        self.token.text.clear();
        self.token.text.push_str(&self.text[from..to]);
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.position = self.next_position;
        self.next_position += 1;
    }

    /// Closes the current CJK run; a one-character run is emitted as a unigram.
    fn end_run(&mut self) -> bool {
        match self.run_last.take() {
            Some((from, to)) if !self.run_emitted => {
                self.emit(from, to);
                true
            }
            _ => false,
        }
    }

    /// Consumes a non-CJK word and returns its end offset.
    fn word_end(&mut self, mut end: usize) -> usize {
        while let Some(&(offset, c)) = self.chars.peek() {
            if is_cjk(c) || !continues_word(c) {
                break;
            }
            end = offset + c.len_utf8();
            self.chars.next();
        }
        end
    }
}

impl TokenStream for CjkTokenStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            let Some(&(offset, c)) = self.chars.peek() else {
                return self.end_run();
            };
            let end = offset + c.len_utf8();
            if is_cjk(c) {
                self.chars.next();
                if self.gram == Gram::Unigrams {
                    self.emit(offset, end);
                    return true;
                }
                match self.run_last.replace((offset, end)) {
                    Some((prev, _)) => {
                        self.run_emitted = true;
                        self.emit(prev, end);
                        return true;
                    }
                    None => {
                        self.run_emitted = false;
                        continue;
                    }
                }
            }
            // Anything else ends the run; emit a pending unigram before reading on.
            if self.end_run() {
                return true;
            }
            self.chars.next();
            if starts_word(c) {
                let word_end = self.word_end(end);
                self.emit(offset, word_end);
                return true;
            }
        }
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
    use crate::search::analyzers::test_util::{collect, texts};
    use tantivy::tokenizer::TextAnalyzer;

    fn bigrams(text: &str) -> Vec<String> {
        texts(&mut TextAnalyzer::from(CjkTokenizer::bigrams()), text)
    }

    fn unigrams(text: &str) -> Vec<String> {
        texts(&mut TextAnalyzer::from(CjkTokenizer::unigrams()), text)
    }

    #[test]
    fn han_runs_become_overlapping_bigrams() {
        assert_eq!(bigrams("智能电表"), ["智能", "能电", "电表"]);
        assert_eq!(bigrams("国际标准化组织"), ["国际", "际标", "标准", "准化", "化组", "组织"]);
        assert_eq!(bigrams("电表"), ["电表"]);
    }

    #[test]
    fn single_character_runs_stay_unigrams() {
        assert_eq!(bigrams("电"), ["电"]);
        assert_eq!(bigrams("电，网"), ["电", "网"]);
    }

    #[test]
    fn mixed_script_splits_at_script_change() {
        assert_eq!(bigrams("IP地址"), ["IP", "地址"]);
        assert_eq!(bigrams("5G网络"), ["5G", "网络"]);
        assert_eq!(bigrams("网络5G"), ["网络", "5G"]);
        assert_eq!(bigrams("网5G"), ["网", "5G"]);
        assert_eq!(bigrams("ＩＰ地址"), ["ＩＰ", "地址"]);
    }

    #[test]
    fn punctuation_is_dropped_and_splits_runs() {
        assert_eq!(
            bigrams("（智能电表）：【需求响应】、“网络”。"),
            ["智能", "能电", "电表", "需求", "求响", "响应", "网络"]
        );
    }

    #[test]
    fn unigram_mode_emits_every_character() {
        assert_eq!(unigrams("智能电表"), ["智", "能", "电", "表"]);
        assert_eq!(unigrams("IP地址"), ["IP", "地", "址"]);
    }

    #[test]
    fn positions_are_consecutive_and_offsets_exact() {
        let text = "IP地址，智能电表";
        let mut analyzer = TextAnalyzer::from(CjkTokenizer::bigrams());
        let tokens = collect(&mut analyzer, text);
        let positions: Vec<usize> = tokens.iter().map(|t| t.position).collect();
        assert_eq!(positions, [0, 1, 2, 3, 4]);
        for t in &tokens {
            assert_eq!(&text[t.offset_from..t.offset_to], t.text);
        }
        let mut analyzer = TextAnalyzer::from(CjkTokenizer::unigrams());
        let positions: Vec<usize> = collect(&mut analyzer, "电表5G").iter().map(|t| t.position).collect();
        assert_eq!(positions, [0, 1, 2]);
    }

    #[test]
    fn supplementary_plane_ideographs() {
        assert_eq!(bigrams("𠀀𠀁"), ["𠀀𠀁"]);
    }

    #[test]
    fn odd_input_does_not_panic() {
        assert!(bigrams("").is_empty());
        assert!(bigrams("，。、").is_empty());
        assert_eq!(bigrams("\u{301}"), ["\u{301}"]);
        assert_eq!(bigrams("\u{0640}"), ["\u{0640}"]);
        assert_eq!(bigrams("・"), Vec::<String>::new());
        let long = "电".repeat(10_000);
        assert_eq!(bigrams(&long).len(), 9_999);
    }
}
