//! Form posts of the workflow: submit, adopt, return with a comment, accept
//! or return a proposal, comment. Each checks the CSRF token, calls the same
//! `App` service as the API, then redirects (303) to the page it came from.

use actix_web::web::Bytes;
use actix_web::{web, HttpResponse};

use super::{concept_id, lang};
use crate::app::App;
use crate::error::{Error, Result};
use crate::http::blocking;
use crate::model::User;
use crate::model::{Concept, ConceptId, Lang};
use crate::web::ctx::Ctx;
use crate::web::form::Form;

/// Reads the form, checks its CSRF token and the session.
fn prepare(ctx: &Ctx, body: &Bytes) -> Result<(Form, User)> {
    let form = Form::parse_body(body)?;
    ctx.check_csrf(&form)?;
    let user = ctx.require_user()?.clone();
    Ok((form, user))
}

fn back(form: &Form, id: ConceptId, lang: Option<Lang>, done: &str) -> String {
    if form.get("back") == Some("queue") {
        return format!("/queue?done={done}");
    }
    match lang {
        Some(l) => format!("/concepts/{id}?done={done}#lang-{}", l.code()),
        None => format!("/concepts/{id}?done={done}"),
    }
}

type SectionPath = web::Path<(String, String)>;

async fn section_action<F>(
    app: web::Data<App>,
    ctx: Ctx,
    path: SectionPath,
    body: Bytes,
    done: &'static str,
    f: F,
) -> HttpResponse
where
    F: FnOnce(&App, &User, ConceptId, Lang, &Form, Option<i64>) -> Result<Concept> + Send + 'static,
{
    let r = async {
        let (form, user) = prepare(&ctx, &body)?;
        let (id, l) = (concept_id(&path.0)?, lang(&path.1)?);
        let version: Option<i64> = form.parse("version")?;
        let a = app.clone().into_inner();
        let f2 = form.clone();
        blocking(move || f(&a, &user, id, l, &f2, version)).await?;
        Ok(ctx.redirect(&back(&form, id, Some(l), done)))
    }
    .await;
    ctx.respond(r)
}

pub async fn submit(app: web::Data<App>, ctx: Ctx, path: SectionPath, body: Bytes) -> HttpResponse {
    section_action(app, ctx, path, body, "submitted", |a, u, id, l, _, v| a.submit_section(u, id, l, v)).await
}

pub async fn adopt(app: web::Data<App>, ctx: Ctx, path: SectionPath, body: Bytes) -> HttpResponse {
    section_action(app, ctx, path, body, "adopted", |a, u, id, l, f, v| {
        a.adopt(u, id, l, f.get("meeting"), f.get("document"), v)
    })
    .await
}

pub async fn return_section(app: web::Data<App>, ctx: Ctx, path: SectionPath, body: Bytes) -> HttpResponse {
    section_action(app, ctx, path, body, "returned", |a, u, id, l, f, v| {
        a.return_section(u, id, l, f.raw("comment"), v)
    })
    .await
}

async fn concept_action<F>(
    app: web::Data<App>,
    ctx: Ctx,
    path: web::Path<String>,
    body: Bytes,
    done: &'static str,
    f: F,
) -> HttpResponse
where
    F: FnOnce(&App, &User, ConceptId, &Form, Option<i64>) -> Result<()> + Send + 'static,
{
    let r = async {
        let (form, user) = prepare(&ctx, &body)?;
        let id = concept_id(&path)?;
        let version: Option<i64> = form.parse("version")?;
        let a = app.clone().into_inner();
        let f2 = form.clone();
        blocking(move || f(&a, &user, id, &f2, version)).await?;
        Ok(ctx.redirect(&back(&form, id, None, done)))
    }
    .await;
    ctx.respond(r)
}

pub async fn accept(app: web::Data<App>, ctx: Ctx, path: web::Path<String>, body: Bytes) -> HttpResponse {
    concept_action(app, ctx, path, body, "accepted", |a, u, id, _, v| a.accept(u, id, v).map(|_| ())).await
}

pub async fn return_proposal(app: web::Data<App>, ctx: Ctx, path: web::Path<String>, body: Bytes) -> HttpResponse {
    concept_action(app, ctx, path, body, "returned", |a, u, id, f, v| {
        a.return_proposal(u, id, f.raw("comment"), v).map(|_| ())
    })
    .await
}

pub async fn comment(app: web::Data<App>, ctx: Ctx, path: web::Path<String>, body: Bytes) -> HttpResponse {
    concept_action(app, ctx, path, body, "commented", |a, u, id, f, _| {
        let lang: Option<Lang> = f.parse("lang")?;
        a.concept(id, crate::model::View::Staff)?;
        if f.get("body").is_none() {
            return Err(Error::Invalid("a comment is required".into()));
        }
        a.comment(u, id, lang, f.raw("body")).map(|_| ())
    })
    .await
}
