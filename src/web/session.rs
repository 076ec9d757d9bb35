//! Staff sessions and CSRF tokens, kept in encrypted cookies.
//!
//! Design choice: no server-side session table. The session cookie is
//! encrypted and authenticated with AES-256-GCM (the `cookie` crate's private
//! jar) under a 512-bit key created on first use in `DATA_DIR/web-session.key`
//! (mode 0600). It carries the user's token, a per-session CSRF token, a
//! session id and an expiry (12 hours). Why:
//!
//! - every request authenticates the token through `App::authenticate`, the
//!   same check as the API's bearer tokens, so revoking a user or the token
//!   expiring ends their browser sessions at once, with no second user model;
//! - no migration and no writes on sign-in: the store stays the domain's;
//! - the browser never sees the token again (HttpOnly, encrypted), and a
//!   tampered or foreign cookie does not decrypt.
//!
//! Trade-off: sign-out clears the cookie and records the session id as ended
//! in this process (until its expiry), so a copied cookie cannot be replayed
//! after sign-out — but that list lives in memory: after a restart an old
//! cookie copied before sign-out stays valid until its 12 hours are up (or
//! the token is revoked). Passwords are not offered: staff sign in with the
//! token `hexaglot user add` printed.
//!
//! Cookies: `hx_session` (HttpOnly, SameSite=Strict, Secure over TLS),
//! `hx_csrf` (same flags; the CSRF token of the sign-in form before there is
//! a session), `hx_ui` (the interface language; SameSite=Lax so it also
//! applies when arriving from another site).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use actix_web::cookie::{time::Duration as CookieDuration, Cookie, CookieJar, Key, SameSite};
use actix_web::HttpRequest;
use parking_lot::Mutex;
use serde::{Deserialize, Serialize};

use crate::app::App;
use crate::error::{Error, Result};

pub const SESSION_COOKIE: &str = "hx_session";
pub const CSRF_COOKIE: &str = "hx_csrf";
pub const UI_COOKIE: &str = "hx_ui";
const KEY_FILE: &str = "web-session.key";
pub const SESSION_SECONDS: i64 = 12 * 3600;

/// What the encrypted session cookie holds.
#[derive(Serialize, Deserialize)]
struct Payload {
    /// The user's bearer token.
    t: String,
    /// CSRF token of this session.
    c: String,
    /// Session id (for sign-out).
    s: String,
    /// Expiry, Unix seconds.
    e: i64,
}

/// A signed-in browser.
pub struct Session {
    pub token: String,
    pub csrf: String,
    pub sid: String,
}

fn keys() -> &'static Mutex<HashMap<PathBuf, Key>> {
    static KEYS: OnceLock<Mutex<HashMap<PathBuf, Key>>> = OnceLock::new();
    KEYS.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Session ids signed out in this process, with their expiry.
fn ended() -> &'static Mutex<HashMap<String, i64>> {
    static ENDED: OnceLock<Mutex<HashMap<String, i64>>> = OnceLock::new();
    ENDED.get_or_init(|| Mutex::new(HashMap::new()))
}

/// The cookie key of a data directory, created on first use.
pub fn key(app: &App) -> Result<Key> {
    let dir = app.data_dir().to_path_buf();
    let mut keys = keys().lock();
    if let Some(k) = keys.get(&dir) {
        return Ok(k.clone());
    }
    let k = load_or_create(&dir)?;
    keys.insert(dir, k.clone());
    Ok(k)
}

