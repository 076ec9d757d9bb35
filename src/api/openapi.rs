//! The OpenAPI 3 document, generated from the handlers' annotations so it
//! cannot drift from the routes.

use actix_web::HttpResponse;
use utoipa::OpenApi;

use super::{annotate, feed, interchange, read, search, watches, workflow};
use crate::http::params;

#[derive(OpenApi)]
#[openapi(
    info(title = "Hexaglot", description = "ITU-T multilingual terminology database (WTSA Resolution 67). AI assistants reach the same operations as MCP tools (search_terms, get_equivalents, get_concept, annotate_text, check_translation, list_recommendations; with a token propose_term and draft_translation, whose proposals and drafts carry `assisted: true`) at `/mcp` (streamable HTTP, `Authorization: Bearer` for the write tools) or with `hexaglot mcp` on stdio."),
    paths(
        read::healthz,
        read::metrics,
        read::get_concept,
        read::list_concepts,
        read::list_recommendations,
        read::get_recommendation,
        read::list_study_groups,
        read::language_stats,
        search::search,
        search::equivalents,
        search::suggest,
        annotate::annotate,
        annotate::check_translation,
        annotate::lookup,
        workflow::propose,
        workflow::accept,
        workflow::return_proposal,
        workflow::merge,
        workflow::edit_section,
        workflow::submit,
        workflow::adopt,
        workflow::return_section,
        workflow::add_comment,
        workflow::list_comments,
        workflow::history,
        workflow::revert,
        workflow::supersede,
        workflow::queue,
        workflow::changes,
        watches::list,
        watches::add,
        watches::remove,
        feed::adopted,
        feed::changes,
        interchange::import,
        interchange::export,
        interchange::dump,
        interchange::extract,
    ),
    components(schemas(
        params::schema::LangList,
        params::schema::ChangeKinds,
        params::schema::PublicChangeKinds,
        params::schema::DateBound,
        params::schema::QueryText,
        params::schema::StatsBy,
        // Enums used only as query parameters are not collected from the paths.
        crate::search::SearchField,
        crate::search::Mode,
        crate::search::DateField,
        crate::interchange::Format,
        crate::interchange::export::ExportFormat,
    )),
    modifiers(&BearerAuth, &SharedResponses),
    tags(
        (name = "concepts", description = "Concepts with terms and definitions in six languages"),
        (name = "recommendations", description = "Recommendations and study groups"),
        (name = "search", description = "Full-text search in six languages, equivalents, suggestions"),
        (name = "terminology", description = "Terms in running text: every known term of a text with its equivalents; translations checked against the adopted terms"),
        (name = "workflow", description = "Resolution 67: propose, accept, translate, review, adopt"),
        (name = "interchange", description = "Import and export: clause 3, Word files, TBX, CSV, XLSX, JSON Lines"),
        (name = "stats", description = "Equal-footing figures"),
        (name = "watches", description = "What a signed-in user follows; their queue page shows what changed there"),
        (name = "meta", description = "Service health and description"),
    )
)]
pub struct ApiDoc;

/// Declares the `Authorization: Bearer TOKEN` scheme the write endpoints use.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("token from `hexaglot user add`"))
                    .build(),
            ),
        );
    }
}

/// What holds for every operation alike, said once: `429` (the rate
/// limiter) on every operation that takes a token, `413` on every operation
/// with a request body (the payload limits), `400` on every operation with
/// parameters or a body (they are parsed at the edge), and `allowEmptyValue`
/// on optional query parameters (`?lang=` is the same as no `lang`).
struct SharedResponses;

impl utoipa::Modify for SharedResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::ParameterIn;
        use utoipa::openapi::{ContentBuilder, Ref, Required, ResponseBuilder};
        let error = || {
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name(<crate::http::error::ErrorBody as utoipa::ToSchema>::name())))
                .build()
        };
        let components = openapi.components.get_or_insert_with(Default::default);
        components.responses.insert(
            "RateLimited".into(),
            ResponseBuilder::new()
                .description(
                    "Too many requests with this token, or too many failed sign-ins from this address; try again later",
                )
                .content("application/json", error())
                .build()
                .into(),
        );
        components.responses.insert(
            "BadRequest".into(),
            ResponseBuilder::new()
                .description("A parameter or the body is not valid; `error.param` names the parameter")
                .content("application/json", error())
                .build()
                .into(),
        );
        components.responses.insert(
            "TooLarge".into(),
            ResponseBuilder::new()
                .description("The request body is too large")
                .content("application/json", error())
                .build()
                .into(),
        );
        for item in openapi.paths.paths.values_mut() {
            for op in
                [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch].into_iter().flatten()
            {
                let takes_token = op.security.as_ref().is_some_and(|s| !s.is_empty());
                if takes_token {
                    op.responses
                        .responses
                        .entry("429".into())
                        .or_insert_with(|| Ref::from_response_name("RateLimited").into());
                }
                let has_params = op.parameters.as_ref().is_some_and(|p| !p.is_empty());
                if has_params || op.request_body.is_some() {
                    op.responses
                        .responses
                        .entry("400".into())
                        .or_insert_with(|| Ref::from_response_name("BadRequest").into());
                }
                for p in op.parameters.iter_mut().flatten() {
                    if p.parameter_in == ParameterIn::Query && p.required == Required::False {
                        p.extensions.get_or_insert_with(Default::default).insert("allowEmptyValue".into(), true.into());
                    }
                }
                if op.request_body.is_some() {
                    op.responses
                        .responses
                        .entry("413".into())
                        .or_insert_with(|| Ref::from_response_name("TooLarge").into());
                }
            }
        }
    }
}

