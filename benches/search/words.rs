//! Real per-language word lists and Zipf sampling over them.
//!
//! * ar, en, es, fr, ru: Debian's hunspell dictionaries (`/usr/share/hunspell/*.dic`),
//!   affix flags stripped, lower-case alphabetic stems of 2..=20 letters. They
//!   carry no frequencies, so ranks are a fixed-seed shuffle of the list.
//! * zh: there is no hunspell dictionary. We use the word list of Debian's
//!   `python3-jieba` (`jieba/dict.txt`, ~350k words with corpus frequencies):
//!   all-Han words of 2..=4 characters, ranked by their real frequency. If it
//!   is not installed we fall back to the most frequent 2..=4-character Han
//!   n-grams of the project's seed texts (`tests/fixtures/seeds/*.txt`).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use hexaglot::model::Lang;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Words kept per language (the Zipf vocabulary size).
pub const VOCAB: usize = 60_000;

pub const HUNSPELL_DIR: &str = "/usr/share/hunspell";
pub const JIEBA_DICT: &str = "/usr/lib/python3/dist-packages/jieba/dict.txt";

pub fn hunspell_file(lang: Lang) -> Option<&'static str> {
    match lang {
        Lang::Ar => Some("ar.dic"),
        Lang::En => Some("en_US.dic"),
        Lang::Es => Some("es_ES.dic"),
        Lang::Fr => Some("fr.dic"),
        Lang::Ru => Some("ru_RU.dic"),
        Lang::Zh => None,
    }
}

/// A word list in rank order (rank 0 = most frequent) with Zipf samplers.
pub struct Vocab {
    pub words: Vec<String>,
    pub source: String,
    /// Definitions: Zipf s=1.0 over every rank (function words at the top).
    def: Zipf,
    /// Terms: content words, Zipf s=0.9 over ranks >= TERM_OFFSET.
    term: Zipf,
}

/// Terms skip the most frequent ranks (the "the/of/de/и" of the list).
pub const TERM_OFFSET: usize = 150;
/// Definition words below this rank are treated as stop words when picking query words.
pub const STOP_RANKS: usize = 300;

struct Zipf {
    cdf: Vec<f64>,
    offset: usize,
}

impl Zipf {
    fn new(n: usize, offset: usize, s: f64) -> Zipf {
        let mut acc = 0.0;
        let cdf = (0..n.saturating_sub(offset))
            .map(|k| {
                acc += 1.0 / ((k + 1) as f64).powf(s);
                acc
            })
            .collect();
        Zipf { cdf, offset }
    }
    fn sample(&self, rng: &mut impl Rng) -> usize {
        let total = *self.cdf.last().unwrap();
        let u = rng.gen::<f64>() * total;
        self.offset + self.cdf.partition_point(|&c| c < u).min(self.cdf.len() - 1)
    }
}

impl Vocab {
    fn new(words: Vec<String>, source: String) -> Vocab {
        let n = words.len();
        Vocab { def: Zipf::new(n, 0, 1.0), term: Zipf::new(n, TERM_OFFSET.min(n / 10), 0.9), words, source }
    }
    pub fn def_word(&self, rng: &mut impl Rng) -> usize {
        self.def.sample(rng)
    }
    pub fn term_word(&self, rng: &mut impl Rng) -> usize {
        self.term.sample(rng)
    }
}

fn keep(w: &str) -> bool {
    let n = w.chars().count();
    (2..=20).contains(&n) && w.chars().all(char::is_alphabetic) && !w.chars().next().is_some_and(char::is_uppercase)
}

fn load_hunspell(path: &Path, seed: u64) -> Result<Vec<String>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    let mut seen = HashSet::new();
    let mut words = Vec::new();
    for line in text.lines().skip(1) {
        let Some(first) = line.split_whitespace().next() else { continue };
        let w = first.split('/').next().unwrap_or("");
        if keep(w) && seen.insert(w.to_string()) {
            words.push(w.to_string());
        }
    }
    if words.len() < 5_000 {
        return Err(format!("{}: only {} usable words", path.display(), words.len()));
    }
    // No frequencies in hunspell: a fixed-seed shuffle decides the ranks.
    words.shuffle(&mut ChaCha8Rng::seed_from_u64(seed));
    words.truncate(VOCAB);
    Ok(words)
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

fn load_jieba(path: &Path) -> Result<Vec<String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut rows: Vec<(u64, &str)> = text
        .lines()
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            let w = it.next()?;
            let f: u64 = it.next()?.parse().ok()?;
            let n = w.chars().count();
            ((2..=4).contains(&n) && w.chars().all(is_han)).then_some((f, w))
        })
        .collect();
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let words: Vec<String> = rows.into_iter().take(VOCAB).map(|(_, w)| w.to_string()).collect();
    if words.len() < 5_000 {
        return Err(format!("{}: only {} usable words", path.display(), words.len()));
    }
    Ok(words)
}

/// Frequent 2..=4-character Han n-grams of the seed texts (fallback for zh).
fn load_seed_ngrams(dir: &Path) -> Result<Vec<String>, String> {
    let mut counts: std::collections::HashMap<String, u32> = Default::default();
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for e in entries.flatten() {
        if e.path().extension().is_some_and(|x| x == "txt") {
            let text = std::fs::read_to_string(e.path()).unwrap_or_default();
            for run in text.split(|c: char| !is_han(c)) {
                let chars: Vec<char> = run.chars().collect();
                for n in 2..=4 {
                    for w in chars.windows(n) {
                        *counts.entry(w.iter().collect()).or_default() += 1;
                    }
                }
            }
        }
    }
    let mut rows: Vec<(u32, String)> = counts.into_iter().filter(|(_, c)| *c >= 3).map(|(w, c)| (c, w)).collect();
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let words: Vec<String> = rows.into_iter().take(VOCAB).map(|(_, w)| w).collect();
    if words.len() < 2_000 {
        return Err(format!("{}: only {} Han n-grams", dir.display(), words.len()));
    }
    Ok(words)
}

/// Loads all six vocabularies, or explains what is missing and how to install it.
pub fn load_all(seeds_dir: &Path) -> Result<Vec<(Lang, Vocab)>, String> {
    let mut out = Vec::new();
    let mut missing = Vec::new();
    for (i, lang) in Lang::ALL.iter().enumerate() {
        let loaded = match hunspell_file(*lang) {
            Some(file) => {
                let p = PathBuf::from(HUNSPELL_DIR).join(file);
                load_hunspell(&p, 0x4845_5841 + i as u64).map(|w| (w, format!("hunspell {}", p.display())))
            }
            None => load_jieba(Path::new(JIEBA_DICT))
                .map(|w| (w, format!("python3-jieba {JIEBA_DICT} (by frequency)")))
                .or_else(|e1| {
                    load_seed_ngrams(seeds_dir)
                        .map(|w| (w, format!("Han n-grams of {} (jieba missing: {e1})", seeds_dir.display())))
                }),
        };
        match loaded {
            Ok((w, src)) => out.push((*lang, Vocab::new(w, src))),
            Err(e) => missing.push(format!("  {lang:?}: {e}")),
        }
    }
    if missing.is_empty() {
        Ok(out)
    } else {
        Err(format!(
            "word lists missing:\n{}\nInstall them with:  sudo bash benches/prepare.sh\n\
             (apt-get install hunspell-en-us hunspell-fr hunspell-es hunspell-ru hunspell-ar python3-jieba)",
            missing.join("\n")
        ))
    }
}
