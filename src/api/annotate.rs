//! Terminology in running text: `POST /api/v1/annotate`, `POST /api/v1/check-translation`,
//! and `POST /api/v1/lookup` for CAT tools (a batch of segments).

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use futures_util::StreamExt;
use serde::Deserialize;

use super::interchange::DOCX_CONTENT_TYPE;
use crate::app::annotate::{MAX_TEXT_BYTES, MAX_WORD_BYTES};
use crate::app::{AnnotateRequest, Annotation, App, CheckReport, CheckRequest, Lookup, LookupRequest};
use crate::error::{Error, Result};
use crate::http::auth::caller;
use crate::http::blocking;
use crate::http::error::ErrorBody;
use crate::http::params::{from_query, AnnotateParams, Reader};
use crate::http::ratelimit::take_anonymous_text;
use crate::model::{Lang, User};

/// Largest JSON body: 2 MiB of text may take several times that once escaped.
const MAX_JSON_BODY: usize = 4 * MAX_TEXT_BYTES + (64 << 10);
/// Read and thrown away after the limit is passed, so the client gets the 413 rather
/// than a connection reset while still sending; past this the connection is dropped.
const MAX_DRAINED: usize = 64 << 20;

/// `POST /api/v1/annotate` as JSON.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnnotateBody {
    /// Up to 2 MiB of UTF-8.
    pub text: String,
    /// Its language (default: detected from its script and common words; a 400 when it cannot be told).
    pub lang: Option<Lang>,
    /// Languages of the equivalents (default: the five others).
    pub to: Option<Vec<Lang>>,
    /// Staff only (a token): also match drafts and proposals.
    #[serde(default)]
    pub pending: bool,
}

/// One side of a translation.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckedText {
    /// Default: detected from the text (a 400 when it cannot be told).
    pub lang: Option<Lang>,
    /// Up to 2 MiB of UTF-8; paragraphs are separated by a blank line.
    pub text: String,
}

/// `POST /api/v1/check-translation`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckBody {
    pub source: CheckedText,
    pub target: CheckedText,
    /// Staff only (a token): also match drafts and proposals.
    #[serde(default)]
    pub pending: bool,
}

/// The caller, under the anonymous limit when there is none (a signed-in caller is
/// under its token's limit already).
async fn limited_caller(app: &App, req: &HttpRequest) -> Result<Option<User>> {
    let user = caller(app, req).await?;
    if user.is_none() {
        take_anonymous_text(req)?;
    }
    Ok(user)
}

/// The body, up to `limit` bytes; past it a 413 saying `what` and the limit.
async fn read_body(mut payload: web::Payload, limit: usize, what: &str) -> Result<Vec<u8>> {
    let mut body = Vec::new();
    let mut seen = 0usize;
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| Error::Invalid(format!("request body: {e}")))?;
        seen += chunk.len();
        if seen <= limit {
            body.extend_from_slice(&chunk);
        } else {
            body = Vec::new();
            if seen > MAX_DRAINED {
                break;
            }
        }
    }
    if seen > limit {
        return Err(Error::TooLarge(format!("{what} is over the limit of {} MiB ({limit} bytes)", limit >> 20)));
    }
    Ok(body)
}

/// A JSON body of at most `limit` bytes (no content type means JSON).
async fn json_body<T: serde::de::DeserializeOwned>(
    req: &HttpRequest,
    payload: web::Payload,
    limit: usize,
) -> Result<T> {
    let media = media_type(req);
    if !(media.is_empty() || media == "application/json") {
        return Err(Error::Invalid(format!("content type '{media}' is not accepted: send application/json")));
    }
    let body = read_body(payload, limit, "the JSON body").await?;
    serde_json::from_slice(&body).map_err(|e| Error::Invalid(format!("request body: {e}")))
}

