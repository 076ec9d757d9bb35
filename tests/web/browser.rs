//! End-to-end in Debian's Chromium (headless) through chromedriver: search in
//! the six languages, right-to-left Arabic, the mirrored Arabic interface,
//! translating and adopting, CSRF. Screenshots of the main pages are kept in
//! `target/screenshots/`.

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

use crate::helpers::{add_user, spawn_app, spawn_app_without_word_seed, TestApp};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const WAIT: Duration = crate::common::PATIENCE;

/// One browser at a time: the machine has two cores.
static BROWSER: Mutex<()> = Mutex::new(());

/// A chromedriver process, killed on drop.
struct Driver {
    child: Child,
    port: u16,
    _profile: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn start_driver() -> Driver {
    for (what, path) in [("chromium", CHROMIUM), ("chromium-driver", CHROMEDRIVER)] {
        assert!(
            std::path::Path::new(path).exists(),
            "{path} is missing: install the Debian package {what} (bash scripts/test installs chromium, chromium-driver and the fonts when run as root)"
        );
    }
    let port = free_port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let deadline = Instant::now() + WAIT;
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    Driver { child, port, _profile: tempfile::tempdir().unwrap() }
}

async fn browser(driver: &Driver) -> Client {
    let profile = driver._profile.path().join(format!("profile-{}", free_port()));
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": CHROMIUM,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--window-size=1280,900", "--lang=en-US",
                format!("--user-data-dir={}", profile.display()),
            ],
            "prefs": {"intl.accept_languages": "en-US,en"},
        }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a Chromium session (is chromium installed?)")
}

/// `target/screenshots`, next to the test binary's target directory.
fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| {
        // target/debug/deps/web-… → target
        let exe = std::env::current_exe().unwrap();
        exe.ancestors().nth(3).unwrap().to_path_buf()
    });
    let dir = target.join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn shot(c: &Client, name: &str) {
    let png = c.screenshot().await.expect("screenshot");
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    std::fs::write(screenshot_dir().join(format!("{name}.png")), png).unwrap();
}

async fn js(c: &Client, script: &str) -> Value {
    c.execute(script, vec![]).await.unwrap_or_else(|e| panic!("{script}: {e}"))
}

async fn goto(c: &Client, app: &TestApp, path: &str) {
    c.goto(&app.url(path)).await.unwrap_or_else(|e| panic!("{path}: {e}"));
}

async fn find(c: &Client, css: &str) -> fantoccini::elements::Element {
    c.wait().at_most(WAIT).for_element(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}"))
}

/// The text of the first element matching `css`, retried while a navigation replaces the page.
async fn text(c: &Client, css: &str) -> String {
    let deadline = Instant::now() + WAIT;
    loop {
        match find(c, css).await.text().await {
            Ok(t) => return t,
            Err(e) if Instant::now() < deadline => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => panic!("{css}: {e}"),
        }
    }
}

/// Types into the search box, picks the search language, submits the form.
async fn search(c: &Client, app: &TestApp, query: &str, lang: &str) -> String {
    goto(c, app, "/").await;
    let q = find(c, "#q").await;
    q.send_keys(query).await.unwrap();
    find(c, "#lang").await.select_by_value(lang).await.unwrap();
    find(c, "button.search-button").await.click().await.unwrap();
    let first = find(c, "ol.hits li.hit h3 a").await;
    let url = c.current_url().await.unwrap();
    assert!(url.query().unwrap_or("").contains("q="), "the query is in the URL: {url}");
    first.attr("href").await.unwrap().unwrap_or_default()
}

async fn sign_in(c: &Client, app: &TestApp, token: &str) {
    goto(c, app, "/signin").await;
    find(c, "#token").await.send_keys(token).await.unwrap();
    find(c, "form[action='/signin'] button[type=submit]").await.click().await.unwrap();
    find(c, "form.signout").await;
}

async fn sign_out(c: &Client) {
    find(c, "form.signout button").await.click().await.unwrap();
    find(c, "#token").await;
}

