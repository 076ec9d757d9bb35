//! Users and their bearer tokens (only a hash of each token is stored).

use super::App;
use crate::error::Result;
use crate::model::{Lang, Role, StudyGroupCode, User};
use crate::store;

impl App {
    /// Creates a user bound to `langs` (translators, reviewers) or `sgs`
    /// (rapporteurs); returns their token, shown once and never stored.
    pub fn add_user(
        &self,
        actor: &str,
        name: &str,
        role: Role,
        langs: &[Lang],
        sgs: &[StudyGroupCode],
        expires_at: Option<&str>,
    ) -> Result<String> {
        self.store.write(actor, |tx| store::users::add(tx, name, role, langs, sgs, expires_at))
    }

    /// Every user with their role and bindings (never tokens), by name.
    pub fn users(&self) -> Result<Vec<User>> {
        self.store.read(store::users::list)
    }

    /// Revokes a user's token at once.
    pub fn revoke_user(&self, actor: &str, name: &str) -> Result<()> {
        self.store.write(actor, |tx| store::users::revoke(tx, name))
    }

    /// The active user holding `token`.
    pub fn authenticate(&self, token: &str) -> Result<User> {
        let now = crate::model::now();
        self.store.read(|c| store::users::authenticate(c, token, &now))
    }
}
