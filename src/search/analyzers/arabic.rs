//! Arabic orthographic normalization, as Lucene's `ArabicNormalizer`
//! (plus its `DecimalDigitFilter`): the same word is written with or without
//! short vowels, with or without hamza on the alef, and with `ى`/`ي` and
//! `ة`/`ه` used interchangeably, so all of these are folded before searching.
//!
//! - tashkeel U+064B..=U+0652 (fathatan … sukun) and tatweel U+0640 removed;
//!   like Lucene, the superscript alef U+0670 is kept;
//! - `أ` `إ` `آ` → `ا`;
//! - `ى` → `ي`;
//! - `ة` → `ه`;
//! - Arabic-Indic and Eastern Arabic-Indic digits → ASCII digits.
//!
//! Tokens left empty (only diacritics) are removed from the stream.
//!
//! Stemming is Lucene's `ArabicStemmer` (Larkey's "light10"), not Snowball:
//! Snowball's Arabic stemmer keeps a final `ه` after the article and never
//! strips `وال`, so `الشبكة`, `شبكة` and `والشبكة` gave three different
//! stems once `ة` is normalized to `ه`. Light stemming removes one prefix
//! (`ال وال بال كال فال لل و`) and the common suffixes, which is what
//! searchers expect from "the same word".

use super::map::MapText;

/// Token filter normalizing Arabic spelling variants.
pub const ARABIC_NORMALIZER: MapText = MapText(normalize_token);

/// The normalized form of one character; `None` drops it.
fn normalize_char(c: char) -> Option<char> {
    match c {
        '\u{0640}' | '\u{064B}'..='\u{0652}' => None,
        '\u{0622}' | '\u{0623}' | '\u{0625}' => Some('\u{0627}'),
        '\u{0649}' => Some('\u{064A}'),
        '\u{0629}' => Some('\u{0647}'),
        '\u{0660}'..='\u{0669}' => char::from_u32(u32::from(c) - 0x0660 + u32::from('0')),
        '\u{06F0}'..='\u{06F9}' => char::from_u32(u32::from(c) - 0x06F0 + u32::from('0')),
        other => Some(other),
    }
}

/// Normalizes `text`; `None` when nothing changes.
pub(crate) fn normalize(text: &str) -> Option<String> {
    if text.chars().all(|c| normalize_char(c) == Some(c)) {
        return None;
    }
    Some(text.chars().filter_map(normalize_char).collect())
}

fn normalize_token(text: &mut String) {
    if let Some(normalized) = normalize(text) {
        *text = normalized;
    }
}

/// Token filter removing common Arabic prefixes and suffixes (Lucene's light
/// stemmer). Expects text already passed through [`ARABIC_NORMALIZER`].
pub const ARABIC_LIGHT_STEMMER: MapText = MapText(stem_token);

/// Prefixes in Lucene's order; only the first match is removed.
const PREFIXES: [&str; 7] = ["ال", "وال", "بال", "كال", "فال", "لل", "و"];
/// Suffixes in Lucene's order; each is tried once, in turn, on what is left.
const SUFFIXES: [&str; 10] = ["ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي"];

/// Byte range of the stem of `word`. Lengths are counted in characters and
/// every affix must leave at least two (three for the prefix `و`), as in Lucene.
pub(crate) fn light_stem_range(word: &str) -> (usize, usize) {
    let mut len = word.chars().count();
    let (mut start, mut end) = (0, word.len());
    for prefix in PREFIXES {
        let affix_len = prefix.chars().count();
        let min_len = if affix_len == 1 { 4 } else { affix_len + 2 };
        if len >= min_len && word[start..end].starts_with(prefix) {
            start += prefix.len();
            len -= affix_len;
            break;
        }
    }
    for suffix in SUFFIXES {
        let affix_len = suffix.chars().count();
        if len >= affix_len + 2 && word[start..end].ends_with(suffix) {
            end -= suffix.len();
            len -= affix_len;
        }
    }
    (start, end)
}

fn stem_token(text: &mut String) {
    let (start, end) = light_stem_range(text);
    text.truncate(end);
    text.drain(..start);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::analyzers::test_util::texts;
    use crate::search::analyzers::words::WordTokenizer;
    use tantivy::tokenizer::TextAnalyzer;

    fn norm(text: &str) -> Vec<String> {
        let mut analyzer = TextAnalyzer::builder(WordTokenizer::default()).filter(ARABIC_NORMALIZER).build();
        texts(&mut analyzer, text)
    }

    fn stem(text: &str) -> Vec<String> {
        let mut analyzer = TextAnalyzer::builder(WordTokenizer::default())
            .filter(ARABIC_NORMALIZER)
            .filter(ARABIC_LIGHT_STEMMER)
            .build();
        texts(&mut analyzer, text)
    }

    #[test]
    fn removes_tashkeel_and_tatweel() {
        assert_eq!(norm("الشَّبَكَة"), norm("الشبكة"));
        assert_eq!(norm("الشَّبَكَة"), ["الشبكه"]);
        assert_eq!(norm("شبـــكة"), ["شبكه"]);
        assert_eq!(norm("كِتَابٌ"), ["كتاب"]);
    }

    #[test]
    fn folds_hamza_alef_forms() {
        assert_eq!(norm("أمن"), ["امن"]);
        assert_eq!(norm("إدارة آلية"), ["اداره", "اليه"]);
    }

    #[test]
    fn folds_alef_maqsura_and_teh_marbuta() {
        assert_eq!(norm("مستوى"), norm("مستوي"));
        assert_eq!(norm("مكتبة"), norm("مكتبه"));
    }

    #[test]
    fn folds_arabic_indic_digits() {
        assert_eq!(norm("٥ ۲۰۲۰"), ["5", "2020"]);
    }

    #[test]
    fn keeps_superscript_alef_like_lucene() {
        assert_eq!(norm("هٰذا"), ["هٰذا"]);
    }

    #[test]
    fn leaves_other_scripts_alone() {
        assert_eq!(norm("réseau сеть 5G"), ["réseau", "сеть", "5G"]);
    }

    #[test]
    fn stemmer_strips_article_and_conjunction() {
        assert_eq!(stem("شبكة"), ["شبك"]);
        for variant in ["الشبكة", "والشبكة", "بالشبكة", "للشبكة", "الشَّبَكَة", "الشبكات", "وشبكة"]
        {
            assert_eq!(stem(variant), ["شبك"], "{variant}");
        }
        assert_eq!(stem("مستوى"), stem("المستوي"));
    }

    #[test]
    fn stemmer_leaves_short_words() {
        // Affixes must leave at least two letters (three after `و`).
        assert_eq!(stem("ال"), ["ال"]);
        assert_eq!(stem("ولد"), ["ولد"]);
        assert_eq!(stem("أمن"), ["امن"]);
        assert_eq!(stem("ip"), ["ip"]);
    }

    #[test]
    fn odd_input_does_not_panic() {
        assert!(norm("").is_empty());
        assert!(norm("\u{0640}").is_empty());
        assert!(norm("\u{064E}\u{0651}").is_empty());
        assert_eq!(norm("ا\u{0640}"), ["ا"]);
        assert_eq!(stem("وال"), ["وال"]);
        assert_eq!(stem("ال\u{0640}\u{064E}"), ["ال"]);
    }
}