/// A staff read of the JSON API, off the async executor (reqwest's blocking client).
async fn api_get(app: &TestApp, path: &str, token: &str) -> Value {
    let (url, token) = (app.url(path), token.to_string());
    tokio::task::spawn_blocking(move || {
        crate::common::client().get(url).bearer_auth(token).send().unwrap().json::<Value>().unwrap()
    })
    .await
    .unwrap()
}

fn run<F: std::future::Future<Output = ()>>(f: F) {
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap().block_on(f);
}

#[test]
fn search_in_six_languages_right_to_left_arabic_and_mirrored_interface() {
    let app = spawn_app();
    let driver = start_driver();
    run(async {
        let c = browser(&driver).await;
        let fx = app.fx.clone();
        let gateway = format!("/concepts/{}", fx.gateway);
        let operator = format!("/concepts/{}", fx.operator);

        // Search in each language: the right concept comes first.
        for (query, lang, expected) in [
            ("home gateway", "en", &gateway),
            ("opérateur de réseau", "fr", &operator),
            ("pasarela doméstica", "es", &gateway),
            ("оператора сети", "ru", &operator),
            ("家庭网关", "zh", &gateway),
            ("مشغل الشبكة", "ar", &operator),
        ] {
            let href = search(&c, &app, query, lang).await;
            assert_eq!(&href, expected, "first hit for {query:?} in {lang}");
        }
        // All languages at once, with highlighted snippets and equivalents side by side.
        search(&c, &app, "network", "").await;
        let marks = js(&c, "return document.querySelectorAll('.snippet mark').length").await;
        assert!(marks.as_u64().unwrap() > 0);
        let ar_eq = js(
            &c,
            "var d = document.querySelector('.equivalents dd[lang=ar]'); return [d.dir, getComputedStyle(d).direction]",
        )
        .await;
        assert_eq!(ar_eq, json!(["rtl", "rtl"]));
        shot(&c, "search").await;

        // Suggestions while typing come from /api/v1/suggest.
        goto(&c, &app, "/").await;
        find(&c, "#q").await.send_keys("passere").await.unwrap();
        let option = find(&c, "#suggest-list [role=option]").await;
        assert!(option.text().await.unwrap().contains("passerelle"));
        assert_eq!(js(&c, "return document.getElementById('q').getAttribute('aria-expanded')").await, "true");
        shot(&c, "search-suggestions").await;

        // The concept page: six languages side by side, Arabic right to left.
        goto(&c, &app, &gateway).await;
        let cards =
            js(&c, "return Array.from(document.querySelectorAll('.lang-card')).map(e => [e.lang, e.dir])").await;
        assert_eq!(
            cards,
            json!([["ar", "rtl"], ["zh-Hans", "ltr"], ["en", "ltr"], ["fr", "ltr"], ["ru", "ltr"], ["es", "ltr"]])
        );
        let ar = js(
            &c,
            "var card = document.getElementById('lang-ar'); var term = card.querySelector('.term-text');
             var cr = card.getBoundingClientRect(), tr = term.getBoundingClientRect();
             return {direction: getComputedStyle(card).direction, align: getComputedStyle(card.querySelector('.definition p')).textAlign,
                     right_gap: cr.right - tr.right, left_gap: tr.left - cr.left, text: term.textContent,
                     font: getComputedStyle(term).fontFamily}",
        )
        .await;
        assert_eq!(ar["direction"], "rtl", "{ar}");
        assert_eq!(ar["text"], "البوابة المنزلية");
        assert!(
            ar["right_gap"].as_f64().unwrap() < ar["left_gap"].as_f64().unwrap(),
            "the Arabic term starts on the right: {ar}"
        );
        assert!(ar["font"].as_str().unwrap().contains("Noto Naskh Arabic"), "{ar}");
        let row = js(&c, "return Array.from(document.querySelectorAll('.lang-card')).slice(0, 3).map(e => Math.round(e.getBoundingClientRect().top))").await;
        let tops: Vec<i64> = row.as_array().unwrap().iter().map(|v| v.as_i64().unwrap()).collect();
        assert!(tops.windows(2).all(|w| w[0] == w[1]), "side by side on a wide screen: {tops:?}");
        // A copy button per term, shown by the script.
        let copies =
            js(&c, "return Array.from(document.querySelectorAll('button.copy')).filter(b => !b.hidden).length").await;
        assert!(copies.as_u64().unwrap() >= 6, "{copies}");
        shot(&c, "concept").await;
        // Stacked on a narrow screen.
        c.set_window_size(420, 900).await.unwrap();
        let tops = js(&c, "return Array.from(document.querySelectorAll('.lang-card')).slice(0, 2).map(e => Math.round(e.getBoundingClientRect().top))").await;
        let tops: Vec<i64> = tops.as_array().unwrap().iter().map(|v| v.as_i64().unwrap()).collect();
        assert!(tops[1] > tops[0], "stacked: {tops:?}");
        shot(&c, "concept-narrow").await;
        c.set_window_size(1280, 900).await.unwrap();

        // Historical entries are labelled.
        goto(&c, &app, &format!("/concepts/{}", fx.legacy)).await;
        assert!(text(&c, ".notice.historical").await.contains("Historical entry."));

        // Switch the interface to Arabic: the whole page is mirrored, and the choice is remembered.
        goto(&c, &app, &gateway).await;
        find(&c, ".langbar a[hreflang=ar]").await.click().await.unwrap();
        find(&c, "html[lang=ar]").await;
        let layout = js(
            &c,
            "var w = document.documentElement.clientWidth;
             var brand = document.querySelector('.brand').getBoundingClientRect();
             var account = document.querySelector('.account').getBoundingClientRect();
             return {dir: document.documentElement.dir, direction: getComputedStyle(document.body).direction,
                     brand_right: brand.left > w / 2, account_left: account.right < w / 2,
                     first_card_right: document.getElementById('lang-ar').getBoundingClientRect().left > w / 2,
                     heading: document.querySelector('.lang-grid').getAttribute('aria-label')}",
        )
        .await;
        assert_eq!(layout["dir"], "rtl", "{layout}");
        assert_eq!(layout["direction"], "rtl", "{layout}");
        assert_eq!(layout["brand_right"], true, "logo on the right: {layout}");
        assert_eq!(layout["account_left"], true, "sign-in on the left: {layout}");
        assert_eq!(layout["first_card_right"], true, "Arabic first, on the right: {layout}");
        assert_eq!(layout["heading"], "اللغات");
        shot(&c, "concept-ar").await;
        goto(&c, &app, "/?q=%D8%A7%D9%84%D8%B4%D8%A8%D9%83%D8%A9").await;
        assert_eq!(js(&c, "return document.documentElement.lang").await, "ar", "remembered in a cookie");
        assert_eq!(text(&c, "button.search-button").await, "بحث");
        shot(&c, "search-ar").await;
        goto(&c, &app, "/equal-footing").await;
        assert!(find(&c, "figure.chart svg rect.seg-adopted").await.attr("width").await.unwrap().is_some());
        shot(&c, "equal-footing-ar").await;
        // Back to English for the remaining pages.
        goto(&c, &app, "/equal-footing?ui=en").await;
        assert_eq!(js(&c, "return document.documentElement.dir").await, "ltr");
        shot(&c, "equal-footing").await;
        goto(&c, &app, "/recommendations/Y.4241").await;
        shot(&c, "recommendation").await;
        goto(&c, &app, "/").await;
        shot(&c, "home").await;

        // Keyboard: the skip link is the first stop and shows a visible focus ring.
        find(&c, "body").await.send_keys("\u{E004}").await.unwrap();
        let focus =
            js(&c, "var a = document.activeElement; return [a.className, getComputedStyle(a).outlineStyle]").await;
        assert_eq!(focus, json!(["skip", "solid"]));
        c.close().await.unwrap();
    });
}

