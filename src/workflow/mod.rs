//! The SCV workflow of Resolution 67: roles, transitions, proposal lint, harmonization.

pub mod lint;
