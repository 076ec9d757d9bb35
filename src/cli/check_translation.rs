//! `hexaglot check-translation`: a translation checked against the adopted terms.
//! Exits 0 without findings, 1 with findings (2 on error, see `cli::run`).

use std::path::{Path, PathBuf};

use hexaglot::app::annotate::text_lang;
use hexaglot::app::CheckRequest;
use hexaglot::App;

use super::annotate::{parse_lang, read_text};

#[derive(clap::Args)]
pub struct Args {
    /// The source text (UTF-8 text or .docx).
    source: PathBuf,
    /// Its translation (UTF-8 text or .docx).
    target: PathBuf,
    /// Language of the source (default: detected).
    #[arg(long)]
    from: Option<String>,
    /// Language of the translation (default: detected).
    #[arg(long)]
    to: Option<String>,
    /// Print the report as JSON (as `POST /api/v1/check-translation` answers).
    #[arg(long)]
    json: bool,
}

/// Prints the report; returns whether there were findings.
pub fn run(dir: &Path, args: Args) -> hexaglot::Result<bool> {
    let from = parse_lang("--from", args.from.as_deref())?;
    let to = parse_lang("--to", args.to.as_deref())?;
    let app = App::open_store(dir)?;
    let (source_text, _) = read_text(&app, &args.source)?;
    let (target_text, _) = read_text(&app, &args.target)?;
    let request = CheckRequest {
        source_lang: text_lang(&source_text, from, "--from")?,
        target_lang: text_lang(&target_text, to, "--to")?,
        source_text,
        target_text,
        pending: false,
    };
    let report = app.check_translation(None, request)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(!report.findings.is_empty());
    }
    for f in &report.findings {
        let at = f.paragraph.map(|p| format!("paragraph {p}, ")).unwrap_or_default();
        let used =
            f.target.as_ref().map(|t| format!(", translation has '{}' at {}", t.text, t.start)).unwrap_or_default();
        println!(
            "{}: {} '{}' ({at}source at {}){used}; expected: {}",
            f.kind,
            f.concept,
            f.source.text,
            f.source.start,
            f.expected.join(" | ")
        );
    }
    let terms: usize = report.summary.iter().map(|s| s.source_count).sum();
    println!("{} finding(s); {} term(s) of {} concept(s) checked", report.findings.len(), terms, report.summary.len());
    Ok(!report.findings.is_empty())
}
