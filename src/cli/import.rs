//! `hexaglot import`: files through the one import plan `app::import` applies
//! to every door (clause 3 enters as proposed, other formats as accepted,
//! unless `--status` says otherwise).

use std::path::{Path, PathBuf};

use hexaglot::app::import::ImportOptions;
use hexaglot::interchange::{self, Context, Format, Input};
use hexaglot::{App, Error};

#[derive(clap::Args)]
pub struct Args {
    /// One file, or several language versions of one Recommendation (clause-3 texts or Word files).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// auto, clause3, docx, tbx, tbx2008, csv or xlsx.
    #[arg(long, default_value = "auto", value_parser = parse_format)]
    format: Format,
    /// Source Recommendation of the entries (clause 3), e.g. "ITU-T E.119".
    #[arg(long)]
    rec: Option<String>,
    /// Study group of the entries when the file names none.
    #[arg(long)]
    sg: Option<String>,
    /// Language of a clause-3 text, or of every Word file given (detected when absent).
    #[arg(long)]
    lang: Option<String>,
    /// Status of content whose file gives none: proposed (default for clause 3 and Word files) or accepted
    /// (default for TBX, CSV and XLSX: adopted and public).
    #[arg(long)]
    status: Option<String>,
    /// Skip sections in languages outside the six instead of keeping them.
    #[arg(long)]
    skip_other_langs: bool,
    /// Check and report; write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Print JSON (with --dry-run: for clause 3 the parsed entries, for Word files one object per file).
    #[arg(long)]
    json: bool,
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}

pub fn run(dir: &Path, args: Args) -> hexaglot::Result<()> {
    let rec = args.rec.map(|r| r.parse()).transpose().map_err(|e| Error::bad_param("--rec", e))?;
    let sg = args.sg.map(|s| s.parse()).transpose().map_err(|e| Error::bad_param("--sg", e))?;
    let lang = args.lang.map(|l| l.parse()).transpose().map_err(|e| Error::bad_param("--lang", e))?;
    let default_status = match args.status.as_deref() {
        None => None,
        Some(s) => Some(s.parse().map_err(|e| Error::bad_param("--status", e))?),
    };
    let ctx = Context { rec, sg, lang };
    let app = App::open_for_import(dir)?;
    let inputs = args.files.iter().map(Input::from_path).collect::<hexaglot::Result<Vec<_>>>()?;
    let format = match args.format {
        Format::Auto => interchange::detect(&inputs[0]),
        f => f,
    };
    if format == Format::Clause3 && args.dry_run && args.json {
        let versions = app.read_clause3(&inputs, &ctx)?;
        let all: Vec<&interchange::clause3::Entry> = versions.iter().flat_map(|(_, e)| e).collect();
        println!("{}", serde_json::to_string_pretty(&all)?);
        return Ok(());
    }
    if format == Format::Docx && args.dry_run && args.json {
        println!("{}", serde_json::to_string_pretty(&app.read_docx(&inputs, &ctx)?)?);
        return Ok(());
    }
    let opts = ImportOptions {
        dry_run: args.dry_run,
        keep_other_langs: !args.skip_other_langs,
        default_sg: ctx.sg.clone(),
        default_status,
        source: args.files.first().and_then(|f| f.file_name()).map(|n| n.to_string_lossy().into_owned()),
    };
    let bar = super::progress_bar("importing");
    let report = app.import_files("cli", format, &inputs, &ctx, &opts, &|n| bar.set_position(n))?;
    bar.finish_and_clear();
    if report.committed {
        super::wait_for_merges(&app)?;
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!(
            "{}: {} created, {} updated, {} unchanged, {} skipped, {} errors{}",
            report.format,
            report.created,
            report.updated,
            report.unchanged,
            report.skipped,
            report.errors.len(),
            if report.dry_run {
                " (dry run: nothing written)"
            } else if !report.committed {
                " (nothing written)"
            } else {
                ""
            }
        );
        if let Some(n) = report.definitions {
            print!("  {n} definitions");
            match report.abbreviations {
                Some(a) => println!(", {a} abbreviations"),
                None => println!(),
            }
        }
        for (tag, n) in &report.other_langs {
            println!(
                "  {tag}: {n} sections outside the six languages {}",
                if report.other_langs_kept { "kept" } else { "skipped" }
            );
        }
        for p in &report.errors {
            eprintln!("  {}: {}", p.place, p.message);
        }
    }
    if !report.errors.is_empty() {
        return Err(Error::Invalid(format!("{} problems; nothing was imported", report.errors.len())));
    }
    Ok(())
}
