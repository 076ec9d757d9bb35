//! The one error type of the domain. Each variant has one row in [`Error::kind`]:
//! its stable code, its HTTP status and whether the caller caused it. `http::error`
//! renders that row; the CLI prints the message and exits non-zero.

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
    Storage(crate::store::SqlError),

    /// The disk holding the data directory is full: nothing was written; free space and retry.
    #[error("the disk is full: {0}")]
    DiskFull(String),

    #[error("migration: {0}")]
    Migration(#[from] crate::store::MigrationError),

    #[error("search index: {0}")]
    Index(String),

    #[error("i/o: {0}")]
    Io(std::io::Error),

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

    /// The one table of error kinds: code, HTTP status and fault, one row per variant.
    pub fn kind(&self) -> Kind {
        use Fault::{Client, Server};
        let (code, status, fault) = match self {
            Error::NotFound { .. } => ("not_found", 404, Client),
            Error::BadParam { .. } => ("bad_parameter", 400, Client),
            Error::Invalid(_) => ("invalid", 400, Client),
            Error::Conflict { .. } => ("conflict", 409, Client),
            Error::Stale { .. } => ("version_mismatch", 412, Client),
            Error::Unauthorized(_) => ("unauthorized", 401, Client),
            Error::Forbidden(_) => ("forbidden", 403, Client),
            Error::TooManyRequests { .. } => ("rate_limited", 429, Client),
            Error::TooLarge(_) => ("payload_too_large", 413, Client),
            // Nobody's fault to hide: the administrator and the caller both need to know.
            Error::DiskFull(_) => ("disk_full", 507, Fault::Capacity),
            Error::DataDir { .. } => ("data_dir", 500, Server),
            Error::Storage(_) | Error::Migration(_) => ("storage", 500, Server),
            Error::Index(_) => ("index", 500, Server),
            Error::Io(_) => ("io", 500, Server),
            Error::Internal(_) => ("internal", 500, Server),
        };
        Kind { code, status, fault }
    }

    /// Stable machine-readable code, part of the API contract.
    pub fn code(&self) -> &'static str {
        self.kind().code
    }

    /// True for errors caused by the caller, which are safe to show in full.
    pub fn is_client_error(&self) -> bool {
        self.kind().fault == Fault::Client
    }
}

/// One row of the error table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    /// Stable machine-readable code, e.g. `bad_parameter`.
    pub code: &'static str,
    /// The HTTP status it answers with.
    pub status: u16,
    pub fault: Fault,
}

/// Who caused an error, which decides how much of it the caller is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The request: the message is shown in full.
    Client,
    /// Out of space: shown in full too (the caller can retry later), and logged.
    Capacity,
    /// A fault of the server: details go to the log only.
    Server,
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::StorageFull => Error::DiskFull(e.to_string()),
            _ => Error::Io(e),
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// SQLite's disk-full is checked with the store, which owns that conversion.
    #[test]
    fn disk_full_is_its_own_kind() {
        let io = Error::from(std::io::Error::from(std::io::ErrorKind::StorageFull));
        assert_eq!(io.code(), "disk_full");
        assert_eq!(io.kind(), Kind { code: "disk_full", status: 507, fault: Fault::Capacity });
    }

    #[test]
    fn client_errors_are_4xx_and_server_errors_5xx() {
        let samples = [
            Error::not_found("x"),
            Error::bad_param("p", "bad"),
            Error::Invalid("x".into()),
            Error::conflict("x", None),
            Error::Stale { sent: 1, current: 2 },
            Error::Unauthorized("x".into()),
            Error::Forbidden("x".into()),
            Error::TooManyRequests { message: "x".into(), retry_after: 1 },
            Error::TooLarge("x".into()),
            Error::DiskFull("x".into()),
            Error::DataDir { path: "p".into(), message: "m".into() },
            Error::Index("x".into()),
            Error::Internal("x".into()),
        ];
        for e in samples {
            let k = e.kind();
            assert_eq!(k.fault == Fault::Client, (400..500).contains(&k.status), "{e:?}");
        }
    }
}
