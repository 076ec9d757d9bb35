//! Sign-in with the token `hexaglot user add` printed, and sign-out.

use actix_web::http::StatusCode;
use actix_web::web::Bytes;
use actix_web::{web, HttpRequest, HttpResponse};
use maud::html;

use crate::app::App;
use crate::error::{Error, Result};
use crate::web::ctx::Ctx;
use crate::web::form::Form;
use crate::web::i18n::{role_name, Msg};
use crate::web::layout::Nav;
use crate::web::widgets::{csrf, done_notice};

/// A local path to go back to after signing in (never another site).
fn safe_next(next: Option<&str>) -> Option<String> {
    let n = next?;
    (n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/\\") && !n.contains(['\r', '\n']))
        .then(|| n.to_string())
}

pub async fn signin_form(app: web::Data<App>, mut ctx: Ctx, req: HttpRequest) -> HttpResponse {
    let r = async {
        let q = Form::parse_query(req.query_string());
        let next = safe_next(q.get("next"));
        render(&app, &mut ctx, next.as_deref(), None, StatusCode::OK, q.get("done"))
    }
    .await;
    ctx.respond(r)
}

fn render(
    app: &App,
    ctx: &mut Ctx,
    next: Option<&str>,
    problem: Option<Msg>,
    status: StatusCode,
    done: Option<&str>,
) -> Result<HttpResponse> {
    let token = ctx.csrf(app)?;
    let body = html! {
        div.narrow {
            (done_notice(ctx, done))
            section.panel.signin {
                h1 { (ctx.t(Msg::SignInTitle)) }
                @if let Some(u) = &ctx.user {
                    p { (ctx.t(Msg::SignedInAs).replace("{name}", &u.name)) " (" (role_name(ctx.ui, u.role)) ")" }
                    p { a.button.primary href="/queue" { (ctx.t(Msg::NavQueue)) } }
                } @else {
                    p.lead { (ctx.t(Msg::SignInIntro)) }
                    @if let Some(m) = problem {
                        div.notice.error role="alert" id="signin-error" { (ctx.t(m)) }
                    }
                    form method="post" action="/signin" {
                        (csrf(&token))
                        @if let Some(n) = next { input type="hidden" name="next" value=(n); }
                        div.field {
                            label for="token" { (ctx.t(Msg::TokenLabel)) }
                            input #token type="password" name="token" required autocomplete="off" spellcheck="false"
                                dir="ltr" aria-describedby="token-hint"
                                aria-invalid=[problem.map(|_| "true")];
                            p #token-hint.hint { (ctx.t(Msg::TokenHint)) }
                        }
                        button.button.primary type="submit" { (ctx.t(Msg::SignIn)) }
                    }
                }
            }
        }
    };
    Ok(ctx.page(status, ctx.t(Msg::SignInTitle), Nav::SignIn, body))
}

pub async fn signin(app: web::Data<App>, mut ctx: Ctx, req: HttpRequest, body: Bytes) -> HttpResponse {
    let r = async {
        let form = Form::parse_body(&body)?;
        ctx.check_csrf(&form)?;
        let next = safe_next(form.get("next"));
        let Some(token) = form.get("token").map(str::to_string) else {
            return render(&app, &mut ctx, next.as_deref(), Some(Msg::SignInFailed), StatusCode::UNAUTHORIZED, None);
        };
        match crate::http::auth::authenticate(&app, &req, token.clone()).await {
            Ok(user) => {
                ctx.start_session(&app, &token, user)?;
                Ok(ctx.redirect(&next.unwrap_or_else(|| "/queue?done=signedin".into())))
            }
            Err(Error::Unauthorized(_)) => {
                render(&app, &mut ctx, next.as_deref(), Some(Msg::SignInFailed), StatusCode::UNAUTHORIZED, None)
            }
            Err(e) => Err(e),
        }
    }
    .await;
    ctx.respond(r)
}

pub async fn signout(mut ctx: Ctx, body: Bytes) -> HttpResponse {
    let r = async {
        let form = Form::parse_body(&body)?;
        if ctx.user.is_some() {
            ctx.check_csrf(&form)?;
            ctx.end_session();
        }
        Ok(ctx.redirect("/signin?done=signedout"))
    }
    .await;
    ctx.respond(r)
}

#[cfg(test)]
mod tests {
    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(super::safe_next(Some("/queue")).as_deref(), Some("/queue"));
        for bad in ["//evil.example", "https://evil.example", "/\\evil", "queue"] {
            assert_eq!(super::safe_next(Some(bad)), None, "{bad}");
        }
    }
}
