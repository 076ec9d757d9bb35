//! One typed parameter struct per operation, shared by the API and the pages.
//! Each struct derives the operation's OpenAPI parameters (`IntoParams`) and is
//! read by a [`Reader`]: the API reads strictly (a bad value is a 400 naming the
//! parameter), pages leniently (a bad value is noted and left out).

use std::fmt::Display;
use std::str::FromStr;

use serde::Deserialize;
use utoipa::IntoParams;

use crate::error::{Error, Result};
use crate::model::time::parse_bound;

/// Reads an operation's parameters from a query string; a repeated parameter
/// counts once (its first value) and unknown ones are ignored. The API has
/// refused both before the handler runs (`api::params::check_query`).
pub fn from_query<T: serde::de::DeserializeOwned + Default>(query: &str) -> Result<T> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).map_err(|e| Error::bad_param("query", e))?;
    let mut first: Vec<(String, String)> = Vec::with_capacity(pairs.len());
    for (k, v) in pairs {
        if !first.iter().any(|(seen, _)| *seen == k) {
            first.push((k, v));
        }
    }
    let query = serde_urlencoded::to_string(&first).map_err(|e| Error::bad_param("query", e))?;
    serde_urlencoded::from_str(&query).map_err(|e| Error::bad_param("query", e))
}

/// A value a lenient reader left out, for the page to report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub param: &'static str,
    pub value: String,
}

/// Reads parameter values strictly (the API) or leniently (pages).
#[derive(Debug, Default)]
pub struct Reader {
    strict: bool,
    /// What a lenient reading left out.
    pub problems: Vec<Problem>,
}

