//! Small per-language word tables. They are only used for things that cannot be seen from the
//! layout: which subclause collects terms defined elsewhere, what a "None." clause says, which
//! words open a note, and which words open a continuation line rather than a term.
//!
//! Matching is done against every table at once (a Russian text may quote an English note), on
//! lower-cased text with Arabic diacritics removed, and by substring/prefix only — never on the
//! exact boilerplate sentence, whose wording varies between editions.

use crate::model::Lang;

use super::text::trim_term;

pub(crate) struct LangPatterns {
    #[allow(dead_code)] // documents which table is which; handy when debugging
    pub lang: Lang,
    /// Words that open a note (`NOTE –`, `NOTE 1 –`, `注 –` ...), lower case.
    pub note_markers: &'static [&'static str],
    /// A whole line that says the clause is empty (trailing period ignored).
    pub none_lines: &'static [&'static str],
    /// Phrases that, anywhere in a short line, say the clause is empty.
    pub none_phrases: &'static [&'static str],
    /// Heading / intro fragments meaning "terms defined elsewhere".
    pub elsewhere: &'static [&'static str],
    /// Heading / intro fragments meaning "terms defined in this Recommendation".
    pub here: &'static [&'static str],
    /// "the following" — marks an intro sentence, never a term.
    pub following: &'static [&'static str],
    /// "terms" — an intro sentence met after entries must speak of terms.
    pub terms: &'static [&'static str],
    /// Words that open an explanatory line (`Example: ...`), never a term.
    pub labels: &'static [&'static str],
    /// Headings that end the clause when they appear on a line of their own.
    pub back_matter: &'static [&'static str],
    /// Fragments of the clause title ("Definitions").
    pub definitions: &'static [&'static str],
}

