//! Singular forms a word of running text may have, for the languages whose terms are matched
//! on the normalised word (English, French, Spanish) or on its light stem (Arabic). Terms are stored in their base form;
//! the text side tries the word itself and each form below, so no rule ever merges two base
//! forms of the dictionary (`plane` never becomes `plan`, as a symmetric stemmer would make it).
//! A form that is no term costs one failed probe.

use crate::model::Lang;

/// Calls `push(stem, tail)` with each possible singular form of `word` (already normalised:
/// lower case, accents folded) as a stem and the tail to add to it, without allocating; a
/// form may be the word itself or come twice.
pub(super) fn singulars(lang: Lang, word: &str, mut push: impl FnMut(&str, &str)) {
    let n = word.chars().count();
    match lang {
        Lang::En => {
            // policies → policy
            if let Some(stem) = word.strip_suffix("ies").filter(|_| n > 4) {
                push(stem, "y");
            }
            // addresses, boxes, switches, buses, quizzes → drop `es` after a sibilant
            if let Some(stem) = word.strip_suffix("es").filter(|_| n > 3) {
                if ["s", "x", "z", "ch", "sh"].iter().any(|s| stem.ends_with(s)) {
                    push(stem, "");
                }
            }
            // networks → network (not class, status, analysis)
            if let Some(stem) = word.strip_suffix('s').filter(|_| n > 3) {
                if !["s", "u", "i"].iter().any(|s| stem.ends_with(s)) {
                    push(stem, "");
                }
            }
        }
        Lang::Fr => {
            // canaux → canal; réseaux → réseau; catastrophes → catastrophe
            if let Some(stem) = word.strip_suffix("aux").filter(|_| n > 4) {
                push(stem, "al");
            }
            if let Some(stem) = word.strip_suffix(['s', 'x']).filter(|_| n > 3) {
                push(stem, "");
            }
        }
        Lang::Es => {
            // luces → luz; redes → red; víctimas → víctima
            if let Some(stem) = word.strip_suffix("ces").filter(|_| n > 4) {
                push(stem, "z");
            }
            if let Some(stem) = word.strip_suffix("es").filter(|_| n > 3) {
                push(stem, "");
            }
            if let Some(stem) = word.strip_suffix('s').filter(|_| n > 2) {
                push(stem, "");
            }
        }
        Lang::Ar => {
            // The broken plural فواعل of فاعلة and فاعل, on the light stem: كوارث (الكوارث,
            // disasters) → كارث (الكارثة); قواعد → قاعد. Other broken plurals change the word
            // too much to undo without a dictionary of roots.
            let mut chars = word.chars();
            if let (5, Some(first), Some('و'), Some('ا')) = (n, chars.next(), chars.next(), chars.next()) {
                push(&format!("{first}ا"), chars.as_str());
            }
        }
        Lang::Zh | Lang::Ru => {}
    }
}

/// English abbreviations take a plural `s` (`PDUs`): the form without it, when the `s`
/// follows a capital or a digit.
pub(super) fn abbreviation_singular(lang: Lang, abbreviation: &str) -> Option<&str> {
    let stem = abbreviation.strip_suffix('s')?;
    let last = stem.chars().last()?;
    (lang == Lang::En && (last.is_uppercase() || last.is_ascii_digit())).then_some(stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(lang: Lang, word: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        singulars(lang, word, |stem, tail| {
            let form = format!("{stem}{tail}");
            if form != word && !out.contains(&form) {
                out.push(form);
            }
        });
        out
    }

    #[test]
    fn english() {
        assert!(forms(Lang::En, "policies").contains(&"policy".into()));
        assert!(forms(Lang::En, "addresses").contains(&"address".into()));
        assert!(forms(Lang::En, "switches").contains(&"switch".into()));
        assert!(forms(Lang::En, "caches").contains(&"cache".into()));
        assert_eq!(forms(Lang::En, "networks"), ["network"]);
        assert!(forms(Lang::En, "planes").iter().all(|f| f != "plan"));
        assert!(forms(Lang::En, "status").is_empty());
        assert!(forms(Lang::En, "class").is_empty());
        assert!(forms(Lang::En, "gas").is_empty());
    }

    #[test]
    fn french_and_spanish() {
        assert!(forms(Lang::Fr, "reseaux").contains(&"reseau".into()));
        assert!(forms(Lang::Fr, "canaux").contains(&"canal".into()));
        assert!(forms(Lang::Fr, "catastrophes").contains(&"catastrophe".into()));
        assert!(forms(Lang::Es, "redes").contains(&"red".into()));
        assert!(forms(Lang::Es, "luces").contains(&"luz".into()));
        assert!(forms(Lang::Es, "victimas").contains(&"victima".into()));
        assert!(forms(Lang::Ru, "сети").is_empty());
    }

    #[test]
    fn arabic_broken_plural() {
        assert_eq!(forms(Lang::Ar, "كوارث"), ["كارث"]);
        assert_eq!(forms(Lang::Ar, "قواعد"), ["قاعد"]);
        assert!(forms(Lang::Ar, "كارث").is_empty());
        assert!(forms(Lang::Ar, "شبك").is_empty());
    }

    #[test]
    fn abbreviation_plural() {
        assert_eq!(abbreviation_singular(Lang::En, "PDUs"), Some("PDU"));
        assert_eq!(abbreviation_singular(Lang::En, "IoTs"), Some("IoT"));
        assert_eq!(abbreviation_singular(Lang::En, "DNS"), None);
        assert_eq!(abbreviation_singular(Lang::Fr, "PDUs"), None);
        assert_eq!(abbreviation_singular(Lang::En, "s"), None);
    }
}
