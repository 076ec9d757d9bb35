//! The `hexaglot` command line: every subcommand takes the same `--data-dir`.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use hexaglot::interchange::Format;
use hexaglot::workflow::roles::Role;
use hexaglot::App;

#[derive(Parser)]
#[command(name = "hexaglot", version, about = "ITU-T multilingual terminology database (WTSA Resolution 67)")]
struct Cli {
    /// Data directory holding the database and the search index; created and seeded on first use.
    #[arg(long, global = true, env = "HEXAGLOT_DATA_DIR", default_value = "./var")]
    data_dir: PathBuf,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the HTTP API (and pages) until SIGINT/SIGTERM.
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080", env = "HEXAGLOT_BIND")]
        bind: String,
        /// Failed authentications allowed per client address per minute before 429 (0: no limit).
        #[arg(long, default_value_t = 10, env = "HEXAGLOT_AUTH_FAILURE_LIMIT")]
        auth_failure_limit: u32,
        /// Authenticated requests allowed per user per minute before 429 (0: no limit).
        #[arg(long, default_value_t = 600, env = "HEXAGLOT_TOKEN_RATE_LIMIT")]
        token_rate_limit: u32,
    },
    /// Copy the database to FILE with SQLite's online backup (safe while serving).
    Backup { file: PathBuf },
    /// Import terminology from files (all or nothing per run; re-importing changes nothing).
    Import {
        /// One file, or several language versions of one Recommendation's clause 3.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// auto, clause3, tbx, tbx2008, csv or xlsx.
        #[arg(long, default_value = "auto", value_parser = parse_format)]
        format: Format,
        /// Source Recommendation of the entries (clause 3), e.g. "ITU-T E.119".
        #[arg(long)]
        rec: Option<String>,
        /// Study group of the entries when the file names none.
        #[arg(long)]
        sg: Option<String>,
        /// Language of a clause-3 text (detected from its script when absent).
        #[arg(long)]
        lang: Option<String>,
        /// Status of content whose file gives none: accepted (adopted and public) or proposed.
        #[arg(long)]
        status: Option<String>,
        /// Skip sections in languages outside the six instead of keeping them.
        #[arg(long)]
        skip_other_langs: bool,
        /// Check and report; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Print JSON (with --dry-run and clause3: the parsed entries).
        #[arg(long)]
        json: bool,
    },
    /// Export terminology (streamed; memory stays flat however many concepts).
    Export {
        /// tbx (TBX v3, TBX-Basic), csv or xlsx.
        #[arg(long, default_value = "tbx", value_parser = parse_export_format)]
        format: hexaglot::interchange::export::ExportFormat,
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
        /// Output file (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
    },
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
    User(UserCommand),
    /// Rebuild the search index from the database.
    Reindex,
    /// Print per-language counts (the equal-footing figures).
    Stats {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a user and print their token (shown once; only its hash is stored).
    Add {
        name: String,
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// Languages of a translator or reviewer (repeat or comma-separate).
        #[arg(long = "lang", value_delimiter = ',')]
        langs: Vec<String>,
        /// Study groups of a rapporteur (repeat or comma-separate).
        #[arg(long = "sg", value_delimiter = ',')]
        sgs: Vec<String>,
        /// Expiry date of the token (YYYY-MM-DD or RFC 3339).
        #[arg(long)]
        expires: Option<String>,
    },
    /// List users with their roles and bindings (never tokens).
    List {
        #[arg(long)]
        json: bool,
    },
    /// Revoke a user's token at once.
    Revoke { name: String },
}

fn parse_export_format(s: &str) -> Result<hexaglot::interchange::export::ExportFormat, String> {
    s.parse()
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}

