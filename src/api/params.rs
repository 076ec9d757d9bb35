//! The strict rule of the API: a query parameter an operation does not
//! declare, or one given twice, is a 400 naming it. The declarations are the
//! served OpenAPI document's, derived from the operations' parameter structs
//! (`http::params`), so what is documented is exactly what is accepted.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::error::{Error, Result};

/// The query parameters one operation declares in the OpenAPI document.
struct Declared {
    method: String,
    path: actix_web::dev::ResourceDef,
    names: Vec<String>,
}

/// Every operation's declared query parameters, read once from the served
/// document: what is documented is exactly what is accepted.
fn declared() -> &'static [Declared] {
    static DECLARED: OnceLock<Vec<Declared>> = OnceLock::new();
    DECLARED.get_or_init(|| {
        let doc = super::openapi::document();
        let mut out = Vec::new();
        for (path, item) in doc["paths"].as_object().into_iter().flatten() {
            for (method, op) in item.as_object().into_iter().flatten() {
                let names = op["parameters"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|p| p["in"] == "query")
                    .filter_map(|p| p["name"].as_str().map(str::to_string))
                    .collect();
                out.push(Declared {
                    method: method.to_uppercase(),
                    path: actix_web::dev::ResourceDef::new(path.as_str()),
                    names,
                });
            }
        }
        out
    })
}

/// Refuses an unknown or repeated query parameter of an API operation. A
/// method the path does not have passes on (to its 405).
pub fn check_query(method: &actix_web::http::Method, path: &str, query: &str) -> Result<()> {
    let method = if method == actix_web::http::Method::HEAD { "GET" } else { method.as_str() };
    let Some(op) = declared().iter().find(|d| d.method == method && d.path.is_match(path)) else {
        return Ok(());
    };
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).map_err(|e| Error::bad_param("query", e))?;
    let mut seen = HashSet::new();
    for (name, _) in &pairs {
        if !op.names.contains(name) {
            let message = match op.names.as_slice() {
                [] => "is not a parameter of this operation, which takes none".to_string(),
                names => format!("is not a parameter of this operation (it takes {})", names.join(", ")),
            };
            return Err(Error::bad_param(name, message));
        }
        if !seen.insert(name) {
            return Err(Error::bad_param(name, "is given more than once; it takes one value"));
        }
    }
    Ok(())
}

/// Middleware of the `/api/v1` scope applying [`check_query`] to every operation.
pub async fn strict_query(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody>,
) -> std::result::Result<actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    check_query(req.method(), req.path(), req.query_string())?;
    next.call(req).await
}
