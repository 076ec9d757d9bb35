//! Russian spelling folding applied before stemming: `ё` is optional in
//! ordinary Russian writing (`ёлка` = `елка`), so it is folded to `е`.
//! Stress marks used in dictionaries and teaching texts (`се́ть`, `ѐ`, `ѝ`)
//! are removed for the same reason.

use super::map::MapText;

/// Token filter folding `ё`/`Ё` to `е`/`Е` and removing stress marks.
pub const RUSSIAN_FOLD: MapText = MapText(fold_token);

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

fn fold_token(text: &mut String) {
    if let Some(folded) = fold(text) {
        *text = folded;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::analyzers::test_util::texts;
    use crate::search::analyzers::words::WordTokenizer;
    use tantivy::tokenizer::TextAnalyzer;

    fn fold_all(text: &str) -> Vec<String> {
        let mut analyzer = TextAnalyzer::builder(WordTokenizer::default()).filter(RUSSIAN_FOLD).build();
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
