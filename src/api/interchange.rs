//! Import over HTTP and clause-3 extraction for rapporteurs.

use actix_web::web::Bytes;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use crate::app::import::{ImportOptions, ImportReport};
use crate::app::workflow::CheckedEntry;
use crate::app::App;
use crate::error::{Error, Result};
use crate::http::auth::SignedIn;
use crate::http::blocking;
use crate::http::error::ErrorBody;
use crate::http::params::{from_query, ExportParams, ExtractParams, ImportParams, Reader};
use crate::interchange::clause3::Entry;
use crate::interchange::export::ExportFormat;
use crate::interchange::{Context, Format, Input};
use crate::model::{ConceptStatus, Lang, OriginKind, RecId, StudyGroupCode};
use crate::workflow::lint::Finding;
use crate::workflow::similar::Similar;

/// Largest file accepted over HTTP; larger ones go through `hexaglot import`.
pub const MAX_IMPORT_BYTES: usize = 64 << 20;

/// The content type of a Word file.
pub const DOCX_CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// Several files in one request: `multipart/form-data` with one `file` field per file.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct FileUpload {
    /// The files (several: language versions of one Recommendation).
    #[schema(value_type = Vec<String>, format = Binary)]
    file: Vec<Vec<u8>>,
}

/// The files of a request: the `file` fields of a `multipart/form-data` body, or the
/// body itself (named `name`).
fn uploaded(req: &HttpRequest, body: Bytes, name: &str) -> Result<Vec<Input>> {
    let content_type = req.headers().get(actix_web::http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
    let Some(boundary) = content_type.and_then(crate::http::multipart::boundary) else {
        if body.is_empty() {
            return Err(Error::Invalid("the request body (the file) is empty".into()));
        }
        return Ok(vec![Input::from_bytes(name, body.to_vec())]);
    };
    let mut inputs = Vec::new();
    for part in crate::http::multipart::parse(&body, &boundary)? {
        if part.name != "file" {
            return Err(Error::bad_param(&part.name, "is not a field of this form (it takes `file`, repeated)"));
        }
        if part.data.is_empty() {
            return Err(Error::bad_param("file", "a file is empty"));
        }
        let n = inputs.len() + 1;
        inputs.push(Input::from_bytes(part.filename.unwrap_or_else(|| format!("{name} {n}")), part.data));
    }
    if inputs.is_empty() {
        return Err(Error::bad_param("file", "no file in the form"));
    }
    Ok(inputs)
}

/// Whether the request carries Word files rather than JSON (extract).
fn carries_files(req: &HttpRequest, body: &[u8]) -> bool {
    let content_type = req.headers().get(actix_web::http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
    let mime = content_type.unwrap_or("").split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    mime == "multipart/form-data" || mime == DOCX_CONTENT_TYPE || body.starts_with(b"PK\x03\x04")
}

#[utoipa::path(post, path = "/api/v1/import", tag = "interchange",
    params(ImportParams),
    request_body(description = "The file as the body, or several (language versions of one Recommendation) as `multipart/form-data` `file` fields",
        content((String = "application/octet-stream"), (String = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), (FileUpload = "multipart/form-data"))),
    responses(
        (status = 200, body = ImportReport, description = "Imported (or checked, on a dry run)"),
        (status = 400, body = ErrorBody, description = "Malformed file: nothing imported; the body also carries `report`"),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 413, body = ErrorBody)
    ),
    security(("bearer" = [])))]