/// The value, or `None` when absent or blank (`?lang=` is no `lang`).
fn given(raw: &Option<String>) -> Option<&str> {
    raw.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl Reader {
    pub fn strict() -> Reader {
        Reader { strict: true, problems: Vec::new() }
    }

    pub fn lenient() -> Reader {
        Reader { strict: false, problems: Vec::new() }
    }

    fn refuse<T>(&mut self, param: &'static str, value: &str, message: impl Display) -> Result<Option<T>> {
        if self.strict {
            return Err(Error::bad_param(param, message));
        }
        self.problems.push(Problem { param, value: value.to_string() });
        Ok(None)
    }

    /// A value read by `read`, or `None` when absent (or bad, when lenient).
    pub fn with<T>(
        &mut self,
        param: &'static str,
        raw: &Option<String>,
        read: impl FnOnce(&str) -> std::result::Result<T, String>,
    ) -> Result<Option<T>> {
        let Some(v) = given(raw) else { return Ok(None) };
        match read(v) {
            Ok(x) => Ok(Some(x)),
            Err(m) => self.refuse(param, v, m),
        }
    }

    /// A value of a type with `FromStr`.
    pub fn parse<T>(&mut self, param: &'static str, raw: &Option<String>) -> Result<Option<T>>
    where
        T: FromStr,
        T::Err: Display,
    {
        self.with(param, raw, |v| v.parse::<T>().map_err(|e| e.to_string()))
    }

    /// A value that must be given (strictly; leniently an absent one is `None`).
    pub fn required<'a>(&mut self, param: &'static str, raw: &'a Option<String>) -> Result<Option<&'a str>> {
        match given(raw) {
            Some(v) => Ok(Some(v)),
            None if self.strict => Err(Error::bad_param(param, "is required")),
            None => Ok(None),
        }
    }

    /// A whole number from `min` to `max`, `default` when absent.
    pub fn number(
        &mut self,
        param: &'static str,
        raw: &Option<String>,
        min: u32,
        max: u32,
        default: u32,
    ) -> Result<u32> {
        let n = self.with(param, raw, |v| match v.parse::<i64>() {
            Ok(n) if n >= i64::from(min) && n <= i64::from(max) => Ok(n as u32),
            _ => Err(format!("'{v}' must be a whole number from {min} to {max}")),
        })?;
        Ok(n.unwrap_or(default))
    }

    /// A time-range bound (`YYYY-MM-DD` or RFC 3339), normalised.
    pub fn bound(&mut self, param: &'static str, raw: &Option<String>, upper: bool) -> Result<Option<String>> {
        self.with(param, raw, |v| parse_bound(v, upper))
    }

    /// A time range; `from` after `to` is refused (strictly) or the two swapped.
    pub fn range(
        &mut self,
        (from_name, from): (&'static str, &Option<String>),
        (to_name, to): (&'static str, &Option<String>),
    ) -> Result<(Option<String>, Option<String>)> {
        let f = self.bound(from_name, from, false)?;
        let t = self.bound(to_name, to, true)?;
        match (f, t) {
            (Some(a), Some(b)) if a > b => {
                if self.strict {
                    return Err(Error::bad_param(from_name, format!("'{from_name}' is after '{to_name}'")));
                }
                // The same days, in order: the end of the later day, the start of the earlier one.
                let start = given(to).and_then(|v| parse_bound(v, false).ok());
                let end = given(from).and_then(|v| parse_bound(v, true).ok());
                Ok((start, end))
            }
            (f, t) => Ok((f, t)),
        }
    }
}

use crate::interchange::export::ExportFormat;
use crate::interchange::Format;
use crate::model::{ChangeFilter, ChangeKind, ConceptId, ConceptStatus, Lang, RecId, StudyGroupCode};
use crate::search::{DateField, Mode, SearchField};
use schema::{ChangeKinds, DateBound, LangList, PublicChangeKinds, QueryText, StatsBy};

/// `GET /api/v1/concepts`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ConceptListParams {
    /// Study group, e.g. SG17
    #[param(value_type = Option<StudyGroupCode>)]
    pub sg: Option<String>,
    /// Source Recommendation, e.g. ITU-T X.1332 or X.1332
    #[param(value_type = Option<RecId>)]
    pub rec: Option<String>,
    /// Only concepts with text in this language (ar, zh, en, fr, ru, es)
    #[param(value_type = Option<Lang>)]
    pub lang: Option<String>,
    /// proposed, accepted, historical or withdrawn
    #[param(value_type = Option<ConceptStatus>)]
    pub status: Option<String>,
    /// YYYY-MM-DD or RFC 3339, inclusive
    #[param(value_type = Option<DateBound>)]
    pub updated_from: Option<String>,
    /// YYYY-MM-DD (end of day) or RFC 3339, inclusive; not before `updated_from`
    #[param(value_type = Option<DateBound>)]
    pub updated_to: Option<String>,
    /// 1 to 200, default 50
    #[param(value_type = Option<u32>, minimum = 1, maximum = 200)]
    pub limit: Option<String>,
    /// `next_cursor` of the previous page
    #[param(value_type = Option<ConceptId>)]
    pub cursor: Option<String>,
}

/// `GET /api/v1/stats/languages` and the equal-footing page.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatsParams {
    /// Start of the period for adoptions (YYYY-MM-DD or RFC 3339)
    #[param(value_type = Option<DateBound>)]
    pub from: Option<String>,
    /// End of the period, inclusive; not before `from`
    #[param(value_type = Option<DateBound>)]
    pub to: Option<String>,
    /// `sg` adds the figures per study group
    #[param(value_type = Option<StatsBy>)]
    pub by: Option<String>,
}

/// `GET /api/v1/search` and the search page.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Text to find. `"a phrase"`, `-exclude`, `prefix*` are understood; an unclosed quotation mark, `*` before the last word or only exclusions are a 400.
    #[param(value_type = QueryText, required = true)]
    pub q: Option<String>,
    /// Languages to search, comma-separated (default: all six)
    #[param(value_type = Option<LangList>)]
    pub lang: Option<String>,
    /// term, definition or all (default)
    #[param(value_type = Option<SearchField>)]
    pub field: Option<String>,
    /// auto (default), exact, prefix, contains or fuzzy
    #[param(value_type = Option<Mode>)]
    pub mode: Option<String>,
    /// Study group, e.g. SG17
    #[param(value_type = Option<StudyGroupCode>)]
    pub sg: Option<String>,
    /// Source Recommendation, e.g. X.1332
    #[param(value_type = Option<RecId>)]
    pub rec: Option<String>,
    /// Concept status
    #[param(value_type = Option<ConceptStatus>)]
    pub status: Option<String>,
    /// proposed, accepted, adopted or updated (default) for from/to
    #[param(value_type = Option<DateField>)]
    pub date_field: Option<String>,
    /// YYYY-MM-DD or RFC 3339, inclusive
    #[param(value_type = Option<DateBound>)]
    pub from: Option<String>,
    /// YYYY-MM-DD (end of day) or RFC 3339, inclusive; not before `from`
    #[param(value_type = Option<DateBound>)]
    pub to: Option<String>,
    /// 1 to 100, default 20
    #[param(value_type = Option<u32>, minimum = 1, maximum = 100)]
    pub limit: Option<String>,
    /// 0 to 10000
    #[param(value_type = Option<u32>, minimum = 0, maximum = 10000)]
    pub offset: Option<String>,
    /// Staff only (a token): include proposed and unadopted text
    #[param(value_type = Option<bool>)]
    pub pending: Option<String>,
    /// Count matching concepts per language, study group and status (`facets` in the answer; default false).
    /// Visits every match, and makes `total` exact however large
    #[param(value_type = Option<bool>)]
    pub facets: Option<String>,
}

/// What a search's parameters ask for; `pending` is the caller's to check.
pub struct SearchQuery {
    pub request: crate::search::SearchRequest,
    pub pending: bool,
}

impl SearchParams {
    /// The search these parameters ask for: `q` as given (blank when absent and lenient).
    pub fn read(&self, r: &mut Reader) -> Result<SearchQuery> {
        let mut req = crate::search::SearchRequest::new(r.required("q", &self.q)?.unwrap_or(""));
        req.langs = r.with("lang", &self.lang, |v| Lang::parse_list(v).map_err(|e| e.to_string()))?.unwrap_or_default();
        req.field = r.parse("field", &self.field)?.unwrap_or(SearchField::All);
        req.mode = r.parse("mode", &self.mode)?.unwrap_or(Mode::Auto);
        req.sg = r.parse("sg", &self.sg)?;
        req.rec = r.parse("rec", &self.rec)?;
        req.status = r.parse("status", &self.status)?;
        req.date_field = r.parse("date_field", &self.date_field)?.unwrap_or(DateField::Updated);
        let (from, to) = r.range(("from", &self.from), ("to", &self.to))?;
        req.from = from.map(|t| crate::search::epoch_of(Some(&t)));
        req.to = to.map(|t| crate::search::epoch_of(Some(&t)));
        req.limit = r.number("limit", &self.limit, 1, 100, 20)? as usize;
        req.offset = r.number("offset", &self.offset, 0, 10_000, 0)? as usize;
        let pending = r.parse::<bool>("pending", &self.pending)?.unwrap_or(false);
        req.public_only = !pending;
        req.facets = r.parse::<bool>("facets", &self.facets)?.unwrap_or(false);
        Ok(SearchQuery { request: req, pending })
    }
}

/// `GET /api/v1/equivalents`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EquivalentsParams {
    /// The term to look up (as text: quotation marks and `*` have no special meaning here)
    #[param(value_type = QueryText, required = true)]
    pub term: Option<String>,
    /// Its language
    #[param(value_type = Lang, required = true)]
    pub from: Option<String>,
    /// Target languages, comma-separated (default: the other five)
    #[param(value_type = Option<LangList>)]
    pub to: Option<String>,
    /// 1 to 50, default 10
    #[param(value_type = Option<u32>, minimum = 1, maximum = 50)]
    pub limit: Option<String>,
}

