//! Workflow endpoints: proposals, translations, reviews, comments, history, queues, timeline.

use actix_web::web::Bytes;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::app::queue::QueueItem;
use crate::app::workflow::{Proposal, ProposalOutcome, SectionEdit, Superseded};
use crate::app::App;
use crate::error::{Error, Result};
use crate::http::auth::{if_match, Caller, SignedIn};
use crate::http::blocking;
use crate::http::error::ErrorBody;
use crate::http::params::{from_query, ChangesParams, ProposeParams, QueueParams, Reader};
use crate::model::Change;
use crate::model::{Comment, HistoryEntry};
use crate::model::{Concept, ConceptId, Lang, OriginKind, RecId, StudyGroupCode, Term, TermKind};

/// Parses a JSON body; an empty body is the default value.
fn body<T: DeserializeOwned + Default>(bytes: &Bytes) -> Result<T> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    serde_json::from_slice(bytes).map_err(|e| Error::Invalid(format!("request body: {e}")))
}

pub(super) fn json<T: DeserializeOwned>(bytes: &Bytes) -> Result<T> {
    serde_json::from_slice(bytes).map_err(|e| Error::Invalid(format!("request body: {e}")))
}

fn concept_id(raw: &str) -> Result<ConceptId> {
    raw.parse().map_err(|e| Error::bad_param("id", e))
}

fn lang(raw: &str) -> Result<Lang> {
    raw.parse().map_err(|e| Error::bad_param("lang", e))
}

/// `version` in the body wins over `If-Match`; both are optional.
fn version(req: &HttpRequest, body: Option<i64>) -> Result<Option<i64>> {
    Ok(body.or(if_match(req)?))
}

fn with_etag(status: actix_web::http::StatusCode, c: &Concept) -> HttpResponse {
    HttpResponse::build(status).insert_header((actix_web::http::header::ETAG, format!("\"v{}\"", c.version))).json(c)
}

/// A term as a bare string or as `{"text", "status"}`; in a list of bare
/// strings the first is the preferred term and the others are admitted.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum TermInput {
    Text(String),
    Term(Term),
}

/// The terms of a body, either form, as stored terms.
fn terms(input: Vec<TermInput>) -> Vec<Term> {
    input
        .into_iter()
        .enumerate()
        .map(|(i, t)| match t {
            TermInput::Term(t) => t,
            TermInput::Text(text) => {
                Term { text, status: if i == 0 { TermKind::Preferred } else { TermKind::Admitted } }
            }
        })
        .collect()
}

/// `abbreviation` (one) or `abbreviations` (a list), not both.
fn abbreviations(one: Option<String>, many: Vec<String>) -> Result<Vec<String>> {
    match (one, many.is_empty()) {
        (Some(_), false) => {
            Err(Error::Invalid("request body: give `abbreviation` or `abbreviations`, not both".into()))
        }
        (Some(a), true) => Ok(vec![a]),
        (None, _) => Ok(many),
    }
}

/// A new concept, as `POST /api/v1/proposals` takes it. Terms and abbreviations
/// are accepted in both spellings `PUT /concepts/{id}/languages/{lang}` takes.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposalBody {
    /// Preferred term first, then synonyms: strings, or `{"text", "status"}` objects.
    pub terms: Vec<TermInput>,
    /// The abbreviation (or give a list of at most one as `abbreviations`).
    pub abbreviation: Option<String>,
    #[serde(default)]
    pub abbreviations: Vec<String>,
    pub definition: Option<String>,
    /// As written in the Recommendation: `NOTE – …` or `NOTE 1 – …`.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Source Recommendation, e.g. `ITU-T X.1332` or a provisional name's final number.
    pub rec: Option<RecId>,
    /// Clause number, e.g. `3.2.1`.
    pub clause: Option<String>,
    /// The proposing study group.
    pub sg: StudyGroupCode,
    /// `here` (defined in this Recommendation, the default) or `elsewhere`.
    pub origin: Option<OriginKind>,
    /// For terms defined elsewhere: the reference as written, e.g. `[b-ITU-T Y.2071]`.
    pub reference: Option<String>,
    pub subject_field: Option<String>,
    /// Written by an AI assistant: shown as machine-assisted until a person edits it.
    #[serde(default)]
    pub assisted: bool,
}