fn parse_role(s: &str) -> Result<Role, String> {
    s.parse()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,actix_server=warn,tantivy=error".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("hexaglot: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> hexaglot::Result<()> {
    let dir = &cli.data_dir;
    match cli.command {
        Command::Serve { bind, auth_failure_limit, token_rate_limit } => {
            let limits = hexaglot::http::ratelimit::RateLimitConfig {
                auth_failures_per_minute: auth_failure_limit,
                token_requests_per_minute: token_rate_limit,
            };
            serve(App::open(dir)?, &bind, limits)
        }
        Command::Reindex => {
            let app = App::open(dir)?;
            let started = std::time::Instant::now();
            let bar = progress_bar("indexing");
            let n = app.index()?.reindex(&|done, total| {
                bar.set_length(total);
                bar.set_position(done);
            })?;
            bar.finish_and_clear();
            println!("reindexed {n} concepts in {:.1} s", started.elapsed().as_secs_f64());
            Ok(())
        }
        Command::User(cmd) => user(&App::open_store(dir)?, cmd),
        Command::Dump { file } => {
            use hexaglot::interchange::jsonl;
            let app = App::open_store(dir)?;
            let stats = if file.as_os_str() == "-" {
                jsonl::dump(&app.store, std::io::BufWriter::new(std::io::stdout().lock()))?
            } else {
                let f = std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&file)
                    .map_err(|e| hexaglot::Error::Invalid(format!("{}: {e}", file.display())))?;
                jsonl::dump(&app.store, std::io::BufWriter::new(f))?
            };
            eprintln!("dumped {} rows", stats.rows);
            Ok(())
        }
        Command::Restore { file } => {
            use hexaglot::interchange::jsonl;
            let app = App::open_store(dir)?;
            let stats = if file.as_os_str() == "-" {
                jsonl::restore(&app.store, std::io::BufReader::new(std::io::stdin().lock()))?
            } else {
                let f = std::fs::File::open(&file)
                    .map_err(|e| hexaglot::Error::Invalid(format!("{}: {e}", file.display())))?;
                jsonl::restore(&app.store, std::io::BufReader::new(f))?
            };
            drop(app);
            // Rebuild the search index now rather than at the next start.
            App::open(dir)?;
            println!("restored {} rows", stats.rows);
            Ok(())
        }
        Command::Export { format, langs, sg, rec, status, from, to, include_pending, out } => {
            use hexaglot::interchange::export::ExportFilter;
            use hexaglot::model::time::parse_bound;
            use hexaglot::Error;
            let filter = ExportFilter {
                langs: langs
                    .iter()
                    .map(|l| l.parse())
                    .collect::<Result<_, _>>()
                    .map_err(|e| Error::bad_param("--lang", e))?,
                sg: sg.map(|s| s.parse()).transpose().map_err(|e| Error::bad_param("--sg", e))?,
                rec: rec.map(|r| r.parse()).transpose().map_err(|e| Error::bad_param("--rec", e))?,
                status: status.map(|s| s.parse()).transpose().map_err(|e: String| Error::bad_param("--status", e))?,
                from: from.map(|f| parse_bound(&f, false)).transpose().map_err(|e| Error::bad_param("--from", e))?,
                to: to.map(|t| parse_bound(&t, true)).transpose().map_err(|e| Error::bad_param("--to", e))?,
                view: if include_pending { hexaglot::store::View::Staff } else { hexaglot::store::View::Public },
            };
            let app = App::open_store(dir)?;
            let bar = progress_bar("exporting");
            let stats = match &out {
                Some(path) => {
                    let tmp = path.with_extension("partial");
                    let file =
                        std::fs::File::create(&tmp).map_err(|e| Error::Invalid(format!("{}: {e}", tmp.display())))?;
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
        Command::Import { files, format, rec, sg, lang, status, skip_other_langs, dry_run, json } => {
            let rec = rec.map(|r| r.parse()).transpose().map_err(|e| hexaglot::Error::bad_param("--rec", e))?;
            let sg = sg.map(|s| s.parse()).transpose().map_err(|e| hexaglot::Error::bad_param("--sg", e))?;
            let lang = lang.map(|l| l.parse()).transpose().map_err(|e| hexaglot::Error::bad_param("--lang", e))?;
            let default_status = match status.as_deref() {
                None => None,
                Some(s) => Some(s.parse().map_err(|e| hexaglot::Error::bad_param("--status", e))?),
            };
            let ctx = hexaglot::interchange::Context { rec, sg, lang };
            let req = ImportRequest {
                files,
                format,
                ctx,
                default_status,
                keep_other_langs: !skip_other_langs,
                dry_run,
                json,
            };
            import(&App::open_store(dir)?, req)
        }
        Command::Backup { file } => {
            let app = App::open_store(dir)?;
            app.store.backup(&file)?;
            println!("backup written to {}", file.display());
            Ok(())
        }
        Command::Stats { json } => {
            let app = App::open_store(dir)?;
            let stats = app.language_stats()?;
            if json {
                println!("{}", serde_json::to_string_pretty(&stats)?);
            } else {
                println!("{} accepted concepts", stats.concepts);
                println!(
                    "{:<4} {:>9} {:>11} {:>8} {:>8} {:>8} {:>9}",
                    "lang", "with_term", "with_defn", "adopted", "pending", "missing", "coverage"
                );
                for l in &stats.languages {
                    println!(
                        "{:<4} {:>9} {:>11} {:>8} {:>8} {:>8} {:>8.1}%",
                        l.lang.code(),
                        l.with_term,
                        l.with_definition,
                        l.adopted,
                        l.pending,
                        l.missing,
                        l.coverage_percent
                    );
                }
            }
            Ok(())
        }
    }
}

struct ImportRequest {
    files: Vec<PathBuf>,
    format: Format,
    ctx: hexaglot::interchange::Context,
    default_status: Option<hexaglot::model::ConceptStatus>,
    keep_other_langs: bool,
    dry_run: bool,
    json: bool,
}

fn import(app: &App, req: ImportRequest) -> hexaglot::Result<()> {
    use hexaglot::interchange::{self, import::ImportOptions, Input};
    use hexaglot::model::ConceptStatus;
    let inputs = req.files.iter().map(Input::from_path).collect::<hexaglot::Result<Vec<_>>>()?;
    let format = match req.format {
        Format::Auto => interchange::detect(&inputs[0]),
        f => f,
    };
    if format == Format::Clause3 && req.dry_run && req.json {
        let versions = interchange::clause3_entries(&inputs, &req.ctx)?;
        let all: Vec<&interchange::clause3::Entry> = versions.iter().flat_map(|(_, e)| e).collect();
        println!("{}", serde_json::to_string_pretty(&all)?);
        return Ok(());
    }
    let (format, mut records) = interchange::records(format, &inputs, &req.ctx)?;
    // Clause 3 of a draft is a set of proposals unless said otherwise.
    let fallback = if format == Format::Clause3 { ConceptStatus::Proposed } else { ConceptStatus::Accepted };
    let opts = ImportOptions {
        dry_run: req.dry_run,
        keep_other_langs: req.keep_other_langs,
        default_sg: req.ctx.sg.clone(),
        default_status: req.default_status.unwrap_or(fallback),
        source: req.files.first().and_then(|f| f.file_name()).map(|n| n.to_string_lossy().into_owned()),
    };
    let bar = progress_bar("importing");
    let report = app.import("cli", format.as_str(), &mut records, &opts, &|n| bar.set_position(n))?;
    bar.finish_and_clear();
    if req.json {
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
        return Err(hexaglot::Error::Invalid(format!("{} problems; nothing was imported", report.errors.len())));
    }
    Ok(())
}

fn user(app: &App, cmd: UserCommand) -> hexaglot::Result<()> {
    use hexaglot::store::users;
    use hexaglot::Error;
    match cmd {
        UserCommand::Add { name, role, langs, sgs, expires } => {
            let langs = langs
                .iter()
                .map(|l| l.parse())
                .collect::<Result<Vec<hexaglot::model::Lang>, _>>()
                .map_err(|e| Error::bad_param("--lang", e))?;
            let sgs = sgs
                .iter()
                .map(|s| s.parse())
                .collect::<Result<Vec<hexaglot::model::StudyGroupCode>, _>>()
                .map_err(|e| Error::bad_param("--sg", e))?;
            let expires = expires
                .map(|e| hexaglot::model::time::parse_bound(&e, true).map_err(|m| Error::bad_param("--expires", m)))
                .transpose()?;
            let token = app.store.write("cli", |tx| users::add(tx, &name, role, &langs, &sgs, expires.as_deref()))?;
            eprintln!("created {role} '{name}'; this token is shown once and cannot be recovered:");
            println!("{token}");
        }
        UserCommand::List { json } => {
            let list = app.store.read(users::list)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&list)?);
            } else {
                for u in list {
                    let bindings: Vec<String> = u
                        .langs
                        .iter()
                        .map(|l| l.to_string())
                        .chain(u.study_groups.iter().map(|s| s.to_string()))
                        .collect();
                    let state = if u.revoked_at.is_some() { "revoked" } else { "active" };
                    println!("{:<24} {:<11} {:<20} {state}", u.name, u.role.as_str(), bindings.join(","));
                }
            }
        }
        UserCommand::Revoke { name } => {
            app.store.write("cli", |tx| users::revoke(tx, &name))?;
            println!("revoked '{name}'");
        }
    }
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

fn serve(app: App, bind: &str, limits: hexaglot::http::ratelimit::RateLimitConfig) -> hexaglot::Result<()> {
    let listener =
        TcpListener::bind(bind).map_err(|e| hexaglot::Error::Invalid(format!("cannot listen on {bind}: {e}")))?;
    tracing::info!(address = %listener.local_addr()?, data_dir = %app.data_dir().display(), "serving");
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(async move {
        // actix-web stops gracefully on SIGINT and SIGTERM.
        hexaglot::startup::run_with(app, listener, limits)?.await
    })?;
    Ok(())
}
