//! One module per group of pages.

pub mod browse;
pub mod check;
pub mod concept;
pub mod propose;
pub mod queue;
pub mod review;
pub mod search;
pub mod staff;
pub mod stats;
pub mod translate;

use crate::error::{Error, Result};
use crate::model::{ConceptId, Lang};

pub(crate) fn concept_id(raw: &str) -> Result<ConceptId> {
    raw.parse().map_err(|_| Error::not_found(format!("concept {raw}")))
}

pub(crate) fn lang(raw: &str) -> Result<Lang> {
    raw.parse().map_err(|_| Error::not_found(format!("language {raw}")))
}
