//! The MCP server: each tool parses its arguments as the HTTP operation it
//! mirrors parses its parameters, calls the same `App` service, and answers that
//! operation's JSON (as `structuredContent`, and the same JSON as text). Domain
//! errors are tool errors carrying the API's error body, so the assistant reads
//! why. The write tools exist only for a caller with a token whose role may use
//! them, and only ever create a proposal or a draft, marked machine-assisted:
//! a person reviews and adopts as usual.

use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::handler::server::tool::ToolCallContext;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, Implementation, ListResourceTemplatesResult,
    ListResourcesResult, ListToolsResult, PaginatedRequestParams, ReadResourceRequestParams, ReadResourceResponse,
    ReadResourceResult, Resource, ResourceContents, ResourceTemplate, ServerCapabilities, ServerConfig, Tool,
};
use rmcp::service::RequestContext;
use rmcp::{tool, tool_router, ErrorData as McpError, RoleServer, ServerHandler};
use serde::{Deserialize, Serialize};

use crate::app::catalog::ConceptFilter;
use crate::app::workflow::{Proposal, SectionEdit};
use crate::app::App;
use crate::app::{AnnotateRequest, CheckRequest};
use crate::error::{Error, Result};
use crate::http::blocking;
use crate::http::error::ErrorBody;
use crate::http::params::{EquivalentsParams, Reader, SearchParams};
use crate::model::{
    ConceptId, Lang, OriginKind, RecId, Recommendation, Role, StudyGroupCode, Term, TermKind, User, View,
};

/// URI scheme of a concept as a resource: `hexaglot:concept/c42`.
pub const CONCEPT_URI: &str = "hexaglot:concept/";
/// The tools anyone may call; `propose_term` and `draft_translation` need a token.
pub const READ_TOOLS: [&str; 6] =
    ["search_terms", "get_equivalents", "get_concept", "annotate_text", "check_translation", "list_recommendations"];
/// The tools that cost a text analysis: under the anonymous text limit over HTTP, as their API operations.
pub const TEXT_TOOLS: [&str; 2] = ["annotate_text", "check_translation"];
/// Concepts per page of `resources/list`.
const RESOURCE_PAGE: u32 = 100;

/// The caller of one HTTP request, put into the request's extensions by `/mcp`
/// once its bearer token is authenticated.
#[derive(Clone, Debug)]
pub struct McpCaller(pub User);

/// Who may call the process's tools on stdio: the token given at start, checked
/// again on every call so a revoked token stops working at once.
#[derive(Clone)]
pub struct Identity {
    token: String,
}

impl Identity {
    /// Checks `token` now (a bad one is an error before any client connects).
    pub fn check(app: &App, token: &str) -> Result<(Identity, User)> {
        let token = token.trim().to_string();
        let user = app.authenticate(&token)?;
        Ok((Identity { token }, user))
    }
}

#[derive(Clone)]
pub struct HexaglotMcp {
    app: App,
    tool_router: ToolRouter<Self>,
    /// The caller of the whole process (stdio); `None` over HTTP, where the
    /// caller comes with each request (a session may send a token only later).
    identity: Option<Identity>,
}

// ---------------------------------------------------------------- arguments

/// Arguments of `search_terms` (`GET /api/v1/search`).
#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct SearchTermsArgs {
    /// What to find (the `q` of /api/v1/search): words, "a phrase", prefix*, -exclude.
    pub query: String,
    /// Language to search, e.g. "en" or "fr" (several comma-separated); all six when absent.
    #[serde(default)]
    pub lang: Option<String>,
    /// At most this many hits (1 to 100; 20 when absent).
    #[serde(default)]
    #[schemars(range(min = 1, max = 100))]
    pub limit: Option<u32>,
}

/// Arguments of `get_equivalents` (`GET /api/v1/equivalents` with `from` = `lang`).
#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct GetEquivalentsArgs {
    /// The term to look up, as written.
    pub term: String,
    /// Its language: en, fr, es, ru, ar or zh.
    pub lang: String,
    /// Target languages (the other five when absent).
    #[serde(default)]
    pub to: Option<Vec<String>>,
}

