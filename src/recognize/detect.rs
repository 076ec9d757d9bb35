//! The language of a text, from its script and, for Latin script, its common words; for
//! `annotate` called without `lang`.

use crate::model::Lang;

/// Frequent short words that tell English, French and Spanish apart.
const COMMON: [(Lang, &[&str]); 3] = [
    (Lang::En, &["the", "of", "and", "to", "is", "in", "that", "for", "with", "which", "by", "are", "be", "this"]),
    (
        Lang::Fr,
        &["le", "la", "les", "des", "et", "du", "est", "une", "dans", "pour", "qui", "par", "au", "aux", "sont"],
    ),
    (Lang::Es, &["el", "los", "las", "y", "del", "es", "una", "en", "para", "que", "por", "con", "al", "son", "se"]),
];

/// The language of `text`, or `None` when it cannot be told (no letters, or a Latin text
/// without enough common words to decide).
pub fn detect_lang(text: &str) -> Option<Lang> {
    let (mut arabic, mut cyrillic, mut han, mut latin) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        match c {
            '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' => {
                arabic += 1
            }
            '\u{0400}'..='\u{052F}' => cyrillic += 1,
            '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{323AF}' => han += 1,
            c if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) => latin += 1,
            _ => {}
        }
    }
    // Han characters carry a word's worth of meaning each: weigh them as three letters.
    let scripts = [(Lang::Ar, arabic), (Lang::Ru, cyrillic), (Lang::Zh, han * 3), (Lang::En, latin)];
    let (lang, count) = scripts.into_iter().max_by_key(|&(_, n)| n)?;
    if count == 0 {
        return None;
    }
    if lang != Lang::En {
        return Some(lang);
    }
    let mut scores = [0usize; 3];
    for word in text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
        let word = word.to_lowercase();
        for (score, (_, words)) in scores.iter_mut().zip(COMMON) {
            if words.contains(&word.as_str()) {
                *score += 1;
            }
        }
    }
    let mut ranked: Vec<(usize, Lang)> = scores.iter().zip(COMMON).map(|(&s, (l, _))| (s, l)).collect();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.0));
    // Decide only on a clear lead: at least two common words and more than the runner-up.
    (ranked[0].0 >= 2 && ranked[0].0 > ranked[1].0).then_some(ranked[0].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_common_words() {
        assert_eq!(detect_lang("الشبكات القادرة على تحمل التأخير"), Some(Lang::Ar));
        assert_eq!(detect_lang("сеть последующего поколения (NGN)"), Some(Lang::Ru));
        assert_eq!(detect_lang("智能电表和需求响应系统 (IP)"), Some(Lang::Zh));
        assert_eq!(
            detect_lang("A plan that enables businesses to continue to operate during a disaster."),
            Some(Lang::En)
        );
        assert_eq!(
            detect_lang("Plan qui permet aux entreprises de continuer de travailler en cas de catastrophe."),
            Some(Lang::Fr)
        );
        assert_eq!(
            detect_lang("Plan que permite a las empresas continuar con sus operaciones durante una catástrofe."),
            Some(Lang::Es)
        );
    }

    #[test]
    fn undecidable() {
        assert_eq!(detect_lang(""), None);
        assert_eq!(detect_lang("123 ,.;"), None);
        assert_eq!(detect_lang("NGN DTN"), None);
    }

    #[test]
    fn e119_versions() {
        for lang in [Lang::En, Lang::Fr, Lang::Es, Lang::Ru, Lang::Ar] {
            let path = format!("{}/tests/fixtures/clause3/E.119-{}.txt", env!("CARGO_MANIFEST_DIR"), lang.code());
            assert_eq!(detect_lang(&std::fs::read_to_string(path).unwrap()), Some(lang));
        }
    }
}
