//! Replays the fuzz corpora (`fuzz/corpus/<target>/`) and every crash the
//! fuzzers found (`fuzz/regressions/<target>/`) through the same
//! `hexaglot::fuzzing` entry points the fuzz targets call, on the stable
//! toolchain: a reader that panics on any of them fails this test, which names
//! the file. See `fuzz/README.md` for running the fuzzers themselves.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

const FUZZ: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz");

/// The files of `fuzz/<kind>/<target>`; the directory must exist and hold some.
fn files(kind: &str, target: &str) -> Vec<PathBuf> {
    let dir = Path::new(FUZZ).join(kind).join(target);
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.is_file() && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .collect();
    out.sort();
    assert!(!out.is_empty(), "{} is empty: nothing would be replayed", dir.display());
    out
}

fn replay(target: &str, run: fn(&[u8])) {
    let mut failures = Vec::new();
    let mut count = 0;
    for kind in ["corpus", "regressions"] {
        for path in files(kind, target) {
            let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            count += 1;
            if let Err(panic) = catch_unwind(AssertUnwindSafe(|| run(&data))) {
                let message = panic
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| panic.downcast_ref::<&str>().copied())
                    .unwrap_or("(no message)");
                failures.push(format!("{}: {message}", path.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{target}: {} of {count} inputs panicked:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn tbx() {
    replay("tbx", hexaglot::fuzzing::tbx);
}

#[test]
fn csv() {
    replay("csv", hexaglot::fuzzing::csv);
}

#[test]
fn xlsx() {
    replay("xlsx", hexaglot::fuzzing::xlsx);
}

#[test]
fn clause3() {
    replay("clause3", hexaglot::fuzzing::clause3);
}

#[test]
fn query() {
    replay("query", hexaglot::fuzzing::query);
}

#[test]
fn analyzers() {
    replay("analyzers", hexaglot::fuzzing::analyzers);
}