/// What `GET /api/v1/equivalents` (and the MCP tool `get_equivalents`) asks for.
#[derive(Debug, Clone)]
pub struct EquivalentsQuery {
    pub term: String,
    pub from: Lang,
    /// The target languages (the other five when not given).
    pub to: Vec<Lang>,
    pub limit: usize,
}

impl EquivalentsParams {
    pub fn read(&self, r: &mut Reader) -> Result<EquivalentsQuery> {
        let term = r.required("term", &self.term)?.unwrap_or_default().to_string();
        if term.chars().count() > 500 {
            return Err(Error::bad_param("term", "is longer than 500 characters"));
        }
        let from: Lang =
            r.required("from", &self.from)?.unwrap_or_default().parse().map_err(|e| Error::bad_param("from", e))?;
        let to = r.with("to", &self.to, |v| Lang::parse_list(v).map_err(|e| e.to_string()))?;
        let to = to.unwrap_or_else(|| Lang::ALL.iter().copied().filter(|l| *l != from).collect());
        let limit = r.number("limit", &self.limit, 1, 50, 10)? as usize;
        Ok(EquivalentsQuery { term, from, to, limit })
    }
}

/// `GET /api/v1/suggest`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SuggestParams {
    /// What has been typed so far, in the syntax of `/search` (an unclosed quotation mark or `*` before the last word is a 400)
    #[param(value_type = QueryText, required = true)]
    pub q: Option<String>,
    /// Language (default: all)
    #[param(value_type = Option<Lang>)]
    pub lang: Option<String>,
    /// 1 to 20, default 8
    #[param(value_type = Option<u32>, minimum = 1, maximum = 20)]
    pub limit: Option<String>,
}

