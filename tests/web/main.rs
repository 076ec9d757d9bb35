//! The browser pages: HTTP-level checks (sessions, CSRF, escaping, stale
//! forms, pages without JavaScript) and end-to-end tests in Debian's
//! headless Chromium driven through chromedriver (WebDriver). The browser
//! tests fail, never skip, when Chromium is missing: `bash scripts/test`
//! installs it (as root) first.

#[path = "../common/mod.rs"]
mod common;
mod helpers;

mod browser;
mod check;
mod http;