#[test]
fn translator_submits_french_reviewer_adopts_public_sees_it_and_csrf_is_required() {
    // Without the bundled Word content, whose concepts would fill the translator's first queue page.
    let app = spawn_app_without_word_seed();
    let fr = add_user(&app.data_dir, "tr-fr", "translator", &["--lang", "fr"]);
    let rev = add_user(&app.data_dir, "rev-fr", "reviewer", &["--lang", "fr"]);
    let rap = add_user(&app.data_dir, "rap20", "rapporteur", &["--sg", "SG20"]);
    let driver = start_driver();
    let grid = app.fx.grid.clone();
    let term = "réseau électrique intelligent";
    run(async {
        let c = browser(&driver).await;
        shot_signin(&c, &app).await;

        // A rapporteur checks an entry before proposing it: Annex B findings and similar concepts.
        sign_in(&c, &app, &rap).await;
        goto(&c, &app, "/propose").await;
        find(&c, "#p-term").await.send_keys("Home Gateway").await.unwrap();
        find(&c, "#p-def")
            .await
            .send_keys("a device that connects a home network to an access network.")
            .await
            .unwrap();
        find(&c, "form.propose-form button[value=check]").await.click().await.unwrap();
        let checks = text(&c, "#checks").await;
        assert!(checks.contains("B-lowercase") && checks.contains("home gateway"), "{checks}");
        assert_eq!(js(&c, "return document.getElementById('p-term').value").await, "Home Gateway", "typed text kept");
        shot(&c, "propose-check").await;
        // Pasting clause 3 shows the parsed entries with their findings; nothing is submitted.
        goto(&c, &app, "/propose").await;
        find(&c, "#paste-text").await.send_keys("3 Definitions\n3.2.1 data collector: A device that collects the data of meters.\n3.2.2 Meter Hub: a hub.\n").await.unwrap();
        find(&c, "form[action='/propose/clause3'] button[type=submit]").await.click().await.unwrap();
        find(&c, "ol.entries").await;
        let entries = js(&c, "return document.querySelectorAll('ol.entries > li').length").await;
        assert_eq!(entries, 2);
        shot(&c, "propose-paste").await;
        let queue = api_get(&app, "/api/v1/queue", &rap).await;
        assert!(queue.as_array().unwrap().is_empty(), "nothing proposed yet: {queue}");
        sign_out(&c).await;

        // The translator finds the concept in their queue and translates it.
        sign_in(&c, &app, &fr).await;
        assert!(c.current_url().await.unwrap().path().ends_with("/queue"));
        let link = find(&c, &format!("a[href='/concepts/{grid}/edit/fr']")).await;
        shot(&c, "queue-translator").await;
        link.click().await.unwrap();
        // The English is beside the form.
        assert!(text(&c, ".reference").await.contains("smart grid"));

        // A post without its CSRF token is refused and changes nothing.
        find(&c, "#f-preferred").await.send_keys("sans jeton").await.unwrap();
        js(&c, "document.querySelector('form.edit-form input[name=csrf]').remove(); return null").await;
        find(&c, "form.edit-form button[value=save]").await.click().await.unwrap();
        assert!(text(&c, ".error-page h1").await.contains("Form refused"));
        let staff = api_get(&app, &format!("/api/v1/concepts/{grid}"), &fr).await;
        assert!(staff["languages"].get("fr").is_none(), "nothing saved: {staff}");

        goto(&c, &app, &format!("/concepts/{grid}/edit/fr")).await;
        find(&c, "#f-preferred").await.send_keys(term).await.unwrap();
        find(&c, "#f-definition").await.send_keys("Réseau électrique qui utilise les technologies de l'information et de la communication pour équilibrer l'offre et la demande.").await.unwrap();
        shot(&c, "translate").await;
        find(&c, "form.edit-form button[value=submit]").await.click().await.unwrap();
        let notice = text(&c, ".notice.success").await;
        assert!(notice.contains("Submitted for review"), "{notice}");
        assert!(text(&c, "#lang-fr").await.contains(term));
        sign_out(&c).await;

        // Not public before adoption.
        goto(&c, &app, &format!("/concepts/{grid}")).await;
        assert!(!text(&c, "#lang-fr").await.contains(term));

        // The reviewer adopts it from the review queue, the English beside it.
        sign_in(&c, &app, &rev).await;
        let card = find(&c, &format!("article.review-card[aria-labelledby='rc-{grid}-fr']")).await;
        let card_text = card.text().await.unwrap();
        assert!(card_text.contains("smart grid") && card_text.contains(term), "{card_text}");
        shot(&c, "review").await;
        card.find(Locator::Css("button[data-action=adopt]")).await.unwrap().click().await.unwrap();
        assert!(text(&c, ".notice.success").await.contains("Adopted"));
        // Staff see history and comments on the concept page.
        goto(&c, &app, &format!("/concepts/{grid}")).await;
        assert!(text(&c, "ol.history").await.contains("Adopted"));
        find(&c, "#comment-body").await;
        shot(&c, "concept-staff").await;
        sign_out(&c).await;

        // The public page shows it.
        goto(&c, &app, &format!("/concepts/{grid}")).await;
        let fr_card = text(&c, "#lang-fr").await;
        assert!(fr_card.contains(term), "{fr_card}");
        assert_eq!(
            js(
                &c,
                "return document.querySelector('#lang-fr .term-text').lang || document.getElementById('lang-fr').lang"
            )
            .await,
            "fr"
        );
        let href = search(&c, &app, "réseau électrique intelligent", "fr").await;
        assert_eq!(href, format!("/concepts/{grid}"));
        c.close().await.unwrap();
    });
}