pub(crate) const TABLES: [LangPatterns; 6] = [
    LangPatterns {
        lang: Lang::En,
        note_markers: &["note"],
        none_lines: &["none", "void", "not applicable"],
        none_phrases: &["intentionally left blank"],
        elsewhere: &["elsewhere", "defined in other", "other documents", "other recommendations", "uses the following"],
        here: &["defined in this", "defined here", "defines the following"],
        following: &["following"],
        terms: &["term"],
        labels: &["example", "examples", "e.g", "i.e", "for example", "where", "see", "source", "note"],
        back_matter: &["annex", "appendix", "bibliography"],
        definitions: &["definition"],
    },
    LangPatterns {
        lang: Lang::Fr,
        note_markers: &["note", "remarque"],
        none_lines: &["aucune", "aucun", "néant", "sans objet"],
        none_phrases: &["laissé intentionnellement en blanc", "intentionnellement laissé en blanc"],
        elsewhere: &[
            "ailleurs",
            "autres documents",
            "autres recommandations",
            "emploie les termes suivants",
            "utilise les termes suivants",
        ],
        here: &["définis dans la présente", "définit les termes", "définit les suivants"],
        following: &["suivant"],
        terms: &["terme"],
        labels: &["exemple", "exemples", "par exemple", "voir", "où", "source"],
        back_matter: &["annexe", "appendice", "bibliographie"],
        definitions: &["définition"],
    },
    LangPatterns {
        lang: Lang::Es,
        note_markers: &["nota"],
        none_lines: &["ninguna", "ninguno", "no hay", "no se aplica"],
        none_phrases: &["intencionalmente en blanco", "intencionadamente en blanco"],
        elsewhere: &[
            "otros documentos",
            "otro lugar",
            "otras recomendaciones",
            "otra parte",
            "se utilizan los siguientes",
            "utiliza los siguientes",
        ],
        here: &["definidos en esta", "definidos en la presente", "se definen los siguientes", "define los siguientes"],
        following: &["siguiente"],
        terms: &["término"],
        labels: &["ejemplo", "ejemplos", "por ejemplo", "véase", "donde", "fuente"],
        back_matter: &["anexo", "apéndice", "bibliografía"],
        definitions: &["definici"],
    },
    LangPatterns {
        lang: Lang::Ru,
        note_markers: &["примечание", "примечания"],
        none_lines: &["нет", "отсутствуют", "отсутствует", "не применяется"],
        none_phrases: &["намеренно оставлен", "преднамеренно оставлен"],
        elsewhere: &[
            "других документах",
            "другом месте",
            "других рекомендациях",
            "используются следующие",
            "использует следующие",
        ],
        here: &["определенные в настоящей", "определённые в настоящей", "определены следующие", "определяет следующие"],
        following: &["следующ"],
        terms: &["термин"],
        labels: &["пример", "примеры", "например", "см.", "где", "источник"],
        back_matter: &["приложение", "дополнение", "библография", "библиография"],
        definitions: &["определени"],
    },
    LangPatterns {
        lang: Lang::Zh,
        note_markers: &["注", "备注"],
        none_lines: &["无", "没有", "無", "不适用"],
        none_phrases: &["有意留空", "特意留空"],
        elsewhere: &["他处", "它处", "其他地方", "其他文件", "别处", "其它地方", "本建议书使用", "本建议书采用"],
        here: &["本建议书定义", "本建议书中定义", "定义了下列", "定义下列", "定义了以下"],
        following: &["下列", "以下"],
        terms: &["术语"],
        labels: &["例如", "示例", "例", "见", "其中", "来源"],
        back_matter: &["附件", "附录", "参考资料"],
        definitions: &["定义"],
    },
    LangPatterns {
        lang: Lang::Ar,
        note_markers: &["ملاحظة", "الملاحظة", "ملاحظات"],
        none_lines: &["لا يوجد", "لا توجد", "لا شيء", "لا ينطبق"],
        none_phrases: &["ترك فارغا", "تركت فارغة"],
        elsewhere: &["وثائق أخرى", "مكان آخر", "أماكن أخرى", "توصيات أخرى", "تستخدم هذه التوصية"],
        here: &["في هذه التوصية", "تعرف هذه التوصية"],
        following: &["التالية"],
        terms: &["المصطلح", "مصطلح"],
        labels: &["مثال", "أمثلة", "انظر"],
        back_matter: &["الملحق", "التذييل", "ببليوغرافيا", "بيبليوغرافيا"],
        definitions: &["تعاريف", "تعريف", "التعاريف"],
    },
];

/// Where the terms of a subclause come from, as far as its heading or intro tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    Elsewhere,
    Here,
    Unknown,
}

/// Lower case, Arabic harakat/shadda and tatweel removed.
pub(crate) fn fold(s: &str) -> String {
    s.chars().filter(|&c| !matches!(c as u32, 0x064B..=0x065F | 0x0670 | 0x0640)).flat_map(char::to_lowercase).collect()
}

fn any_contains(hay: &str, pick: impl Fn(&LangPatterns) -> &'static [&'static str]) -> bool {
    TABLES.iter().any(|t| pick(t).iter().any(|k| hay.contains(k)))
}

/// Classifies a heading or intro sentence. "Elsewhere" wins because the Russian and Arabic
/// "elsewhere" intros also mention "this Recommendation".
pub(crate) fn classify(text: &str) -> Class {
    let f = fold(text);
    if any_contains(&f, |t| t.elsewhere) {
        Class::Elsewhere
    } else if any_contains(&f, |t| t.here) {
        Class::Here
    } else {
        Class::Unknown
    }
}

pub(crate) fn mentions_following(text: &str) -> bool {
    any_contains(&fold(text), |t| t.following)
}

pub(crate) fn mentions_terms(text: &str) -> bool {
    any_contains(&fold(text), |t| t.terms)
}

pub(crate) fn mentions_definitions(text: &str) -> bool {
    any_contains(&fold(text), |t| t.definitions)
}

