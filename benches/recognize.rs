//! The recognizer (issue 15): for each of the six languages, annotate a 20,000-word text
//! generated like the search benchmark's definitions, with about one known term every ten
//! words, against the generated 100k (and 1M) concept sets; beside it, in the same run, the
//! obvious alternative: an equivalents lookup ([`Dictionary::lookup`], then
//! [`Dictionary::entries_of`] for a hit) of every word n-gram of up to five words (Chinese:
//! every character n-gram of up to eight). Also the dictionary's build time from scratch,
//! its RSS growth, and the time to apply one change ([`Dictionary::replace`]).
//!
//! The concepts, word lists and definition-like wording are the search benchmark's
//! (`benches/search/{gen,words}.rs`, same seed): install the word lists once with
//! `sudo bash benches/prepare.sh`.
//!
//! `cargo bench --bench recognize` (100k, about a minute);
//! `cargo bench --bench recognize -- --sizes 100k,1m` (1M: about 4 GB of free memory and a
//! few minutes). `--runs N`: annotate runs per language (median reported; default 5).
//! Reports go to `$CARGO_TARGET_DIR/bench/recognize-<size>.json`.

#[allow(dead_code)]
#[path = "search/gen.rs"]
mod gen;
#[allow(dead_code)]
#[path = "search/words.rs"]
mod words;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use hexaglot::model::{ConceptId, Lang};
use hexaglot::recognize::{ConceptTerms, Dictionary, Include, Kind, TermEntry, TermStatus, Visibility};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use gen::Generator;
use words::Vocab;

const TEXT_WORDS: usize = 20_000;
/// Known terms kept per language to write the texts with.
const SAMPLE: usize = 5_000;
/// Targets of issue 15, at 1M concepts.
const TARGET_MS: f64 = 50.0;
const TARGET_RATIO: f64 = 10.0;
const TARGET_RSS_MIB: f64 = 300.0;
/// Replacements timed for the change figure.
const CHANGES: u64 = 1_000;
/// Issue 16's CAT-tool lookup: a batch of segments of about 30 words (Chinese: 45
/// characters), each annotated with the equivalents of what it holds, ≤ 5 ms a segment.
const SEGMENT_WORDS: usize = 30;
const SEGMENTS: usize = 500;
const TARGET_SEGMENT_MS: f64 = 5.0;

/// The first [`SEGMENTS`] segments of `text`, as a CAT tool cuts a document.
fn segments(lang: Lang, text: &str) -> Vec<String> {
    let out: Vec<String> = if lang == Lang::Zh {
        let chars: Vec<char> = text.chars().collect();
        chars.chunks(SEGMENT_WORDS * 3 / 2).map(|c| c.iter().collect()).collect()
    } else {
        let words: Vec<&str> = text.split(' ').collect();
        words.chunks(SEGMENT_WORDS).map(|w| w.join(" ")).collect()
    };
    out.into_iter().take(SEGMENTS).collect()
}

/// What `POST /api/v1/lookup` does with one batch: each segment annotated, and the
/// equivalents (every entry of the span's first concept) read for each span.
fn lookup_batch(dictionary: &Dictionary, lang: Lang, batch: &[String]) -> usize {
    let mut entries = 0;
    for segment in batch {
        for span in dictionary.annotate(lang, segment, Include::Public) {
            entries += dictionary.entries_of(span.concepts[0]).len();
        }
    }
    entries
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

fn rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0.0);
    kib / 1024.0
}

/// CPU time of this thread (Linux's `/proc/thread-self/schedstat`, nanoseconds on a core):
/// on a shared machine, the work done, not the waits for a core.
fn thread_cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    Duration::from_nanos(stat.split_whitespace().next().and_then(|n| n.parse().ok()).unwrap_or(0))
}

/// Wall and thread CPU time of `f`.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration, Duration) {
    let (wall, cpu) = (Instant::now(), thread_cpu());
    let out = f();
    (out, wall.elapsed(), thread_cpu() - cpu)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn parse_size(s: &str) -> Option<u64> {
    let s = s.trim().to_ascii_lowercase();
    if let Some(k) = s.strip_suffix('k') {
        k.parse::<u64>().ok().map(|n| n * 1_000)
    } else if let Some(m) = s.strip_suffix('m') {
        m.parse::<u64>().ok().map(|n| n * 1_000_000)
    } else {
        s.parse().ok()
    }
}

