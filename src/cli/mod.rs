//! The `hexaglot` command line: one file per subcommand, each parsing its
//! flags and calling the services of `app/`. Every subcommand takes the same `--data-dir`.

mod annotate;
mod backup;
mod check_translation;
mod export;
mod import;
mod mcp;
mod serve;
mod stats;
mod user;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use hexaglot::App;

#[derive(Parser)]
#[command(name = "hexaglot", version, about = "ITU-T multilingual terminology database (WTSA Resolution 67)")]
pub struct Cli {
    /// Data directory holding the database and the search index; created and seeded on first use.
    #[arg(long, global = true, env = "HEXAGLOT_DATA_DIR", default_value = "./var")]
    data_dir: PathBuf,

    /// Log lines as text, or as JSON objects one per line (for log collectors).
    #[arg(long, global = true, value_enum, env = "HEXAGLOT_LOG_FORMAT", default_value = "text")]
    pub log_format: LogFormat,

    #[command(subcommand)]
    command: Command,
}

impl Cli {
    /// A long-running server (HTTP or MCP), whose heap [`hexaglot::startup::limit_malloc_arenas`]
    /// keeps small; batch commands keep glibc's default arenas, which their threads need.
    pub fn serves(&self) -> bool {
        matches!(self.command, Command::Serve(_) | Command::Mcp(_))
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the HTTP API (and pages, and MCP at /mcp) until SIGINT/SIGTERM.
    Serve(serve::Args),
    /// Serve the MCP tools on stdio, for an AI assistant (beside a running server or alone).
    Mcp(mcp::Args),
    /// Copy the database to FILE with SQLite's online backup (safe while serving).
    Backup { file: PathBuf },
    /// Import terminology from files (all or nothing per run; re-importing changes nothing).
    Import(import::Args),
    /// Export terminology (streamed; memory stays flat however many concepts).
    Export(export::Args),
    /// Write everything (concepts, history, users' token hashes, comments) as JSON Lines, losslessly.
    Dump {
        /// Output file, or - for standard output; an existing file is never overwritten.
        file: PathBuf,
    },
    /// Rebuild a new data directory from a dump (replaces only the bundled seed).
    Restore {
        /// A file written by `hexaglot dump`, or - for standard input.
        file: PathBuf,
    },
    /// Manage users and their tokens.
    #[command(subcommand)]
    User(user::UserCommand),
    /// Rebuild the search index from the database.
    Reindex,
    /// Print per-language counts (the equal-footing figures).
    Stats {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Every known term of a text or Word file with its equivalents (JSON), or the terms
    /// found as a glossary (CSV, TBX). Exits 2 on error.
    Annotate(annotate::Args),
    /// Check a translation against the adopted terms: exits 0 without findings, 1 with
    /// findings, 2 on error.
    CheckTranslation(check_translation::Args),
}

/// Runs the command line's subcommand; prints an error and exits non-zero (2 for
/// `annotate` and `check-translation`, whose 1 means findings; 1 otherwise).
pub fn run(cli: Cli) -> ExitCode {
    let on_error = match cli.command {
        Command::Annotate(_) | Command::CheckTranslation(_) => 2,
        _ => 1,
    };
    match dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("hexaglot: {e}");
            ExitCode::from(on_error)
        }
    }
}

fn dispatch(cli: Cli) -> hexaglot::Result<ExitCode> {
    let dir = &cli.data_dir;
    match cli.command {
        Command::Serve(args) => serve::run(dir, args),
        Command::Mcp(args) => mcp::run(dir, args),
        Command::Reindex => reindex(dir),
        Command::User(cmd) => user::run(&App::open_store(dir)?, cmd),
        Command::Dump { file } => backup::dump(dir, &file),
        Command::Restore { file } => backup::restore(dir, &file),
        Command::Export(args) => export::run(dir, args),
        Command::Import(args) => import::run(dir, args),
        Command::Backup { file } => backup::backup(dir, &file),
        Command::Stats { json } => stats::run(dir, json),
        Command::Annotate(args) => annotate::run(dir, args),
        Command::CheckTranslation(args) => {
            let findings = check_translation::run(dir, args)?;
            return Ok(if findings { ExitCode::from(1) } else { ExitCode::SUCCESS });
        }
    }?;
    Ok(ExitCode::SUCCESS)
}

/// `hexaglot reindex`: the search index rebuilt from the database.
fn reindex(dir: &Path) -> hexaglot::Result<()> {
    let app = App::open_for_reindex(dir)?;
    let started = std::time::Instant::now();
    let bar = progress_bar("indexing");
    let n = app.reindex(&|done, total| {
        bar.set_length(total);
        bar.set_position(done);
    })?;
    bar.finish_and_clear();
    wait_for_merges(&app)?;
    println!("reindexed {n} concepts in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// After a bulk write, waits for the search index's merges, which would be
/// abandoned when the command ends (the next server would resume them, with
/// searches over many small segments meanwhile).
fn wait_for_merges(app: &App) -> hexaglot::Result<()> {
    use std::io::IsTerminal;
    let spinner = if std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new_spinner()
    } else {
        indicatif::ProgressBar::hidden()
    };
    spinner.enable_steady_tick(std::time::Duration::from_millis(200));
    app.wait_for_index_merges(hexaglot::search::MERGE_PATIENCE, &|n| {
        spinner.set_message(format!("merging the search index: {n} segments"))
    })?;
    spinner.finish_and_clear();
    Ok(())
}

/// A progress bar on a terminal, nothing otherwise.
fn progress_bar(what: &'static str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(0).with_message(what);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len} ({per_sec}, {eta})") {
        bar.set_style(style);
    }
    bar
}