/// The media type of the request, lowercased, without parameters.
fn media_type(req: &HttpRequest) -> String {
    let value = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    value.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

#[utoipa::path(
    post, path = "/api/v1/annotate", tag = "terminology",
    params(AnnotateParams),
    request_body(
        description = "The text as JSON; or as `text/plain` (UTF-8, up to 2 MiB) with `lang`, `to` and `pending` in the query; or a Word file (up to 20 MiB) as the body. For `text/plain` and Word bodies the answer carries the `text` the offsets refer to (a Word file's paragraphs a blank line apart)",
        content((AnnotateBody = "application/json"), (String = "text/plain"), (String = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
    ),
    responses(
        (status = 200, body = Annotation, description = "Every known term of the text, longest match first, spans in text order; offsets in code points of the text as received"),
        (status = 400, body = ErrorBody, description = "Malformed body or parameter, or a text whose language cannot be told (`param` is `lang`: give it)"),
        (status = 401, body = ErrorBody, description = "`pending` without a token, or a token that is not valid"),
        (status = 413, body = ErrorBody, description = "Text over 2 MiB, or Word file over 20 MiB"),
        (status = 429, body = ErrorBody, description = "Too many texts from this address without a token, or too many requests with this token")
    ),
    security((), ("bearer" = []))
)]
pub async fn annotate(app: web::Data<App>, req: HttpRequest, payload: web::Payload) -> Result<HttpResponse> {
    let p: AnnotateParams = from_query(req.query_string())?;
    let query = p.read(&mut Reader::strict())?;
    let user = limited_caller(&app, &req).await?;
    let media = media_type(&req);
    let app = app.into_inner();
    let word = media == DOCX_CONTENT_TYPE;
    let plain = media == "text/plain";
    let (limit, what) = if word {
        (MAX_WORD_BYTES, "the Word file")
    } else if plain {
        (MAX_TEXT_BYTES, "the text")
    } else {
        (MAX_JSON_BODY, "the JSON body")
    };
    let body = read_body(payload, limit, what).await?;
    let (request, extracted) = if word || plain {
        let text = if word {
            let read = app.clone();
            blocking(move || read.word_text(&body)).await?
        } else {
            String::from_utf8(body).map_err(|_| Error::Invalid("the text is not UTF-8".into()))?
        };
        let request = AnnotateRequest {
            text: text.clone(),
            lang: query.lang,
            to: query.to,
            pending: query.pending.unwrap_or(false),
        };
        (request, Some(text))
    } else if media.is_empty() || media == "application/json" {
        let b: AnnotateBody =
            serde_json::from_slice(&body).map_err(|e| Error::Invalid(format!("request body: {e}")))?;
        let request = AnnotateRequest {
            text: b.text,
            lang: b.lang.or(query.lang),
            to: b.to.or(query.to),
            pending: b.pending || query.pending.unwrap_or(false),
        };
        (request, None)
    } else {
        return Err(Error::Invalid(format!(
            "content type '{media}' is not accepted: send application/json, text/plain or a Word file ({DOCX_CONTENT_TYPE})"
        )));
    };
    let mut annotation = blocking(move || app.annotate(user.as_ref(), request)).await?;
    annotation.text = extracted;
    Ok(HttpResponse::Ok().json(annotation))
}

#[utoipa::path(
    post, path = "/api/v1/check-translation", tag = "terminology",
    request_body(content = CheckBody, description = "The source text and its translation, up to 2 MiB each"),
    responses(
        (status = 200, body = CheckReport, description = "For every term found in the source, whether one of its adopted equivalents appears in the translation: paragraph by paragraph when both have as many paragraphs (blank-line separated; paired in order by the concepts, numbers and lengths they share), else over the whole texts; `paragraph` counts from 1"),
        (status = 400, body = ErrorBody, description = "Malformed body, or a text whose language cannot be told (`param` names it)"),
        (status = 401, body = ErrorBody, description = "`pending` without a token, or a token that is not valid"),
        (status = 413, body = ErrorBody, description = "A text over 2 MiB"),
        (status = 429, body = ErrorBody, description = "Too many texts from this address without a token, or too many requests with this token")
    ),
    security((), ("bearer" = []))
)]
pub async fn check_translation(app: web::Data<App>, req: HttpRequest, payload: web::Payload) -> Result<HttpResponse> {
    let user = limited_caller(&app, &req).await?;
    let b: CheckBody = json_body(&req, payload, 2 * MAX_JSON_BODY).await?;
    let request = CheckRequest {
        source_lang: crate::app::annotate::text_lang(&b.source.text, b.source.lang, "source.lang")?,
        target_lang: crate::app::annotate::text_lang(&b.target.text, b.target.lang, "target.lang")?,
        source_text: b.source.text,
        target_text: b.target.text,
        pending: b.pending,
    };
    let app = app.into_inner();
    let report = blocking(move || app.check_translation(user.as_ref(), request)).await?;
    Ok(HttpResponse::Ok().json(report))
}

/// `POST /api/v1/lookup`: a CAT tool's segments.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LookupBody {
    /// The segments' language (default: detected from all of them together).
    pub lang: Option<Lang>,
    /// Languages of the equivalents (default: the five others).
    pub to: Option<Vec<Lang>>,
    /// At most 500 segments of at most 4,000 characters each.
    pub segments: Vec<String>,
    /// Staff only (a token): also match drafts and proposals.
    #[serde(default)]
    pub pending: bool,
}

/// Largest lookup body: 500 segments of 4,000 characters, escaped.
const MAX_LOOKUP_BODY: usize = 32 << 20;

#[utoipa::path(
    post, path = "/api/v1/lookup", tag = "terminology",
    request_body(content = LookupBody, description = "Up to 500 segments of up to 4,000 characters each"),
    responses(
        (status = 200, body = Lookup, description = "For each segment, in order, its spans as `/annotate` gives them"),
        (status = 400, body = ErrorBody, description = "Malformed body, more than 500 segments or a segment over 4,000 characters (`param` is `segments`, the message names the limit), or segments whose language cannot be told"),
        (status = 401, body = ErrorBody, description = "`pending` without a token, or a token that is not valid"),
        (status = 413, body = ErrorBody, description = "A body over 32 MiB"),
        (status = 429, body = ErrorBody, description = "Too many texts from this address without a token, or too many requests with this token")
    ),
    security((), ("bearer" = []))
)]
pub async fn lookup(app: web::Data<App>, req: HttpRequest, payload: web::Payload) -> Result<HttpResponse> {
    let user = limited_caller(&app, &req).await?;
    let b: LookupBody = json_body(&req, payload, MAX_LOOKUP_BODY).await?;
    let request = LookupRequest { lang: b.lang, to: b.to, segments: b.segments, pending: b.pending };
    let app = app.into_inner();
    let found = blocking(move || app.lookup(user.as_ref(), request)).await?;
    Ok(HttpResponse::Ok().json(found))
}