/// Arguments of `get_concept` (`GET /api/v1/concepts/{id}`).
#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct GetConceptArgs {
    /// Concept id, e.g. "c42".
    pub id: String,
}

/// Arguments of `list_recommendations` (`GET /api/v1/recommendations`).
#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct ListRecommendationsArgs {
    /// Only the Recommendations of this study group, e.g. "SG17".
    #[serde(default)]
    pub sg: Option<String>,
}

/// Arguments of `annotate_text` (`POST /api/v1/annotate` as JSON).
#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct AnnotateTextArgs {
    /// The text (up to 2 MiB of UTF-8).
    pub text: String,
    /// Its language: en, fr, es, ru, ar or zh (detected when absent).
    #[serde(default)]
    pub lang: Option<String>,
    /// Languages of the equivalents (the five others when absent).
    #[serde(default)]
    pub to: Option<Vec<String>>,
}

/// Arguments of `check_translation` (`POST /api/v1/check-translation`).
#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct CheckTranslationArgs {
    /// Language of the source text: en, fr, es, ru, ar or zh.
    pub source_lang: String,
    /// The source text; paragraphs are separated by a blank line.
    pub source_text: String,
    /// Language of the translation.
    pub target_lang: String,
    /// The translation, paragraphs as in the source.
    pub target_text: String,
}

/// Arguments of `propose_term` (`POST /api/v1/proposals`): an English term for a study group.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct ProposeTermArgs {
    /// The proposing study group, e.g. "SG17" (one of the rapporteur's).
    pub sg: String,
    /// The English term (the preferred one).
    pub term: String,
    /// Synonyms (admitted terms), if any.
    #[serde(default)]
    pub synonyms: Vec<String>,
    /// The definition (needed for a term defined in its Recommendation).
    #[serde(default)]
    pub definition: Option<String>,
    #[serde(default)]
    pub abbreviation: Option<String>,
    /// Notes as written in the Recommendation: "NOTE – …".
    #[serde(default)]
    pub notes: Vec<String>,
    /// Source Recommendation, e.g. "ITU-T X.1332".
    #[serde(default)]
    pub rec: Option<String>,
    /// Clause number, e.g. "3.2.1".
    #[serde(default)]
    pub clause: Option<String>,
    /// "here" (defined in this Recommendation, the default) or "elsewhere".
    #[serde(default)]
    pub origin: Option<String>,
    /// For a term defined elsewhere: the reference as written, e.g. "[b-ITU-T Y.2071]".
    #[serde(default)]
    pub reference: Option<String>,
}

/// Arguments of `draft_translation` (`PUT /api/v1/concepts/{id}/languages/{lang}`).
#[derive(Debug, Deserialize, schemars::JsonSchema)]
pub struct DraftTranslationArgs {
    /// Concept id, e.g. "c42".
    pub concept: String,
    /// The language of the translation (one of the translator's): fr, es, ru, ar or zh.
    pub lang: String,
    /// The terms: the preferred one first, then admitted synonyms.
    pub terms: Vec<String>,
    #[serde(default)]
    pub definition: Option<String>,
    #[serde(default)]
    pub abbreviations: Vec<String>,
    #[serde(default)]
    pub notes: Vec<String>,
    /// The concept version the draft is based on (from get_concept); refused if the concept changed since.
    #[serde(default)]
    pub version: Option<i64>,
}

/// `list_recommendations`'s answer: the JSON array of the HTTP operation, in an
/// object (MCP's structured content is an object).
#[derive(Serialize)]
struct Recommendations {
    recommendations: Vec<Recommendation>,
}

// ---------------------------------------------------------------- helpers

/// A domain error as a tool error: the API's error body, as text.
fn tool_error(e: &Error) -> CallToolResult {
    let body = serde_json::to_string(&ErrorBody::of(e)).unwrap_or_else(|_| e.to_string());
    CallToolResult::error(vec![ContentBlock::text(body)])
}

