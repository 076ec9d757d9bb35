//! The one error type of the domain. Each variant has a stable code; the HTTP
//! mapping lives in `api::error`, the CLI prints the message and exits non-zero.

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{what} not found")]
    NotFound { what: String },

    /// A query or path parameter that cannot be parsed; names the parameter.
    #[error("invalid parameter '{param}': {message}")]
    BadParam { param: String, message: String },

    /// A request body or file that is malformed or violates a rule.
    #[error("{0}")]
    Invalid(String),

    /// A workflow transition that is not allowed from the current state.
    #[error("{message}")]
    Conflict { message: String, current: Option<String> },

    /// Optimistic concurrency: the caller's version is not the current one.
    #[error("the concept has changed since version {sent}; current version is {current}")]
    Stale { sent: i64, current: i64 },

    #[error("authentication required: {0}")]
    Unauthorized(String),

    #[error("forbidden: {0}")]
    Forbidden(String),

    #[error("too many requests: {message}")]
    TooManyRequests { message: String, retry_after: u64 },

    #[error("payload too large: {0}")]
    TooLarge(String),

    #[error("data directory {path}: {message}")]
    DataDir { path: String, message: String },

    #[error("storage: {0}")]
    Storage(#[from] rusqlite::Error),

    #[error("migration: {0}")]
    Migration(#[from] rusqlite_migration::Error),

    #[error("search index: {0}")]
    Index(String),

    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),

    #[error("internal: {0}")]
    Internal(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn not_found(what: impl Into<String>) -> Self {
        Error::NotFound { what: what.into() }
    }

    pub fn bad_param(param: impl Into<String>, message: impl std::fmt::Display) -> Self {
        Error::BadParam { param: param.into(), message: message.to_string() }
    }

    pub fn conflict(message: impl Into<String>, current: impl Into<Option<String>>) -> Self {
        Error::Conflict { message: message.into(), current: current.into() }
    }

    /// Stable machine-readable code, part of the API contract.
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotFound { .. } => "not_found",
            Error::BadParam { .. } => "bad_parameter",
            Error::Invalid(_) => "invalid",
            Error::Conflict { .. } => "conflict",
            Error::Stale { .. } => "version_mismatch",
            Error::Unauthorized(_) => "unauthorized",
            Error::Forbidden(_) => "forbidden",
            Error::TooManyRequests { .. } => "rate_limited",
            Error::TooLarge(_) => "payload_too_large",
            Error::DataDir { .. } => "data_dir",
            Error::Storage(e) if is_disk_full(e) => "disk_full",
            Error::Storage(_) | Error::Migration(_) => "storage",
            Error::Index(_) => "index",
            Error::Io(_) => "io",
            Error::Internal(_) => "internal",
        }
    }

    /// True for errors caused by the caller, which are safe to show in full.
    pub fn is_client_error(&self) -> bool {
        matches!(
            self,
            Error::NotFound { .. }
                | Error::BadParam { .. }
                | Error::Invalid(_)
                | Error::Conflict { .. }
                | Error::Stale { .. }
                | Error::Unauthorized(_)
                | Error::Forbidden(_)
                | Error::TooManyRequests { .. }
                | Error::TooLarge(_)
        )
    }
}

fn is_disk_full(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::DiskFull)
}

impl From<tantivy::TantivyError> for Error {
    fn from(e: tantivy::TantivyError) -> Self {
        Error::Index(e.to_string())
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::Internal(format!("json: {e}"))
    }
}
