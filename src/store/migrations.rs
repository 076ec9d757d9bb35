//! Versioned schema migrations from `schema/migrations/`, embedded in the binary
//! and tracked with SQLite's `user_version`.

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::error::Result;

fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("../../schema/migrations/0001_core.sql")),
        M::up(include_str!("../../schema/migrations/0002_workflow.sql")),
        M::up(include_str!("../../schema/migrations/0003_other_languages.sql")),
        M::up(include_str!("../../schema/migrations/0004_harmonization.sql")),
        M::up(include_str!("../../schema/migrations/0005_watches.sql")),
        M::up(include_str!("../../schema/migrations/0006_assisted.sql")),
        M::up(include_str!("../../schema/migrations/0007_compact_history.sql")),
    ])
}

pub(super) fn apply(conn: &mut Connection) -> Result<()> {
    migrations().to_latest(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        super::migrations().validate().unwrap();
    }
}
