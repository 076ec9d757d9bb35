//! Users and their bearer tokens. Only a SHA-256 hash of each token is stored:
//! tokens are 256-bit random values, so a fast hash is enough (no dictionary to guess from).

use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use super::WriteTx;
use crate::error::{Error, Result};
use crate::model::{Lang, Role, StudyGroupCode, User};

/// Prefix that makes a leaked token easy to recognise (and to scan for).
const TOKEN_PREFIX: &str = "hxt_";

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn new_token() -> String {
    let bytes: [u8; 32] = rand::random();
    format!("{TOKEN_PREFIX}{}", hex::encode(bytes))
}

/// Creates a user and returns their token, which is shown once and never stored.
pub fn add(
    tx: &WriteTx,
    name: &str,
    role: Role,
    langs: &[Lang],
    sgs: &[StudyGroupCode],
    expires_at: Option<&str>,
) -> Result<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err(Error::Invalid("a user name must be 1 to 100 printable characters".into()));
    }
    match role {
        Role::Rapporteur if sgs.is_empty() => {
            return Err(Error::Invalid("a rapporteur needs at least one study group (--sg)".into()))
        }
        Role::Translator | Role::Reviewer if langs.is_empty() => {
            return Err(Error::Invalid(format!("a {role} needs at least one language (--lang)")))
        }
        _ => {}
    }
    if role == Role::Translator && langs.contains(&Lang::En) {
        return Err(Error::Invalid("English is proposed by rapporteurs, not translated".into()));
    }
    let c = tx.conn();
    for sg in sgs {
        if !super::recs::study_group_exists(c, sg.as_str())? {
            return Err(Error::Invalid(format!("unknown study group {sg}")));
        }
    }
    let token = new_token();
    let inserted = c.execute(
        "INSERT INTO user (name, role, token_hash, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(name) DO NOTHING",
        params![name, role.as_str(), hash_token(&token), tx.at(), expires_at],
    )?;
    if inserted == 0 {
        return Err(Error::conflict(format!("a user named '{name}' already exists"), None));
    }
    let id = c.last_insert_rowid();
    for l in langs {
        c.execute(
            "INSERT OR IGNORE INTO user_binding (user_id, kind, value) VALUES (?1, 'lang', ?2)",
            params![id, l.code()],
        )?;
    }
    for s in sgs {
        c.execute(
            "INSERT OR IGNORE INTO user_binding (user_id, kind, value) VALUES (?1, 'sg', ?2)",
            params![id, s.as_str()],
        )?;
    }
    Ok(token)
}

pub fn revoke(tx: &WriteTx, name: &str) -> Result<()> {
    let n = tx
        .conn()
        .execute("UPDATE user SET revoked_at = ?2 WHERE name = ?1 AND revoked_at IS NULL", params![name, tx.at()])?;
    if n == 0 {
        return Err(Error::not_found(format!("active user '{name}'")));
    }
    Ok(())
}

fn load(c: &Connection, id: i64) -> Result<User> {
    let (name, role, created_at, expires_at, revoked_at): (String, String, String, Option<String>, Option<String>) = c
        .query_row("SELECT name, role, created_at, expires_at, revoked_at FROM user WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?;
    let mut stmt = c.prepare_cached("SELECT kind, value FROM user_binding WHERE user_id = ?1 ORDER BY kind, value")?;
    let mut langs = Vec::new();
    let mut study_groups = Vec::new();
    for row in stmt.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (kind, value) = row?;
        if kind == "lang" {
            langs.push(value.parse().map_err(|e: crate::model::ParseLangError| Error::Internal(e.to_string()))?);
        } else {
            study_groups.push(value.parse().map_err(|e: crate::model::ParseIdError| Error::Internal(e.0))?);
        }
    }
    langs.sort();
    Ok(User {
        name,
        role: role.parse().map_err(Error::Internal)?,
        langs,
        study_groups,
        created_at,
        expires_at,
        revoked_at,
    })
}

pub fn list(c: &Connection) -> Result<Vec<User>> {
    let mut stmt = c.prepare("SELECT id FROM user ORDER BY name")?;
    let ids: Vec<i64> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    ids.into_iter().map(|id| load(c, id)).collect()
}

/// The active user holding `token`: not revoked and not expired.
pub fn authenticate(c: &Connection, token: &str, now: &str) -> Result<User> {
    let invalid = || Error::Unauthorized("the token is not valid".into());
    if !token.starts_with(TOKEN_PREFIX) || token.len() > 200 {
        return Err(invalid());
    }
    let id: Option<i64> =
        c.query_row("SELECT id FROM user WHERE token_hash = ?1", [hash_token(token)], |r| r.get(0)).optional()?;
    let user = load(c, id.ok_or_else(invalid)?)?;
    if user.revoked_at.is_some() {
        return Err(Error::Unauthorized("the token has been revoked".into()));
    }
    if user.expires_at.as_deref().is_some_and(|e| e <= now) {
        return Err(Error::Unauthorized("the token has expired".into()));
    }
    Ok(user)
}
