//! Text analysis for the six ITU languages.
//!
//! Every language has two analyzers: *stemmed* (recall: inflections and
//! spelling variants meet) and *exact* (precision: same normalization, no
//! stemming); terms are indexed with a third, the exact chain with each term's
//! first and last words also marked (`bounds.rs`). Both fold what a searcher cannot be expected to type alike:
//! case, Unicode compatibility forms, Latin accents, French elision, Russian
//! `ё`, Arabic diacritics and letter variants. Chinese has no dictionary
//! segmentation; it is cut into character n-grams (see `cjk.rs`).
//!
//! | language | stemmed chain | exact chain |
//! |---|---|---|
//! | en, es | words, long-token removal, NFKC+lowercase, ASCII folding, Snowball | same, no Snowball |
//! | fr | words keeping `'`, …, NFKC+lowercase, elision, ASCII folding, Snowball | same, no Snowball |
//! | ru | words, …, NFKC+lowercase, `ё`→`е`, ASCII folding, Snowball | same, no Snowball |
//! | ar | words, …, NFKC+lowercase, Arabic normalizer, ASCII folding, light stemmer | same, no stemmer |
//! | zh | CJK bigrams, NFKC+lowercase, ASCII folding | CJK unigrams, same filters |
//!
//! Query Chinese on both fields: a one-character query only matches in the
//! exact (unigram) field.
//!
//! ASCII folding only rewrites Latin letters and symbols, so it is applied
//! everywhere for Latin words embedded in other scripts (`IP-адрес`).

mod arabic;
pub(crate) mod bounds;
mod cjk;
mod elision;
mod map;
pub(crate) mod nfkc;
mod russian;
mod words;

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, RemoveLongFilter, Stemmer, TextAnalyzer, TextAnalyzerBuilder, TokenStream,
    TokenizerManager,
};

use crate::model::Lang;

use self::arabic::{ARABIC_LIGHT_STEMMER, ARABIC_NORMALIZER};
use self::cjk::CjkTokenizer;
use self::elision::FRENCH_ELISION;
use self::nfkc::NfkcLower;
use self::russian::RUSSIAN_FOLD;
use self::words::WordTokenizer;

/// Version of the analysis chains. Bump it whenever any chain changes the
/// tokens it produces: an index built with another version must be rebuilt.
pub const ANALYZER_VERSION: u32 = 2;

/// Analyzer for abbreviation fields: NFKC + lowercase + ASCII folding, split
/// on whitespace and punctuation, no stemming. `MDMS`/`mdms`, `IoT`, `5G` are
/// single tokens; `E-UTRAN` becomes `e` `utran`, matched by a phrase query.
pub const ABBREV: &str = "hx_abbrev";

/// Tokens longer than this many UTF-8 bytes are dropped (base64, URLs, junk);
/// Latin letters are mostly 1 byte.
const MAX_LATIN_TOKEN_BYTES: usize = 64;
/// Same limit for Cyrillic and Arabic, whose letters take 2 bytes.
const MAX_WIDE_TOKEN_BYTES: usize = 128;

/// Name of the stemmed analyzer for `lang`.
pub fn stemmed(lang: Lang) -> &'static str {
    match lang {
        Lang::Ar => "hx_ar_stem",
        Lang::Zh => "hx_zh_stem",
        Lang::En => "hx_en_stem",
        Lang::Fr => "hx_fr_stem",
        Lang::Ru => "hx_ru_stem",
        Lang::Es => "hx_es_stem",
    }
}

/// Name of the exact (normalized, unstemmed) analyzer for `lang`.
pub fn exact(lang: Lang) -> &'static str {
    match lang {
        Lang::Ar => "hx_ar_exact",
        Lang::Zh => "hx_zh_exact",
        Lang::En => "hx_en_exact",
        Lang::Fr => "hx_fr_exact",
        Lang::Ru => "hx_ru_exact",
        Lang::Es => "hx_es_exact",
    }
}

/// Name of the analyzer that indexes a language's terms unstemmed: the exact chain, each
/// term's first and last words also marked ([`bounds`]). Queries are analyzed with
/// [`exact`] and marked by the query builder.
pub fn exact_term(lang: Lang) -> &'static str {
    match lang {
        Lang::Ar => "hx_ar_exact_term",
        Lang::Zh => "hx_zh_exact_term",
        Lang::En => "hx_en_exact_term",
        Lang::Fr => "hx_fr_exact_term",
        Lang::Ru => "hx_ru_exact_term",
        Lang::Es => "hx_es_exact_term",
    }
}

