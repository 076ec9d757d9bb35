//! Russian case endings, removed from every word of a term and of a text alike.
//!
//! Snowball's Russian stemmer (the search's) also removes verb and participle suffixes:
//! `пострадать` (to suffer) and `пострадавший` (victim) both become `пострада`, so a verb
//! would be marked as the term. Here only the inflectional endings of nouns and adjectives
//! are removed (the longest that leaves two letters): `Германией`, `Германия` → `герман`;
//! `километров`, `километр` → `километр`; `пострадавших` → `пострадавш`, `пострадать` →
//! `пострадат`.

/// Noun and adjective endings, longest first.
const ENDINGS: [&str; 51] = [
    "иями", "ями", "ами", "иях", "иям", "ией", "ием", "ого", "его", "ому", "ему", "ыми", "ими", "ам", "ям", "ах", "ях",
    "ов", "ев", "ей", "ой", "ом", "ем", "ий", "ый", "ая", "яя", "ое", "ее", "ые", "ие", "ых", "их", "ым", "им", "ую",
    "юю", "ия", "ии", "ию", "ье", "ья", "ью", "ьи", "а", "я", "о", "е", "ь", "ы", "и",
];

/// The word without its case ending (`word` normalised: lower case, `ё` folded).
pub(super) fn stem(word: &str) -> &str {
    let letters = word.chars().count();
    for ending in ENDINGS {
        if let Some(stem) = word.strip_suffix(ending) {
            if letters - ending.chars().count() >= 2 {
                return stem;
            }
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_forms_meet() {
        for (forms, expected) in [
            (&["германия", "германией", "германии", "германию"][..], "герман"),
            (&["япония", "японии", "японией"][..], "япон"),
            (&["километр", "километров", "километрами", "километре"][..], "километр"),
            (&["сеть", "сети", "сетях", "сетью", "сетям"][..], "сет"),
            (&["бедствие", "бедствия", "бедствиях", "бедствием"][..], "бедств"),
            (&["последующего", "последующий", "последующее", "последующими"][..], "последующ"),
        ] {
            for form in forms {
                assert_eq!(stem(form), expected, "{form}");
            }
        }
    }

    #[test]
    fn verbs_stay_apart_from_participles() {
        assert_eq!(stem("пострадавший"), stem("пострадавших"));
        assert_ne!(stem("пострадать"), stem("пострадавший"));
    }

    #[test]
    fn short_words_and_other_scripts() {
        assert_eq!(stem("к"), "к");
        assert_eq!(stem("их"), "их");
        assert_eq!(stem("при"), "пр");
        assert_eq!(stem("ip"), "ip");
        assert_eq!(stem(""), "");
    }
}
