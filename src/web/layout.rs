//! The page shell: header with navigation and the interface-language switch,
//! main content, footer. `<html lang dir>` follows the interface language;
//! in Arabic the whole page is mirrored (the CSS uses logical properties only).

use maud::{html, Markup, DOCTYPE};

use super::assets;
use super::ctx::Ctx;
use super::form::{query, Form};
use super::i18n::{role_name, Msg};
use crate::model::Lang;
use crate::workflow::roles::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Search,
    Recommendations,
    StudyGroups,
    EqualFooting,
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
pub fn ui_link(ctx: &Ctx, l: Lang) -> String {
    let (path, q) = ctx.path.split_once('?').unwrap_or((&ctx.path, ""));
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

pub fn page(ctx: &Ctx, title: &str, nav: Nav, body: Markup) -> Markup {
    let item = |n: Nav, href: &str, m: Msg| {
        html! {
            li { a href=(href) aria-current=[(nav == n).then_some("page")] { (ctx.t(m)) } }
        }
    };
    html! {
        (DOCTYPE)
        html lang=(ctx.ui.bcp47()) dir=(dir(ctx.ui)) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light";
                title { (title) " · Hexaglot" }
                link rel="stylesheet" href=(assets::url("app.css"));
                link rel="icon" type="image/svg+xml" href=(assets::url("icon.svg"));
                script src=(assets::url("app.js")) defer {}
            }
            body data-copied=(ctx.t(Msg::Copied)) data-copy-failed=(ctx.t(Msg::CopyFailed)) data-suggestions=(ctx.t(Msg::Suggestions)) {
                a.skip href="#main" { (ctx.t(Msg::SkipToContent)) }
                header.site {
                    div.wrap.bar {
                        a.brand href="/" {
                            (logo())
                            span.brand-text {
                                span.brand-name { "Hexaglot" }
                                span.brand-tag { (ctx.t(Msg::Tagline)) }
                            }
                        }
                        nav.main aria-label=(ctx.t(Msg::MainNavigation)) {
                            ul {
                                (item(Nav::Search, "/", Msg::NavSearch))
                                (item(Nav::Recommendations, "/recommendations", Msg::NavRecommendations))
                                (item(Nav::StudyGroups, "/study-groups", Msg::NavStudyGroups))
                                (item(Nav::EqualFooting, "/equal-footing", Msg::NavEqualFooting))
                                @if let Some(u) = &ctx.user {
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
                            nav aria-label=(ctx.t(Msg::InterfaceLanguage)) {
                                span.langbar-label { (ctx.t(Msg::InterfaceLanguage)) }
                                ul {
                                    @for l in Lang::ALL {
                                        li {
                                            a href=(ui_link(ctx, l)) lang=(l.bcp47()) hreflang=(l.bcp47()) dir=(dir(l))
                                                aria-current=[(l == ctx.ui).then_some("true")] { (l.native_name()) }
                                        }
                                    }
                                }
                            }
                            div.account {
                                @if let Some(u) = &ctx.user {
                                    span.who {
                                        span.who-name { (u.name) }
                                        span.who-role { (role_name(ctx.ui, u.role)) }
                                    }
                                    form.signout method="post" action="/signout" {
                                        input type="hidden" name="csrf" value=(ctx.session_csrf().unwrap_or_default());
                                        button.button.small type="submit" { (ctx.t(Msg::SignOut)) }
                                    }
                                } @else {
                                    a.button.small.ghost href="/signin" aria-current=[(nav == Nav::SignIn).then_some("page")] { (ctx.t(Msg::StaffSignIn)) }
                                }
                            }
                        }
                    }
                }
                main #main.wrap tabindex="-1" { (body) }
                footer.site {
                    div.wrap {
                        p { (ctx.t(Msg::FooterAbout)) }
                        p.footer-links {
                            a href="/api/v1/openapi.json" { (ctx.t(Msg::FooterApi)) }
                            " · "
                            a href="/feeds/adopted.atom" { (ctx.t(Msg::FooterFeed)) }
                            " · "
                            a href="/equal-footing" { (ctx.t(Msg::NavEqualFooting)) }
                        }
                    }
                }
                div #live.visually-hidden aria-live="polite" {}
            }
        }
    }
}
