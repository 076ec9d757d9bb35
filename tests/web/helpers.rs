//! A real server on a random port with its own data directory and a fixture
//! of concepts in the six languages; a small cookie-keeping HTTP client.

use std::collections::BTreeMap;
use std::path::Path;

use hexaglot::model::{ConceptStatus, Lang, OriginKind, SectionContent, SectionStatus, Term, TermKind};
use hexaglot::model::{NewConcept, NewSection};

pub use crate::common::add_user;

/// The shared test server ([`crate::common::TestApp`]) with the fixture's ids.
pub struct TestApp {
    server: crate::common::TestApp,
    pub fx: Fixture,
}

impl std::ops::Deref for TestApp {
    type Target = crate::common::TestApp;
    fn deref(&self) -> &crate::common::TestApp {
        &self.server
    }
}

/// Ids of the fixture concepts.
#[derive(Debug, Clone)]
pub struct Fixture {
    /// "home gateway", adopted in all six languages.
    pub gateway: String,
    /// "network operator", adopted in all six languages.
    pub operator: String,
    /// "smart grid": English only, waiting for translations.
    pub grid: String,
    /// A historical entry.
    pub legacy: String,
    /// An English term with markup in it.
    pub markup: String,
}

fn section(lang: Lang, term: &str, def: &str) -> NewSection {
    NewSection {
        lang,
        status: SectionStatus::Adopted,
        content: SectionContent {
            terms: vec![Term { text: term.into(), status: TermKind::Preferred }],
            abbreviations: vec![],
            definition: Some(def.into()),
            notes: vec![],
        },
    }
}

fn concept(rec: &str, clause: &str, sg: &str, status: ConceptStatus, sections: Vec<NewSection>) -> NewConcept {
    NewConcept {
        id: None,
        status,
        rec: Some(rec.parse().unwrap()),
        clause: Some(clause.into()),
        study_groups: vec![sg.parse().unwrap()],
        origin: OriginKind::Here,
        origin_ref: None,
        subject_field: None,
        external_id: None,
        accepted_at: None,
        sections,
    }
}

/// Writes the fixture through the library (as an import would), before the server starts.
fn fixture(dir: &Path) -> Fixture {
    let app = hexaglot::App::open_store(dir).expect("open store");
    let add = |c: NewConcept| app.bulk_load("fixture", &[c]).unwrap()[0].to_string();
    let gateway = add(concept(
        "ITU-T Y.4241",
        "3.2.1",
        "SG20",
        ConceptStatus::Accepted,
        vec![
            section(Lang::Ar, "البوابة المنزلية", "جهاز يوصل أجهزة الشبكة المنزلية بشبكة النفاذ."),
            section(Lang::Zh, "家庭网关", "将家庭网络中的设备连接到接入网的设备。"),
            section(
                Lang::En,
                "home gateway",
                "A device that connects the devices of a home network to an access network.",
            ),
            section(
                Lang::Fr,
                "passerelle domestique",
                "Dispositif qui relie les appareils d'un réseau domestique à un réseau d'accès.",
            ),
            section(Lang::Ru, "домашний шлюз", "Устройство, соединяющее устройства домашней сети с сетью доступа."),
            section(
                Lang::Es,
                "pasarela doméstica",
                "Dispositivo que conecta los aparatos de una red doméstica a una red de acceso.",
            ),
        ],
    ));
    let operator = add(concept(
        "ITU-T Y.4242",
        "3.2.2",
        "SG20",
        ConceptStatus::Accepted,
        vec![
            section(Lang::Ar, "مُشَغِّل الشبكة", "كيان يشغّل شبكة اتصالات."),
            section(Lang::Zh, "网络运营商", "运营电信网络的实体。"),
            section(Lang::En, "network operator", "An entity that operates a telecommunication network."),
            section(Lang::Fr, "opérateur de réseau", "Entité qui exploite un réseau de télécommunication."),
            section(Lang::Ru, "оператор сети", "Организация, эксплуатирующая сеть электросвязи."),
            section(Lang::Es, "operador de red", "Entidad que explota una red de telecomunicaciones."),
        ],
    ));
    let grid = add(concept(
        "ITU-T Y.4243",
        "3.2.3",
        "SG20",
        ConceptStatus::Accepted,
        vec![section(
            Lang::En,
            "smart grid",
            "An electricity network that uses information and communication technologies to balance supply and demand.",
        )],
    ));
    let legacy = add(concept(
        "ITU-T Y.4244",
        "3.2.4",
        "SG20",
        ConceptStatus::Historical,
        vec![section(Lang::En, "legacy meter gateway", "A gateway for meters that predates the current architecture.")],
    ));
    let markup = add(concept(
        "ITU-T Y.4244",
        "3.2.5",
        "SG20",
        ConceptStatus::Accepted,
        vec![section(
            Lang::En,
            "<script>alert('x')</script> injector",
            "A term whose text holds <b>markup</b> & an ampersand.",
        )],
    ));
    Fixture { gateway, operator, grid, legacy, markup }
}

