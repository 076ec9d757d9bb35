//! Hexaglot: the ITU-T multilingual terminology database.
//!
//! ```text
//! CLI (main.rs, cli/) ─┐
//! HTTP ─► api/ (JSON) ─┼─► app/ (the services: the only door) ─► store/ (SQLite, every SQL statement)
//!         web/ (pages) ┘        │                              └► search/ (tantivy, derived from the change log)
//!                               └► workflow/ (pure rules)  interchange/ (pure codecs)  model/ (domain types)
//! ```
//! `api/` and `web/` share their HTTP plumbing (auth, limits, errors, routes) in `http/`.

pub mod api;
pub mod app;
pub mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod http;
pub mod interchange;
pub mod mcp;
pub mod model;
pub mod recognize;
pub mod search;
pub mod startup;
pub(crate) mod store;
pub mod text;
pub mod web;
pub mod workflow;

pub use app::App;
pub use error::{Error, Result};