/// `POST /api/v1/proposals`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProposeParams {
    /// Only lint and look for similar concepts; write nothing
    #[param(value_type = Option<bool>)]
    pub dry_run: Option<String>,
}

/// `GET /api/v1/queue`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueParams {
    /// 1 to 500, default 100
    #[param(value_type = Option<u32>, minimum = 1, maximum = 500)]
    pub limit: Option<String>,
}

/// `GET /api/v1/changes`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChangesParams {
    /// YYYY-MM-DD or RFC 3339, inclusive
    #[param(value_type = Option<DateBound>)]
    pub from: Option<String>,
    /// YYYY-MM-DD (end of day) or RFC 3339, inclusive; not before `from`
    #[param(value_type = Option<DateBound>)]
    pub to: Option<String>,
    /// Events of this language, and the concept-level ones (superseded, withdrawn)
    #[param(value_type = Option<Lang>)]
    pub lang: Option<String>,
    /// accepted, adopted, superseded, withdrawn, and with a token proposed and returned, comma-separated
    /// (default: accepted,adopted)
    #[param(value_type = Option<ChangeKinds>)]
    pub kind: Option<String>,
    /// Concepts of this study group
    #[param(value_type = Option<StudyGroupCode>)]
    pub sg: Option<String>,
    /// Concepts of this Recommendation
    #[param(value_type = Option<RecId>)]
    pub rec: Option<String>,
    /// One concept's events
    #[param(value_type = Option<ConceptId>)]
    pub concept: Option<String>,
    /// The `event` of the last item of the previous page (its `Link: rel="next"` header has it)
    #[param(value_type = Option<i64>, minimum = 1)]
    pub cursor: Option<String>,
    /// 1 to 1000, default 200
    #[param(value_type = Option<u32>, minimum = 1, maximum = 1000)]
    pub limit: Option<String>,
}

/// `POST /api/v1/proposals/extract` (for Word files; clause-3 JSON carries its own).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExtractParams {
    /// Source Recommendation (default: read from the document)
    #[param(value_type = Option<RecId>)]
    pub rec: Option<String>,
    /// The proposing study group (default: the one the document names)
    #[param(value_type = Option<StudyGroupCode>)]
    pub sg: Option<String>,
    /// Language of every file (default: detected per file)
    #[param(value_type = Option<Lang>)]
    pub lang: Option<String>,
}

