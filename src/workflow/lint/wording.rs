//! Heuristics on the wording of a definition: B-positive, B-one-concept, B-several,
//! B-standalone, B-structure and B-form (warnings only).

use regex::Regex;

use super::text::{excerpt, is_hyphen, quote_list};
use super::{Out, F_DEF, R_FORM, R_ONE_CONCEPT, R_POSITIVE, R_SEVERAL, R_STANDALONE, R_STRUCTURE};

// ---------------------------------------------------------------------------------------------
// B-positive

#[rustfmt::skip]
const POSITIVE_NON_WORDS: &[&str] = &[
    "negative", "positive", "zero", "empty", "linear", "volatile", "repudiation",
];

pub(super) fn check_positive(def: &str, terms: &[&str], out: &mut Out) {
    let in_term = |word: &str| {
        let word: String = word.chars().map(|c| if is_hyphen(c) { '-' } else { c }).collect();
        terms.iter().any(|t| {
            let t: String = t.to_lowercase().chars().map(|c| if is_hyphen(c) { '-' } else { c }).collect();
            t.contains(&word)
        })
    };
    let re = regex!(
        r"(?i)\b(?:(?:does|do|did|is|are|was|were|has|have|had|can|could|shall|should|will|would|may|might|must|need)\s+not|not|cannot|(?:can|doesn|don|isn|aren|won|wasn|weren|shouldn|mustn)['’]t|never|neither|nor|none|nothing|no(?:\s+longer)?|other\s+than|non[-\u{2010}\u{2011}]\p{L}+)\b"
    );
    let mut words: Vec<String> = Vec::new();
    let number_after = regex!(r"^\.\s*\d");
    let only_after = regex!(r"(?i)^\s+only\b");
    for m in re.find_iter(def) {
        let text = m.as_str().split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        let after = &def[m.end()..];
        if text == "no" && number_after.is_match(after) {
            continue; // "No. 7"
        }
        if text == "not" && only_after.is_match(after) {
            continue; // "not only ... but also"
        }
        if let Some(rest) = text.strip_prefix("non") {
            let rest: String = rest.chars().skip(1).collect();
            if POSITIVE_NON_WORDS.contains(&rest.as_str()) || in_term(&text) {
                continue;
            }
        }
        if !words.contains(&text) {
            words.push(text);
        }
    }
    if !words.is_empty() {
        out.warn(
            R_POSITIVE,
            F_DEF,
            format!(
                "the definition uses negative wording ({}); definitions must be positive: say what the concept is rather than what it is not",
                quote_list(&words)
            ),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// B-one-concept, B-several

#[rustfmt::skip]
const ABBREVIATIONS_WITH_PERIOD: &[&str] = &[
    "e.g", "i.e", "cf", "no", "nos", "fig", "figs", "vs", "approx", "ref", "refs", "rec", "recs",
    "vol", "pp", "p", "sec", "eq", "eqs", "al", "ed", "eds", "viz", "resp", "incl", "art", "para",
    "ch", "op", "max", "min", "dr", "mr", "ms", "st",
];

fn is_period_abbreviation(word: &str) -> bool {
    let w = word.trim_start_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    if ABBREVIATIONS_WITH_PERIOD.contains(&w.as_str()) {
        return true;
    }
    if w.chars().count() == 1 && w.chars().all(char::is_alphabetic) {
        return true; // an initial
    }
    // "U.S", "a.m": short letter groups joined by periods
    w.contains('.')
        && w.split('.').all(|p| !p.is_empty() && p.chars().count() <= 2 && p.chars().all(char::is_alphabetic))
}

fn sentences(def: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let end_re = regex!(r#"[.!?]["'”’)\]]*\s+"#);
    for para in def.split(['\n', '\r']) {
        let para = para.trim();
        if para.is_empty() {
            continue;
        }
        let mut start = 0;
        for m in end_re.find_iter(para) {
            let next = para[m.end()..].chars().next();
            let starts_sentence =
                next.is_some_and(|c| c.is_uppercase() || c.is_numeric() || matches!(c, '"' | '“' | '('));
            if !starts_sentence || m.start() < start {
                continue;
            }
            let last_word = para[start..m.start()].rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
            if para[m.start()..].starts_with('.') && is_period_abbreviation(last_word) {
                continue;
            }
            let sentence = para[start..m.end()].trim();
            if !sentence.is_empty() {
                out.push(sentence);
            }
            start = m.end();
        }
        let rest = para[start..].trim();
        if !rest.is_empty() {
            out.push(rest);
        }
    }
    out
}

pub(super) fn check_one_concept(def: &str, out: &mut Out) {
    let sentences = sentences(def);
    if sentences.len() > 1 {
        out.warn(
            R_ONE_CONCEPT,
            F_DEF,
            format!(
                "the definition has {} sentences; a definition describes one concept in one sentence: move the extra material (from \"{}\") to a note, or separate several explanations of the term with semicolons",
                sentences.len(),
                excerpt(sentences[1], 50)
            ),
        );
    }
}

pub(super) fn check_several(def: &str, out: &mut Out) {
    if def.contains(';') {
        return; // several explanations separated with semicolons, as B-several asks
    }
    let re = regex!(r"(?:^|\s)(\(?(?:\d{1,2}|[a-h]|i{1,3}|iv|vi{0,3})\))\s+\S");
    let markers: Vec<String> = re.captures_iter(def).map(|c| c[1].to_string()).collect();
    let numbered = regex!(r"(?m)^\s*\d{1,2}\.\s+\S").find_iter(def).count();
    if markers.len() >= 2 || numbered >= 2 {
        let shown = if markers.len() >= 2 {
            format!(" ({})", quote_list(&markers[..markers.len().min(3)]))
        } else {
            String::new()
        };
        out.warn(
            R_SEVERAL,
            F_DEF,
            format!(
                "the definition enumerates several explanations{shown}; separate several explanations of one term with semicolons"
            ),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// B-standalone

pub(super) fn check_standalone(def: &str, out: &mut Out) {
    let patterns: [&Regex; 6] = [
        regex!(
            r"(?i)\b(?:this|the\s+present|present)\s+(?:Recommendation|International\s+Standard|Standard|document|specification|Supplement|subclause|clause|annex|appendix|Technical\s+Report|Technical\s+Paper|report)\b"
        ),
        regex!(
            r"(?i)\bsee\s+(?:also\s+)?(?:clause|subclause|section|annex|appendix|figure|table|equation|note|paragraph|above|below)\b"
        ),
        regex!(
            r"(?i)\b(?:clause|subclause|annex|appendix|figure|table|equation)\s+(?-i:[A-Z]\b|[IVX]+\b|\d+(?:[.\-]\d+)*)"
        ),
        regex!(
            r"(?i)\b(?:as\s+)?(?:defined|described|specified|shown|given|explained|mentioned|listed|illustrated)\s+(?:above|below|earlier|later|previously|hereafter|herein)\b"
        ),
        regex!(r"(?i)\b(?:above|below)[-\s]mentioned\b|\baforementioned\b|\bhereinafter\b"),
        regex!(
            r"(?i)\bas\s+follows\b|\bthe\s+following\s*:|\bthe\s+(?:following|preceding|previous|next)\s+(?:clause|subclause|section|equation|formula|figure|table|list|paragraph|definition)s?\b"
        ),
    ];
    let external = regex!(r"(?i)^\s*(?:of|in)\s+(?:\[|ITU|Rec|ISO|IEC|IETF|RFC|ETSI|IEEE|3GPP|the\s+ITU|b-)");
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for (i, re) in patterns.iter().enumerate() {
        for m in re.find_iter(def) {
            if i == 2 && external.is_match(&def[m.end()..]) {
                continue; // "clause 6.1 of [b-ITU-T G.Sup.47]" points to another document
            }
            if spans.iter().all(|&(s, e)| m.end() <= s || m.start() >= e) {
                spans.push((m.start(), m.end()));
            }
        }
    }
    if spans.is_empty() {
        return;
    }
    spans.sort_unstable();
    let found: Vec<String> = spans.iter().map(|&(s, e)| excerpt(&def[s..e], 40)).collect();
    out.warn(
        R_STANDALONE,
        F_DEF,
        format!(
            "the definition refers to other parts of the document ({}); a definition must be understandable on its own",
            quote_list(&found)
        ),
    );
}

// ---------------------------------------------------------------------------------------------
// B-structure, B-form

pub(super) fn check_structure_and_form(def: &str, terms: &[&str], out: &mut Out) {
    let def = def.trim_start_matches(|c: char| !c.is_alphanumeric());
    let condition =
        regex!(r"(?i)^(?:when|whenever|if|where|since|because|although|unless|in\s+case)\b(?:\s+[\p{L}\p{N}]+)?");
    if let Some(m) = condition.find(def) {
        out.warn(
            R_STRUCTURE,
            F_DEF,
            format!(
                "the definition starts with a condition (\"{}\"); start with the class of object the term belongs to, then its distinguishing characteristics",
                m.as_str()
            ),
        );
    }
    let about_word = regex!(
        r#"(?i)^(?:(?:an?|the)\s+)?(?:term|word|expression|phrase|acronym|abbreviation)\s+(?:that|which|used|for|given|describing|denoting|referring|meaning)\b|^(?:the|this)\s+(?:term|word|expression|phrase)\s+["“‘']?[\p{L}\p{N}\- ]{1,40}?["”’']?\s+(?:is|shall|means|refers|denotes|describes|designates|stands)\b"#
    );
    if let Some(m) = about_word.find(def) {
        out.warn(
            R_STRUCTURE,
            F_DEF,
            format!(
                "the definition describes the word (\"{}\") rather than the concept; state the class of object and its distinguishing characteristics",
                excerpt(m.as_str(), 50)
            ),
        );
    }
    let pointer = regex!(
        r"(?i)^(?:same\s+as|see|identical\s+to|synonym\s+(?:of|for)|equivalent\s+to|another\s+(?:name|term)\s+for|abbreviation\s+(?:of|for))\b(?:\s+[\p{L}\p{N}]+)?"
    );
    if let Some(m) = pointer.find(def) {
        out.warn(
            R_STRUCTURE,
            F_DEF,
            format!(
                "the definition points to another term (\"{}\") instead of defining the concept; record the term as a synonym of that entry, or give a full definition",
                m.as_str()
            ),
        );
    }

    let verb_term = terms.first().is_some_and(|t| t.to_lowercase().starts_with("to "));
    let pronoun = regex!(
        r"(?i)^(?:it|this|that|they|these)\s+(?:is|are|was|means|refers|describes|denotes|represents|indicates)\b(?:\s+[\p{L}\p{N}]+)?"
    );
    let verb = regex!(
        r"(?i)^(?:is|are|was|were|means|refers|describes|defines|denotes|represents|signifies|indicates|allows|enables|provides|performs|specifies|contains|consists|includes|identifies|ensures|used)\b(?:\s+[\p{L}\p{N}]+)?"
    );
    let infinitive = regex!(r"(?i)^to\s+\p{L}+");
    let m = pronoun.find(def).or_else(|| verb.find(def)).or_else(|| infinitive.find(def).filter(|_| !verb_term));
    if let Some(m) = m.map(|m| m.as_str()) {
        out.warn(
            R_FORM,
            F_DEF,
            format!(
                "the definition starts with a verb form (\"{m}\"); for a noun term give a noun phrase starting with the class of object, e.g. \"A device that …\""
            ),
        );
    }
}
