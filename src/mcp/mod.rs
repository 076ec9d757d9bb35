//! The Model Context Protocol front end: tools and resources an AI assistant
//! calls, beside `api/` (JSON), `web/` (pages) and the CLI. Like them it parses
//! its input and calls the services of `app/`, and its results are the same
//! JSON as the HTTP operations the tools mirror.
//!
//! - [`server`] — the tools (`search_terms`, `get_equivalents`, `get_concept`,
//!   `annotate_text`, `check_translation`, `list_recommendations`; with a token
//!   `propose_term` and `draft_translation`)
//!   and the concepts as resources `hexaglot:concept/c42`
//! - [`http`] — `/mcp` on the running server (streamable HTTP, `Authorization: Bearer`)
//! - [`stdio`] — `hexaglot mcp`, for desktop assistants
//!
//! ```text
//! assistant ─► stdio (hexaglot mcp) ─┐
//!           ─► /mcp (actix bridge) ──┴─► server (tools) ─► app/
//! ```

pub mod http;
pub mod server;
pub mod stdio;

pub use server::HexaglotMcp;
