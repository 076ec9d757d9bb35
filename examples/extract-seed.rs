//! Extracts the bundled seed's Word content: each ITU Word file in
//! `tests/fixtures/docx/` read by the Word reader, written as one JSON per
//! Recommendation into `data/word/` (loaded at first start by `app::seed`).
//!
//! `cargo run --release --example extract-seed` from the repository root.

use std::collections::BTreeMap;
use std::path::Path;

use hexaglot::interchange::docx;

/// The Recommendations the project may carry; the skeleton holds none.
const FILES: [&str; 9] = [
    "T-REC-E.119-201704-I!!MSW-E.docx",
    "T-REC-E.119-201704-I!!MSW-F.docx",
    "T-REC-E.119-201704-I!!MSW-S.docx",
    "T-REC-E.119-201704-I!!MSW-R.docx",
    "T-REC-E.119-201704-I!!MSW-A.docx",
    "G.650.1-201803.docx",
    "T-REC-P.917-201901-P!!MSW-E.docx",
    "T-REC-Q.850-201810-I!!MSW-E.docx",
    "T-REC-T.88-201808-P!!MSW-E.docx",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = Path::new("tests/fixtures/docx");
    let mut by_rec: BTreeMap<String, Vec<serde_json::Value>> = BTreeMap::new();
    for name in FILES {
        let mut f = docx::read_path(&dir.join(name))?;
        f.file = name.to_string();
        let rec = f.rec.clone().ok_or_else(|| format!("{name}: no Recommendation number"))?;
        let mut v = serde_json::to_value(&f)?;
        // Not part of the dry-run report, but the clause of concepts made from abbreviations.
        v["abbreviations_clause"] = serde_json::to_value(&f.abbreviations_clause)?;
        by_rec.entry(rec.to_string()).or_default().push(v);
    }
    std::fs::create_dir_all("data/word")?;
    for (rec, files) in by_rec {
        let short = rec.trim_start_matches("ITU-T ").to_string();
        let out = serde_json::json!({
            "source": "tests/fixtures/docx/ (ITU originals, see its README), read by hexaglot::interchange::docx",
            "command": "cargo run --release --example extract-seed",
            "files": files,
        });
        let path = format!("data/word/{short}.json");
        std::fs::write(&path, serde_json::to_string_pretty(&out)? + "\n")?;
        eprintln!("{path}");
    }
    Ok(())
}
