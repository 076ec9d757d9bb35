//! Terminology in and out: clause 3 of a Recommendation, TBX, CSV, JSON Lines.

pub mod clause3;
pub mod csv;
pub mod import;
pub mod jsonl;
pub mod xlsx;
