//! The page shell: header with navigation and the interface-language switch,
//! main content, footer. `<html lang dir>` follows the interface language;
//! in Arabic the whole page is mirrored (the CSS uses logical properties only).

use maud::{html, Markup, DOCTYPE};

use super::assets;
use super::form::{query, Form};
use super::i18n::{role_name, t, Msg};
use crate::model::Lang;
use crate::model::{Role, User};

/// What the shell shows of the request (the page context hands it over, so
/// the layout needs nothing from `ctx`).
pub struct Shell<'a> {
    /// Interface language.
    pub ui: Lang,
    pub user: Option<&'a User>,
    /// Path and query of this request, for the language links.
    pub path: &'a str,
    /// CSRF token of the header's sign-out form.
    pub signout_csrf: Option<String>,
}

impl Shell<'_> {
    fn t(&self, m: Msg) -> &'static str {
        t(self.ui, m)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Search,
    Recommendations,
    StudyGroups,
    EqualFooting,
    Check,
    CheckTranslation,
    Queue,
    Propose,
    SignIn,
    None,
}

pub fn dir(l: Lang) -> &'static str {
    if l.is_rtl() {
        "rtl"
    } else {
        "ltr"
    }
}

/// This page in another interface language.
pub fn ui_link(shell: &Shell, l: Lang) -> String {
    let (path, q) = shell.path.split_once('?').unwrap_or((shell.path, ""));
    let form = Form::parse_query(q);
    let mut pairs: Vec<(String, String)> = form.pairs().iter().filter(|(k, _)| k != "ui").cloned().collect();
    pairs.push(("ui".into(), l.code().into()));
    let refs: Vec<(&str, String)> = pairs.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    format!("{path}?{}", query(&refs))
}

fn logo() -> Markup {
    html! {
        svg.logo xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" aria-hidden="true" focusable="false" {
            path.logo-hex d="M16 1.5 29 9v14L16 30.5 3 23V9z" {}
            path.logo-mark d="M10 10v12M22 10v12M10 16h12" {}
        }
    }
}

pub fn page(shell: &Shell, title: &str, nav: Nav, body: Markup) -> Markup {
    let item = |n: Nav, href: &str, m: Msg| {
        html! {
            li { a href=(href) aria-current=[(nav == n).then_some("page")] { (shell.t(m)) } }
        }
    };
    html! {
        (DOCTYPE)
        html lang=(shell.ui.bcp47()) dir=(dir(shell.ui)) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light";
                title { (title) " · Hexaglot" }
                link rel="stylesheet" href=(assets::url("app.css"));
                link rel="icon" type="image/svg+xml" href=(assets::url("icon.svg"));
                script src=(assets::url("app.js")) defer {}
            }
            body data-copied=(shell.t(Msg::Copied)) data-copy-failed=(shell.t(Msg::CopyFailed)) data-suggestions=(shell.t(Msg::Suggestions)) {
                a.skip href="#main" { (shell.t(Msg::SkipToContent)) }
                header.site {
                    div.wrap.bar {
                        a.brand href="/" {
                            (logo())
                            span.brand-text {
                                span.brand-name { "Hexaglot" }
                                span.brand-tag { (shell.t(Msg::Tagline)) }
                            }
                        }
                        nav.main aria-label=(shell.t(Msg::MainNavigation)) {
                            ul {
                                (item(Nav::Search, "/", Msg::NavSearch))
                                (item(Nav::Recommendations, "/recommendations", Msg::NavRecommendations))
                                (item(Nav::StudyGroups, "/study-groups", Msg::NavStudyGroups))
                                (item(Nav::EqualFooting, "/equal-footing", Msg::NavEqualFooting))
                                (item(Nav::Check, "/check", Msg::NavCheck))
                                (item(Nav::CheckTranslation, "/check/translation", Msg::NavCheckTranslation))
                                @if let Some(u) = shell.user {
                                    (item(Nav::Queue, "/queue", Msg::NavQueue))
                                    @if matches!(u.role, Role::Rapporteur | Role::Admin) {
                                        (item(Nav::Propose, "/propose", Msg::NavPropose))
                                    }
                                }
                            }
                        }
                    }
                    div.langbar {
                        div.wrap {
                            nav aria-label=(shell.t(Msg::InterfaceLanguage)) {
                                span.langbar-label { (shell.t(Msg::InterfaceLanguage)) }
                                ul {
                                    @for l in Lang::ALL {
                                        li {
                                            a href=(ui_link(shell, l)) lang=(l.bcp47()) hreflang=(l.bcp47()) dir=(dir(l))
                                                aria-current=[(l == shell.ui).then_some("true")] { (l.native_name()) }
                                        }
                                    }
                                }
                            }
                            div.account {
                                @if let Some(u) = shell.user {
                                    span.who {
                                        span.who-name { (u.name) }
                                        span.who-role { (role_name(shell.ui, u.role)) }
                                    }
                                    form.signout method="post" action="/signout" {
                                        input type="hidden" name="csrf" value=(shell.signout_csrf.clone().unwrap_or_default());
                                        button.button.small type="submit" { (shell.t(Msg::SignOut)) }
                                    }
                                } @else {
                                    a.button.small.ghost href="/signin" aria-current=[(nav == Nav::SignIn).then_some("page")] { (shell.t(Msg::StaffSignIn)) }
                                }
                            }
                        }
                    }
                }
                main #main.wrap tabindex="-1" { (body) }
                footer.site {
                    div.wrap {
                        p { (shell.t(Msg::FooterAbout)) }
                        p.footer-links {
                            a href="/api/v1/openapi.json" { (shell.t(Msg::FooterApi)) }
                            " · "
                            a href="/feeds/adopted.atom" { (shell.t(Msg::FooterFeed)) }
                            " · "
                            a href="/equal-footing" { (shell.t(Msg::NavEqualFooting)) }
                        }
                    }
                }
                div #live.visually-hidden aria-live="polite" {}
            }
        }
    }
}
