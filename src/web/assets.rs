//! The stylesheet, the script and the icon, embedded in the binary. Pages
//! link them with a content hash (`/static/app.css?v=…`), so they can be
//! cached for a year and still change with each release.

use std::sync::OnceLock;

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use sha2::{Digest, Sha256};

struct Asset {
    name: &'static str,
    mime: &'static str,
    body: &'static [u8],
}

const ASSETS: &[Asset] = &[
    Asset { name: "app.css", mime: "text/css; charset=utf-8", body: include_bytes!("static/app.css") },
    Asset { name: "app.js", mime: "text/javascript; charset=utf-8", body: include_bytes!("static/app.js") },
    Asset { name: "icon.svg", mime: "image/svg+xml", body: include_bytes!("static/icon.svg") },
];

fn hashes() -> &'static Vec<String> {
    static H: OnceLock<Vec<String>> = OnceLock::new();
    H.get_or_init(|| ASSETS.iter().map(|a| hex::encode(&Sha256::digest(a.body)[..8])).collect())
}

/// The URL of an asset, versioned by its content.
pub fn url(name: &str) -> String {
    match ASSETS.iter().position(|a| a.name == name) {
        Some(i) => format!("/static/{name}?v={}", hashes()[i]),
        None => format!("/static/{name}"),
    }
}

pub async fn serve(req: HttpRequest, name: web::Path<String>) -> HttpResponse {
    let Some(i) = ASSETS.iter().position(|a| a.name == name.as_str()) else {
        return HttpResponse::NotFound().content_type("text/plain; charset=utf-8").body("not found");
    };
    let (asset, hash) = (&ASSETS[i], &hashes()[i]);
    let etag = format!("\"{hash}\"");
    let versioned = req.query_string() == format!("v={hash}");
    let cache = if versioned { "public, max-age=31536000, immutable" } else { "public, max-age=3600" };
    let unchanged = crate::http::not_modified(&req, &etag);
    let mut resp = if unchanged { HttpResponse::NotModified() } else { HttpResponse::Ok() };
    resp.insert_header((header::CACHE_CONTROL, cache)).insert_header((header::ETAG, etag));
    if unchanged {
        return resp.finish();
    }
    resp.content_type(asset.mime).body(asset.body)
}

/// Browsers ask for `/favicon.ico` on their own; answer with the SVG icon.
pub async fn favicon(req: HttpRequest) -> HttpResponse {
    serve(req, web::Path::from("icon.svg".to_string())).await
}