async fn shot_signin(c: &Client, app: &TestApp) {
    goto(c, app, "/signin").await;
    find(c, "#token").await;
    shot(c, "signin").await;
}

/// axe-core, from npm (`tests/web/axe/package.json`, installed by `bash scripts/test`).
fn axe_source() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/web/axe/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!("{path}: {e}: install it with `npm ci --prefix tests/web/axe` (bash scripts/test does)")
    })
}

/// Runs axe-core's WCAG 2.1 A and AA rules on the page shown; fails with every violation.
async fn axe(c: &Client, page: &str) {
    if js(c, "return typeof window.axe").await != "object" {
        c.execute(&format!("{}\nreturn true;", axe_source()), vec![]).await.expect("load axe-core");
    }
    let violations = c
        .execute_async(
            "var done = arguments[arguments.length - 1];
             axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                .then(function (r) {
                    done(r.violations.map(function (v) {
                        return {id: v.id, impact: v.impact, help: v.help,
                                nodes: v.nodes.map(function (n) { return n.target.join(' ') + ': ' + n.failureSummary; })};
                    }));
                }, function (e) { done('axe failed: ' + e); });",
            vec![],
        )
        .await
        .unwrap_or_else(|e| panic!("axe on {page}: {e}"));
    assert_eq!(violations, json!([]), "axe-core WCAG 2.1 A/AA violations on {page}");
}

