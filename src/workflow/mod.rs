//! The SCV workflow of Resolution 67 as pure rules: roles' permissions, which
//! step may happen in which state (`transitions`), the rules of each step,
//! proposal lint, harmonization scoring. The steps
//! themselves (transactions, history) are services in `app::workflow`.

pub mod lint;
pub mod roles;
pub mod rules;
pub mod similar;
pub mod transitions;