/// `POST /api/v1/annotate`: for a `text/plain` or Word body (a JSON body carries its own
/// `lang`, `to` and `pending`, which win over these).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AnnotateParams {
    /// Language of the text (default: detected from its script and common words; a 400 when it cannot be told)
    #[param(value_type = Option<Lang>)]
    pub lang: Option<String>,
    /// Languages of the equivalents, comma-separated (default: the five others)
    #[param(value_type = Option<LangList>)]
    pub to: Option<String>,
    /// Staff only (a token): also match drafts and proposals
    #[param(value_type = Option<bool>)]
    pub pending: Option<String>,
}

/// What annotate's query asks for.
pub struct AnnotateQuery {
    pub lang: Option<Lang>,
    pub to: Option<Vec<Lang>>,
    pub pending: Option<bool>,
}

impl AnnotateParams {
    pub fn read(&self, r: &mut Reader) -> Result<AnnotateQuery> {
        Ok(AnnotateQuery {
            lang: r.parse("lang", &self.lang)?,
            to: r.with("to", &self.to, |v| Lang::parse_list(v).map_err(|e| e.to_string()))?,
            pending: r.parse::<bool>("pending", &self.pending)?,
        })
    }
}

/// `POST /api/v1/import`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportParams {
    /// auto (default: detected; a zip by what it holds), clause3, docx, …
    #[param(value_type = Option<Format>)]
    pub format: Option<String>,
    /// Source Recommendation of clause-3 entries
    #[param(value_type = Option<RecId>)]
    pub rec: Option<String>,
    /// Study group for records that name none
    #[param(value_type = Option<StudyGroupCode>)]
    pub sg: Option<String>,
    /// Language of a clause-3 text (default: detected)
    #[param(value_type = Option<Lang>)]
    pub lang: Option<String>,
    /// Status of content the file gives none for: proposed (default for clause 3 and Word files) or accepted
    /// (default for TBX, CSV and XLSX; published as adopted)
    #[param(value_type = Option<ConceptStatus>)]
    pub status: Option<String>,
    /// Where the file came from, for the history (default: upload)
    #[param(value_type = Option<String>)]
    pub source: Option<String>,
    /// Skip languages outside the six instead of keeping them
    #[param(value_type = Option<bool>)]
    pub skip_other_langs: Option<String>,
    /// Check and report; write nothing
    #[param(value_type = Option<bool>)]
    pub dry_run: Option<String>,
}

/// `GET /api/v1/export`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportParams {
    /// tbx (default), csv or xlsx
    #[param(value_type = Option<ExportFormat>)]
    pub format: Option<String>,
    /// Languages, comma-separated (default: all six)
    #[param(value_type = Option<LangList>)]
    pub lang: Option<String>,
    #[param(value_type = Option<StudyGroupCode>)]
    pub sg: Option<String>,
    #[param(value_type = Option<RecId>)]
    pub rec: Option<String>,
    #[param(value_type = Option<ConceptStatus>)]
    pub status: Option<String>,
    /// Last updated on or after
    #[param(value_type = Option<DateBound>)]
    pub from: Option<String>,
    /// Last updated on or before; not before `from`
    #[param(value_type = Option<DateBound>)]
    pub to: Option<String>,
    /// Staff only (a token): working copies too
    #[param(value_type = Option<bool>)]
    pub pending: Option<String>,
    /// Only what changed after this change sequence (incremental sync: the `X-Hexaglot-Sequence`
    /// of the previous export); withdrawn and historical concepts come with their status
    #[param(value_type = Option<i64>, minimum = 0)]
    pub since: Option<String>,
}

/// `GET /feeds/adopted.atom`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FeedParams {
    /// Only adoptions in this language
    #[param(value_type = Option<Lang>)]
    pub lang: Option<String>,
}

