//! Integration tests through the public interfaces: a real server on a random
//! port with its own temporary data directory, and the real CLI binary.

#[path = "../common/mod.rs"]
mod common;

mod annotate;
mod cli;
mod docx_import;
mod http_semantics;
mod interchange;
mod metrics;
mod read_api;
mod search;
mod security;
mod tbx_io;
mod workflow;