/// The entries of a generated concept: its preferred term in each language.
fn concept_terms(id: u64, c: &gen::GenConcept) -> ConceptTerms {
    ConceptTerms {
        concept: ConceptId(id as i64),
        entries: c
            .sections
            .iter()
            .map(|s| TermEntry {
                lang: s.lang,
                text: s.term.clone(),
                kind: Kind::Term,
                status: TermStatus::Preferred,
                visibility: Visibility::Public,
            })
            .collect(),
    }
}

/// A text of `TEXT_WORDS` words in `lang` written like the generator's definitions (Zipf over
/// the whole word list, a comma every 5-9 words, a full stop every 10-40), with a known term
/// (drawn from `terms`) in place of about one word in ten.
fn text(lang: Lang, vocab: &Vocab, terms: &[(String, usize)], rng: &mut ChaCha8Rng) -> String {
    let (comma, stop, space) = match lang {
        Lang::Zh => ("，", "。", ""),
        Lang::Ar => ("،", ".", " "),
        _ => (",", ".", " "),
    };
    let mut out = String::new();
    let (mut words, mut since_comma, mut since_stop) = (0, 0, 0);
    let (mut next_comma, mut next_stop) = (rng.gen_range(5..=9), rng.gen_range(10..=40));
    while words < TEXT_WORDS {
        if words > 0 {
            out.push_str(space);
        }
        if rng.gen_range(0..10) == 0 {
            let (term, n) = &terms[rng.gen_range(0..terms.len())];
            out.push_str(term);
            words += n;
        } else {
            out.push_str(&vocab.words[vocab.def_word(rng)]);
            words += 1;
        }
        since_comma += 1;
        since_stop += 1;
        if since_stop >= next_stop {
            out.push_str(stop);
            since_stop = 0;
            since_comma = 0;
            next_stop = rng.gen_range(10..=40);
        } else if since_comma >= next_comma {
            out.push_str(comma);
            since_comma = 0;
            next_comma = rng.gen_range(5..=9);
        }
    }
    out
}

/// The obvious alternative: every n-gram looked up as a whole term, and a hit's equivalents
/// read. Returns the time and the number of hits.
fn ngram_lookups(d: &Dictionary, lang: Lang, text: &str) -> (Duration, usize) {
    let t = Instant::now();
    let mut hits = 0;
    let mut look = |gram: &str| {
        for e in d.lookup(lang, gram) {
            hits += 1;
            std::hint::black_box(d.entries_of(e.concept));
        }
    };
    if lang == Lang::Zh {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        for i in 0..chars.len() {
            for n in 1..=8.min(chars.len() - i) {
                let end = chars.get(i + n).map_or(text.len(), |&(b, _)| b);
                look(&text[chars[i].0..end]);
            }
        }
    } else {
        let words: Vec<(usize, usize)> = text
            .split(' ')
            .scan(0, |at, w| {
                let start = *at;
                *at += w.len() + 1;
                Some((start, start + w.len()))
            })
            .filter(|&(s, e)| s < e)
            .collect();
        for i in 0..words.len() {
            for n in 1..=5.min(words.len() - i) {
                look(&text[words[i].0..words[i + n - 1].1]);
            }
        }
    }
    (t.elapsed(), hits)
}

#[derive(Serialize)]
struct LangReport {
    lang: &'static str,
    chars: usize,
    spans: usize,
    /// Thread CPU time (mean of the runs); `_wall_ms`: wall clock (median).
    annotate_ms: f64,
    annotate_wall_ms: f64,
    /// Thread CPU time of annotate plus each span's text and term as owned strings (what an
    /// answer in JSON needs; the spans themselves own none), mean of the runs.
    annotate_owned_ms: f64,
    alternative_ms: f64,
    alternative_wall_ms: f64,
    alternative_hits: usize,
    ratio: f64,
    /// `alternative_ms / annotate_owned_ms`.
    ratio_owned: f64,
    /// A lookup batch of [`SEGMENTS`] segments: thread CPU ms per segment (mean of the runs).
    lookup_segment_ms: f64,
}

#[derive(Serialize)]
struct Report {
    concepts: u64,
    entries: usize,
    build_s: f64,
    rss_growth_mib: f64,
    heap_mib: f64,
    change_ms: f64,
    runs: usize,
    langs: Vec<LangReport>,
    targets_at_1m: serde_json::Value,
}

