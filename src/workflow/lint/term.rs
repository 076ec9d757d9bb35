//! The term itself: B-entry (no colon, reference or abbreviation typed into the term) and
//! B-lowercase.

use super::text::{excerpt, is_hyphen};
use super::{Out, F_TERM, R_ENTRY, R_LOWERCASE};

#[rustfmt::skip]
const PROPER_NOUNS: &[&str] = &[
    "Internet", "Web", "Ethernet", "Bluetooth", "Wi-Fi", "Zigbee", "Unicode", "Java", "Linux",
    "Android", "Huffman", "Fourier", "Gauss", "Gaussian", "Rayleigh", "Raman", "Brillouin",
    "Doppler", "Bragg", "Poisson", "Markov", "Markovian", "Erlang", "Nyquist", "Shannon", "Hamming",
    "Reed", "Viterbi", "Boolean", "Euclidean", "Cartesian", "Kerr", "Fabry", "Mach", "Hilbert",
    "Laplace", "Bayes", "Bayesian", "Lagrange", "Kalman", "Wiener", "Rician", "Golay", "Galois",
    "Walsh", "Hadamard", "Fresnel", "Snell", "Stokes", "Bessel", "Diffie", "Merkle", "Lempel",
    "Euler", "Planck", "Kelvin", "Celsius", "Greenwich", "Morse", "Braille", "Earth", "Moon", "Sun",
    "Europe", "European", "Africa", "African", "America", "American", "Asia", "Arab", "Arabic",
    "Chinese", "English", "French", "Russian", "Spanish", "Latin", "Cyrillic", "Greek", "Gregorian",
    "Lambertian", "Mie", "Jones", "Mueller", "Turing", "Ohm", "Joule",
];

/// "IP", "QoS", "IoT", "ITU-T", "X.509", "A-law", "H.264", "X".
fn is_acronym_like(word: &str) -> bool {
    let upper = word.chars().filter(|c| c.is_uppercase()).count();
    if upper >= 2 {
        return true;
    }
    let first = word.split(|c: char| is_hyphen(c) || c == '.' || c == '/').next().unwrap_or("");
    let mut chars = first.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

fn is_proper_noun(word: &str) -> bool {
    let w = word.trim_end_matches(|c: char| !c.is_alphanumeric()).trim_end_matches("'s").trim_end_matches("\u{2019}s");
    let first_part = w.split(is_hyphen).next().unwrap_or(w);
    PROPER_NOUNS.contains(&w) || PROPER_NOUNS.contains(&first_part)
}

fn lowercase_suggestion(term: &str) -> String {
    term.split(' ')
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(c) if c.is_uppercase() && !is_acronym_like(w) && !is_proper_noun(w) => {
                    c.to_lowercase().chain(chars).collect()
                }
                _ => w.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn check_terms(terms: &[&str], out: &mut Out) {
    if terms.is_empty() {
        out.error(R_ENTRY, F_TERM, "the entry has no term".into());
        return;
    }
    let reference_re = regex!(r"\[[^\]]*\]");
    let abbreviation_re = regex!(r"\(\s*([^()]*\p{Lu}[^()]*)\)\s*(?:\[[^\]]*\]\s*)?:?$");
    for &term in terms {
        if term.ends_with(':') {
            out.error(
                R_ENTRY,
                F_TERM,
                format!(
                    "the term \"{}\" ends with a colon; the colon only separates the term from the definition in the entry, so leave it out",
                    excerpt(term, 60)
                ),
            );
        }
        if let Some(m) = reference_re.find(term) {
            out.warn(
                R_ENTRY,
                F_TERM,
                format!(
                    "the term contains the reference \"{}\"; enter it in the reference field",
                    excerpt(m.as_str(), 60)
                ),
            );
        }
        if let Some(c) = abbreviation_re.captures(term) {
            out.warn(
                R_ENTRY,
                F_TERM,
                format!(
                    "the term contains the abbreviation \"({})\"; enter it in the abbreviation field",
                    excerpt(&c[1], 30)
                ),
            );
        }
        let first_word = term.split_whitespace().next().unwrap_or("");
        let starts_upper = first_word.chars().next().is_some_and(char::is_uppercase);
        if starts_upper && !is_acronym_like(first_word) && !is_proper_noun(first_word) {
            out.warn(
                R_LOWERCASE,
                F_TERM,
                format!(
                    "the term \"{}\" starts with an upper-case letter (\"{}\"); terms begin with a lower-case letter (\"{}\") unless the first word is an acronym or a proper noun",
                    excerpt(term, 60),
                    excerpt(first_word, 30),
                    excerpt(&lowercase_suggestion(term), 60)
                ),
            );
        }
    }
}