/// Registers every Hexaglot analyzer (the three of each language and
/// [`ABBREV`]) in `manager`, typically `index.tokenizers()`.
pub fn register(manager: &TokenizerManager) {
    for lang in Lang::ALL {
        manager.register(stemmed(lang), analyzer(lang, true));
        manager.register(exact(lang), analyzer(lang, false));
        manager.register(exact_term(lang), TextAnalyzer::from(bounds::TermBounds(analyzer(lang, false))));
    }
    manager.register(
        ABBREV,
        TextAnalyzer::builder(WordTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_LATIN_TOKEN_BYTES))
            .filter(NfkcLower)
            .filter(AsciiFoldingFilter)
            .build(),
    );
}

/// Runs analyzer `name` of `manager` over `text` and returns the token texts
/// in order. An unregistered name yields no tokens (callers register first).
pub fn tokens(manager: &TokenizerManager, name: &str, text: &str) -> Vec<String> {
    let Some(mut analyzer) = manager.get(name) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

/// A word of a text as the index sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The exact analyzer's token (normalized, unstemmed).
    pub exact: String,
    /// The stemmed analyzer's token starting at the same place (for Chinese, the bigram starting
    /// there); the exact token when there is none.
    pub stem: String,
    /// Byte span in the text.
    pub start: usize,
    pub end: usize,
}

/// The words of `text` in `lang`, analyzed by the same chains as the index but without one:
/// for rules that compare wording (the proposal lint), so they and the search agree on what
/// counts as the same word.
pub fn analyze(lang: Lang, text: &str) -> Vec<Word> {
    let run = |stem: bool| {
        let mut analyzer = analyzer(lang, stem);
        let mut out = Vec::new();
        analyzer.token_stream(text).process(&mut |t| out.push(t.clone()));
        out
    };
    let mut stems = run(true).into_iter().peekable();
    run(false)
        .into_iter()
        .map(|t| {
            while stems.next_if(|s| s.offset_from < t.offset_from).is_some() {}
            let stem = stems.next_if(|s| s.offset_from == t.offset_from).map_or_else(|| t.text.clone(), |s| s.text);
            Word { exact: t.text, stem, start: t.offset_from, end: t.offset_to }
        })
        .collect()
}

/// Builds the stemmed or exact chain of `lang`.
fn analyzer(lang: Lang, stem: bool) -> TextAnalyzer {
    let (chain, language) = match lang {
        Lang::Zh => return chinese_analyzer(stem),
        Lang::Ar => return arabic_analyzer(stem),
        Lang::En => (latin_chain(), Language::English),
        Lang::Es => (latin_chain(), Language::Spanish),
        Lang::Fr => (french_chain(), Language::French),
        Lang::Ru => (russian_chain(), Language::Russian),
    };
    if stem {
        chain.filter(Stemmer::new(language)).build()
    } else {
        chain.build()
    }
}

fn latin_chain() -> TextAnalyzerBuilder {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_LATIN_TOKEN_BYTES))
        .filter(NfkcLower)
        .filter(AsciiFoldingFilter)
        .dynamic()
}

/// Elision runs before folding so `’` is still recognised alongside `'`.
fn french_chain() -> TextAnalyzerBuilder {
    TextAnalyzer::builder(WordTokenizer::with_apostrophes())
        .filter(RemoveLongFilter::limit(MAX_LATIN_TOKEN_BYTES))
        .filter(NfkcLower)
        .filter(FRENCH_ELISION)
        .filter(AsciiFoldingFilter)
        .dynamic()
}

fn russian_chain() -> TextAnalyzerBuilder {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_WIDE_TOKEN_BYTES))
        .filter(NfkcLower)
        .filter(RUSSIAN_FOLD)
        .filter(AsciiFoldingFilter)
        .dynamic()
}

/// Arabic uses Lucene's light stemmer rather than Snowball (see `arabic.rs`).
fn arabic_analyzer(stem: bool) -> TextAnalyzer {
    let chain = TextAnalyzer::builder(WordTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_WIDE_TOKEN_BYTES))
        .filter(NfkcLower)
        .filter(ARABIC_NORMALIZER)
        .filter(AsciiFoldingFilter);
    if stem {
        chain.filter(ARABIC_LIGHT_STEMMER).build()
    } else {
        chain.build()
    }
}

/// Chinese has no stemmer: the stemmed field gets bigrams, the exact field
/// unigrams (see `cjk.rs` for why).
fn chinese_analyzer(stem: bool) -> TextAnalyzer {
    let tokenizer = if stem { CjkTokenizer::bigrams() } else { CjkTokenizer::unigrams() };
    TextAnalyzer::builder(tokenizer)
        .filter(RemoveLongFilter::limit(MAX_LATIN_TOKEN_BYTES))
        .filter(NfkcLower)
        .filter(AsciiFoldingFilter)
        .build()
}