/// `GET /feeds/changes.atom`: what a feed reader follows, public kinds only.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChangesFeedParams {
    /// Concepts of this study group
    #[param(value_type = Option<StudyGroupCode>)]
    pub sg: Option<String>,
    /// Events of this language, and the concept-level ones (superseded, withdrawn)
    #[param(value_type = Option<Lang>)]
    pub lang: Option<String>,
    /// Concepts of this Recommendation
    #[param(value_type = Option<RecId>)]
    pub rec: Option<String>,
    /// One concept's events
    #[param(value_type = Option<ConceptId>)]
    pub concept: Option<String>,
    /// accepted, adopted, superseded, withdrawn, comma-separated (default: all four)
    #[param(value_type = Option<PublicChangeKinds>)]
    pub kind: Option<String>,
}

/// The raw filters both doors to the timeline (`/api/v1/changes`, `/feeds/changes.atom`) take.
struct ChangeSubject<'a> {
    sg: &'a Option<String>,
    lang: &'a Option<String>,
    rec: &'a Option<String>,
    concept: &'a Option<String>,
    kind: &'a Option<String>,
}

fn change_subject(r: &mut Reader, s: ChangeSubject, default_kinds: &[ChangeKind]) -> Result<ChangeFilter> {
    let kinds = r
        .with("kind", s.kind, |list| {
            list.split(',')
                .map(str::parse)
                .collect::<std::result::Result<Vec<ChangeKind>, _>>()
                .map_err(|e| e.to_string())
        })?
        .unwrap_or_else(|| default_kinds.to_vec());
    Ok(ChangeFilter {
        sg: r.parse("sg", s.sg)?,
        lang: r.parse("lang", s.lang)?,
        rec: r.parse("rec", s.rec)?,
        concept: r.parse("concept", s.concept)?,
        kinds,
        ..ChangeFilter::default()
    })
}

impl ChangesParams {
    /// The filter asked for; kinds default to accepted and adopted.
    pub fn filter(&self, r: &mut Reader) -> Result<ChangeFilter> {
        let subject =
            ChangeSubject { sg: &self.sg, lang: &self.lang, rec: &self.rec, concept: &self.concept, kind: &self.kind };
        let mut f = change_subject(r, subject, &[ChangeKind::Accepted, ChangeKind::Adopted])?;
        (f.from, f.to) = r.range(("from", &self.from), ("to", &self.to))?;
        f.before = r.with("cursor", &self.cursor, |v| match v.parse::<i64>() {
            Ok(n) if n > 0 => Ok(n),
            _ => Err(format!("'{v}' is not a cursor: the `event` of the last change of a page")),
        })?;
        f.limit = r.number("limit", &self.limit, 1, 1000, 200)?;
        Ok(f)
    }
}

impl ChangesFeedParams {
    /// The filter asked for; kinds default to every public one, and only those may be asked.
    pub fn filter(&self, r: &mut Reader, entries: u32) -> Result<ChangeFilter> {
        let subject =
            ChangeSubject { sg: &self.sg, lang: &self.lang, rec: &self.rec, concept: &self.concept, kind: &self.kind };
        let mut f = change_subject(r, subject, &ChangeKind::PUBLIC)?;
        if let Some(k) = f.kinds.iter().find(|k| !k.is_public()) {
            return Err(Error::bad_param("kind", format!("'{k}' is not in public feeds (staff: /api/v1/changes)")));
        }
        f.limit = entries;
        Ok(f)
    }
}

/// OpenAPI schemas of query parameters that `Params` parses by hand, so the
/// document says what the server accepts (the canonical spellings; the
/// server is lenient about case and spaces).
pub mod schema {
    use utoipa::openapi::schema::{AnyOfBuilder, KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type};
    use utoipa::openapi::RefOr;

    fn pattern(p: &str, example: &str) -> RefOr<Schema> {
        ObjectBuilder::new().schema_type(Type::String).pattern(Some(p)).examples([serde_json::json!(example)]).into()
    }