/// `prefix` is `word` as a whole word (for CJK, only the whole text counts).
fn starts_with_word(text: &str, word: &str) -> bool {
    match text.strip_prefix(word) {
        Some("") => true,
        Some(rest) => rest.chars().next().is_some_and(|c| !c.is_alphabetic()),
        None => false,
    }
}

/// `Example`, `where`, `NOTE`, `例如` ... : such a line explains, it does not define a term.
pub(crate) fn is_label(text: &str) -> bool {
    let f = fold(text.trim());
    TABLES.iter().any(|t| t.labels.iter().chain(t.note_markers).any(|w| starts_with_word(&f, w)))
}

/// A line that says the clause (or subclause) is empty: "None.", "无。", "Aucune." ...
pub(crate) fn is_none_line(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() > 120 {
        return false;
    }
    let bare = fold(&super::text::string(trim_term(&chars)));
    TABLES.iter().any(|t| t.none_lines.iter().any(|w| bare == *w) || t.none_phrases.iter().any(|p| bare.contains(p)))
}

/// "Annex A", "Appendix I", "Bibliography", "附录一" on a line of their own end the clause.
pub(crate) fn is_back_matter(text: &str) -> bool {
    let n = text.chars().count();
    if n > 100 || text.ends_with(['.', '。', ',', ';', ':', '：']) {
        return false;
    }
    let f = fold(text);
    TABLES.iter().any(|t| {
        t.back_matter.iter().any(|w| match f.strip_prefix(w) {
            Some("") => true,
            Some(_) => {
                // look at the original (unfolded) text after the word
                let rest: String = text.chars().skip(w.chars().count()).collect();
                let rest = rest.as_str();
                let c = rest.chars().next();
                // "Annex A", "附录一", "الملحق ألف"; not "annexes of ..." or "Appendix IV of this"
                c.is_some_and(|c| c == ' ' || super::text::is_cjk_ideo(c))
                    && rest.split_whitespace().count() <= 12
                    && !rest.trim_start().starts_with(|c: char| c.is_lowercase())
            }
            None => false,
        })
    })
}

/// Note markers of every table, longest first so that `ملاحظات` wins over `ملاحظة`.
pub(crate) fn note_markers() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = TABLES.iter().flat_map(|t| t.note_markers.iter().copied()).collect();
    v.sort_by_key(|m| std::cmp::Reverse(m.chars().count()));
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_boilerplate() {
        assert_eq!(classify("Terms defined elsewhere"), Class::Elsewhere);
        assert_eq!(classify("Термины, определенные в других документах "), Class::Elsewhere);
        assert_eq!(
            classify("В настоящей Рекомендации используются следующие термины, определенные в других документах:"),
            Class::Elsewhere
        );
        assert_eq!(classify("المصطلحات المعرَّفة في وثائق أخرى"), Class::Elsewhere);
        assert_eq!(classify("المصطلحات المعرفة في هذه التوصية"), Class::Here);
        assert_eq!(classify("他处定义的术语"), Class::Elsewhere);
        assert_eq!(classify("本建议书定义的术语"), Class::Here);
        assert_eq!(classify("Términos definidos en esta Recomendación"), Class::Here);
        assert_eq!(classify("General definitions"), Class::Unknown);
        assert_eq!(
            classify("This Recommendation uses the following terms defined in [ITU-T Y.2001]:"),
            Class::Elsewhere
        );
        assert_eq!(classify("This Recommendation defines the following terms:"), Class::Here);
    }

    #[test]
    fn none_and_labels() {
        assert!(is_none_line("None."));
        assert!(is_none_line("无。"));
        assert!(is_none_line("Aucune."));
        assert!(is_none_line("This clause is intentionally left blank."));
        assert!(!is_none_line("None of the above applies to a widget."));
        assert!(is_label("Example"));
        assert!(is_label("e.g. this"));
        assert!(!is_label("examiner"));
        assert!(is_back_matter("Annex A"));
        assert!(is_back_matter("Bibliography"));
        assert!(!is_back_matter("Appendix IV of this Recommendation."));
    }
}
