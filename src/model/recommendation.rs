//! Recommendations and study groups: where terms come from.

use serde::{Deserialize, Serialize};

use super::{RecId, StudyGroupCode};
use crate::string_enum;

string_enum! {
    /// Traditional (TAP) or Alternative (AAP) approval process.
    pub enum ApprovalProcedure { Tap = "TAP", Aap = "AAP" }
}

string_enum! {
    /// Where a Recommendation stands in its approval life.
    pub enum RecStatus {
        Draft = "draft",
        /// TAP: determined at a study group meeting, under member-state consultation.
        Determined = "determined",
        /// AAP: consented, in last call.
        Consented = "consented",
        InForce = "in_force",
        Superseded = "superseded",
        Withdrawn = "withdrawn",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct StudyGroup {
    pub code: StudyGroupCode,
    pub title_en: String,
    pub title_zh: Option<String>,
    pub period: String,
    /// Number of public concepts used by this study group.
    #[serde(default)]
    pub concepts: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Recommendation {
    pub id: RecId,
    pub edition: Option<String>,
    pub provisional_name: Option<String>,
    pub title_en: Option<String>,
    pub title_zh: Option<String>,
    pub sg: Option<StudyGroupCode>,
    pub approval_procedure: Option<ApprovalProcedure>,
    pub status: RecStatus,
    /// `YYYY-MM-DD`.
    pub approval_date: Option<String>,
    pub superseded_by: Option<RecId>,
    pub summary: Option<String>,
    /// Number of concepts whose source is this Recommendation (visible to the caller).
    #[serde(default)]
    pub concepts: u64,
}