/// Runs a service off the executor and answers its JSON, or its error as a tool error.
async fn answer<T, F>(f: F) -> std::result::Result<CallToolResult, McpError>
where
    T: Serialize + Send + 'static,
    F: FnOnce() -> Result<T> + Send + 'static,
{
    // Through the text the HTTP answer is made of: `to_value` would widen an f32
    // (a search score) to f64 digits the API never prints.
    let value =
        blocking(f).await.and_then(|v| Ok(serde_json::from_str::<serde_json::Value>(&serde_json::to_string(&v)?)?));
    Ok(match value {
        Ok(v) => CallToolResult::structured(v),
        Err(e) => tool_error(&e),
    })
}

fn parse<T: std::str::FromStr>(param: &str, raw: &str) -> Result<T>
where
    T::Err: std::fmt::Display,
{
    raw.trim().parse().map_err(|e| Error::bad_param(param, e))
}

fn view(caller: Option<&User>) -> View {
    if caller.is_some() {
        View::Staff
    } else {
        View::Public
    }
}

/// Whether `tool` is offered to `caller`: the write tools need a token whose role may use them.
fn offered(tool: &str, caller: Option<&User>) -> bool {
    match tool {
        "propose_term" => caller.is_some_and(|u| matches!(u.role, Role::Rapporteur | Role::Admin)),
        "draft_translation" => caller.is_some_and(|u| u.role == Role::Translator),
        _ => true,
    }
}

/// Languages given as a list of codes.
fn langs(param: &str, codes: Option<Vec<String>>) -> Result<Option<Vec<Lang>>> {
    codes.map(|list| list.iter().map(|c| parse(param, c)).collect()).transpose()
}

/// The concept id of a resource URI.
fn concept_of(uri: &str) -> Option<ConceptId> {
    uri.strip_prefix(CONCEPT_URI)?.parse().ok()
}

impl HexaglotMcp {
    /// A server on `app`; `identity` is the caller of the whole process (stdio), `None` over HTTP.
    pub fn new(app: App, identity: Option<Identity>) -> Self {
        Self { app, tool_router: Self::tool_router(), identity }
    }

    /// The caller of this request: over HTTP the request's authenticated token
    /// (rmcp hands the request's parts to the context), on stdio the process's.
    async fn caller(&self, ctx: &RequestContext<RoleServer>) -> std::result::Result<Option<User>, McpError> {
        if let Some(parts) = ctx.extensions.get::<::http::request::Parts>() {
            return Ok(parts.extensions.get::<McpCaller>().map(|c| c.0.clone()));
        }
        let Some(identity) = &self.identity else { return Ok(None) };
        let (app, token) = (self.app.clone(), identity.token.clone());
        match blocking(move || app.authenticate(&token)).await {
            Ok(user) => Ok(Some(user)),
            Err(e) => Err(McpError::invalid_request(e.to_string(), None)),
        }
    }

    /// The caller of a write tool (call_tool has already refused everyone else).
    async fn writer(&self, ctx: &RequestContext<RoleServer>) -> std::result::Result<User, McpError> {
        self.caller(ctx).await?.ok_or_else(|| McpError::invalid_params("tool not found", None))
    }
}