fn load_or_create(dir: &Path) -> Result<Key> {
    let path = dir.join(KEY_FILE);
    match std::fs::read(&path) {
        Ok(bytes) if bytes.len() >= 64 => {
            return Key::try_from(&bytes[..64]).map_err(|e| Error::Internal(format!("{}: {e}", path.display())))
        }
        Ok(_) => return Err(Error::Internal(format!("{} is damaged; delete it to sign everyone out", path.display()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e.into()),
    }
    let key = Key::generate();
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    match opts.open(&path) {
        Ok(mut f) => {
            use std::io::Write;
            f.write_all(key.master())?;
            f.sync_all()?;
            Ok(key)
        }
        // Another process created it first: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => load_or_create(dir),
        Err(e) => Err(e.into()),
    }
}

/// A random token for cookies and forms (256 bits, hex).
pub fn random_token() -> String {
    let bytes: [u8; 32] = rand::random();
    hex::encode(bytes)
}

/// Constant-time comparison of two tokens.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// The decrypted value of a private cookie, if present and authentic.
pub fn read_private(key: &Key, req: &HttpRequest, name: &str) -> Option<String> {
    let c = req.cookie(name)?;
    let mut jar = CookieJar::new();
    jar.add_original(c.into_owned());
    jar.private(key).get(name).map(|c| c.value().to_string())
}

/// Encrypts `cookie`'s value.
fn seal(key: &Key, cookie: Cookie<'static>) -> Cookie<'static> {
    let mut jar = CookieJar::new();
    jar.private_mut(key).add(cookie);
    jar.delta().next().cloned().expect("cookie just added")
}

/// A cookie with the flags every Hexaglot cookie has.
pub fn base_cookie(
    name: &'static str,
    value: String,
    secure: bool,
    same_site: SameSite,
    max_age: Option<i64>,
) -> Cookie<'static> {
    let mut c = Cookie::build(name, value).path("/").http_only(true).same_site(same_site).secure(secure).finish();
    if let Some(s) = max_age {
        c.set_max_age(CookieDuration::seconds(s));
    }
    c
}

/// A cookie that deletes `name`.
pub fn removal(name: &'static str, secure: bool, same_site: SameSite) -> Cookie<'static> {
    let mut c = base_cookie(name, String::new(), secure, same_site, Some(0));
    c.make_removal();
    c
}

/// The session carried by the request, if its cookie decrypts, has not
/// expired and was not signed out. The token is not checked here.
pub fn read(key: &Key, req: &HttpRequest) -> Option<Session> {
    let raw = read_private(key, req, SESSION_COOKIE)?;
    let p: Payload = serde_json::from_str(&raw).ok()?;
    if p.e <= now() || ended().lock().contains_key(&p.s) {
        return None;
    }
    Some(Session { token: p.t, csrf: p.c, sid: p.s })
}

/// A new session for `token`: the cookie to set and its CSRF token.
pub fn start(key: &Key, token: &str, secure: bool) -> (Cookie<'static>, String) {
    let csrf = random_token();
    let p = Payload { t: token.to_string(), c: csrf.clone(), s: random_token(), e: now() + SESSION_SECONDS };
    let value = serde_json::to_string(&p).expect("payload serializes");
    let cookie = base_cookie(SESSION_COOKIE, value, secure, SameSite::Strict, Some(SESSION_SECONDS));
    (seal(key, cookie), csrf)
}

/// Ends a session: its id is refused from now on (in this process).
pub fn end(sid: &str) {
    let mut ended = ended().lock();
    let t = now();
    ended.retain(|_, exp| *exp > t);
    ended.insert(sid.to_string(), t + SESSION_SECONDS);
}

/// The CSRF cookie of a visitor who is not signed in.
pub fn anon_csrf_cookie(key: &Key, token: &str, secure: bool) -> Cookie<'static> {
    seal(key, base_cookie(CSRF_COOKIE, token.to_string(), secure, SameSite::Strict, Some(SESSION_SECONDS)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_in_constant_time_and_exactly() {
        let t = random_token();
        assert_eq!(t.len(), 64);
        assert!(same(&t, &t.clone()));
        assert!(!same(&t, &random_token()));
        assert!(!same("ab", "abc"));
    }

    #[test]
    fn sealed_cookie_round_trips_and_rejects_tampering() {
        let key = Key::generate();
        let (cookie, csrf) = start(&key, "hxt_secret", false);
        assert!(!cookie.value().contains("hxt_secret"), "the token is encrypted");
        assert!(cookie.http_only().unwrap() && cookie.same_site() == Some(SameSite::Strict));
        let req = actix_web::test::TestRequest::default().cookie(cookie.clone()).to_http_request();
        let s = read(&key, &req).expect("session");
        assert_eq!((s.token.as_str(), s.csrf.as_str()), ("hxt_secret", csrf.as_str()));
        let mut bad = cookie.clone();
        let mut v = bad.value().to_string();
        v.replace_range(0..1, if v.starts_with('A') { "B" } else { "A" });
        bad.set_value(v);
        let req = actix_web::test::TestRequest::default().cookie(bad).to_http_request();
        assert!(read(&key, &req).is_none());
        let req = actix_web::test::TestRequest::default().cookie(cookie).to_http_request();
        assert!(read(&Key::generate(), &req).is_none(), "another key does not decrypt");
        end(&s.sid);
    }
}