#[cfg(test)]
pub(crate) mod test_util {
    use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream};

    /// All tokens `analyzer` produces for `text`.
    pub(crate) fn collect(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        analyzer.token_stream(text).process(&mut |t| out.push(t.clone()));
        out
    }

    /// The token texts `analyzer` produces for `text`.
    pub(crate) fn texts(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        collect(analyzer, text).into_iter().map(|t| t.text).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manager() -> TokenizerManager {
        let manager = TokenizerManager::new();
        register(&manager);
        manager
    }

    fn stem(lang: Lang, text: &str) -> Vec<String> {
        tokens(&manager(), stemmed(lang), text)
    }

    fn exact_tokens(lang: Lang, text: &str) -> Vec<String> {
        tokens(&manager(), exact(lang), text)
    }

    fn abbrev(text: &str) -> Vec<String> {
        tokens(&manager(), ABBREV, text)
    }

    #[test]
    fn names_are_distinct_and_registered() {
        let manager = manager();
        let mut names: Vec<&str> =
            Lang::ALL.iter().flat_map(|&l| [stemmed(l), exact(l), exact_term(l)]).chain([ABBREV]).collect();
        for name in &names {
            assert!(manager.get(name).is_some(), "{name} not registered");
        }
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 19);
        assert_eq!(stemmed(Lang::Fr), "hx_fr_stem");
        assert_eq!(exact(Lang::Fr), "hx_fr_exact");
    }

    #[test]
    fn unknown_analyzer_gives_no_tokens() {
        assert!(tokens(&manager(), "nope", "réseau").is_empty());
    }

    #[test]
    fn french_accents_and_plural_meet() {
        let reseau = stem(Lang::Fr, "réseau");
        assert_eq!(reseau.len(), 1);
        assert_eq!(stem(Lang::Fr, "reseau"), reseau);
        assert_eq!(stem(Lang::Fr, "Réseaux"), reseau);
        assert_ne!(stem(Lang::Fr, "résumé"), reseau);
        assert_eq!(exact_tokens(Lang::Fr, "Réseau"), ["reseau"]);
    }

    #[test]
    fn french_elision_then_folding() {
        let entite = stem(Lang::Fr, "l'entité");
        assert_eq!(entite.len(), 1);
        assert!(entite[0].starts_with("entit"), "{entite:?}");
        assert_eq!(stem(Lang::Fr, "L’entité"), entite);
        assert_eq!(stem(Lang::Fr, "entités"), entite);
        assert_eq!(exact_tokens(Lang::Fr, "d’accès"), ["acces"]);
        assert_eq!(exact_tokens(Lang::Fr, "aujourd’hui"), ["aujourd'hui"]);
    }

    #[test]
    fn latin_folding() {
        assert_eq!(exact_tokens(Lang::Es, "señal"), ["senal"]);
        assert_eq!(stem(Lang::Es, "señal"), stem(Lang::Es, "senal"));
        assert_eq!(stem(Lang::Es, "señales"), stem(Lang::Es, "señal"));
        assert_eq!(exact_tokens(Lang::Fr, "façade cœur"), ["facade", "coeur"]);
        assert_eq!(stem(Lang::En, "Networks"), ["network"]);
    }

    #[test]
    fn ascii_folding_leaves_other_scripts_alone() {
        assert_eq!(exact_tokens(Lang::En, "сеть شبكة 电表"), ["сеть", "شبكة", "电表"]);
        assert_eq!(exact_tokens(Lang::Ru, "IP-адрес réseau"), ["ip", "адрес", "reseau"]);
    }

    #[test]
    fn russian_inflections_meet() {
        assert_eq!(stem(Lang::Ru, "сети"), stem(Lang::Ru, "сеть"));
        assert_eq!(stem(Lang::Ru, "Сетью"), stem(Lang::Ru, "сеть"));
        assert_ne!(stem(Lang::Ru, "сеть"), stem(Lang::Ru, "связь"));
    }

    #[test]
    fn russian_yo_folding() {
        assert_eq!(exact_tokens(Lang::Ru, "ёлка"), ["елка"]);
        assert_eq!(stem(Lang::Ru, "Ёлка"), stem(Lang::Ru, "елка"));
    }

    #[test]
    fn arabic_diacritics_do_not_matter() {
        assert_eq!(stem(Lang::Ar, "الشَّبَكَة"), stem(Lang::Ar, "الشبكة"));
        assert_eq!(exact_tokens(Lang::Ar, "الشَّبَكَة"), exact_tokens(Lang::Ar, "الشبكة"));
        assert_eq!(exact_tokens(Lang::Ar, "الشَّبَكَة"), ["الشبكه"]);
    }

    #[test]
    fn arabic_letter_variants() {
        assert_eq!(exact_tokens(Lang::Ar, "أمن"), exact_tokens(Lang::Ar, "امن"));
        assert_eq!(stem(Lang::Ar, "أمن"), stem(Lang::Ar, "امن"));
        assert_eq!(exact_tokens(Lang::Ar, "مكتبة"), exact_tokens(Lang::Ar, "مكتبه"));
        assert_eq!(stem(Lang::Ar, "مكتبة"), stem(Lang::Ar, "مكتبه"));
        assert_eq!(exact_tokens(Lang::Ar, "مستوى"), exact_tokens(Lang::Ar, "مستوي"));
        assert_eq!(stem(Lang::Ar, "مستوى"), stem(Lang::Ar, "مستوي"));
    }

    #[test]
    fn arabic_article_is_stemmed_away() {
        assert_eq!(stem(Lang::Ar, "الشبكة"), stem(Lang::Ar, "شبكة"));
        assert_eq!(stem(Lang::Ar, "والشبكة"), stem(Lang::Ar, "شبكة"));
        assert_ne!(stem(Lang::Ar, "شبكة"), stem(Lang::Ar, "أمن"));
        // The exact field keeps the article.
        assert_ne!(exact_tokens(Lang::Ar, "الشبكة"), exact_tokens(Lang::Ar, "شبكة"));
    }

    #[test]
    fn chinese_bigrams() {
        let smart_meter = stem(Lang::Zh, "智能电表");
        assert!(smart_meter.contains(&"电表".to_string()), "{smart_meter:?}");
        assert_eq!(stem(Lang::Zh, "国际标准化组织"), ["国际", "际标", "标准", "准化", "化组", "组织"]);
        assert_eq!(exact_tokens(Lang::Zh, "智能电表"), ["智", "能", "电", "表"]);
    }

    #[test]
    fn chinese_mixed_and_full_width() {
        assert_eq!(stem(Lang::Zh, "IP地址"), ["ip", "地址"]);
        assert_eq!(stem(Lang::Zh, "ＩＰ地址"), ["ip", "地址"]);
        assert_eq!(stem(Lang::Zh, "５Ｇ网络"), ["5g", "网络"]);
        assert_eq!(stem(Lang::Zh, "（智能电表）；"), ["智能", "能电", "电表"]);
    }

    #[test]
    fn abbreviations_are_case_insensitive() {
        assert_eq!(abbrev("MDMS"), abbrev("mdms"));
        assert_eq!(abbrev("MDMS"), ["mdms"]);
        assert_eq!(abbrev("DR"), ["dr"]);
        assert_eq!(abbrev("IoT"), ["iot"]);
        assert_eq!(abbrev("5G"), ["5g"]);
        assert_eq!(abbrev("E-UTRAN"), abbrev("e-utran"));
        assert_eq!(abbrev("E-UTRAN"), ["e", "utran"]);
        assert_eq!(abbrev("ＭＤＭＳ"), ["mdms"]);
    }

    #[test]
    fn analyze_pairs_exact_and_stemmed_words() {
        let words = analyze(Lang::En, "Smart Meters, metering");
        let got: Vec<(&str, &str, usize, usize)> =
            words.iter().map(|w| (w.exact.as_str(), w.stem.as_str(), w.start, w.end)).collect();
        assert_eq!(got, [("smart", "smart", 0, 5), ("meters", "meter", 6, 12), ("metering", "meter", 14, 22)]);
        let zh: Vec<(String, String)> = analyze(Lang::Zh, "电表").into_iter().map(|w| (w.exact, w.stem)).collect();
        assert_eq!(zh, [("电".to_string(), "电表".to_string()), ("表".to_string(), "表".to_string())]);
        assert!(analyze(Lang::Fr, "").is_empty());
    }

    #[test]
    fn long_tokens_are_dropped() {
        let junk = "a".repeat(200);
        assert_eq!(stem(Lang::En, &format!("network {junk} meter")), ["network", "meter"]);
    }

    #[test]
    fn odd_input_never_panics() {
        let huge = "réseau الشَّبَكَة сеть 智能电表 ".repeat(5_000);
        let odd =
            ["", " ", "\u{0301}", "\u{0640}", "\u{064E}\u{0651}", "l'", "\u{200D}", "\u{FEFF}", "，。", "ـــ", &huge];
        let manager = manager();
        for lang in Lang::ALL {
            for text in odd {
                for name in [stemmed(lang), exact(lang), ABBREV] {
                    for token in tokens(&manager, name, text) {
                        assert!(!token.is_empty(), "{name} gave an empty token for {text:?}");
                    }
                }
            }
        }
        assert!(stem(Lang::Ar, "\u{0640}").is_empty());
    }
}
