//! The pages over plain HTTP: what a browser without JavaScript gets, and the
//! security properties of sessions and forms.

use serde_json::json;

use crate::common::hexaglot;
use crate::helpers::{add_user, hidden, spawn_app, Visitor};

/// Every public page answers with a complete HTML page in the asked language.
#[test]
fn public_pages_work_without_javascript() {
    let app = spawn_app();
    let fx = app.fx.clone();
    let mut v = Visitor::new(&app);
    for path in [
        "/".to_string(),
        "/?q=gateway".to_string(),
        format!("/concepts/{}", fx.gateway),
        "/recommendations".to_string(),
        "/recommendations/Y.4241".to_string(),
        "/study-groups".to_string(),
        "/study-groups/SG20".to_string(),
        "/equal-footing".to_string(),
        "/signin".to_string(),
    ] {
        let p = v.get(&path);
        assert_eq!(p.status, 200, "{path}: {}", p.body);
        assert!(p.body.starts_with("<!DOCTYPE html>"), "{path}");
        assert!(p.body.contains(r#"<html lang="en" dir="ltr">"#), "{path}");
        // CSP `script-src 'self'`: no inline script, no inline style, no handlers.
        assert!(!p.body.contains("<script>") && !p.body.contains(" style=") && !p.body.contains("<style"), "{path}");
        assert!(!p.body.contains(" onclick=") && !p.body.contains(" onload="), "{path}");
        assert!(p.headers.get("content-security-policy").is_some(), "{path}");
        // Headings start at h1.
        assert!(p.body.contains("<h1"), "{path}");
    }

    // Search is a plain GET form: the query lives in the URL and the results are in the page.
    let home = v.get("/");
    assert!(home.body.contains(r#"<form class="search-form" role="search" method="get" action="/">"#));
    let found = v.get("/?q=passerelle&lang=fr&show=fr&show=ar");
    assert!(found.body.contains(&format!(r#"href="/concepts/{}""#, fx.gateway)), "{}", found.body);
    assert!(found.body.contains("<mark>passerelle</mark>"), "highlighted snippet: {}", found.body);
    // Equivalents shown only in the chosen display languages.
    assert!(found.body.contains(r#"<dd lang="ar" dir="rtl">البوابة المنزلية</dd>"#));
    assert!(!found.body.contains(r#"<dd lang="ru""#));
    // Paging links keep the query.
    let filtered = v.get("/?q=gateway&sg=SG20&status=accepted&date_field=adopted&from=2000-01-01&to=2100-01-01");
    assert_eq!(filtered.status, 200);
    assert!(filtered.body.contains(&format!(r#"href="/concepts/{}""#, fx.gateway)));
    // A bad filter is reported on the page, not a bare error.
    let bad = v.get("/?q=data&from=yesterday");
    assert_eq!(bad.status, 200);
    assert!(bad.body.contains("yesterday") && bad.body.contains(r#"role="alert""#));

    // Historical entries are labelled.
    let legacy = v.get(&format!("/concepts/{}", fx.legacy));
    assert!(legacy.body.contains("Historical entry."), "{}", legacy.body);
    // Unknown concept: an HTML 404 in the visitor's language.
    let missing = v.get("/concepts/c99999");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Page not found"));

    // Static files carry long cache headers when versioned.
    let css_url = home.body.split("href=\"/static/app.css?v=").nth(1).unwrap().split('"').next().unwrap().to_string();
    let css = v.get(&format!("/static/app.css?v={css_url}"));
    assert_eq!(css.status, 200);
    assert!(css.headers["cache-control"].to_str().unwrap().contains("immutable"));
    assert!(css.headers["content-type"].to_str().unwrap().starts_with("text/css"));
    assert!(css.headers.get("etag").is_some());
}

#[test]
fn interface_language_from_parameter_cookie_or_browser() {
    let app = spawn_app();
    let mut v = Visitor::new(&app);
    v.headers = vec![("accept-language", "ru-RU,ru;q=0.9,en;q=0.5".into())];
    let ru = v.get("/");
    assert!(ru.body.contains(r#"<html lang="ru" dir="ltr">"#));
    assert!(ru.body.contains("Поиск терминов и определений МСЭ-T"));
    // ?ui= switches and is remembered in a cookie.
    let ar = v.get("/?ui=ar");
    assert!(ar.body.contains(r#"<html lang="ar" dir="rtl">"#));
    let cookie = ar.set_cookie("hx_ui").expect("hx_ui cookie");
    assert!(cookie.starts_with("hx_ui=ar") && cookie.contains("HttpOnly"), "{cookie}");
    let later = v.get("/recommendations");
    assert!(later.body.contains(r#"<html lang="ar" dir="rtl">"#), "remembered");
    assert!(later.body.contains("التوصيات"));
    let zh = v.get("/study-groups?ui=zh");
    assert!(zh.body.contains(r#"<html lang="zh-Hans" dir="ltr">"#) && zh.body.contains("研究组"));
    // An unknown choice is ignored.
    let same = v.get("/?ui=de");
    assert!(same.body.contains(r#"<html lang="zh-Hans""#));
}

#[test]
fn user_text_is_escaped() {
    // Without the bundled Word content: its 176 concepts, none in Chinese and most not in French,
    // would fill the translator's first queue page (50) ahead of the fixture's concept.
    let app = crate::helpers::spawn_app_without_word_seed();
    let mut v = Visitor::new(&app);
    let page = v.get(&format!("/concepts/{}", app.fx.markup));
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; injector")
            || page.body.contains("&lt;script&gt;alert('x')&lt;/script&gt; injector"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("<script>alert"));
    assert!(page.body.contains("&lt;b&gt;markup&lt;/b&gt; &amp; an ampersand"));
    let found = v.get("/?q=injector");
    assert!(found.body.contains("injector"));
    assert!(!found.body.contains("<script>alert"), "{}", found.body);
    // Query text is escaped too.
    let q = v.get("/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    assert!(!q.body.contains("<script>alert(1)"));
    // And on the staff pages that show the same text, each opened by a user who
    // may see it: the concept with its history, the translation form, the
    // translator's queue (the concept waits for French), the Recommendation's
    // list and the staff search.
    let admin = add_user(&app.data_dir, "tsb", "admin", &[]);
    let translator = add_user(&app.data_dir, "tr-fr", "translator", &["--lang", "fr"]);
    let markup = &app.fx.markup;
    for (token, path) in [
        (&admin, format!("/concepts/{markup}")),
        (&translator, format!("/concepts/{markup}/edit/fr")),
        (&translator, "/queue".to_string()),
        (&admin, "/recommendations/Y.4244".to_string()),
        (&admin, "/?q=injector&pending=true".to_string()),
    ] {
        let mut staff = Visitor::new(&app);
        staff.sign_in(token);
        let page = staff.get(&path);
        assert_eq!(page.status, 200, "{path}: {}", page.body);
        assert!(page.body.contains("&lt;script&gt;alert("), "{path} shows the term, escaped: {}", page.body);
        assert!(!page.body.contains("<script>alert") && !page.body.contains("<b>markup"), "{path}: {}", page.body);
    }
}

#[test]
fn session_cookie_is_http_only_strict_and_secure_over_tls() {
    let app = spawn_app();
    let token = add_user(&app.data_dir, "tr-fr", "translator", &["--lang", "fr"]);
    let mut v = Visitor::new(&app);
    let signin = v.sign_in(&token);
    let cookie = signin.set_cookie("hx_session").expect("session cookie");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Strict"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain HTTP: {cookie}");
    assert!(!cookie.contains(&token), "the token is encrypted in the cookie");
    assert_eq!(signin.location(), Some("/queue?done=signedin"));
    let queue = v.get("/queue");
    assert_eq!(queue.status, 200);
    assert!(queue.body.contains("tr-fr") && queue.body.contains("Texts to translate"));
    assert_eq!(queue.headers["cache-control"], "no-store");

    // Behind a TLS proxy the cookie is Secure.
    let mut tls = Visitor::new(&app);
    tls.headers.push(("x-forwarded-proto", "https".into()));
    let signin = tls.sign_in(&token);
    let cookie = signin.set_cookie("hx_session").unwrap();
    assert!(cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");

    // A wrong token is refused with the form again.
    let mut bad = Visitor::new(&app);
    let form = bad.get("/signin");
    let page = bad.post("/signin", &[("csrf", &form.csrf()), ("token", "hxt_nope")]);
    assert_eq!(page.status, 401);
    assert!(page.body.contains("This token is not valid"));
    assert!(page.set_cookie("hx_session").is_none());

    // Sign-out ends the session, even for a copy of the cookie.
    let copied = v.cookies.clone();
    let csrf = v.get("/queue").csrf();
    let out = v.post("/signout", &[("csrf", &csrf)]);
    assert_eq!(out.status, 303);
    assert!(out.set_cookie("hx_session").unwrap().contains("Max-Age=0"));
    assert_eq!(v.get("/queue").status, 401);
    let mut replay = Visitor::new(&app);
    replay.cookies = copied;
    assert_eq!(replay.get("/queue").status, 401, "a signed-out session cannot be replayed");

    // Revoking the user ends their sessions at once.
    let mut w = Visitor::new(&app);
    w.sign_in(&token);
    assert_eq!(w.get("/queue").status, 200);
    let out = hexaglot(&app.data_dir, &["user", "revoke", "tr-fr"]);
    assert!(out.status.success());
    assert_eq!(w.get("/queue").status, 401);
}

#[test]
fn form_posts_without_the_right_csrf_token_are_refused_and_change_nothing() {
    let app = spawn_app();
    let token = add_user(&app.data_dir, "tr-fr", "translator", &["--lang", "fr"]);
    let grid = app.fx.grid.clone();
    let before = app.send("GET", &format!("/api/v1/concepts/{grid}"), Some(&token), None).1;

    // Sign-in itself needs the token of its form.
    let mut v = Visitor::new(&app);
    v.get("/signin");
    let refused = v.post("/signin", &[("token", &token)]);
    assert_eq!(refused.status, 403);
    assert!(refused.body.contains("Form refused"));
    assert!(refused.set_cookie("hx_session").is_none());

    v.sign_in(&token);
    let form = v.get(&format!("/concepts/{grid}/edit/fr"));
    assert_eq!(form.status, 200);
    let csrf = form.csrf();
    let version = hidden(&form.body, "version").unwrap();
    let fields = |csrf: Option<&str>| {
        let mut f = vec![
            ("version", version.clone()),
            ("preferred", "réseau électrique intelligent".to_string()),
            ("definition", "Réseau électrique qui utilise les technologies de l'information.".to_string()),
            ("then", "submit".to_string()),
        ];
        if let Some(c) = csrf {
            f.push(("csrf", c.to_string()));
        }
        f
    };
    let as_refs = |f: &Vec<(&'static str, String)>| f.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>();
    for attempt in [None, Some("0".repeat(64).as_str()), Some("")] {
        let f = as_refs(&fields(attempt));
        let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let page = v.post(&format!("/concepts/{grid}/edit/fr"), &pairs);
        assert_eq!(page.status, 403, "{attempt:?}");
        assert!(page.body.contains("Form refused"));
    }
    // Every other form too (each POST route of the pages), each posted by a
    // user whose role may do it, so that the refusal seen is the CSRF one
    // ("Form refused") and not the role's ("Not allowed").
    let reviewer = add_user(&app.data_dir, "rev-fr", "reviewer", &["--lang", "fr"]);
    let admin = add_user(&app.data_dir, "tsb", "admin", &[]);
    let mut as_reviewer = Visitor::new(&app);
    as_reviewer.sign_in(&reviewer);
    let mut as_admin = Visitor::new(&app);
    as_admin.sign_in(&admin);
    for (who, path) in [
        ("translator", format!("/concepts/{grid}/comments")),
        ("translator", format!("/concepts/{grid}/submit/fr")),
        ("reviewer", format!("/concepts/{grid}/adopt/fr")),
        ("reviewer", format!("/concepts/{grid}/return/fr")),
        ("admin", format!("/concepts/{grid}/accept")),
        ("admin", format!("/concepts/{grid}/return-proposal")),
        ("admin", "/propose".into()),
        ("admin", "/propose/clause3".into()),
        ("admin", "/propose/docx".into()),
        ("translator", "/signout".into()),
    ] {
        let visitor = match who {
            "translator" => &mut v,
            "reviewer" => &mut as_reviewer,
            _ => &mut as_admin,
        };
        let page = visitor.post(&path, &[("body", "hello"), ("version", &version)]);
        assert_eq!(page.status, 403, "{who} {path}: {}", page.body);
        assert!(page.body.contains("Form refused"), "{who} {path} is refused for its CSRF token: {}", page.body);
        assert!(!page.body.contains("Not allowed"), "{who} {path}: {}", page.body);
    }
    // A token of another session is refused as well.
    let mut other = Visitor::new(&app);
    other.sign_in(&token);
    let other_csrf = other.get("/queue").csrf();
    assert_ne!(other_csrf, csrf);
    let f = as_refs(&fields(Some(&other_csrf)));
    let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(v.post(&format!("/concepts/{grid}/edit/fr"), &pairs).status, 403);

    let after = app.send("GET", &format!("/api/v1/concepts/{grid}"), Some(&token), None).1;
    assert_eq!(before, after, "nothing changed");
    assert!(after["languages"].get("fr").is_none());
    let (_, history) = app.send("GET", &format!("/api/v1/concepts/{grid}/history"), Some(&token), None);
    assert!(history.as_array().unwrap().iter().all(|h| h["action"] != "comment"));

    // With the right token the same form works.
    let f = as_refs(&fields(Some(&csrf)));
    let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let ok = v.post(&format!("/concepts/{grid}/edit/fr"), &pairs);
    assert_eq!(ok.status, 303, "{}", ok.body);
    let (_, c) = app.send("GET", &format!("/api/v1/concepts/{grid}"), Some(&token), None);
    assert_eq!(c["languages"]["fr"]["status"], "submitted");
}

#[test]
fn a_stale_form_shows_the_conflict_and_keeps_what_was_typed() {
    let app = spawn_app();
    let fr1 = add_user(&app.data_dir, "tr-fr-1", "translator", &["--lang", "fr"]);
    let fr2 = add_user(&app.data_dir, "tr-fr-2", "translator", &["--lang", "fr"]);
    let grid = app.fx.grid.clone();
    let mut v = Visitor::new(&app);
    v.sign_in(&fr1);
    let form = v.get(&format!("/concepts/{grid}/edit/fr"));
    let csrf = form.csrf();
    let version = hidden(&form.body, "version").unwrap();

    // Someone else saves first (through the API).
    let (status, _) = app.send(
        "PUT",
        &format!("/api/v1/concepts/{grid}/languages/fr"),
        Some(&fr2),
        Some(
            json!({"terms": [{"text": "réseau intelligent", "status": "preferred"}], "version": version.parse::<i64>().unwrap()}),
        ),
    );
    assert_eq!(status, 200);

    let typed = "réseau électrique <intelligent> & sûr";
    let page = v.post(
        &format!("/concepts/{grid}/edit/fr"),
        &[
            ("csrf", &csrf),
            ("version", &version),
            ("preferred", typed),
            ("definition", "Ma définition, tapée avec soin."),
            ("then", "save"),
        ],
    );
    assert_eq!(page.status, 409, "{}", page.body);
    assert!(page.body.contains("Someone else saved this concept first"), "{}", page.body);
    // What was typed is still in the form (escaped), next to the current saved text.
    assert!(page.body.contains("value=\"réseau électrique &lt;intelligent&gt; &amp; sûr\""), "{}", page.body);
    assert!(page.body.contains("Ma définition, tapée avec soin."));
    assert!(page.body.contains("réseau intelligent"), "current text shown");
    // The form now carries the current version: saving again is a deliberate overwrite.
    let new_version = hidden(&page.body, "version").unwrap();
    assert_ne!(new_version, version);
    let (_, c) = app.send("GET", &format!("/api/v1/concepts/{grid}"), Some(&fr1), None);
    assert_eq!(c["languages"]["fr"]["terms"][0]["text"], "réseau intelligent", "the stale save changed nothing");
    let again = v.post(
        &format!("/concepts/{grid}/edit/fr"),
        &[("csrf", &csrf), ("version", &new_version), ("preferred", typed), ("then", "save")],
    );
    assert_eq!(again.status, 303);
    let (_, c) = app.send("GET", &format!("/api/v1/concepts/{grid}"), Some(&fr1), None);
    assert_eq!(c["languages"]["fr"]["terms"][0]["text"], typed);
}

#[test]
fn staff_pages_follow_roles_and_the_workflow() {
    let app = spawn_app();
    let d = &app.data_dir;
    let admin = add_user(d, "tsb", "admin", &[]);
    let rap = add_user(d, "rap20", "rapporteur", &["--sg", "SG20"]);
    let rev = add_user(d, "rev-fr", "reviewer", &["--lang", "fr"]);

    // Anonymous visitors are asked to sign in.
    let mut anon = Visitor::new(&app);
    for path in ["/queue", "/propose"] {
        let p = anon.get(path);
        assert_eq!(p.status, 401, "{path}");
        assert!(p.body.contains("Sign-in required"));
        assert!(
            p.body.contains(&format!("href=\"/signin?next=%2F{}\"", &path[1..])),
            "back here after signing in: {}",
            p.body
        );
    }

    // A rapporteur checks a proposal first (nothing written), then submits it.
    let mut r = Visitor::new(&app);
    r.sign_in(&rap);
    let form = r.get("/propose");
    assert_eq!(form.status, 200);
    let csrf = form.csrf();
    let entry = [
        ("csrf", csrf.as_str()),
        ("sg", "SG20"),
        ("rec", "ITU-T Y.4241"),
        ("clause", "3.2.9"),
        ("term", "Home Gateway"),
        ("definition", "a device that connects a home network to an access network."),
        ("origin", "here"),
    ];
    let mut check = entry.to_vec();
    check.push(("action", "check"));
    let checked = r.post("/propose", &check);
    assert_eq!(checked.status, 200, "{}", checked.body);
    assert!(checked.body.contains("Author&#39;s guide checks") || checked.body.contains("Author's guide checks"));
    assert!(checked.body.contains("B-lowercase"), "lint finding shown: {}", checked.body);
    assert!(checked.body.contains("Similar existing concepts"));
    assert!(checked.body.contains(&format!("/concepts/{}", app.fx.gateway)), "similar concept linked");
    let (_, queue) = app.send("GET", "/api/v1/queue", Some(&admin), None);
    assert!(queue.as_array().unwrap().is_empty(), "a check writes nothing");

    // The paste box shows parsed entries with their findings before anything is submitted.
    let pasted = r.post(
        "/propose/clause3",
        &[
            ("csrf", &csrf),
            ("sg", "SG20"),
            ("rec", "ITU-T Y.4241"),
            ("text", "3.2.1 data concentrator: A device located between smart meters and the utility.\n3.2.2 Meter Hub: a hub.\n"),
        ],
    );
    assert_eq!(pasted.status, 200, "{}", pasted.body);
    assert!(pasted.body.contains("Entries found: 2"), "{}", pasted.body);
    assert!(pasted.body.contains("Meter Hub") && pasted.body.contains("B-lowercase"));
    let (_, queue) = app.send("GET", "/api/v1/queue", Some(&admin), None);
    assert!(queue.as_array().unwrap().is_empty(), "pasting writes nothing");

    let mut submit = entry.to_vec();
    submit[4] = ("term", "residential hub");
    submit.push(("action", "submit"));
    let done = r.post("/propose", &submit);
    assert_eq!(done.status, 303, "{}", done.body);
    let id = done.location().unwrap().trim_start_matches("/concepts/").split('?').next().unwrap().to_string();

    // A rapporteur may not propose for another study group.
    let mut other = entry.to_vec();
    other[1] = ("sg", "SG17");
    other.push(("action", "submit"));
    let refused = r.post("/propose", &other);
    assert_eq!(refused.status, 400);
    assert!(refused.body.contains("may not propose terms for SG17"));

    // TSB accepts it from the queue.
    let mut a = Visitor::new(&app);
    a.sign_in(&admin);
    let queue = a.get("/queue");
    assert!(queue.body.contains("Proposals to accept") && queue.body.contains("residential hub"));
    let csrf = queue.csrf();
    let version = app.send("GET", &format!("/api/v1/concepts/{id}"), Some(&admin), None).1["version"].to_string();
    let accepted =
        a.post(&format!("/concepts/{id}/accept"), &[("csrf", &csrf), ("version", &version), ("back", "queue")]);
    assert_eq!(accepted.status, 303);
    assert_eq!(accepted.location(), Some("/queue?done=accepted"));
    // Accepting twice is a conflict page, not a crash.
    let twice = a.post(&format!("/concepts/{id}/accept"), &[("csrf", &csrf)]);
    assert_eq!(twice.status, 409);
    assert!(twice.body.contains("This cannot be done now"));

    // A reviewer may not adopt what was never submitted, and staff see comments and history.
    let mut rv = Visitor::new(&app);
    rv.sign_in(&rev);
    let page = rv.get(&format!("/concepts/{id}"));
    assert!(page.body.contains("History") && page.body.contains("Comments"));
    let csrf = page.csrf();
    let c = rv.post(
        &format!("/concepts/{id}/comments"),
        &[("csrf", &csrf), ("body", "Le terme « hub » est-il adapté ?"), ("lang", "fr")],
    );
    assert_eq!(c.status, 303);
    let page = rv.get(&format!("/concepts/{id}"));
    assert!(page.body.contains("Le terme « hub » est-il adapté ?"));
    let nope = rv.post(&format!("/concepts/{id}/adopt/fr"), &[("csrf", &csrf)]);
    assert_eq!(nope.status, 409);
    let forbidden = rv.post(&format!("/concepts/{id}/adopt/ar"), &[("csrf", &csrf)]);
    assert_eq!(forbidden.status, 403);
    assert!(forbidden.body.contains("Not allowed"));
}

#[test]
fn a_broad_search_says_more_than_it_counted_and_shown_filters_have_counts() {
    // Counting stops past one concept here (10,000 in production).
    let app = crate::helpers::spawn_app_counting_up_to(1);
    let mut v = Visitor::new(&app);
    // Two seed concepts have both words in English (X.1332 3.1.4 and 3.2.3), both SG17 and accepted.
    let page = v.get("/?q=smart+meter&lang=en");
    assert!(page.body.contains("More than 1 concepts found"), "{}", page.body);
    assert!(!page.body.contains("2 concepts found"), "{}", page.body);
    assert_eq!(page.body.matches(r#"<li class="hit">"#).count(), 2, "{}", page.body);
    // Filters closed: no counts were asked for.
    assert!(!page.body.contains("SG17 (2)"), "{}", page.body);
    // A filter applied: the filters are shown, with the concepts each choice has, and the count is exact.
    let filtered = v.get("/?q=smart+meter&lang=en&sg=SG17");
    assert!(filtered.body.contains("2 concepts found"), "{}", filtered.body);
    assert!(filtered.body.contains(">SG17 (2)</option>"), "{}", filtered.body);
    assert!(filtered.body.contains("English (2)</option>"), "{}", filtered.body);
    assert!(filtered.body.contains("Current (2)</option>"), "{}", filtered.body);
    let fr = v.get("/?q=smart+meter&lang=en&ui=fr");
    assert!(fr.body.contains("Concepts trouvés : plus de 1"), "{}", fr.body);
}

#[test]
fn results_are_paged_and_page_links_keep_the_query() {
    let app = spawn_app();
    let admin = add_user(&app.data_dir, "tsb", "admin", &[]);
    // Twelve more entries through the import API (clause 3 text).
    let text: String =
        (1..=12).map(|i| format!("3.2.{i} sample widget {i}: A sample widget number {i} used for paging.\n")).collect();
    let resp = crate::common::client()
        .post(app.url("/api/v1/import?format=clause3&rec=ITU-T%20Y.4912&sg=SG20&lang=en&status=accepted"))
        .bearer_auth(&admin)
        .body(text)
        .send()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200, "{}", resp.text().unwrap());
    let mut v = Visitor::new(&app);
    let first = v.get("/?q=widget&lang=en&show=en&show=fr");
    assert!(first.body.contains("12 concepts found"), "{}", first.body);
    assert!(first.body.contains("Page 1 of 2"));
    assert_eq!(first.body.matches(r#"<li class="hit">"#).count(), 10);
    let next = "/?q=widget&amp;lang=en&amp;show=en&amp;show=fr&amp;page=2";
    assert!(first.body.contains(&format!(r#"rel="next" href="{next}""#)), "{}", first.body);
    let second = v.get(&next.replace("&amp;", "&"));
    assert!(second.body.contains("Page 2 of 2"));
    assert_eq!(second.body.matches(r#"<li class="hit">"#).count(), 2);
    assert!(second.body.contains(r#"rel="prev""#));
    assert!(second.body.contains(r#"<ol class="hits" start="11">"#));
}

#[test]
fn repeated_failed_sign_ins_are_slowed_down() {
    let app = spawn_app();
    let token = add_user(&app.data_dir, "tr-fr", "translator", &["--lang", "fr"]);
    let mut v = Visitor::new(&app);
    let mut statuses = Vec::new();
    for i in 0..12 {
        let csrf = v.get("/signin").csrf();
        let guess = format!("hxt_{i:040}");
        statuses.push(v.post("/signin", &[("csrf", &csrf), ("token", &guess)]).status);
    }
    // The default limit: ten failures a minute from one address, then 429 whatever is sent.
    assert_eq!(&statuses[..10], &[401; 10], "{statuses:?}");
    assert_eq!(&statuses[10..], &[429; 2], "{statuses:?}");
    let csrf = v.get("/signin").csrf();
    let page = v.post("/signin", &[("csrf", &csrf), ("token", &token)]);
    assert_eq!(page.status, 429, "even the right token waits");
    assert!(page.set_cookie("hx_session").is_none());
}

/// The propose page takes the Word files of a draft (multipart, CSRF-protected like
/// every form) and shows each file's entries with their checks; nothing is written.
#[test]
fn propose_page_reads_uploaded_word_files() {
    let app = spawn_app();
    let admin = add_user(&app.data_dir, "tsb", "admin", &[]);
    let rap = add_user(&app.data_dir, "rap2", "rapporteur", &["--sg", "SG2"]);
    let mut r = Visitor::new(&app);
    r.sign_in(&rap);
    let page = r.get("/propose");
    assert!(page.body.contains("action=\"/propose/docx\"") && page.body.contains("multipart/form-data"));
    assert!(page.body.contains("Upload Word files"));
    let csrf = page.csrf();
    let docx = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/docx");
    let upload = |r: &mut Visitor, csrf: &str, files: &[&str]| {
        let boundary = "propose-docx-boundary-91c2";
        let mut body = Vec::new();
        let mut field = |name: &str, filename: Option<&str>, data: &[u8]| {
            let file = filename.map(|f| format!("; filename=\"{f}\"")).unwrap_or_default();
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"{file}\r\n\r\n").as_bytes(),
            );
            body.extend_from_slice(data);
            body.extend_from_slice(b"\r\n");
        };
        for (k, v) in [("sg", "SG2"), ("rec", ""), ("lang", ""), ("csrf", csrf)] {
            if !v.is_empty() || k != "csrf" {
                field(k, None, v.as_bytes());
            }
        }
        for f in files {
            field("file", Some(f), &std::fs::read(format!("{docx}/{f}")).unwrap());
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let jar: Vec<String> = r.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let resp = reqwest::blocking::Client::new()
            .post(app.url("/propose/docx"))
            .header("cookie", jar.join("; "))
            .header("accept-language", "en")
            .header("content-type", format!("multipart/form-data; boundary={boundary}"))
            .body(body)
            .send()
            .unwrap();
        (resp.status().as_u16(), resp.text().unwrap())
    };
    let (st, body) = upload(&mut r, &csrf, &["T-REC-E.119-201704-I!!MSW-E.docx", "T-REC-E.119-201704-I!!MSW-F.docx"]);
    assert_eq!(st, 200, "{body}");
    assert!(body.contains("T-REC-E.119-201704-I!!MSW-E.docx") && body.contains("T-REC-E.119-201704-I!!MSW-F.docx"));
    assert_eq!(body.matches("Entries found: 8").count(), 2, "{body}");
    assert!(body.contains("disaster") && body.contains("catastrophe"));
    assert!(body.contains("Propose this entry") || body.contains("name=\"action\" value=\"submit\""));
    // Without its CSRF token the form is refused; a zip that is no Word file is named as such.
    assert_eq!(upload(&mut r, "", &["T-REC-E.119-201704-I!!MSW-E.docx"]).0, 403);
    let (st, body) = upload(&mut r, &csrf, &["README.md"]);
    assert_eq!(st, 400, "{body}");
    assert!(body.contains("not a zip"), "{body}");
    let (_, queue) = app.send("GET", "/api/v1/queue", Some(&admin), None);
    assert!(queue.as_array().unwrap().is_empty(), "reading a file writes nothing");
}

/// The part of a page between `from` and the end of its section.
fn section_of<'p>(body: &'p str, from: &str) -> &'p str {
    let start = body.find(from).unwrap_or_else(|| panic!("no {from} in {body}"));
    let end = body[start..].find("</section>").map_or(body.len(), |e| start + e);
    &body[start..end]
}

#[test]
fn watches_on_the_queue_page_show_what_changed_since_the_last_visit() {
    let app = spawn_app();
    let rap = add_user(&app.data_dir, "rap17", "rapporteur", &["--sg", "SG17"]);
    let admin = add_user(&app.data_dir, "tsb", "admin", &[]);
    let mut v = Visitor::new(&app);
    v.sign_in(&admin);
    let page = v.get("/queue");
    assert!(section_of(&page.body, "id=\"watches\"").contains("You are not watching anything yet."));
    // The form is CSRF-protected.
    assert_ne!(v.post("/watches", &[("sg", "SG17")]).status, 303);
    let added =
        v.post("/watches", &[("csrf", &page.csrf()), ("sg", "SG17"), ("lang", ""), ("rec", ""), ("concept", "")]);
    assert_eq!((added.status, added.location()), (303, Some("/queue?done=watched#watches")), "{}", added.body);
    let page = v.get("/queue?done=watched");
    assert!(page.body.contains("You are now watching this."));
    assert!(section_of(&page.body, "id=\"watch-news\"").contains("Nothing new in your watches"));

    // SG17 proposes a term: it is news on the next visit, and only on that one.
    let (st, body) = app.post(
        "/api/v1/proposals",
        &rap,
        serde_json::json!({"terms": ["watched gateway"], "definition": "A gateway someone watches.", "sg": "SG17"}),
    );
    assert_eq!(st, 201, "{body}");
    let page = v.get("/queue");
    let news = section_of(&page.body, "id=\"watch-news\"");
    assert!(news.contains("watched gateway") && news.contains("Proposed"), "{news}");
    let again = v.get("/queue");
    assert!(!section_of(&again.body, "id=\"watch-news\"").contains("watched gateway"));

    // The same in French; then the watch is removed.
    v.headers = vec![("accept-language", "fr".into())];
    let fr = v.get("/queue");
    assert!(section_of(&fr.body, "id=\"watches\"").contains("Vos suivis"), "{}", fr.body);
    let watches = || app.send("GET", "/api/v1/watches", Some(&admin), None).1;
    let id = watches()[0]["id"].as_i64().unwrap();
    let removed = v.post(&format!("/watches/{id}/delete"), &[("csrf", &fr.csrf())]);
    assert_eq!((removed.status, removed.location()), (303, Some("/queue?done=unwatched#watches")));
    assert!(watches().as_array().unwrap().is_empty());
}

/// Text an AI assistant wrote is marked for staff on the concept page and in the queue, until a person edits it.
#[test]
fn machine_assisted_text_is_marked_for_staff() {
    let app = spawn_app();
    let token = add_user(&app.data_dir, "tr-fr", "translator", &["--lang", "fr"]);
    let path = format!("/api/v1/concepts/{}/languages/fr", app.fx.gateway);
    let text = json!({"terms": ["passerelle résidentielle"], "definition": "Dispositif domestique.", "assisted": true});
    let (status, body) = app.send("PUT", &path, Some(&token), Some(text));
    assert_eq!(status, 200, "{body}");

    let mut v = Visitor::new(&app);
    v.sign_in(&token);
    let concept = v.get(&format!("/concepts/{}", app.fx.gateway));
    assert_eq!(concept.status, 200);
    assert_eq!(concept.body.matches("Machine-assisted").count(), 1, "the French section only");
    let queue = v.get("/queue");
    assert_eq!(queue.status, 200);
    assert!(queue.body.contains("Machine-assisted"), "{}", queue.body);
    let public = Visitor::new(&app).get(&format!("/concepts/{}", app.fx.gateway));
    assert!(!public.body.contains("Machine-assisted"), "the public never sees the mark");

    let (status, body) = app.send("PUT", &path, Some(&token), Some(json!({"terms": ["passerelle résidentielle"]})));
    assert_eq!(status, 200, "{body}");
    assert!(
        !v.get(&format!("/concepts/{}", app.fx.gateway)).body.contains("Machine-assisted"),
        "a person's edit clears it"
    );
}

#[test]
fn the_equal_footing_page_counts_machine_assisted_adoptions() {
    let app = spawn_app();
    let mut v = Visitor::new(&app);
    for (ui, label) in [("en", "Adopted with machine assistance"), ("fr", "Adoptés avec assistance automatique")] {
        let page = v.get(&format!("/equal-footing?ui={ui}"));
        assert_eq!(page.status, 200);
        assert!(page.body.contains(&format!("<th scope=\"col\" class=\"num\">{label}</th>")), "{ui}: {}", page.body);
    }
}