impl ProposalBody {
    fn into_proposal(self) -> Result<Proposal> {
        let mut terms = terms(self.terms);
        // The preferred term leads, whatever order the objects came in.
        terms.sort_by_key(|t| t.status != TermKind::Preferred);
        let mut abbreviations = abbreviations(self.abbreviation, self.abbreviations)?;
        if abbreviations.len() > 1 {
            return Err(Error::Invalid("request body: a proposal takes one abbreviation".into()));
        }
        Ok(Proposal {
            terms: terms.into_iter().map(|t| t.text).collect(),
            abbreviation: abbreviations.pop(),
            definition: self.definition,
            notes: self.notes,
            rec: self.rec,
            clause: self.clause,
            sg: self.sg,
            origin: self.origin.unwrap_or(OriginKind::Here),
            reference: self.reference,
            subject_field: self.subject_field,
            assisted: self.assisted,
        })
    }
}

/// New text for one language section. Terms and abbreviations are accepted
/// in both spellings `POST /api/v1/proposals` takes.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionBody {
    /// Strings (the first preferred, the others admitted) or `{"text", "status"}` objects.
    pub terms: Vec<TermInput>,
    #[serde(default)]
    pub abbreviations: Vec<String>,
    /// One abbreviation, instead of `abbreviations`.
    pub abbreviation: Option<String>,
    pub definition: Option<String>,
    #[serde(default)]
    pub notes: Vec<String>,
    /// The concept version the edit is based on (or send `If-Match`).
    pub version: Option<i64>,
    /// Written by an AI assistant: shown as machine-assisted until a person edits it.
    #[serde(default)]
    pub assisted: bool,
}