    macro_rules! param_schema {
        ($(#[$m:meta])* $name:ident => $schema:expr) => {
            $(#[$m])*
            pub struct $name;
            impl utoipa::PartialSchema for $name {
                fn schema() -> RefOr<Schema> {
                    $schema
                }
            }
            impl utoipa::ToSchema for $name {}
        };
    }

    param_schema!(
        /// Languages, comma-separated.
        LangList => pattern("^(ar|zh|en|fr|ru|es)(,(ar|zh|en|fr|ru|es))*$", "en,fr")
    );
    param_schema!(
        /// Kinds of change anyone may follow, comma-separated.
        PublicChangeKinds => pattern(
            "^(accepted|adopted|superseded|withdrawn)(,(accepted|adopted|superseded|withdrawn))*$",
            "adopted,withdrawn"
        )
    );
    param_schema!(
        /// Kinds of change, comma-separated.
        ChangeKinds => pattern(
            "^(proposed|accepted|adopted|returned|superseded|withdrawn)(,(proposed|accepted|adopted|returned|superseded|withdrawn))*$",
            "accepted,adopted"
        )
    );
    param_schema!(
        /// A day (`YYYY-MM-DD`) or an RFC 3339 timestamp.
        DateBound => AnyOfBuilder::new()
            .item(ObjectBuilder::new().schema_type(Type::String).format(Some(SchemaFormat::KnownFormat(KnownFormat::Date))))
            .item(ObjectBuilder::new().schema_type(Type::String).format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime))))
            .into()
    );
    param_schema!(
        /// Text to find: not blank, at most 500 characters.
        QueryText => ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some("\\S"))
            .max_length(Some(500)) // MAX_QUERY_CHARS in src/search/request.rs
            .into()
    );
    param_schema!(
        /// `sg`, the one grouping the statistics support.
        StatsBy => ObjectBuilder::new().schema_type(Type::String).enum_values(Some(["sg"])).into()
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{Mode, SearchField};

    #[test]
    fn the_api_reads_strictly_and_pages_leniently_from_one_struct() {
        let q = "q=smart+meter&lang=en,xx&mode=fuzzy&field=nowhere&from=2024-05-01&to=2024-01-31&limit=0";
        let p: SearchParams = from_query(q).unwrap();

        let e = p.read(&mut Reader::strict()).err().expect("strict refuses");
        assert!(matches!(&e, Error::BadParam { param, .. } if param == "lang"), "{e}");

        let mut lenient = Reader::lenient();
        let s = p.read(&mut lenient).expect("lenient reads");
        assert_eq!(s.request.q, "smart meter");
        assert_eq!(s.request.mode, Mode::Fuzzy);
        assert_eq!(s.request.field, SearchField::All);
        assert!(s.request.langs.is_empty());
        assert_eq!(s.request.limit, 20);
        // The period is swapped, not refused.
        assert!(s.request.from.unwrap() < s.request.to.unwrap());
        let bad: Vec<(&str, &str)> = lenient.problems.iter().map(|p| (p.param, p.value.as_str())).collect();
        assert_eq!(bad, [("lang", "en,xx"), ("field", "nowhere"), ("limit", "0")]);
    }

    #[test]
    fn repeated_parameters_count_once_and_blank_ones_not_at_all() {
        let p: SearchParams = from_query("q=a&q=b&lang=&bogus=1").unwrap();
        assert_eq!(p.q.as_deref(), Some("a"));
        let s = p.read(&mut Reader::strict()).unwrap();
        assert!(s.request.langs.is_empty());
        let missing: SearchParams = from_query("lang=en").unwrap();
        let e = missing.read(&mut Reader::strict()).err().expect("q is required");
        assert!(matches!(&e, Error::BadParam { param, .. } if param == "q"), "{e}");
        assert_eq!(missing.read(&mut Reader::lenient()).unwrap().request.q, "");
    }

    #[test]
    fn a_strict_range_refuses_from_after_to() {
        let p: StatsParams = from_query("from=2024-05-01&to=2024-01-31").unwrap();
        let e = Reader::strict().range(("from", &p.from), ("to", &p.to)).unwrap_err();
        assert!(matches!(&e, Error::BadParam { param, .. } if param == "from"), "{e}");
    }
}
