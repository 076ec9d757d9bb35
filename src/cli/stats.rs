//! `hexaglot stats`: the equal-footing figures per language.

use std::path::Path;

use hexaglot::App;

pub fn run(dir: &Path, json: bool) -> hexaglot::Result<()> {
    let app = App::open_store(dir)?;
    let stats = app.language_stats()?;
    if json {
        println!("{}", serde_json::to_string_pretty(&stats)?);
        return Ok(());
    }
    println!("{} accepted concepts", stats.concepts);
    println!(
        "{:<4} {:>9} {:>11} {:>8} {:>8} {:>8} {:>9} {:>8}",
        "lang", "with_term", "with_defn", "adopted", "pending", "missing", "coverage", "assisted"
    );
    for l in &stats.languages {
        println!(
            "{:<4} {:>9} {:>11} {:>8} {:>8} {:>8} {:>8.1}% {:>8}",
            l.lang.code(),
            l.with_term,
            l.with_definition,
            l.adopted,
            l.pending,
            l.missing,
            l.coverage_percent,
            l.assisted_adopted
        );
    }
    Ok(())
}
