//! Per-request context of a page: interface language, signed-in user, CSRF
//! token, and the cookies the response must set. Handlers take it as an
//! argument (`ctx: Ctx`); when it cannot be built they answer its error page.

use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::{header, StatusCode};
use actix_web::{HttpRequest, HttpResponse};
use maud::{html, Markup};

use super::form::Form;
use super::i18n::{t, Msg};
use super::layout::{self, Nav, Shell};
use super::session;
use crate::app::App;
use crate::error::{Error, Result};
use crate::model::Lang;
use crate::model::{User, View};

pub struct Ctx {
    /// Interface language.
    pub ui: Lang,
    pub user: Option<User>,
    session: Option<session::Session>,
    /// CSRF token of a visitor without a session (sign-in form).
    anon_csrf: Option<String>,
    key: Option<actix_web::cookie::Key>,
    /// Path and query of this request, for the language links.
    pub path: String,
    /// A GET request (its path can be returned to after signing in).
    get: bool,
    pub secure: bool,
    cookies: Vec<Cookie<'static>>,
}

/// Languages the browser asks for, best first.
fn accept_language(req: &HttpRequest) -> Option<Lang> {
    let header = req.headers().get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
    let mut choices: Vec<(f32, usize, Lang)> = header
        .split(',')
        .enumerate()
        .filter_map(|(i, part)| {
            let mut it = part.split(';');
            let lang: Lang = it.next()?.trim().parse().ok()?;
            let q = it.find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok())).unwrap_or(1.0);
            (q > 0.0).then_some((q, i, lang))
        })
        .collect();
    choices.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    choices.first().map(|c| c.2)
}

/// The `ui` query parameter, if it names one of the six languages.
fn ui_param(req: &HttpRequest) -> Option<Lang> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(req.query_string()).unwrap_or_default();
    pairs.into_iter().find(|(k, _)| k == "ui").and_then(|(_, v)| v.parse().ok())
}

pub fn is_secure(req: &HttpRequest) -> bool {
    req.connection_info().scheme() == "https"
}

impl Ctx {
    /// Reads the language choice and the session; a bad, expired or revoked
    /// session is dropped (the visitor is simply not signed in).
    pub async fn load(app: &App, req: &HttpRequest) -> Result<Ctx> {
        let secure = is_secure(req);
        let mut cookies = Vec::new();
        let ui = match ui_param(req) {
            Some(l) => {
                cookies.push(session::base_cookie(
                    session::UI_COOKIE,
                    l.code().to_string(),
                    secure,
                    SameSite::Lax,
                    Some(365 * 86400),
                ));
                l
            }
            None => req
                .cookie(session::UI_COOKIE)
                .and_then(|c| c.value().parse().ok())
                .or_else(|| accept_language(req))
                .unwrap_or(Lang::En),
        };
        let path = match req.query_string() {
            "" => req.path().to_string(),
            q => format!("{}?{q}", req.path()),
        };
        let get = matches!(*req.method(), actix_web::http::Method::GET | actix_web::http::Method::HEAD);
        let mut ctx = Ctx { ui, user: None, session: None, anon_csrf: None, key: None, path, get, secure, cookies };
        let has_session = req.cookie(session::SESSION_COOKIE).is_some();
        let has_csrf = req.cookie(session::CSRF_COOKIE).is_some();
        if !has_session && !has_csrf {
            return Ok(ctx);
        }
        let key = session::key(app)?;
        if has_csrf {
            ctx.anon_csrf = session::read_private(&key, req, session::CSRF_COOKIE);
        }
        if has_session {
            match session::read(&key, req) {
                Some(s) => match crate::http::auth::authenticate(app, req, s.token.clone()).await {
                    Ok(user) => {
                        ctx.user = Some(user);
                        ctx.session = Some(s);
                    }
                    Err(Error::Unauthorized(_)) => {
                        ctx.cookies.push(session::removal(session::SESSION_COOKIE, secure, SameSite::Strict))
                    }
                    Err(e) => return Err(e),
                },
                None => ctx.cookies.push(session::removal(session::SESSION_COOKIE, secure, SameSite::Strict)),
            }
        }
        ctx.key = Some(key);
        Ok(ctx)
    }

