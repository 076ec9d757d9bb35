//! Who may do what (WTSA Resolution 67): rapporteurs propose for their study
//! groups, translators draft their languages, SCV reviewers adopt them, TSB
//! staff (admin) accept, return and merge proposals. The `Role` and `User`
//! types live in `model/`; the permission rules on them live here.

use crate::error::{Error, Result};
use crate::model::{Lang, Role, StudyGroupCode, User};

impl User {
    fn deny(&self, what: String) -> Error {
        Error::Forbidden(format!("{} ({}) may not {what}", self.name, self.role))
    }

    pub fn require_admin(&self, what: &str) -> Result<()> {
        if self.role == Role::Admin {
            Ok(())
        } else {
            Err(self.deny(what.to_string()))
        }
    }

    /// Proposing English terms for a study group.
    pub fn require_propose(&self, sg: &StudyGroupCode) -> Result<()> {
        match self.role {
            Role::Admin => Ok(()),
            Role::Rapporteur if self.study_groups.contains(sg) => Ok(()),
            _ => Err(self.deny(format!("propose terms for {sg}"))),
        }
    }

    /// Drafting and submitting a language section of a concept used by `sgs`.
    pub fn require_edit(&self, lang: Lang, sgs: &[StudyGroupCode]) -> Result<()> {
        let ok = match (self.role, lang) {
            (Role::Admin, Lang::En) => true,
            (Role::Rapporteur, Lang::En) => sgs.iter().any(|s| self.study_groups.contains(s)),
            (Role::Translator, l) => l != Lang::En && self.langs.contains(&l),
            _ => false,
        };
        if ok {
            Ok(())
        } else {
            Err(self.deny(format!("edit the {} text of this concept", lang.english_name())))
        }
    }

    /// Adopting or returning a language section.
    pub fn require_review(&self, lang: Lang) -> Result<()> {
        if self.role == Role::Reviewer && self.langs.contains(&lang) {
            Ok(())
        } else {
            Err(self.deny(format!("review {} texts", lang.english_name())))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role, langs: &[Lang], sgs: &[&str]) -> User {
        User {
            name: "u".into(),
            role,
            langs: langs.to_vec(),
            study_groups: sgs.iter().map(|s| s.parse().unwrap()).collect(),
            created_at: String::new(),
            expires_at: None,
            revoked_at: None,
        }
    }

    #[test]
    fn bindings_limit_each_role() {
        let sg17: StudyGroupCode = "SG17".parse().unwrap();
        let sg20: StudyGroupCode = "SG20".parse().unwrap();
        let fr = user(Role::Translator, &[Lang::Fr], &[]);
        assert!(fr.require_edit(Lang::Fr, &[]).is_ok());
        assert!(fr.require_edit(Lang::Ar, &[]).is_err());
        assert!(fr.require_edit(Lang::En, &[]).is_err());
        assert!(fr.require_review(Lang::Fr).is_err());
        let rap = user(Role::Rapporteur, &[], &["SG17"]);
        assert!(rap.require_propose(&sg17).is_ok());
        assert!(rap.require_propose(&sg20).is_err());
        assert!(rap.require_edit(Lang::En, std::slice::from_ref(&sg17)).is_ok());
        assert!(rap.require_edit(Lang::En, &[sg20]).is_err());
        let rev = user(Role::Reviewer, &[Lang::Ar], &[]);
        assert!(rev.require_review(Lang::Ar).is_ok());
        assert!(rev.require_review(Lang::Fr).is_err());
        assert!(rev.require_admin("accept").is_err());
        assert!(user(Role::Admin, &[], &[]).require_propose(&sg17).is_ok());
    }
}
