//! Atom feeds that anyone can follow in a feed reader: newly adopted terms, and every
//! public change filtered by study group, language, Recommendation, concept and kind.

use actix_web::{web, HttpRequest, HttpResponse};

use crate::app::App;
use crate::error::Result;
use crate::http::blocking;
use crate::http::params::{from_query, ChangesFeedParams, FeedParams, Reader};
use crate::model::Lang;
use crate::model::View;
use crate::model::{ChangeFilter, ChangeKind};
use crate::text::escape_html as xml_escape;

const ENTRIES: u32 = 50;

#[utoipa::path(get, path = "/feeds/adopted.atom", tag = "workflow",
    params(FeedParams),
    responses((status = 200, content_type = "application/atom+xml", body = String, description = "Atom 1.0 feed"),
              (status = 400, body = crate::http::error::ErrorBody)))]
pub async fn adopted(app: web::Data<App>, req: HttpRequest) -> Result<HttpResponse> {
    let p: FeedParams = from_query(req.query_string())?;
    let lang: Option<Lang> = Reader::strict().parse("lang", &p.lang)?;
    let title = match lang {
        Some(l) => format!("Hexaglot: newly adopted terms ({})", l.english_name()),
        None => "Hexaglot: newly adopted terms".to_string(),
    };
    let filter = ChangeFilter {
        lang,
        kinds: vec![ChangeKind::Adopted, ChangeKind::Accepted],
        limit: ENTRIES,
        ..Default::default()
    };
    feed(app, &req, "/feeds/adopted.atom", title, filter).await
}

#[utoipa::path(get, path = "/feeds/changes.atom", tag = "workflow",
    params(ChangesFeedParams),
    responses((status = 200, content_type = "application/atom+xml", body = String,
               description = "Atom 1.0 feed of public changes (accepted, adopted, superseded, withdrawn), newest first, \
                              each entry linking to its concept page"),
              (status = 400, body = crate::http::error::ErrorBody)))]
pub async fn changes(app: web::Data<App>, req: HttpRequest) -> Result<HttpResponse> {
    let p: ChangesFeedParams = from_query(req.query_string())?;
    let filter = p.filter(&mut Reader::strict(), ENTRIES)?;
    let mut about: Vec<String> = Vec::new();
    if let Some(sg) = &filter.sg {
        about.push(sg.to_string());
    }
    if let Some(rec) = &filter.rec {
        about.push(rec.to_string());
    }
    if let Some(c) = filter.concept {
        about.push(c.to_string());
    }
    if let Some(l) = filter.lang {
        about.push(l.english_name().to_string());
    }
    let title = if about.is_empty() {
        "Hexaglot: changes".to_string()
    } else {
        format!("Hexaglot: changes ({})", about.join(", "))
    };
    let path = format!(
        "/feeds/changes.atom{}",
        if req.query_string().is_empty() { String::new() } else { format!("?{}", req.query_string()) }
    );
    feed(app, &req, &path, title, filter).await
}

/// One Atom document for the events `filter` selects: an entry per event, linking to
/// its concept page, with the term and definition as the public sees them.
async fn feed(
    app: web::Data<App>,
    req: &HttpRequest,
    path: &str,
    title: String,
    filter: ChangeFilter,
) -> Result<HttpResponse> {
    let base = format!("{}://{}", req.connection_info().scheme(), req.connection_info().host());
    let path = path.to_string();
    let app = app.into_inner();
    let xml = blocking(move || {
        let changes = app.changes(&filter)?;
        let updated = changes.first().map_or_else(crate::model::now, |c| c.at.clone());
        let mut out =
            String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
        let self_url = xml_escape(&format!("{base}{path}"));
        out += &format!(
            "  <title>{}</title>\n  <id>{self_url}</id>\n  <updated>{updated}</updated>\n",
            xml_escape(&title)
        );
        out += &format!("  <link rel=\"self\" href=\"{self_url}\"/>\n  <author><name>ITU-T SCV</name></author>\n");
        for c in changes {
            let lang = c.lang.or(filter.lang).unwrap_or(Lang::En);
            let concept = app.concept(c.id, View::Public).ok();
            let section = concept.as_ref().and_then(|k| k.languages.get(&lang));
            let term = section.and_then(|s| s.content.preferred_term()).or(c.term.as_deref()).unwrap_or("");
            if term.is_empty() {
                continue;
            }
            let title = match c.kind.as_str() {
                "accepted" | "adopted" => term.to_string(),
                kind => format!("{term} ({kind})"),
            };
            let url = format!("{base}/concepts/{}", c.id);
            out += "  <entry>\n";
            out += &format!("    <title xml:lang=\"{}\">{}</title>\n", lang.bcp47(), xml_escape(&title));
            out += &format!("    <id>{}#{}-{}-{}</id>\n", xml_escape(&url), lang.code(), c.kind, c.event);
            out += &format!("    <updated>{}</updated>\n", c.at);
            out += &format!("    <link href=\"{}\"/>\n", xml_escape(&url));
            out += &format!("    <category term=\"{}\"/>\n", lang.code());
            out += &format!("    <category term=\"{}\" label=\"{}\"/>\n", c.kind, c.kind);
            if let Some(def) = section.and_then(|s| s.content.definition.as_deref()) {
                out += &format!("    <summary xml:lang=\"{}\">{}</summary>\n", lang.bcp47(), xml_escape(def));
            }
            out += "  </entry>\n";
        }
        out += "</feed>\n";
        Ok(out)
    })
    .await?;
    Ok(HttpResponse::Ok().content_type("application/atom+xml; charset=utf-8").body(xml))
}
