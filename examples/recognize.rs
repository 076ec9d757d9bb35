//! Quick in-process measurement of the recognizer's dictionary (not the benchmark):
//! build time and memory for N generated concepts with one term in each of the six
//! languages, annotate time for a 20,000-word text per language with about one known term
//! every ten words, and the time to replace one concept's terms.
//!
//! `cargo run --release --example recognize -- [concepts, default 100000]`; `ANNOTATE_ONLY=1`
//! skips the n-gram comparison and `RUNS=n` sets the annotate runs (`ONLY=en`: of one language; for a profiler, e.g.
//! `perf record --call-graph dwarf`). The benchmark proper is `cargo bench --bench recognize`.

use std::time::{Duration, Instant};

use hexaglot::model::{ConceptId, Lang};
use hexaglot::recognize::{ConceptTerms, Dictionary, Include, Kind, TermEntry, TermStatus, Visibility};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const VOCAB: usize = 60_000;
/// The most frequent words (function words) never start a term, as in the benchmark.
const FUNCTION_WORDS: usize = 300;
const TEXT_WORDS: usize = 20_000;

fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// A deterministic vocabulary of word-like strings in the script of `lang`.
fn vocabulary(lang: Lang) -> Vec<String> {
    let (consonants, vowels): (&[&str], &[&str]) = match lang {
        Lang::En => {
            (&["b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "tr", "st"], &["a", "e", "i", "o", "u"])
        }
        Lang::Fr => (
            &["b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "ch"],
            &["a", "e", "é", "i", "o", "u", "è", "ou"],
        ),
        Lang::Es => (
            &["b", "c", "d", "f", "g", "l", "m", "n", "ñ", "p", "r", "s", "t", "ll"],
            &["a", "e", "i", "o", "u", "á", "ó"],
        ),
        Lang::Ru => {
            (&["б", "в", "г", "д", "к", "л", "м", "н", "п", "р", "с", "т", "ж"], &["а", "е", "и", "о", "у", "я", "ы"])
        }
        Lang::Ar => (&["ب", "ت", "ج", "د", "ر", "س", "ش", "ع", "ق", "ك", "م", "ن", "ح"], &["ا", "و", "ي", ""]),
        Lang::Zh => (&[], &[]),
    };
    let mut rng = StdRng::seed_from_u64(lang as u64 + 1);
    let mut seen = std::collections::HashSet::new();
    let mut words = Vec::with_capacity(VOCAB);
    while words.len() < VOCAB {
        let word: String = if lang == Lang::Zh {
            (0..rng.gen_range(2..=3)).map(|_| char::from_u32(rng.gen_range(0x4E00..0x9FA5)).unwrap_or('中')).collect()
        } else {
            (0..rng.gen_range(2..=4))
                .map(|_| {
                    format!(
                        "{}{}",
                        consonants[rng.gen_range(0..consonants.len())],
                        vowels[rng.gen_range(0..vowels.len())]
                    )
                })
                .collect()
        };
        if seen.insert(word.clone()) {
            words.push(word);
        }
    }
    words
}

/// The term of concept `id` in `lang`: 1 to 5 words as in the benchmark.
fn term(vocab: &[String], lang: Lang, id: u64) -> String {
    let mut rng = StdRng::seed_from_u64(id * 8 + lang as u64);
    let n = match rng.gen_range(0..100) {
        0..=14 => 1,
        15..=54 => 2,
        55..=79 => 3,
        80..=91 => 4,
        _ => 5,
    };
    let words: Vec<&str> = (0..n).map(|_| vocab[rng.gen_range(FUNCTION_WORDS..vocab.len())].as_str()).collect();
    words.join(if lang == Lang::Zh { "" } else { " " })
}

fn concept(vocabs: &[(Lang, Vec<String>)], id: u64) -> ConceptTerms {
    ConceptTerms {
        concept: ConceptId(id as i64),
        entries: vocabs
            .iter()
            .map(|(lang, vocab)| TermEntry {
                lang: *lang,
                text: term(vocab, *lang, id),
                kind: Kind::Term,
                status: TermStatus::Preferred,
                visibility: Visibility::Public,
            })
            .collect(),
    }
}

/// 20,000 words of `lang` with a known term about every ten words; the words between terms
/// are function words mostly, and content words now and then.
fn text(vocab: &[String], lang: Lang, concepts: u64) -> String {
    let mut rng = StdRng::seed_from_u64(99 + lang as u64);
    let sep = if lang == Lang::Zh { "" } else { " " };
    let mut words = Vec::with_capacity(TEXT_WORDS);
    while words.len() < TEXT_WORDS {
        if rng.gen_range(0..10) == 0 {
            words.push(term(vocab, lang, rng.gen_range(1..=concepts)));
        } else if rng.gen_range(0..4) == 0 {
            words.push(vocab[rng.gen_range(FUNCTION_WORDS..vocab.len())].clone());
        } else {
            words.push(vocab[rng.gen_range(0..FUNCTION_WORDS)].clone());
        }
        if rng.gen_range(0..8) == 0 {
            words.push(if lang == Lang::Zh { "，".into() } else { ",".into() });
        }
    }
    words.join(sep)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let n: u64 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let vocabs: Vec<(Lang, Vec<String>)> = Lang::ALL.iter().map(|&l| (l, vocabulary(l))).collect();
    let texts: Vec<(Lang, String)> = vocabs.iter().map(|(l, v)| (*l, text(v, *l, n))).collect();

    let rss_before = rss_kib();
    let t = Instant::now();
    let dictionary = Dictionary::build((1..=n).map(|id| concept(&vocabs, id)));
    let build = t.elapsed();
    let rss_after = rss_kib();
    println!(
        "{n} concepts, {} entries: build {:.1} s, RSS growth {:.0} MiB, dictionary heap {:.0} MiB ({:.0} bytes per entry)",
        dictionary.len(),
        build.as_secs_f64(),
        (rss_after.saturating_sub(rss_before)) as f64 / 1024.0,
        dictionary.heap_bytes() as f64 / 1048576.0,
        dictionary.heap_bytes() as f64 / dictionary.len() as f64,
    );

    for (lang, text) in &texts {
        let runs = std::env::var("RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(5);
        // `ONLY=en`: the other languages once, for a profile of one language.
        let runs = if std::env::var("ONLY").is_ok_and(|o| o != lang.code()) { 1 } else { runs };
        let mut spans = 0;
        let t = Instant::now();
        for _ in 0..runs {
            spans = dictionary.annotate(*lang, text, Include::Public).len();
        }
        let each = t.elapsed() / runs;
        if std::env::var_os("ANNOTATE_ONLY").is_some() {
            println!("{lang}: annotate {:.1} ms, {spans} spans", ms(each));
            continue;
        }
        // The obvious alternative: a whole-term lookup for every n-gram of up to five words
        // (Chinese: eight characters), measured on the first 2,000 words and scaled.
        let sample_words: Vec<&str> =
            if *lang == Lang::Zh { Vec::new() } else { text.split(' ').take(2_000).collect() };
        let sample_chars: Vec<char> = text.chars().take(5_000).collect();
        let t = Instant::now();
        let mut lookups = 0usize;
        if *lang == Lang::Zh {
            for i in 0..sample_chars.len() {
                for n in 1..=8.min(sample_chars.len() - i) {
                    let gram: String = sample_chars[i..i + n].iter().collect();
                    lookups += dictionary.lookup(*lang, &gram).len();
                }
            }
        } else {
            for i in 0..sample_words.len() {
                for n in 1..=5.min(sample_words.len() - i) {
                    lookups += dictionary.lookup(*lang, &sample_words[i..i + n].join(" ")).len();
                }
            }
        }
        let sample_share = if *lang == Lang::Zh {
            sample_chars.len() as f64 / text.chars().count() as f64
        } else {
            sample_words.len() as f64 / text.split(' ').count() as f64
        };
        let naive = t.elapsed().as_secs_f64() / sample_share;
        println!(
            "{lang}: annotate {} chars: {:.1} ms, {spans} spans; n-gram lookups (scaled): {:.0} ms ({lookups} hits in sample), {:.0}x",
            text.chars().count(),
            ms(each),
            naive * 1000.0,
            naive / each.as_secs_f64(),
        );
    }

    let mut dictionary = dictionary;
    completions(&mut dictionary, &vocabs, n);
    let t = Instant::now();
    let changes = 1000;
    for i in 0..changes {
        let mut c = concept(&vocabs, 1 + (i * 7919) % n);
        c.entries[2].text.push_str(" revised");
        dictionary.replace(c);
    }
    println!("replace one concept's terms (6 languages): {:.3} ms", ms(t.elapsed()) / changes as f64);
}

/// The completions (autocomplete, issue 17): their heap and build time, and the time of
/// `Dictionary::complete` (limit 8) for the first 1 to 6 characters of known terms, at
/// their start and at their last word, per language.
fn completions(dictionary: &mut Dictionary, vocabs: &[(Lang, Vec<String>)], n: u64) {
    let t = Instant::now();
    dictionary.rebuild_completions();
    println!(
        "completions: build {:.1} s, heap {:.0} MiB ({:.1} bytes per entry)",
        t.elapsed().as_secs_f64(),
        dictionary.completion_heap_bytes() as f64 / 1048576.0,
        dictionary.completion_heap_bytes() as f64 / dictionary.len() as f64,
    );
    let mut rng = StdRng::seed_from_u64(17);
    let mut all = Vec::new();
    for (lang, vocab) in vocabs {
        let mut times = Vec::new();
        let mut found = 0;
        for _ in 0..2_000 {
            let term = term(vocab, *lang, rng.gen_range(1..=n));
            let from = if rng.gen_bool(0.5) { 0 } else { term.rfind(' ').map_or(0, |i| i + 1) };
            let typed: String = term[from..].chars().take(rng.gen_range(1..=6)).collect();
            let t = Instant::now();
            found += dictionary.complete(Some(*lang), &typed, true, 8).len();
            times.push(t.elapsed());
        }
        times.sort();
        println!(
            "{lang}: complete p50 {:.1} µs, p99 {:.1} µs ({:.1} completions a prefix)",
            times[times.len() / 2].as_secs_f64() * 1e6,
            times[times.len() * 99 / 100].as_secs_f64() * 1e6,
            found as f64 / times.len() as f64
        );
        all.extend(times);
    }
    let mut times = Vec::new();
    for _ in 0..2_000 {
        let (lang, vocab) = &vocabs[rng.gen_range(0..vocabs.len())];
        let typed: String = term(vocab, *lang, rng.gen_range(1..=n)).chars().take(rng.gen_range(1..=6)).collect();
        let t = Instant::now();
        dictionary.complete(None, &typed, true, 8);
        times.push(t.elapsed());
    }
    times.sort();
    all.sort();
    println!(
        "all languages: complete p50 {:.1} µs, p99 {:.1} µs; every language at once (lang None): p50 {:.1} µs, p99 {:.1} µs",
        all[all.len() / 2].as_secs_f64() * 1e6,
        all[all.len() * 99 / 100].as_secs_f64() * 1e6,
        times[times.len() / 2].as_secs_f64() * 1e6,
        times[times.len() * 99 / 100].as_secs_f64() * 1e6,
    );
}