#[tool_router]
impl HexaglotMcp {
    #[tool(
        description = "Search ITU-T terminology (adopted terms in the six ITU languages). The result is the JSON of GET /api/v1/search: hits with concept ids, terms and snippets, and the total of matching concepts.",
        annotations(read_only_hint = true)
    )]
    async fn search_terms(
        &self,
        Parameters(args): Parameters<SearchTermsArgs>,
    ) -> std::result::Result<CallToolResult, McpError> {
        let params = SearchParams {
            q: Some(args.query),
            lang: args.lang,
            limit: args.limit.map(|l| l.to_string()),
            ..Default::default()
        };
        let app = self.app.clone();
        answer(move || {
            let query = params.read(&mut Reader::strict())?;
            app.search(&query.request)
        })
        .await
    }

    #[tool(
        description = "The adopted equivalents of a term in other ITU languages. The result is the JSON of GET /api/v1/equivalents (with from = lang).",
        annotations(read_only_hint = true)
    )]
    async fn get_equivalents(
        &self,
        Parameters(args): Parameters<GetEquivalentsArgs>,
    ) -> std::result::Result<CallToolResult, McpError> {
        let params = EquivalentsParams {
            term: Some(args.term),
            from: Some(args.lang),
            to: args.to.map(|langs| langs.join(",")),
            limit: None,
        };
        let app = self.app.clone();
        answer(move || {
            let q = params.read(&mut Reader::strict())?;
            let matches = app.equivalents(&q.term, q.from, &q.to, View::Public, q.limit)?;
            Ok(crate::app::catalog::EquivalentsResponse { matches })
        })
        .await
    }

    #[tool(
        description = "Every known ITU-T term in a text, with its concepts, its adopted equivalents in other languages and flags (deprecated, not adopted in a language, conflicting definitions). The result is the JSON of POST /api/v1/annotate.",
        annotations(read_only_hint = true)
    )]
    async fn annotate_text(
        &self,
        Parameters(args): Parameters<AnnotateTextArgs>,
        ctx: RequestContext<RoleServer>,
    ) -> std::result::Result<CallToolResult, McpError> {
        let caller = self.caller(&ctx).await?;
        let app = self.app.clone();
        answer(move || {
            let request = AnnotateRequest {
                lang: args.lang.as_deref().map(|l| parse("lang", l)).transpose()?,
                to: langs("to", args.to)?,
                text: args.text,
                pending: false,
            };
            app.annotate(caller.as_ref(), request)
        })
        .await
    }

    #[tool(
        description = "Check a translation against the termbase: for every term found in the source, whether one of its adopted equivalents appears in the translation (paragraph by paragraph when both have as many paragraphs). The result is the JSON of POST /api/v1/check-translation.",
        annotations(read_only_hint = true)
    )]
    async fn check_translation(
        &self,
        Parameters(args): Parameters<CheckTranslationArgs>,
        ctx: RequestContext<RoleServer>,
    ) -> std::result::Result<CallToolResult, McpError> {
        let caller = self.caller(&ctx).await?;
        let app = self.app.clone();
        answer(move || {
            let request = CheckRequest {
                source_lang: parse("source_lang", &args.source_lang)?,
                source_text: args.source_text,
                target_lang: parse("target_lang", &args.target_lang)?,
                target_text: args.target_text,
                pending: false,
            };
            app.check_translation(caller.as_ref(), request)
        })
        .await
    }

    #[tool(
        description = "One concept with its terms, definitions and notes in every language, its source Recommendation and status. The result is the JSON of GET /api/v1/concepts/{id} (with a token: working copies too).",
        annotations(read_only_hint = true)
    )]
    async fn get_concept(
        &self,
        Parameters(args): Parameters<GetConceptArgs>,
        ctx: RequestContext<RoleServer>,
    ) -> std::result::Result<CallToolResult, McpError> {
        let view = view(self.caller(&ctx).await?.as_ref());
        let app = self.app.clone();
        answer(move || app.concept(parse("id", &args.id)?, view)).await
    }

    #[tool(
        description = "ITU-T Recommendations known to the termbase, optionally of one study group. The result is the JSON of GET /api/v1/recommendations, as {\"recommendations\": [...]}.",
        annotations(read_only_hint = true)
    )]
    async fn list_recommendations(
        &self,
        Parameters(args): Parameters<ListRecommendationsArgs>,
    ) -> std::result::Result<CallToolResult, McpError> {
        let app = self.app.clone();
        answer(move || {
            let sg: Option<StudyGroupCode> = args.sg.as_deref().map(|s| parse("sg", s)).transpose()?;
            let mut recommendations = app.recommendations(View::Public)?;
            if let Some(sg) = sg {
                recommendations.retain(|r| r.sg.as_ref() == Some(&sg));
            }
            Ok(Recommendations { recommendations })
        })
        .await
    }

    #[tool(
        description = "Propose an English term for one of your study groups (rapporteur). Creates a proposal marked machine-assisted, which TSB reviews as usual; nothing is adopted. The result is the JSON of POST /api/v1/proposals: the new concept, lint findings and similar existing concepts."
    )]
    async fn propose_term(
        &self,
        Parameters(args): Parameters<ProposeTermArgs>,
        ctx: RequestContext<RoleServer>,
    ) -> std::result::Result<CallToolResult, McpError> {
        let user = self.writer(&ctx).await?;
        let app = self.app.clone();
        answer(move || {
            let p = Proposal {
                terms: std::iter::once(args.term).chain(args.synonyms).collect(),
                abbreviation: args.abbreviation,
                definition: args.definition,
                notes: args.notes,
                rec: args.rec.as_deref().map(|r| parse::<RecId>("rec", r)).transpose()?,
                clause: args.clause,
                sg: parse("sg", &args.sg)?,
                origin: args.origin.as_deref().map(|o| parse("origin", o)).transpose()?.unwrap_or(OriginKind::Here),
                reference: args.reference,
                subject_field: None,
                assisted: true,
            };
            app.propose(&user, &p)
        })
        .await
    }

    #[tool(
        description = "Draft the translation of a concept into one of your languages (translator). Writes a draft marked machine-assisted, which you or a colleague submit and an SCV reviewer adopts as usual. The result is the JSON of PUT /api/v1/concepts/{id}/languages/{lang}: the concept."
    )]
    async fn draft_translation(
        &self,
        Parameters(args): Parameters<DraftTranslationArgs>,
        ctx: RequestContext<RoleServer>,
    ) -> std::result::Result<CallToolResult, McpError> {
        let user = self.writer(&ctx).await?;
        let app = self.app.clone();
        answer(move || {
            let id: ConceptId = parse("concept", &args.concept)?;
            let lang: Lang = parse("lang", &args.lang)?;
            let edit = SectionEdit {
                terms: args
                    .terms
                    .into_iter()
                    .enumerate()
                    .map(|(i, text)| Term {
                        text,
                        status: if i == 0 { TermKind::Preferred } else { TermKind::Admitted },
                    })
                    .collect(),
                abbreviations: args.abbreviations,
                definition: args.definition,
                notes: args.notes,
                version: args.version,
                assisted: true,
            };
            app.edit_section(&user, id, lang, &edit, None)
        })
        .await
    }
}