impl SectionBody {
    fn into_edit(self) -> Result<SectionEdit> {
        Ok(SectionEdit {
            terms: terms(self.terms),
            abbreviations: abbreviations(self.abbreviation, self.abbreviations)?,
            definition: self.definition,
            notes: self.notes,
            version: self.version,
            assisted: self.assisted,
        })
    }
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VersionBody {
    pub version: Option<i64>,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentBody {
    pub comment: String,
    pub version: Option<i64>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MergeBody {
    /// The existing concept the proposal joins.
    pub into: ConceptId,
    pub version: Option<i64>,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdoptBody {
    /// SCV meeting, e.g. `SCV-2026-11`.
    pub meeting: Option<String>,
    /// Document reference, e.g. `SCV-TD-123`.
    pub document: Option<String>,
    pub version: Option<i64>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewComment {
    pub body: String,
    /// The language section the comment is about; absent for the whole concept.
    pub lang: Option<Lang>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RevertBody {
    /// The history entry whose resulting revision is restored.
    pub entry: i64,
    pub version: Option<i64>,
}

#[utoipa::path(
    post, path = "/api/v1/proposals", tag = "workflow",
    params(ProposeParams),
    request_body = ProposalBody,
    responses(
        (status = 201, body = ProposalOutcome, description = "Created; with lint findings and similar concepts",
         headers(("ETag" = String, description = "The new concept's version, e.g. `\"v1\"`"))),
        (status = 200, body = ProposalOutcome, description = "Dry run"),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)
    ),
    security(("bearer" = []))
)]
pub async fn propose(
    SignedIn(user): SignedIn,
    app: web::Data<App>,
    req: HttpRequest,
    bytes: Bytes,
) -> Result<HttpResponse> {
    let p = json::<ProposalBody>(&bytes)?.into_proposal()?;
    let params: ProposeParams = from_query(req.query_string())?;
    let dry = Reader::strict().parse::<bool>("dry_run", &params.dry_run)?.unwrap_or(false);
    let app = app.into_inner();
    if dry {
        user.require_propose(&p.sg)?;
        let (lint, similar) = blocking(move || app.check_proposal(&p, None)).await?;
        return Ok(HttpResponse::Ok().json(ProposalOutcome { concept: None, lint, similar }));
    }
    let out = blocking(move || app.propose(&user, &p)).await?;
    let mut resp = HttpResponse::Created();
    if let Some(c) = &out.concept {
        resp.insert_header((actix_web::http::header::ETAG, format!("\"v{}\"", c.version)));
    }
    Ok(resp.json(out))
}

/// A write on one concept: `$parse` is `body` where the request body may be
/// left out (only a version to check), `json` where it must be given.
macro_rules! concept_action {
    ($(#[$m:meta])* $name:ident, $body:ty, $parse:ident, |$app:ident, $user:ident, $id:ident, $b:ident, $v:ident| $call:expr) => {
        $(#[$m])*
        pub async fn $name(SignedIn($user): SignedIn, app: web::Data<App>, req: HttpRequest, path: web::Path<String>, bytes: Bytes) -> Result<HttpResponse> {
            let $id = concept_id(&path)?;
            let $b: $body = $parse(&bytes)?;
            let $v = version(&req, $b.version)?;
            let $app = app.into_inner();
            let c = blocking(move || $call).await?;
            Ok(with_etag(actix_web::http::StatusCode::OK, &c))
        }
    };
}

/// A write on one language section; `$parse` as for `concept_action`.
macro_rules! section_action {
    ($(#[$m:meta])* $name:ident, $body:ty, $parse:ident, |$app:ident, $user:ident, $id:ident, $l:ident, $b:ident, $v:ident| $call:expr) => {
        $(#[$m])*
        pub async fn $name(SignedIn($user): SignedIn, app: web::Data<App>, req: HttpRequest, path: web::Path<(String, String)>, bytes: Bytes) -> Result<HttpResponse> {
            let ($id, $l) = (concept_id(&path.0)?, lang(&path.1)?);
            let $b: $body = $parse(&bytes)?;
            let $v = version(&req, $b.version)?;
            let $app = app.into_inner();
            let c = blocking(move || $call).await?;
            Ok(with_etag(actix_web::http::StatusCode::OK, &c))
        }
    };
}

concept_action!(
    #[utoipa::path(post, path = "/api/v1/proposals/{id}/accept", tag = "workflow",
        params(("id" = ConceptId, Path)), request_body = VersionBody,
        responses((status = 200, body = Concept, headers(("ETag" = String, description = "The new version, e.g. `\"v4\"`"))), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
                  (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 412, body = ErrorBody)),
        security(("bearer" = [])))]
    accept,
    VersionBody,
    body,
    |app, user, id, b, v| app.accept(&user, id, v)
);

concept_action!(
    #[utoipa::path(post, path = "/api/v1/proposals/{id}/return", tag = "workflow",
        params(("id" = ConceptId, Path)), request_body = CommentBody,
        responses((status = 200, body = Concept, headers(("ETag" = String, description = "The new version, e.g. `\"v4\"`"))), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
                  (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
                  (status = 412, body = ErrorBody)),
        security(("bearer" = [])))]
    return_proposal,
    CommentBody,
    body,
    |app, user, id, b, v| app.return_proposal(&user, id, &b.comment, v)
);

concept_action!(
    #[utoipa::path(post, path = "/api/v1/proposals/{id}/merge", tag = "workflow",
        params(("id" = ConceptId, Path)), request_body = MergeBody,
        responses((status = 200, body = Concept, description = "The concept merged into", headers(("ETag" = String, description = "Its new version"))), (status = 400, body = ErrorBody),
                  (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
                  (status = 409, body = ErrorBody), (status = 412, body = ErrorBody)),
        security(("bearer" = [])))]
    merge,
    MergeBody,
    json,
    |app, user, id, b, v| app.merge(&user, id, b.into, v)
);

section_action!(
    #[utoipa::path(put, path = "/api/v1/concepts/{id}/languages/{lang}", tag = "workflow",
        params(("id" = ConceptId, Path), ("lang" = Lang, Path)), request_body = SectionBody,
        responses((status = 200, body = Concept, headers(("ETag" = String, description = "The new version, e.g. `\"v4\"`"))), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
                  (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
                  (status = 412, body = ErrorBody)),
        security(("bearer" = [])))]
    edit_section,
    SectionBody,
    json,
    |app, user, id, l, b, v| app.edit_section(&user, id, l, &b.into_edit()?, v)
);

section_action!(
    #[utoipa::path(post, path = "/api/v1/concepts/{id}/languages/{lang}/submit", tag = "workflow",
        params(("id" = ConceptId, Path), ("lang" = Lang, Path)), request_body = VersionBody,
        responses((status = 200, body = Concept, headers(("ETag" = String, description = "The new version, e.g. `\"v4\"`"))), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
                  (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 412, body = ErrorBody)),
        security(("bearer" = [])))]
    submit,
    VersionBody,
    body,
    |app, user, id, l, b, v| app.submit_section(&user, id, l, v)
);