    /// A context for an error that happened before the request could be read.
    pub fn bare(req: &HttpRequest) -> Ctx {
        Ctx {
            ui: accept_language(req).unwrap_or(Lang::En),
            user: None,
            session: None,
            anon_csrf: None,
            key: None,
            path: req.path().to_string(),
            get: false,
            secure: is_secure(req),
            cookies: Vec::new(),
        }
    }

    pub fn t(&self, m: Msg) -> &'static str {
        t(self.ui, m)
    }

    /// Staff see working copies; the public sees adopted text only.
    pub fn view(&self) -> View {
        if self.user.is_some() {
            View::Staff
        } else {
            View::Public
        }
    }

    /// The signed-in user, or a 401 page asking to sign in.
    pub fn require_user(&self) -> Result<&User> {
        self.user.as_ref().ok_or_else(|| Error::Unauthorized("sign in first".into()))
    }

    /// The CSRF token of the session, for the sign-out form of the header.
    pub fn session_csrf(&self) -> Option<String> {
        self.session.as_ref().map(|s| s.csrf.clone())
    }

    /// The CSRF token forms of this page carry; creates one (and its cookie)
    /// for a visitor without a session.
    pub fn csrf(&mut self, app: &App) -> Result<String> {
        if let Some(s) = &self.session {
            return Ok(s.csrf.clone());
        }
        if let Some(t) = &self.anon_csrf {
            return Ok(t.clone());
        }
        let key = match &self.key {
            Some(k) => k.clone(),
            None => {
                let k = session::key(app)?;
                self.key = Some(k.clone());
                k
            }
        };
        let token = session::random_token();
        self.cookies.push(session::anon_csrf_cookie(&key, &token, self.secure));
        self.anon_csrf = Some(token.clone());
        Ok(token)
    }

    /// Refuses a form without the right CSRF token (403, nothing done).
    pub fn check_csrf(&self, form: &Form) -> Result<()> {
        let expected = match (&self.session, &self.anon_csrf) {
            (Some(s), _) => Some(s.csrf.as_str()),
            (None, Some(t)) => Some(t.as_str()),
            _ => None,
        };
        match (expected, form.get("csrf")) {
            (Some(e), Some(got)) if session::same(e, got) => Ok(()),
            _ => Err(Error::Forbidden("csrf".into())),
        }
    }

    /// Signs in: the response will carry a new session cookie.
    pub fn start_session(&mut self, app: &App, token: &str, user: User) -> Result<()> {
        let key = session::key(app)?;
        let (cookie, csrf) = session::start(&key, token, self.secure);
        self.cookies.push(cookie);
        self.cookies.push(session::removal(session::CSRF_COOKIE, self.secure, SameSite::Strict));
        self.session = Some(session::Session { token: token.to_string(), csrf, sid: String::new() });
        self.user = Some(user);
        Ok(())
    }

    /// Signs out: the session id is refused from now on and the cookie cleared.
    pub fn end_session(&mut self) {
        if let Some(s) = self.session.take() {
            session::end(&s.sid);
        }
        self.user = None;
        self.cookies.push(session::removal(session::SESSION_COOKIE, self.secure, SameSite::Strict));
    }

    fn finish(&self, mut b: actix_web::HttpResponseBuilder) -> actix_web::HttpResponseBuilder {
        for c in &self.cookies {
            b.cookie(c.clone());
        }
        // Pages depend on the session and the language; staff pages must not be cached at all.
        if self.user.is_some() {
            b.insert_header((header::CACHE_CONTROL, "no-store"));
        } else {
            b.insert_header((header::CACHE_CONTROL, "private, no-cache"));
        }
        b.insert_header((header::VARY, "Cookie, Accept-Language"));
        b.insert_header((header::CONTENT_LANGUAGE, self.ui.bcp47()));
        b
    }

    /// An HTML page.
    pub fn html(&self, status: StatusCode, markup: Markup) -> HttpResponse {
        self.finish(HttpResponse::build(status)).content_type("text/html; charset=utf-8").body(markup.into_string())
    }

    /// A page in the site layout.
    pub fn page(&self, status: StatusCode, title: &str, nav: Nav, body: Markup) -> HttpResponse {
        let shell =
            Shell { ui: self.ui, user: self.user.as_ref(), path: &self.path, signout_csrf: self.session_csrf() };
        self.html(status, layout::page(&shell, title, nav, body))
    }

    /// A file to save (a download made by a form post), never cached.
    pub fn attachment(&self, content_type: &str, filename: &str, body: Vec<u8>) -> HttpResponse {
        self.finish(HttpResponse::Ok())
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")))
            .content_type(content_type.to_string())
            .body(body)
    }

    /// 303 See Other to `location` (after a form post).
    pub fn redirect(&self, location: &str) -> HttpResponse {
        self.finish(HttpResponse::SeeOther()).insert_header((header::LOCATION, location.to_string())).finish()
    }

    /// The error page for `e`, in the interface language. Domain messages
    /// are in English; they are shown as details under a translated headline.
    pub fn error(&self, e: Error) -> HttpResponse {
        use actix_web::ResponseError;
        let status = e.status_code();
        let (title, lead) = match &e {
            Error::NotFound { .. } => (Msg::ErrNotFound, Msg::ErrNotFoundLead),
            Error::Forbidden(m) if m == "csrf" => (Msg::ErrCsrf, Msg::ErrCsrfLead),
            Error::Forbidden(_) => (Msg::ErrForbidden, Msg::ErrForbiddenLead),
            Error::Unauthorized(_) => (Msg::ErrSignIn, Msg::ErrSignInLead),
            Error::Conflict { .. } => (Msg::ErrConflict, Msg::ErrConflictLead),
            Error::Stale { .. } => (Msg::ConflictTitle, Msg::ErrStaleLead),
            Error::BadParam { .. } | Error::Invalid(_) | Error::TooLarge(_) => (Msg::ErrInvalid, Msg::ErrInvalidLead),
            Error::TooManyRequests { .. } => (Msg::ErrTooMany, Msg::ErrTooManyLead),
            _ => (Msg::ErrServer, Msg::ErrServerLead),
        };
        let detail = match &e {
            Error::Forbidden(m) if m == "csrf" => None,
            Error::NotFound { .. } | Error::Unauthorized(_) => None,
            e if e.is_client_error() => Some(e.to_string()),
            e => {
                tracing::error!(error = %e, "page failed");
                None
            }
        };
        let body = html! {
            section.panel.error-page {
                h1 { (self.t(title)) }
                p.lead { (self.t(lead)) }
                @if let Some(d) = detail {
                    p.detail { span.label { (self.t(Msg::Details)) ": " } span lang="en" dir="ltr" { (d) } }
                }
                p.actions {
                    @if matches!(e, Error::Unauthorized(_)) {
                        @let next = if self.get { super::form::query(&[("next", self.path.clone())]) } else { String::new() };
                        a.button.primary href={ "/signin" @if !next.is_empty() { "?" (next) } } { (self.t(Msg::SignIn)) }
                    }
                    a.button href="/" { (self.t(Msg::BackToSearch)) }
                }
            }
        };
        self.page(status, self.t(title), Nav::None, body)
    }

    /// Maps a handler's result to a response.
    pub fn respond(&self, r: Result<HttpResponse>) -> HttpResponse {
        r.unwrap_or_else(|e| self.error(e))
    }
}

impl actix_web::FromRequest for Ctx {
    type Error = actix_web::Error;
    type Future = std::pin::Pin<Box<dyn std::future::Future<Output = std::result::Result<Ctx, actix_web::Error>>>>;

    /// Reads the context; a failure answers with the error page, in the language the browser asks for.
    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let loaded = match req.app_data::<actix_web::web::Data<App>>() {
                Some(app) => Ctx::load(app, &req).await,
                None => Err(Error::Internal("the application is not configured".into())),
            };
            loaded.map_err(|e| {
                let page = Ctx::bare(&req).error(e);
                actix_web::error::InternalError::from_response("page context", page).into()
            })
        })
    }
}