fn run(size: u64, vocabs: &[(Lang, Vocab)], runs: usize) -> Report {
    println!("\n== {size} concepts ==");
    // Build from scratch, streaming from the generator; its own time is left out.
    let mut generator = Generator::new(vocabs);
    let mut rng = ChaCha8Rng::seed_from_u64(gen::SEED ^ 15);
    let mut samples: Vec<Vec<(String, usize)>> = vec![Vec::new(); vocabs.len()];
    let mut generating = Duration::ZERO;
    let rss_before = rss_mib();
    let t = Instant::now();
    let concepts = (1..=size).map(|id| {
        let g = Instant::now();
        let c = generator.next_concept();
        // Reservoir sample of known terms per language, for the texts.
        for (sample, s) in samples.iter_mut().zip(&c.sections) {
            let known = (s.term.clone(), s.term_words.len());
            if sample.len() < SAMPLE {
                sample.push(known);
            } else {
                let j = rng.gen_range(0..id as usize);
                if j < SAMPLE {
                    sample[j] = known;
                }
            }
        }
        let terms = concept_terms(id, &c);
        generating += g.elapsed();
        terms
    });
    let mut dictionary = Dictionary::build(concepts);
    let build = t.elapsed().saturating_sub(generating);
    drop(generator);
    let rss_growth = rss_mib() - rss_before;
    let heap = dictionary.heap_bytes() as f64 / 1_048_576.0;
    println!(
        "build: {:.1} s for {} entries (generation, {:.1} s, left out); RSS growth {rss_growth:.0} MiB; heap {heap:.0} MiB",
        build.as_secs_f64(),
        dictionary.len(),
        generating.as_secs_f64()
    );

    let mut langs = Vec::new();
    println!(
        "annotate: thread CPU ms (mean of {runs} runs) and wall ms (median); n-gram lookups: CPU and wall ms; ratio of CPU times"
    );
    println!(
        "lookup: a batch of {SEGMENTS} segments of {SEGMENT_WORDS} words, thread CPU ms per segment (mean of {runs} runs)"
    );
    println!(
        "annotate+owned: annotate, then each span's text and term as owned strings (CPU ms, ratio to the alternative)"
    );
    println!("lang   chars  spans  ann.cpu ann.wall  alt.cpu   alt.wall  ratio  owned  ratio  lookup/seg");
    for (i, (lang, vocab)) in vocabs.iter().enumerate() {
        let mut trng = ChaCha8Rng::seed_from_u64(gen::SEED ^ (100 + i as u64));
        let text = text(*lang, vocab, &samples[i], &mut trng);
        let mut spans = dictionary.annotate(*lang, &text, Include::Public).len();
        let mut walls = Vec::new();
        let mut cpus = Vec::new();
        for _ in 0..runs {
            // Timed: the call; not the caller dropping the spans afterwards.
            let (found, wall, cpu) = timed(|| dictionary.annotate(*lang, &text, Include::Public));
            spans = found.len();
            drop(found);
            walls.push(wall);
            cpus.push(cpu);
        }
        walls.sort();
        // The thread's CPU time is counted in scheduler ticks (4 ms here): the mean over all
        // runs is exact to a tick divided by the runs.
        let (annotate, annotate_cpu) = (walls[walls.len() / 2], cpus.iter().sum::<Duration>() / runs as u32);
        let ((_, hits), alternative, alternative_cpu) = timed(|| ngram_lookups(&dictionary, *lang, &text));
        let ratio = alternative_cpu.as_secs_f64() / annotate_cpu.as_secs_f64();
        let owned_cpu: Duration = (0..runs)
            .map(|_| {
                let (owned, _, cpu) = timed(|| {
                    let spans = dictionary.annotate(*lang, &text, Include::Public);
                    let terms = dictionary.terms(&spans);
                    spans.iter().zip(terms).map(|(s, term)| (s.text(&text).to_string(), term)).collect::<Vec<_>>()
                });
                drop(owned);
                cpu
            })
            .sum::<Duration>()
            / runs as u32;
        let ratio_owned = alternative_cpu.as_secs_f64() / owned_cpu.as_secs_f64();
        let batch = segments(*lang, &text);
        let lookup_cpu: Duration =
            (0..runs).map(|_| timed(|| lookup_batch(&dictionary, *lang, &batch)).2).sum::<Duration>() / runs as u32;
        let lookup_segment_ms = ms(lookup_cpu) / batch.len() as f64;
        let chars = text.chars().count();
        println!(
            "{:<5} {chars:>6} {spans:>6} {:>8.1} {:>8.1} {:>10.0} {:>10.0} {ratio:>6.0}x {:>6.1} {ratio_owned:>5.0}x {lookup_segment_ms:>8.3}",
            lang.code(),
            ms(annotate_cpu),
            ms(annotate),
            ms(alternative_cpu),
            ms(alternative),
            ms(owned_cpu)
        );
        langs.push(LangReport {
            lang: lang.code(),
            chars,
            spans,
            annotate_ms: ms(annotate_cpu),
            annotate_wall_ms: ms(annotate),
            alternative_ms: ms(alternative_cpu),
            alternative_wall_ms: ms(alternative),
            alternative_hits: hits,
            ratio,
            annotate_owned_ms: ms(owned_cpu),
            ratio_owned,
            lookup_segment_ms,
        });
    }

    // One change: a concept's terms replaced (one of them revised), as the change log applies it.
    let mut rng = ChaCha8Rng::seed_from_u64(gen::SEED ^ 7);
    let changed: Vec<ConceptTerms> = (0..CHANGES)
        .map(|_| {
            let id = rng.gen_range(1..=size);
            let mut c = ConceptTerms {
                concept: ConceptId(id as i64),
                entries: dictionary
                    .entries_of(ConceptId(id as i64))
                    .into_iter()
                    .map(|e| TermEntry {
                        lang: e.lang,
                        text: e.text,
                        kind: e.kind,
                        status: e.status,
                        visibility: e.visibility,
                    })
                    .collect(),
            };
            c.entries[2].text.push_str(" revised");
            c
        })
        .collect();
    let (_, wall, cpu) = timed(|| changed.into_iter().for_each(|c| dictionary.replace(c)));
    let change_ms = ms(cpu) / CHANGES as f64;
    println!(
        "one change (Dictionary::replace, six languages): {change_ms:.3} ms CPU ({:.3} ms wall)",
        ms(wall) / CHANGES as f64
    );

    Report {
        concepts: size,
        entries: dictionary.len(),
        build_s: build.as_secs_f64(),
        rss_growth_mib: rss_growth,
        heap_mib: heap,
        change_ms,
        runs,
        langs,
        targets_at_1m: serde_json::json!({
            "annotate_ms_max": TARGET_MS, "ratio_min": TARGET_RATIO, "rss_growth_mib_max": TARGET_RSS_MIB,
            "lookup_segment_ms_max": TARGET_SEGMENT_MS
        }),
    }
}