section_action!(
    #[utoipa::path(post, path = "/api/v1/concepts/{id}/languages/{lang}/adopt", tag = "workflow",
        params(("id" = ConceptId, Path), ("lang" = Lang, Path)), request_body = AdoptBody,
        responses((status = 200, body = Concept, headers(("ETag" = String, description = "The new version, e.g. `\"v4\"`"))), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
                  (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
                  (status = 412, body = ErrorBody)),
        security(("bearer" = [])))]
    adopt,
    AdoptBody,
    body,
    |app, user, id, l, b, v| app.adopt(&user, id, l, b.meeting.as_deref(), b.document.as_deref(), v)
);

section_action!(
    #[utoipa::path(post, path = "/api/v1/concepts/{id}/languages/{lang}/return", tag = "workflow",
        params(("id" = ConceptId, Path), ("lang" = Lang, Path)), request_body = CommentBody,
        responses((status = 200, body = Concept, headers(("ETag" = String, description = "The new version, e.g. `\"v4\"`"))), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
                  (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
                  (status = 412, body = ErrorBody)),
        security(("bearer" = [])))]
    return_section,
    CommentBody,
    body,
    |app, user, id, l, b, v| app.return_section(&user, id, l, &b.comment, v)
);

#[utoipa::path(post, path = "/api/v1/concepts/{id}/comments", tag = "workflow",
    params(("id" = ConceptId, Path)), request_body = NewComment,
    responses((status = 201, body = Comment), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn add_comment(
    SignedIn(user): SignedIn,
    app: web::Data<App>,
    path: web::Path<String>,
    bytes: Bytes,
) -> Result<HttpResponse> {
    let id = concept_id(&path)?;
    let b: NewComment = json(&bytes)?;
    let app = app.into_inner();
    let c = blocking(move || app.comment(&user, id, b.lang, &b.body)).await?;
    Ok(HttpResponse::Created().json(c))
}

#[utoipa::path(get, path = "/api/v1/concepts/{id}/comments", tag = "workflow",
    params(("id" = ConceptId, Path)),
    responses((status = 200, body = Vec<Comment>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list_comments(_: SignedIn, app: web::Data<App>, path: web::Path<String>) -> Result<HttpResponse> {
    let id = concept_id(&path)?;
    let app = app.into_inner();
    let list = blocking(move || {
        app.concept(id, crate::model::View::Staff)?;
        app.comments(id)
    })
    .await?;
    Ok(HttpResponse::Ok().json(list))
}

#[utoipa::path(get, path = "/api/v1/concepts/{id}/history", tag = "workflow",
    params(("id" = ConceptId, Path)),
    responses((status = 200, body = Vec<HistoryEntry>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn history(_: SignedIn, app: web::Data<App>, path: web::Path<String>) -> Result<HttpResponse> {
    let id = concept_id(&path)?;
    let app = app.into_inner();
    let list = blocking(move || app.history(id)).await?;
    Ok(HttpResponse::Ok().json(list))
}

concept_action!(
    #[utoipa::path(post, path = "/api/v1/concepts/{id}/revert", tag = "workflow",
        params(("id" = ConceptId, Path)), request_body = RevertBody,
        responses((status = 200, body = Concept, headers(("ETag" = String, description = "The new version, e.g. `\"v4\"`"))), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
                  (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 412, body = ErrorBody)),
        security(("bearer" = [])))]
    revert,
    RevertBody,
    json,
    |app, user, id, b, v| app.revert(&user, id, b.entry, v)
);

#[utoipa::path(get, path = "/api/v1/queue", tag = "workflow",
    params(QueueParams),
    responses((status = 200, body = Vec<QueueItem>), (status = 401, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn queue(SignedIn(user): SignedIn, app: web::Data<App>, req: HttpRequest) -> Result<HttpResponse> {
    let p: QueueParams = from_query(req.query_string())?;
    let limit = Reader::strict().number("limit", &p.limit, 1, 500, 100)?;
    let app = app.into_inner();
    let items = blocking(move || app.queue(&user, limit)).await?;
    Ok(HttpResponse::Ok().json(items))
}

#[utoipa::path(get, path = "/api/v1/changes", tag = "workflow",
    params(ChangesParams),
    responses((status = 200, body = Vec<Change>, description = "Newest first; when the page is full, a \
                 `Link: <…&cursor=N>; rel=\"next\"` header gives the next one"),
              (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody, description = "`kind=proposed` or `returned` without a token, or a token that is not valid")),
    security((), ("bearer" = [])))]
pub async fn changes(Caller(user): Caller, app: web::Data<App>, req: HttpRequest) -> Result<HttpResponse> {
    let p: ChangesParams = from_query(req.query_string())?;
    let filter = p.filter(&mut Reader::strict())?;
    if user.is_none() {
        if let Some(k) = filter.kinds.iter().find(|k| !k.is_public()) {
            return Err(Error::Unauthorized(format!("'{k}' changes are visible to staff only")));
        }
    }
    let limit = filter.limit as usize;
    let app = app.into_inner();
    let list = blocking(move || app.changes(&filter)).await?;
    let mut resp = HttpResponse::Ok();
    if let Some(last) = list.last().filter(|_| list.len() == limit) {
        // The same query with the cursor moved past this page.
        let mut query: Vec<String> = req
            .query_string()
            .split('&')
            .filter(|pair| !pair.is_empty() && pair.split('=').next() != Some("cursor"))
            .map(str::to_string)
            .collect();
        query.push(format!("cursor={}", last.event));
        let query = query.join("&");
        resp.insert_header(("Link", format!("<{}?{query}>; rel=\"next\"", req.path())));
    }
    Ok(resp.json(list))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SupersedeBody {
    /// The successor Recommendation (created as in force if unknown).
    pub by: RecId,
    /// Concepts carried into the successor; the others become historical.
    #[serde(default)]
    pub carry: Vec<ConceptId>,
}

#[utoipa::path(post, path = "/api/v1/recommendations/{id}/supersede", tag = "workflow",
    params(("id" = RecId, Path)), request_body = SupersedeBody,
    responses((status = 200, body = Superseded), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn supersede(
    SignedIn(user): SignedIn,
    app: web::Data<App>,
    path: web::Path<String>,
    bytes: Bytes,
) -> Result<HttpResponse> {
    let rec: RecId = path.parse().map_err(|e| Error::bad_param("id", e))?;
    let b: SupersedeBody = json(&bytes)?;
    let app = app.into_inner();
    let out = blocking(move || app.supersede(&user, &rec, &b.by, &b.carry)).await?;
    Ok(HttpResponse::Ok().json(out))
}
