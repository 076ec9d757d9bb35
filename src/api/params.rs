//! Query-string parsing that names the offending parameter in every error,
//! and the strict rule of the API: a parameter an operation does not declare,
//! or one given twice, is a 400 naming it.

use std::collections::{HashMap, HashSet};
use std::fmt::Display;
use std::str::FromStr;
use std::sync::OnceLock;

use crate::error::{Error, Result};
use crate::model::time::parse_bound;

pub struct Params(HashMap<String, String>);

impl Params {
    pub fn parse(query: &str) -> Result<Params> {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(query).map_err(|e| Error::bad_param("query", e))?;
        Ok(Params(pairs.into_iter().collect()))
    }

    /// The value, or `None` when absent or empty.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(|s| s.trim()).filter(|s| !s.is_empty())
    }

    pub fn parse_opt<T>(&self, name: &str) -> Result<Option<T>>
    where
        T: FromStr,
        T::Err: Display,
    {
        self.get(name).map(|v| v.parse::<T>().map_err(|e| Error::bad_param(name, e))).transpose()
    }

    pub fn required(&self, name: &str) -> Result<&str> {
        self.get(name).ok_or_else(|| Error::bad_param(name, "is required"))
    }

    /// A page size between 1 and `max`.
    pub fn limit(&self, name: &str, default: u32, max: u32) -> Result<u32> {
        match self.get(name) {
            None => Ok(default),
            Some(v) => match v.parse::<i64>() {
                Ok(n) if n >= 1 && n <= i64::from(max) => Ok(n as u32),
                _ => Err(Error::bad_param(name, format!("'{v}' must be a whole number from 1 to {max}"))),
            },
        }
    }

    /// A non-negative offset.
    pub fn offset(&self, name: &str, max: u32) -> Result<u32> {
        match self.get(name) {
            None => Ok(0),
            Some(v) => match v.parse::<i64>() {
                Ok(n) if n >= 0 && n <= i64::from(max) => Ok(n as u32),
                _ => Err(Error::bad_param(name, format!("'{v}' must be a whole number from 0 to {max}"))),
            },
        }
    }

    /// A time-range bound (`YYYY-MM-DD` or RFC 3339), normalised.
    pub fn bound(&self, name: &str, upper: bool) -> Result<Option<String>> {
        self.get(name).map(|v| parse_bound(v, upper).map_err(|e| Error::bad_param(name, e))).transpose()
    }

    /// Checks that `from` is not after `to`.
    pub fn range(&self, from: &str, to: &str) -> Result<(Option<String>, Option<String>)> {
        let f = self.bound(from, false)?;
        let t = self.bound(to, true)?;
        if let (Some(a), Some(b)) = (&f, &t) {
            if a > b {
                return Err(Error::bad_param(from, format!("'{from}' is after '{to}'")));
            }
        }
        Ok((f, t))
    }
}

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
        /// Kinds of change, comma-separated.
        ChangeKinds => pattern("^(proposed|accepted|adopted)(,(proposed|accepted|adopted))*$", "accepted,adopted")
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