fn main() {
    let mut sizes = vec![100_000u64];
    let mut runs = 5;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--sizes" => {
                sizes = args.next().unwrap_or_default().split(',').filter_map(parse_size).collect();
            }
            "--runs" => runs = args.next().and_then(|r| r.parse().ok()).unwrap_or(runs).max(1),
            "--bench" => {}
            other => {
                eprintln!(
                    "unknown argument {other}; usage: cargo bench --bench recognize -- [--sizes 100k,1m] [--runs N]"
                );
                std::process::exit(2);
            }
        }
    }
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    let vocabs = match words::load_all(&seeds) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let out = target_dir().join("bench");
    std::fs::create_dir_all(&out).expect("bench directory");
    for size in sizes {
        let report = run(size, &vocabs, runs);
        if size >= 1_000_000 {
            // Judged on the recognizer's answer (the spans); the owned strings are reported beside.
            let slow: Vec<&str> = report.langs.iter().filter(|l| l.annotate_ms > TARGET_MS).map(|l| l.lang).collect();
            let low: Vec<&str> = report.langs.iter().filter(|l| l.ratio < TARGET_RATIO).map(|l| l.lang).collect();
            let lookup: Vec<&str> =
                report.langs.iter().filter(|l| l.lookup_segment_ms > TARGET_SEGMENT_MS).map(|l| l.lang).collect();
            println!(
                "target at 1M: lookup ≤ {TARGET_SEGMENT_MS} ms a segment {}",
                if lookup.is_empty() { "met".to_string() } else { format!("missed ({})", lookup.join(", ")) }
            );
            println!(
                "targets at 1M: annotate ≤ {TARGET_MS} ms {}; ≥ {TARGET_RATIO}x {}; RSS ≤ {TARGET_RSS_MIB} MiB {}",
                if slow.is_empty() { "met".to_string() } else { format!("missed ({})", slow.join(", ")) },
                if low.is_empty() { "met".to_string() } else { format!("missed ({})", low.join(", ")) },
                if report.rss_growth_mib <= TARGET_RSS_MIB { "met" } else { "missed" },
            );
        }
        let name = if size >= 1_000_000 { format!("{}m", size / 1_000_000) } else { format!("{}k", size / 1_000) };
        let path = out.join(format!("recognize-{name}.json"));
        std::fs::write(&path, serde_json::to_string_pretty(&report).expect("json")).expect("write report");
        println!("report: {}", path.display());
    }
}