/// As [`spawn_app`], without the bundled Word content (data/word/).
pub fn spawn_app_without_word_seed() -> TestApp {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("data");
    crate::common::without_word_seed(&dir);
    let fx = fixture(&dir);
    let mut server = crate::common::spawn_app_at(&dir);
    server.keep(tmp);
    TestApp { server, fx }
}

/// As [`spawn_app`], with the given rate limits.
pub fn spawn_app_with_limits(limits: hexaglot::http::ratelimit::RateLimitConfig) -> TestApp {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("data");
    let fx = fixture(&dir);
    let mut server = crate::common::spawn_app_with(&dir, limits);
    server.keep(tmp);
    TestApp { server, fx }
}

/// A server on a fresh data directory holding the seed and the fixture.
pub fn spawn_app() -> TestApp {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("data");
    let fx = fixture(&dir);
    let mut server = crate::common::spawn_app_at(&dir);
    server.keep(tmp);
    TestApp { server, fx }
}

/// As [`spawn_app`], counting search results exactly only up to `cap` concepts
/// (the library's test knob: 10,000 otherwise).
pub fn spawn_app_counting_up_to(cap: u64) -> TestApp {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("data");
    let fx = fixture(&dir);
    let app = hexaglot::App::open(&dir).expect("open data dir");
    app.set_exact_total_for_tests(cap).expect("search index");
    let mut server = crate::common::serve(app, &dir, hexaglot::http::ratelimit::RateLimitConfig::default());
    server.keep(tmp);
    TestApp { server, fx }
}

/// The response of a [`Visitor`] request.
pub struct Page {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Page {
    pub fn set_cookies(&self) -> Vec<String> {
        self.headers.get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string()).collect()
    }

    pub fn set_cookie(&self, name: &str) -> Option<String> {
        self.set_cookies().into_iter().find(|c| c.starts_with(&format!("{name}=")))
    }

    /// The value of the first `name="csrf"` field of the page.
    pub fn csrf(&self) -> String {
        hidden(&self.body, "csrf").expect("the page has a CSRF field")
    }

    pub fn location(&self) -> Option<&str> {
        self.headers.get("location").and_then(|v| v.to_str().ok())
    }
}

/// The value of the first hidden field `name` in `html`.
pub fn hidden(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    let end = html[start..].find('"')?;
    Some(html[start..start + end].to_string())
}

/// A browser without a browser: keeps cookies, follows no redirects.
pub struct Visitor<'a> {
    app: &'a TestApp,
    client: reqwest::blocking::Client,
    pub cookies: BTreeMap<String, String>,
    pub headers: Vec<(&'static str, String)>,
}

impl<'a> Visitor<'a> {
    pub fn new(app: &'a TestApp) -> Visitor<'a> {
        let client = reqwest::blocking::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(60))
            .build()
            .unwrap();
        Visitor { app, client, cookies: BTreeMap::new(), headers: vec![("accept-language", "en".into())] }
    }

    fn send(&mut self, req: reqwest::blocking::RequestBuilder) -> Page {
        let mut req = req;
        if !self.cookies.is_empty() {
            let jar: Vec<String> = self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
            req = req.header("cookie", jar.join("; "));
        }
        for (k, v) in &self.headers {
            req = req.header(*k, v);
        }
        let resp = req.send().expect("request");
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let body = resp.text().unwrap_or_default();
        let page = Page { status, headers, body };
        for c in page.set_cookies() {
            let first = c.split(';').next().unwrap();
            let (name, value) = first.split_once('=').unwrap();
            let removed = c.contains("Max-Age=0") || value.is_empty();
            if removed {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_string(), value.to_string());
            }
        }
        page
    }

    pub fn get(&mut self, path: &str) -> Page {
        let req = self.client.get(self.app.url(path));
        self.send(req)
    }

    pub fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Page {
        let req = self.client.post(self.app.url(path)).form(form);
        self.send(req)
    }

    /// Posts a `multipart/form-data` form: text `fields` and `files` (field, file name, bytes).
    pub fn post_multipart(&mut self, path: &str, fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> Page {
        let boundary = "hexaglot-test-boundary-5c1e";
        let mut body = Vec::new();
        let mut part = |name: &str, filename: Option<&str>, data: &[u8]| {
            let file = filename.map(|f| format!("; filename=\"{f}\"")).unwrap_or_default();
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"{file}\r\n\r\n").as_bytes(),
            );
            body.extend_from_slice(data);
            body.extend_from_slice(b"\r\n");
        };
        for (k, v) in fields {
            part(k, None, v.as_bytes());
        }
        for (k, f, data) in files {
            part(k, Some(f), data);
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let req = self
            .client
            .post(self.app.url(path))
            .header("content-type", format!("multipart/form-data; boundary={boundary}"))
            .body(body);
        self.send(req)
    }

    /// Signs in with `token` through the sign-in form.
    pub fn sign_in(&mut self, token: &str) -> Page {
        let form = self.get("/signin");
        assert_eq!(form.status, 200);
        let csrf = form.csrf();
        let page = self.post("/signin", &[("csrf", &csrf), ("token", token)]);
        assert_eq!(page.status, 303, "sign-in: {}", page.body);
        page
    }
}
