//! `hexaglot export`: streamed to a file or standard output.

use std::path::{Path, PathBuf};

use hexaglot::app::export::ExportFilter;
use hexaglot::interchange::export::ExportFormat;
use hexaglot::model::time::parse_bound;
use hexaglot::model::View;
use hexaglot::{App, Error};

#[derive(clap::Args)]
pub struct Args {
    /// tbx (TBX v3, TBX-Basic), csv or xlsx.
    #[arg(long, default_value = "tbx", value_parser = parse_export_format)]
    format: ExportFormat,
    /// Languages to include (repeat or comma-separate; default all six).
    #[arg(long = "lang", value_delimiter = ',')]
    langs: Vec<String>,
    #[arg(long)]
    sg: Option<String>,
    #[arg(long)]
    rec: Option<String>,
    /// Concept status (default: everything the public sees).
    #[arg(long)]
    status: Option<String>,
    /// Last updated on or after (YYYY-MM-DD or RFC 3339).
    #[arg(long)]
    from: Option<String>,
    /// Last updated on or before.
    #[arg(long)]
    to: Option<String>,
    /// Include unpublished working copies (staff export).
    #[arg(long)]
    include_pending: bool,
    /// Only what changed after this change sequence (the one a previous TBX export names in its header).
    #[arg(long)]
    since: Option<i64>,
    /// Output file (default: standard output).
    #[arg(long)]
    out: Option<PathBuf>,
}

fn parse_export_format(s: &str) -> Result<ExportFormat, String> {
    s.parse()
}

pub fn run(dir: &Path, args: Args) -> hexaglot::Result<()> {
    let Args { format, langs, sg, rec, status, from, to, include_pending, since, out } = args;
    if since.is_some_and(|s| s < 0) {
        return Err(Error::bad_param("--since", "a change sequence is 0 or more"));
    }
    let filter = ExportFilter {
        langs: langs.iter().map(|l| l.parse()).collect::<Result<_, _>>().map_err(|e| Error::bad_param("--lang", e))?,
        sg: sg.map(|s| s.parse()).transpose().map_err(|e| Error::bad_param("--sg", e))?,
        rec: rec.map(|r| r.parse()).transpose().map_err(|e| Error::bad_param("--rec", e))?,
        status: status.map(|s| s.parse()).transpose().map_err(|e: String| Error::bad_param("--status", e))?,
        from: from.map(|f| parse_bound(&f, false)).transpose().map_err(|e| Error::bad_param("--from", e))?,
        to: to.map(|t| parse_bound(&t, true)).transpose().map_err(|e| Error::bad_param("--to", e))?,
        view: if include_pending { View::Staff } else { View::Public },
        since,
        sequence: None,
    };
    let app = App::open_store(dir)?;
    let filter = ExportFilter { sequence: Some(app.change_sequence()?), ..filter };
    let bar = super::progress_bar("exporting");
    let stats = match &out {
        Some(path) => {
            let tmp = path.with_extension("partial");
            let file = std::fs::File::create(&tmp).map_err(|e| Error::Invalid(format!("{}: {e}", tmp.display())))?;
            let mut w = std::io::BufWriter::new(file);
            let stats = app.export_to(format, &filter, &mut w, &|n| bar.set_position(n))?;
            std::io::Write::flush(&mut w)?;
            drop(w);
            // Only a complete export takes the file's name.
            std::fs::rename(&tmp, path)?;
            stats
        }
        None => {
            let stdout = std::io::stdout();
            let mut w = std::io::BufWriter::new(stdout.lock());
            let stats = app.export_to(format, &filter, &mut w, &|n| bar.set_position(n))?;
            std::io::Write::flush(&mut w)?;
            stats
        }
    };
    bar.finish_and_clear();
    eprintln!(
        "exported {} concepts ({} without a term in the languages asked for were left out)",
        stats.concepts, stats.skipped
    );
    Ok(())
}
