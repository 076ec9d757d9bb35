//! The `hexaglot` command line: every subcommand takes the same `--data-dir`.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
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
    },
    /// Copy the database to FILE with SQLite's online backup (safe while serving).
    Backup { file: PathBuf },
    /// Print per-language counts (the equal-footing figures).
    Stats {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,actix_server=warn".into()),
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
    let app = App::open(&cli.data_dir)?;
    match cli.command {
        Command::Serve { bind } => serve(app, &bind),
        Command::Backup { file } => {
            app.store.backup(&file)?;
            println!("backup written to {}", file.display());
            Ok(())
        }
        Command::Stats { json } => {
            let stats = app.language_stats()?;
            if json {
                println!("{}", serde_json::to_string_pretty(&stats)?);
            } else {
                println!("{} accepted concepts", stats.concepts);
                println!("{:<4} {:>9} {:>11} {:>8} {:>8} {:>8} {:>9}", "lang", "with_term", "with_defn", "adopted", "pending", "missing", "coverage");
                for l in &stats.languages {
                    println!(
                        "{:<4} {:>9} {:>11} {:>8} {:>8} {:>8} {:>8.1}%",
                        l.lang.code(), l.with_term, l.with_definition, l.adopted, l.pending, l.missing, l.coverage_percent
                    );
                }
            }
            Ok(())
        }
    }
}

fn serve(app: App, bind: &str) -> hexaglot::Result<()> {
    let listener = TcpListener::bind(bind)
        .map_err(|e| hexaglot::Error::Invalid(format!("cannot listen on {bind}: {e}")))?;
    tracing::info!(address = %listener.local_addr()?, data_dir = %app.data_dir().display(), "serving");
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(async move {
        // actix-web stops gracefully on SIGINT and SIGTERM.
        hexaglot::startup::run(app, listener)?.await
    })?;
    Ok(())
}