pub async fn import(
    SignedIn(user): SignedIn,
    app: web::Data<App>,
    req: HttpRequest,
    body: Bytes,
) -> Result<HttpResponse> {
    user.require_admin("import files")?;
    let p: ImportParams = from_query(req.query_string())?;
    let r = &mut Reader::strict();
    let format: Format = r.parse("format", &p.format)?.unwrap_or(Format::Auto);
    let ctx = Context { rec: r.parse("rec", &p.rec)?, sg: r.parse("sg", &p.sg)?, lang: r.parse("lang", &p.lang)? };
    let status: Option<ConceptStatus> = r.parse("status", &p.status)?;
    let opts = ImportOptions {
        dry_run: r.parse::<bool>("dry_run", &p.dry_run)?.unwrap_or(false),
        keep_other_langs: !r.parse::<bool>("skip_other_langs", &p.skip_other_langs)?.unwrap_or(false),
        default_sg: ctx.sg.clone(),
        default_status: status,
        source: Some(r.parse::<String>("source", &p.source)?.unwrap_or_else(|| "upload".into())),
    };
    let inputs = uploaded(&req, body, "upload")?;
    let app = app.into_inner();
    let report = blocking(move || app.import_files(&user.name, format, &inputs, &ctx, &opts, &|_| {})).await?;
    if report.errors.is_empty() {
        return Ok(HttpResponse::Ok().json(report));
    }
    let first = &report.errors[0];
    let body = serde_json::json!({
        "error": {"code": "invalid", "message": format!("{}: {}; nothing was imported", first.place, first.message)},
        "report": report,
    });
    Ok(HttpResponse::BadRequest().json(body))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExtractRequest {
    /// The text of clause 3, as copied from the Recommendation.
    pub text: String,
    /// Its language (default: detected from the script).
    pub lang: Option<Lang>,
    pub rec: Option<RecId>,
    /// The proposing study group (used to tell conflicts from own entries).
    pub sg: StudyGroupCode,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ExtractedEntry {
    pub number: Option<String>,
    pub term: String,
    pub term_en: Option<String>,
    pub abbreviation: Option<String>,
    /// The first of `references`.
    pub reference: Option<String>,
    /// Every bracketed reference of the entry, in order.
    pub references: Vec<String>,
    pub definition: Option<String>,
    pub notes: Vec<String>,
    /// `here` or `elsewhere`.
    pub origin: OriginKind,
    pub lint: Vec<Finding>,
    pub similar: Vec<Similar>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ExtractResponse {
    pub lang: Lang,
    pub entries: Vec<ExtractedEntry>,
}

/// One line of a Word file's abbreviations list.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ExtractedAbbreviation {
    pub abbreviation: String,
    pub expansion: String,
    pub references: Vec<String>,
}

/// What one Word file holds, its entries checked (the per-file object of `hexaglot import --dry-run --json`).
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ExtractedFile {
    pub file: String,
    pub rec: Option<RecId>,
    /// Year and month: "2017-04".
    pub edition: Option<String>,
    pub title: Option<String>,
    pub lang: Lang,
    pub sg: Option<StudyGroupCode>,
    /// "3", "6"; null when the document has no definitions clause.
    pub definitions_clause: Option<String>,
    pub entries: Vec<ExtractedEntry>,
    pub abbreviations: Vec<ExtractedAbbreviation>,
    pub warnings: Vec<String>,
}

/// Clause-3 text gives its entries; Word files give one object per file.
#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum ExtractResult {
    Text(ExtractResponse),
    Files(Vec<ExtractedFile>),
}

fn extracted_entry(CheckedEntry { entry, lint, similar }: CheckedEntry, references: Vec<String>) -> ExtractedEntry {
    let Entry { number, term, term_en, abbreviation, reference, definition, notes, origin } = entry;
    let references = if references.is_empty() { reference.iter().cloned().collect() } else { references };
    ExtractedEntry {
        number,
        term,
        term_en,
        abbreviation,
        reference,
        references,
        definition,
        notes,
        origin,
        lint,
        similar,
    }
}

#[utoipa::path(post, path = "/api/v1/proposals/extract", tag = "workflow",
    params(ExtractParams),
    request_body(description = "Clause 3 as JSON text, or a Word file as the body, or several Word files (language versions) as `multipart/form-data` `file` fields; for Word files `sg`, `rec` and `lang` come from the query, else from the documents",
        content((ExtractRequest = "application/json"), (String = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), (FileUpload = "multipart/form-data"))),
    responses((status = 200, body = ExtractResult, description = "Parsed entries with lint findings and similar concepts (Word files: one object per file); nothing is written"),
              (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 413, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn extract(
    SignedIn(user): SignedIn,
    app: web::Data<App>,
    req: HttpRequest,
    body: Bytes,
) -> Result<HttpResponse> {
    let p: ExtractParams = from_query(req.query_string())?;
    let r = &mut Reader::strict();
    let ctx = Context { rec: r.parse("rec", &p.rec)?, sg: r.parse("sg", &p.sg)?, lang: r.parse("lang", &p.lang)? };
    let app = app.into_inner();
    if carries_files(&req, &body) {
        let inputs = uploaded(&req, body, "upload.docx")?;
        let read = app.clone();
        let read_ctx = ctx.clone();
        let files = blocking(move || read.read_docx(&inputs, &read_ctx)).await?;
        let sg = ctx.sg.clone().or_else(|| files.iter().find_map(|f| f.sg.clone())).ok_or_else(|| {
            Error::bad_param("sg", "the proposing study group: the document names none, give it with ?sg=")
        })?;
        user.require_propose(&sg)?;
        let checked = blocking(move || app.check_docx(files, &sg)).await?;
        let out: Vec<ExtractedFile> = checked
            .into_iter()
            .map(|(f, entries)| ExtractedFile {
                entries: entries
                    .into_iter()
                    .zip(&f.entries)
                    .map(|(c, e)| extracted_entry(c, e.references.clone()))
                    .collect(),
                abbreviations: f
                    .abbreviations
                    .into_iter()
                    .map(|a| ExtractedAbbreviation {
                        abbreviation: a.abbreviation,
                        expansion: a.expansion,
                        references: a.references,
                    })
                    .collect(),
                file: f.file,
                rec: f.rec,
                edition: f.edition,
                title: f.title,
                lang: f.lang,
                sg: f.sg,
                definitions_clause: f.definitions_clause,
                warnings: f.warnings,
            })
            .collect();
        return Ok(HttpResponse::Ok().json(ExtractResult::Files(out)));
    }
    let r: ExtractRequest = serde_json::from_slice(&body).map_err(|e| Error::Invalid(format!("request body: {e}")))?;
    user.require_propose(&r.sg)?;
    let out = blocking(move || {
        let (lang, checked) =
            app.check_clause3(r.text, r.lang.or(ctx.lang), r.rec.as_ref().or(ctx.rec.as_ref()), &r.sg)?;
        let entries = checked.into_iter().map(|c| extracted_entry(c, vec![])).collect();
        Ok(ExtractResponse { lang, entries })
    })
    .await?;
    Ok(HttpResponse::Ok().json(ExtractResult::Text(out)))
}

/// Streams what a blocking writer produces into an HTTP body.
struct ChannelWriter {
    tx: tokio::sync::mpsc::Sender<std::result::Result<Bytes, std::io::Error>>,
    buf: Vec<u8>,
}

impl std::io::Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= 64 * 1024 {
            self.flush()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.buf.is_empty() {
            let chunk = Bytes::from(std::mem::take(&mut self.buf));
            self.tx.blocking_send(Ok(chunk)).map_err(|_| std::io::Error::other("client went away"))?;
        }
        Ok(())
    }
}

impl Drop for ChannelWriter {
    fn drop(&mut self) {
        // Writers that do not flush at the end still deliver their last chunk.
        let _ = std::io::Write::flush(self);
    }
}

/// The change-log sequence an export reflects: the `since` of the next sync.
const SEQUENCE_HEADER: &str = "X-Hexaglot-Sequence";

#[utoipa::path(get, path = "/api/v1/export", tag = "interchange",
    params(ExportParams),
    responses((status = 200, description = "The export, streamed, as an attachment in the format asked for; \
                 `X-Hexaglot-Sequence` is the change sequence it reflects (pass it as `since` next time), \
                 `ETag` changes whenever anything changes",
               headers(("X-Hexaglot-Sequence" = i64), ("ETag" = String)),
               content((String = "application/x-tbx+xml"), (String = "text/csv"),
                       (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
              (status = 304, description = "Nothing changed since the export whose `ETag` was sent in `If-None-Match`",
               headers(("X-Hexaglot-Sequence" = i64), ("ETag" = String))),
              (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody, description = "`pending` without a token, or a token that is not valid")),
    security((), ("bearer" = [])))]
pub async fn export(app: web::Data<App>, req: HttpRequest) -> Result<HttpResponse> {
    use crate::app::export::ExportFilter;
    let p: ExportParams = from_query(req.query_string())?;
    let r = &mut Reader::strict();
    let format: ExportFormat = r.parse("format", &p.format)?.unwrap_or(ExportFormat::Tbx);
    let (from, to) = r.range(("from", &p.from), ("to", &p.to))?;
    let pending = r.parse::<bool>("pending", &p.pending)?.unwrap_or(false);
    if pending && crate::http::auth::caller(&app, &req).await?.is_none() {
        return Err(Error::Unauthorized("pending content is visible to staff only".into()));
    }
    let filter = ExportFilter {
        langs: r.with("lang", &p.lang, |v| Lang::parse_list(v).map_err(|e| e.to_string()))?.unwrap_or_default(),
        sg: r.parse("sg", &p.sg)?,
        rec: r.parse("rec", &p.rec)?,
        status: r.parse("status", &p.status)?,
        from,
        to,
        view: if pending { crate::model::View::Staff } else { crate::model::View::Public },
        since: r.with("since", &p.since, |v| match v.parse::<i64>() {
            Ok(n) if n >= 0 => Ok(n),
            _ => Err("a change sequence: a whole number, 0 or more".to_string()),
        })?,
        sequence: None,
    };
    // Read before the export starts: everything up to it is in the file (later changes may be
    // too, and come again in the next sync, which is harmless).
    let app = app.into_inner();
    let sequence = {
        let app = app.clone();
        blocking(move || app.change_sequence()).await?
    };
    let etag = format!("\"seq-{sequence}\"");
    if crate::http::not_modified(&req, &etag) {
        return Ok(HttpResponse::NotModified()
            .insert_header((actix_web::http::header::ETAG, etag))
            .insert_header((SEQUENCE_HEADER, sequence.to_string()))
            .finish());
    }
    let filter = ExportFilter { sequence: Some(sequence), ..filter };
    let (tx, rx) = tokio::sync::mpsc::channel(8);
    std::thread::spawn(move || {
        let mut w = ChannelWriter { tx: tx.clone(), buf: Vec::new() };
        let result = app.export_to(format, &filter, &mut w, &|_| {}).and_then(|_| Ok(std::io::Write::flush(&mut w)?));
        if let Err(e) = result {
            tracing::warn!(error = %e, "export failed midway");
            let _ = tx.blocking_send(Err(std::io::Error::other(e.to_string())));
        }
    });
    let stream = futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|item| (item, rx)) });
    Ok(HttpResponse::Ok()
        .content_type(format.content_type())
        .insert_header(("Content-Disposition", format!("attachment; filename=\"hexaglot.{}\"", format.extension())))
        .insert_header((actix_web::http::header::ETAG, etag))
        .insert_header((SEQUENCE_HEADER, sequence.to_string()))
        .streaming(stream))
}

#[utoipa::path(get, path = "/api/v1/dump", tag = "interchange",
    responses((status = 200, content_type = "application/x-ndjson", body = String, description = "Everything, as JSON Lines (see `hexaglot restore`)"),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn dump(SignedIn(user): SignedIn, app: web::Data<App>) -> Result<HttpResponse> {
    user.require_admin("dump the database")?;
    let (tx, rx) = tokio::sync::mpsc::channel(8);
    let app = app.into_inner();
    std::thread::spawn(move || {
        let w = ChannelWriter { tx: tx.clone(), buf: Vec::new() };
        if let Err(e) = app.dump(w) {
            let _ = tx.blocking_send(Err(std::io::Error::other(e.to_string())));
        }
    });
    let stream = futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|item| (item, rx)) });
    Ok(HttpResponse::Ok()
        .content_type("application/x-ndjson")
        .insert_header(("Cache-Control", "no-store"))
        .insert_header(("Content-Disposition", "attachment; filename=\"hexaglot-dump.jsonl\""))
        .streaming(stream))
}
