//! Hexaglot: the ITU-T multilingual terminology database.
//!
//! ```text
//! HTTP ─► api/ (JSON) and web/ (pages) ─► app (domain services) ─► store/ (SQLite, source of truth)
//!                                                               └► search/ (tantivy, derived from the store's change log)
//! ```
//! `api/` and `web/` share their HTTP plumbing (auth, limits, errors, routes) in `http/`.

pub mod api;
pub mod app;
pub mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod http;
pub mod interchange;
pub mod model;
pub mod search;
pub mod startup;
pub mod store;
pub mod text;
pub mod web;
pub mod workflow;

pub use app::App;
pub use error::{Error, Result};