/// The pages axe-core checks as they are served (the check pages' results are checked
/// after their forms are submitted, below), each in the English and the Arabic interface.
const AXE_PAGES: &[&str] = &["/check", "/check/translation"];

/// The check pages in Chromium, as a user fills them in: each mark's tooltip (definition and
/// equivalents) shows on keyboard focus without any script, Arabic marks run right to left,
/// and axe-core finds no WCAG 2.1 A/AA violation on the forms or the results, in the
/// English and the Arabic interface.
#[test]
fn check_pages_show_tooltips_on_focus_and_pass_axe_in_english_and_arabic() {
    let app = spawn_app();
    let driver = start_driver();
    run(async {
        let c = browser(&driver).await;
        for ui in ["en", "ar"] {
            for page in AXE_PAGES {
                goto(&c, &app, &format!("{page}?ui={ui}")).await;
                find(&c, &format!("html[lang={ui}]")).await;
                axe(&c, &format!("{page}?ui={ui}")).await;
            }

            // Check a text: the tooltip is hidden until its mark has the focus.
            let (text, lang) = match ui {
                "ar" => ("تربط البوابة المنزلية أجهزة المنزل بشبكة مُشَغِّل الشبكة.", "ar"),
                _ => ("Each home gateway is managed by the network operator.", "en"),
            };
            goto(&c, &app, "/check").await;
            find(&c, "#check-text").await.send_keys(text).await.unwrap();
            find(&c, "#check-lang").await.select_by_value(lang).await.unwrap();
            find(&c, "#check-form button[value=check]").await.click().await.unwrap();
            find(&c, ".marked-text .term-mark").await;
            let tip = "getComputedStyle(document.getElementById('tip-0')).display";
            assert_eq!(js(&c, &format!("return {tip}")).await, "none");
            // Tab from the last element before the text lands on the first mark.
            js(&c, "document.getElementById('text-h').setAttribute('tabindex', '-1'); return true").await;
            find(&c, "#text-h").await.send_keys("\u{E004}").await.unwrap();
            let focused = js(&c, "var a = document.activeElement; return [a.className, a.getAttribute('aria-describedby'), a.lang, a.dir, getComputedStyle(a.querySelector('mark')).direction]").await;
            let dir = if lang == "ar" { "rtl" } else { "ltr" };
            assert_eq!(focused, json!(["term-mark", "tip-0", lang, dir, dir]), "{ui}");
            assert_eq!(js(&c, &format!("return {tip}")).await, "block", "the tooltip shows on focus ({ui})");
            let tip_text = js(&c, "return document.getElementById('tip-0').innerText").await;
            let eq = if lang == "ar" { "home gateway" } else { "البوابة المنزلية" };
            assert!(tip_text.as_str().unwrap().contains(eq), "{tip_text}");
            shot(&c, &format!("check-{ui}")).await;
            axe(&c, &format!("/check results, tooltip shown ({ui})")).await;

            // Check a translation: both texts side by side, with the findings.
            goto(&c, &app, "/check/translation").await;
            find(&c, "#source-lang").await.select_by_value("en").await.unwrap();
            find(&c, "#source-text")
                .await
                .send_keys("The home gateway belongs to the network operator.")
                .await
                .unwrap();
            find(&c, "#target-lang").await.select_by_value("fr").await.unwrap();
            find(&c, "#target-text")
                .await
                .send_keys("La passerelle domestique appartient à l'exploitant.")
                .await
                .unwrap();
            find(&c, "#translation-form button[type=submit]").await.click().await.unwrap();
            find(&c, "ol.translation-findings li.finding").await;
            let sides = js(&c, "return Array.from(document.querySelectorAll('.side-by-side .marked-text')).map(e => Math.round(e.getBoundingClientRect().top))").await;
            let tops: Vec<i64> = sides.as_array().unwrap().iter().map(|v| v.as_i64().unwrap()).collect();
            assert!(tops.len() == 2 && tops[0] == tops[1], "side by side: {tops:?}");
            shot(&c, &format!("check-translation-{ui}")).await;
            axe(&c, &format!("/check/translation results ({ui})")).await;
        }
        c.close().await.unwrap();
    });
}