impl ServerHandler for HexaglotMcp {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().enable_resources().build())
            .with_server_info(Implementation::new("hexaglot", env!("CARGO_PKG_VERSION")))
            .with_instructions(
                "ITU-T's multilingual terminology (WTSA Resolution 67). Use the adopted terms it gives instead of \
                 inventing translations. Concepts are also resources hexaglot:concept/{id}. With a token, a \
                 rapporteur may propose terms and a translator may draft translations; both are marked \
                 machine-assisted and reviewed by a person.",
            )
    }

    // Written by hand instead of #[tool_handler]: the list depends on the caller
    // (and so carries no "public" cache scope).
    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        ctx: RequestContext<RoleServer>,
    ) -> std::result::Result<ListToolsResult, McpError> {
        let caller = self.caller(&ctx).await?;
        let tools =
            self.tool_router.list_all().into_iter().filter(|t| offered(t.name.as_ref(), caller.as_ref())).collect();
        Ok(ListToolsResult::with_all_items(tools))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        ctx: RequestContext<RoleServer>,
    ) -> std::result::Result<CallToolResponse, McpError> {
        if !offered(request.name.as_ref(), self.caller(&ctx).await?.as_ref()) {
            // The same answer as for a tool that does not exist.
            return Err(McpError::invalid_params("tool not found", None));
        }
        let tool = request.name.to_string();
        let response = self.tool_router.call(ToolCallContext::new(self, request, ctx)).await;
        let ok = match &response {
            Ok(CallToolResponse::Complete(result)) => result.is_error != Some(true),
            Ok(_) => true,
            Err(_) => false,
        };
        // Only the tools there are: a name a client makes up must not grow /metrics.
        if self.tool_router.get(&tool).is_some() {
            self.app.metrics().count_mcp_call(&tool, ok);
        }
        response
    }

    fn get_tool(&self, name: &str) -> Option<Tool> {
        self.tool_router.get(name).cloned()
    }

    async fn list_resource_templates(
        &self,
        _request: Option<PaginatedRequestParams>,
        _ctx: RequestContext<RoleServer>,
    ) -> std::result::Result<ListResourceTemplatesResult, McpError> {
        Ok(ListResourceTemplatesResult::with_all_items(vec![ResourceTemplate::new(
            format!("{CONCEPT_URI}{{id}}"),
            "concept",
        )
        .with_title("Hexaglot concept")
        .with_description("A concept as JSON, the same as GET /api/v1/concepts/{id}")
        .with_mime_type("application/json")]))
    }

    /// Concepts a page at a time (the cursor is the last id of the page before).
    async fn list_resources(
        &self,
        request: Option<PaginatedRequestParams>,
        ctx: RequestContext<RoleServer>,
    ) -> std::result::Result<ListResourcesResult, McpError> {
        let view = view(self.caller(&ctx).await?.as_ref());
        let after = match request.and_then(|r| r.cursor) {
            None => None,
            Some(c) => {
                Some(c.parse::<ConceptId>().map_err(|e| McpError::invalid_params(format!("cursor: {e}"), None))?)
            }
        };
        let filter = ConceptFilter { after, limit: RESOURCE_PAGE, ..Default::default() };
        let app = self.app.clone();
        let page = blocking(move || app.concepts(&filter, view))
            .await
            .map_err(|e| McpError::internal_error(ErrorBody::of(&e).error.message, None))?;
        let resources = page
            .items
            .iter()
            .map(|c| {
                let title = c
                    .preferred_term(Lang::En)
                    .or_else(|| c.languages.values().find_map(|s| s.content.preferred_term()));
                let resource = Resource::new(format!("{CONCEPT_URI}{}", c.id), c.id.to_string())
                    .with_mime_type("application/json");
                match title {
                    Some(t) => resource.with_title(t),
                    None => resource,
                }
            })
            .collect();
        let mut result = ListResourcesResult::with_all_items(resources);
        result.next_cursor = page.next_cursor;
        Ok(result)
    }

    async fn read_resource(
        &self,
        request: ReadResourceRequestParams,
        ctx: RequestContext<RoleServer>,
    ) -> std::result::Result<ReadResourceResponse, McpError> {
        let uri = request.uri;
        let Some(id) = concept_of(&uri) else {
            return Err(McpError::resource_not_found(format!("no resource {uri}"), None));
        };
        let view = view(self.caller(&ctx).await?.as_ref());
        let app = self.app.clone();
        let concept = match blocking(move || app.concept(id, view)).await {
            Ok(c) => c,
            Err(e @ Error::NotFound { .. }) => {
                return Err(McpError::resource_not_found(e.to_string(), Some(serde_json::json!({"uri": uri}))))
            }
            Err(e) => return Err(McpError::internal_error(ErrorBody::of(&e).error.message, None)),
        };
        let json = serde_json::to_string(&concept).map_err(|e| McpError::internal_error(e.to_string(), None))?;
        Ok(ReadResourceResult::new(vec![ResourceContents::text(json, uri).with_mime_type("application/json")]).into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concept_uris() {
        assert_eq!(concept_of("hexaglot:concept/c42"), Some(ConceptId(42)));
        assert_eq!(concept_of("hexaglot:concept/"), None);
        assert_eq!(concept_of("hexaglot:rec/E.119"), None);
    }

    #[test]
    fn write_tools_are_offered_by_role() {
        let user = |role| User {
            name: "u".into(),
            role,
            langs: vec![Lang::Fr],
            study_groups: vec![],
            created_at: String::new(),
            expires_at: None,
            revoked_at: None,
        };
        for tool in READ_TOOLS {
            assert!(offered(tool, None), "{tool}");
        }
        assert!(!offered("propose_term", None));
        assert!(!offered("draft_translation", None));
        assert!(offered("propose_term", Some(&user(Role::Rapporteur))));
        assert!(!offered("draft_translation", Some(&user(Role::Rapporteur))));
        assert!(offered("draft_translation", Some(&user(Role::Translator))));
        assert!(!offered("propose_term", Some(&user(Role::Translator))));
        assert!(!offered("propose_term", Some(&user(Role::Reviewer))));
    }
}
