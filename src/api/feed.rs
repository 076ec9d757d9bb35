//! Atom feed of newly adopted terms, for translators' and study groups' feed readers.

use actix_web::{web, HttpRequest, HttpResponse};

use crate::app::App;
use crate::error::Result;
use crate::http::blocking;
use crate::http::params::{from_query, FeedParams, Reader};
use crate::model::ChangeKind;
use crate::model::Lang;
use crate::model::View;
use crate::text::escape_html as xml_escape;

const ENTRIES: u32 = 50;

#[utoipa::path(get, path = "/feeds/adopted.atom", tag = "workflow",
    params(FeedParams),
    responses((status = 200, content_type = "application/atom+xml", body = String, description = "Atom 1.0 feed"),
              (status = 400, body = crate::http::error::ErrorBody)))]
pub async fn adopted(app: web::Data<App>, req: HttpRequest) -> Result<HttpResponse> {
    let p: FeedParams = from_query(req.query_string())?;
    let lang: Option<Lang> = Reader::strict().parse("lang", &p.lang)?;
    let base = format!("{}://{}", req.connection_info().scheme(), req.connection_info().host());
    let app = app.into_inner();
    let xml = blocking(move || {
        let changes = app.changes(None, None, lang, &[ChangeKind::Adopted, ChangeKind::Accepted], ENTRIES)?;
        let updated = changes.first().map_or_else(crate::model::now, |c| c.at.clone());
        let title = match lang {
            Some(l) => format!("Hexaglot: newly adopted terms ({})", l.english_name()),
            None => "Hexaglot: newly adopted terms".to_string(),
        };
        let mut out =
            String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
        out += &format!(
            "  <title>{}</title>\n  <id>{}/feeds/adopted.atom</id>\n  <updated>{}</updated>\n",
            xml_escape(&title),
            xml_escape(&base),
            updated
        );
        out += &format!(
            "  <link rel=\"self\" href=\"{}/feeds/adopted.atom\"/>\n  <author><name>ITU-T SCV</name></author>\n",
            xml_escape(&base)
        );
        for c in changes {
            let lang = c.lang.unwrap_or(Lang::En);
            let Ok(concept) = app.concept(c.id, View::Public) else { continue };
            let Some(section) = concept.languages.get(&lang) else { continue };
            let term = section.content.preferred_term().unwrap_or("");
            let url = format!("{base}/concepts/{}", c.id);
            out += "  <entry>\n";
            out += &format!("    <title xml:lang=\"{}\">{}</title>\n", lang.bcp47(), xml_escape(term));
            out += &format!("    <id>{}#{}-{}-{}</id>\n", xml_escape(&url), lang.code(), c.kind, xml_escape(&c.at));
            out += &format!("    <updated>{}</updated>\n", c.at);
            out += &format!("    <link href=\"{}\"/>\n", xml_escape(&url));
            out += &format!("    <category term=\"{}\"/>\n", lang.code());
            if let Some(def) = &section.content.definition {
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
