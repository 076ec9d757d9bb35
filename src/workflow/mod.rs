//! The SCV workflow of Resolution 67: roles, transitions, proposal lint, harmonization.

pub mod actions;
pub mod lint;
pub mod reads;
pub mod roles;
pub mod similar;
