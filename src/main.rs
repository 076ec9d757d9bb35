//! The `hexaglot` command line; each subcommand lives in `cli/`.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // Parsing starts no thread: the arenas are still set before any.
    let cli = cli::Cli::parse();
    if cli.serves() {
        hexaglot::startup::limit_malloc_arenas();
    }
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| "info,actix_server=warn,tantivy=error".into());
    let logs = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    match cli.log_format {
        cli::LogFormat::Text => logs.init(),
        cli::LogFormat::Json => logs.json().flatten_event(true).with_current_span(false).init(),
    }
    cli::run(cli)
}
