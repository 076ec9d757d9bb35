//! `hexaglot annotate`: every known term of a text or Word file, with its equivalents,
//! as JSON or as a project glossary (CSV, TBX).

use std::io::Write;
use std::path::{Path, PathBuf};

use hexaglot::app::AnnotateRequest;
use hexaglot::interchange::glossary;
use hexaglot::model::Lang;
use hexaglot::{App, Error};

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// The spans and concepts, as `POST /api/v1/annotate` answers.
    Json,
    /// The concepts found, as a glossary in the export's CSV columns.
    Csv,
    /// The concepts found, as a TBX-Basic glossary.
    Tbx,
}

#[derive(clap::Args)]
pub struct Args {
    /// A text file (UTF-8) or a Word file (.docx); - for standard input.
    file: PathBuf,
    /// Language of the text (default: detected from its script and common words).
    #[arg(long)]
    lang: Option<String>,
    /// Languages of the equivalents, comma-separated (default: the five others).
    #[arg(long)]
    to: Option<String>,
    #[arg(long, value_enum, default_value = "json")]
    format: OutputFormat,
}

/// The text of a file: a Word file's paragraphs (a blank line apart) or the file as
/// UTF-8; `true` when it was extracted from a Word file (its text differs from the file).
pub(super) fn read_text(app: &App, path: &Path) -> hexaglot::Result<(String, bool)> {
    let name = path.display();
    let bytes = if path == Path::new("-") {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b)?;
        b
    } else {
        std::fs::read(path).map_err(|e| Error::Invalid(format!("{name}: {e}")))?
    };
    let is_docx = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("docx")) || bytes.starts_with(b"PK\x03\x04");
    if is_docx {
        let text = app.word_text(&bytes).map_err(|e| Error::Invalid(format!("{name}: {e}")))?;
        return Ok((text, true));
    }
    let text = String::from_utf8(bytes).map_err(|_| Error::Invalid(format!("{name}: not UTF-8 text")))?;
    Ok((text, false))
}

pub(super) fn parse_lang(flag: &str, value: Option<&str>) -> hexaglot::Result<Option<Lang>> {
    value.map(|v| v.parse::<Lang>()).transpose().map_err(|e| Error::bad_param(flag, e))
}

pub fn run(dir: &Path, args: Args) -> hexaglot::Result<()> {
    let lang = parse_lang("--lang", args.lang.as_deref())?;
    let to = args.to.as_deref().map(Lang::parse_list).transpose().map_err(|e| Error::bad_param("--to", e))?;
    // The store only: a server may be running on the same data directory.
    let app = App::open_store(dir)?;
    let (text, extracted) = read_text(&app, &args.file)?;
    let request = AnnotateRequest { text: text.clone(), lang, to: to.clone(), pending: false };
    let mut annotation = app.annotate(None, request)?;
    let mut out = std::io::stdout().lock();
    match args.format {
        OutputFormat::Json => {
            annotation.text = extracted.then_some(text);
            serde_json::to_writer_pretty(&mut out, &annotation)?;
            writeln!(out)?;
        }
        OutputFormat::Csv | OutputFormat::Tbx => {
            let to = to.unwrap_or_else(|| Lang::ALL.iter().copied().filter(|&l| l != annotation.lang).collect());
            let concepts = app.glossary(&annotation, &to)?;
            let format = if args.format == OutputFormat::Csv {
                hexaglot::interchange::export::ExportFormat::Csv
            } else {
                hexaglot::interchange::export::ExportFormat::Tbx
            };
            let langs = glossary::languages(annotation.lang, &to);
            glossary::write_glossary(&mut out, format, annotation.lang, &langs, &concepts)?;
        }
    }
    out.flush()?;
    Ok(())
}
