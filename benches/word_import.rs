//! Issue 14's scale target: a vocabulary Recommendation of 1,500 definitions and 2,000
//! abbreviations, as one Word file, imports in at most 10 s (release build, indexing
//! included). The baseline, measured in the same run on the same machine, is the TBX import
//! of the very concepts that Word import produced (exported from it): the format Hexaglot
//! already takes in bulk. Run: `cargo bench --bench word_import` (about half a minute).

#[path = "../tests/support/word.rs"]
mod word;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use hexaglot::app::export::ExportFilter;
use hexaglot::app::import::{ImportOptions, ImportReport};
use hexaglot::interchange::export::ExportFormat;
use hexaglot::interchange::{Context, Format, Input};
use hexaglot::model::ConceptStatus;
use hexaglot::App;

const DEFINITIONS: usize = 1500;
const ABBREVIATIONS: usize = 2000;
const TARGET: Duration = Duration::from_secs(10);
const RUNS: usize = 3;

/// Imports `file` into a fresh, seeded data directory; the time covers reading, the one
/// transaction and bringing the search index up to date, not the seeding.
fn import(root: &Path, name: &str, file: &Path, format: Format) -> (Duration, ImportReport, App) {
    let dir = root.join(name);
    let app = App::open(&dir).expect("open a data directory");
    let opts = ImportOptions { default_status: Some(ConceptStatus::Accepted), ..ImportOptions::default() };
    let started = Instant::now();
    let input = Input::from_path(&file.to_path_buf()).expect("read the file");
    let report = app.import_files("bench", format, &[input], &Context::default(), &opts, &|_| {}).expect("import");
    app.sync_index();
    (started.elapsed(), report, app)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let root = tempfile::tempdir().expect("temp dir");
    let docx: PathBuf = root.path().join("T-REC-Q.9999-202601-I!!MSW-E.docx");
    std::fs::write(&docx, word::vocabulary(DEFINITIONS, ABBREVIATIONS)).expect("write the Word file");
    let tbx = root.path().join("same-concepts.tbx");

    let (mut word_times, mut tbx_times) = (Vec::new(), Vec::new());
    for run in 0..RUNS {
        let (t, report, app) = import(root.path(), &format!("word-{run}"), &docx, Format::Docx);
        assert!(report.committed && report.errors.is_empty(), "the Word import failed: {:?}", report.errors);
        assert_eq!(report.definitions, Some(DEFINITIONS as u64));
        assert_eq!(report.abbreviations, Some(ABBREVIATIONS as u64));
        if run == 0 {
            println!(
                "Word file {:.1} KiB: {} definitions, {} abbreviations, {} concepts created",
                std::fs::metadata(&docx).unwrap().len() as f64 / 1024.0,
                DEFINITIONS,
                ABBREVIATIONS,
                report.created
            );
            let filter = ExportFilter { rec: Some("ITU-T Q.9999".parse().unwrap()), ..ExportFilter::default() };
            let mut out = std::fs::File::create(&tbx).expect("create the TBX file");
            let stats = app.export_to(ExportFormat::Tbx, &filter, &mut out, &|_| {}).expect("export");
            assert_eq!(stats.concepts, report.created, "the baseline must hold the same concepts");
        }
        word_times.push(t);
        let (t, report, _) = import(root.path(), &format!("tbx-{run}"), &tbx, Format::Tbx);
        assert!(report.committed && report.errors.is_empty(), "the TBX import failed: {:?}", report.errors);
        tbx_times.push(t);
    }
    let (w, t) = (median(word_times), median(tbx_times));
    println!(
        "Word import, indexing included (median of {RUNS}): {:.2} s   target <= {} s: {}",
        w.as_secs_f64(),
        TARGET.as_secs(),
        if w <= TARGET { "met" } else { "MISSED" }
    );
    println!("TBX import of the same concepts (baseline):      {:.2} s", t.as_secs_f64());
    println!("ratio Word / TBX: {:.2}x", w.as_secs_f64() / t.as_secs_f64());
}
