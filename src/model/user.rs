//! Who acts: the roles of Resolution 67 and an authenticated user. What each
//! role may do is decided in `workflow::roles`.

use serde::Serialize;

use super::{Lang, StudyGroupCode};

crate::string_enum! {
    pub enum Role {
        /// TSB terminology staff.
        Admin = "admin",
        /// A study group's vocabulary rapporteur, bound to study groups.
        Rapporteur = "rapporteur",
        /// Proposes translations in the languages bound to them.
        Translator = "translator",
        /// SCV language expert: adopts or returns translations in their languages.
        Reviewer = "reviewer",
    }
}

/// An authenticated caller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct User {
    pub name: String,
    pub role: Role,
    pub langs: Vec<Lang>,
    pub study_groups: Vec<StudyGroupCode>,
    pub created_at: String,
    pub expires_at: Option<String>,
    pub revoked_at: Option<String>,
}