/// The served document: utoipa's, with every documented response header
/// marked `required` (utoipa's `Header` cannot say so; each one we document
/// is always sent, and clients and schemathesis check only required ones).
pub fn document() -> serde_json::Value {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
    if let Some(paths) = doc.get_mut("paths").and_then(|p| p.as_object_mut()) {
        for op in paths.values_mut().filter_map(|i| i.as_object_mut()).flat_map(|i| i.values_mut()) {
            let Some(responses) = op.get_mut("responses").and_then(|r| r.as_object_mut()) else { continue };
            for response in responses.values_mut() {
                let Some(headers) = response.get_mut("headers").and_then(|h| h.as_object_mut()) else { continue };
                for header in headers.values_mut().filter_map(|h| h.as_object_mut()) {
                    header.insert("required".into(), true.into());
                }
            }
        }
    }
    doc
}

pub async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok().json(document())
}

#[cfg(test)]
mod tests {
    fn enum_values<T: utoipa::PartialSchema>() -> Vec<String> {
        let json = serde_json::to_value(T::schema()).unwrap();
        json["enum"].as_array().expect("an enum schema").iter().map(|v| v.as_str().unwrap().to_string()).collect()
    }

    /// The schema of every `string_enum!` lists the spellings serde writes
    /// (once it listed the Rust variant names: `Accepted` for `accepted`).
    #[test]
    fn string_enum_schemas_list_the_serialized_spellings() {
        macro_rules! check {
            ($($t:ty),+) => {$(
                let serialized: Vec<String> = <$t>::ALL.iter().map(|v| v.as_str().to_string()).collect();
                assert_eq!(enum_values::<$t>(), serialized, "{}", stringify!($t));
                for v in <$t>::ALL {
                    assert_eq!(serde_json::to_value(v).unwrap(), serde_json::json!(v.as_str()));
                }
            )+};
        }
        use crate::model::*;
        check!(
            ConceptStatus,
            SectionStatus,
            TermKind,
            OriginKind,
            ApprovalProcedure,
            RecStatus,
            crate::search::SearchField,
            crate::search::Mode,
            crate::search::DateField,
            crate::model::ChangeKind,
            crate::model::Role,
            crate::interchange::Format,
            crate::interchange::export::ExportFormat
        );
    }

    /// Every `$ref` in the served document points at a component it has.
    #[test]
    fn every_reference_resolves() {
        let doc = super::document();
        fn walk(v: &serde_json::Value, doc: &serde_json::Value, refs: &mut usize) {
            match v {
                serde_json::Value::Object(m) => {
                    if let Some(r) = m.get("$ref").and_then(|r| r.as_str()) {
                        let pointer = r.strip_prefix('#').expect("a local reference");
                        assert!(doc.pointer(pointer).is_some(), "unresolved {r}");
                        *refs += 1;
                    }
                    m.values().for_each(|v| walk(v, doc, refs));
                }
                serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, doc, refs)),
                _ => {}
            }
        }
        let mut refs = 0;
        walk(&doc, &doc, &mut refs);
        assert!(refs > 50, "{refs} references");
    }

    /// Operations that take a token document 401 and 429.
    #[test]
    fn token_operations_document_401_and_429() {
        let doc = super::document();
        let mut seen = 0;
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                if op.get("security").is_some() {
                    seen += 1;
                    for code in ["401", "429"] {
                        assert!(op["responses"].get(code).is_some(), "{method} {path} lacks {code}");
                    }
                }
            }
        }
        assert!(seen >= 20, "{seen}");
        let etag = &doc["paths"]["/api/v1/concepts/{id}"]["get"]["responses"]["200"]["headers"]["ETag"];
        assert_eq!(etag["required"], true, "{etag}");
    }
}