/// Every other page, public and staff, through axe-core's WCAG 2.1 A/AA rules in the
/// English and the Arabic interface: the search page with results, a concept in six
/// languages (with definition links), the browsing pages, the figures, sign-in, and the
/// signed-in staff's queue (with watches), propose and translate pages.
#[test]
fn every_page_passes_axe_in_english_and_arabic() {
    let app = spawn_app();
    let admin = add_user(&app.data_dir, "tsb", "admin", &[]);
    let driver = start_driver();
    let gateway = app.fx.gateway.clone();
    let public = [
        "/".to_string(),
        "/?q=gateway".to_string(),
        format!("/concepts/{gateway}"),
        "/recommendations".to_string(),
        "/recommendations/ITU-T%20E.119".to_string(),
        "/study-groups".to_string(),
        "/study-groups/SG2".to_string(),
        "/equal-footing".to_string(),
        "/signin".to_string(),
    ];
    let staff = ["/queue".to_string(), "/propose".to_string(), format!("/concepts/{}/edit/fr", app.fx.grid)];
    run(async {
        let c = browser(&driver).await;
        for ui in ["en", "ar"] {
            for page in &public {
                let sep = if page.contains('?') { '&' } else { '?' };
                goto(&c, &app, &format!("{page}{sep}ui={ui}")).await;
                find(&c, &format!("html[lang={ui}]")).await;
                axe(&c, &format!("{page} ({ui})")).await;
            }
        }
        sign_in(&c, &app, &admin).await;
        for ui in ["en", "ar"] {
            for page in &staff {
                goto(&c, &app, &format!("{page}?ui={ui}")).await;
                find(&c, &format!("html[lang={ui}]")).await;
                axe(&c, &format!("{page} ({ui}, signed in)")).await;
            }
        }
        c.close().await.unwrap();
    });
}
