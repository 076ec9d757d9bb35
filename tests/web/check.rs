//! The check pages over plain HTTP (no JavaScript): a text with its terms marked, in a
//! left-to-right and a right-to-left language and interface; a Word upload; the glossary
//! downloads; a translation checked side by side; definitions linking other concepts.

use serde_json::Value;

use crate::helpers::{add_user, spawn_app, spawn_app_with_limits, Page, TestApp, Visitor};

fn docx(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/docx/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The id of E.119's concept defined in `clause`.
fn e119(app: &TestApp, clause: &str) -> String {
    let list = app.get_json("/api/v1/concepts?rec=E.119&limit=100", 200);
    let item = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["source"]["clause"] == clause)
        .unwrap_or_else(|| panic!("E.119 {clause}: {list}"));
    item["id"].as_str().unwrap().to_string()
}

/// The `/check` form's CSRF token, read from the page (which also names both pages in its navigation).
fn check_form(v: &mut Visitor, path: &str) -> String {
    let page = v.get(path);
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains(r#"enctype="multipart/form-data""#), "{}", page.body);
    assert!(page.body.contains(r#"href="/check""#) && page.body.contains(r#"href="/check/translation""#));
    page.csrf()
}

fn assert_page(p: &Page, html_tag: &str) {
    assert_eq!(p.status, 200, "{}", p.body);
    assert!(p.body.starts_with("<!DOCTYPE html>"));
    assert!(p.body.contains(html_tag), "{html_tag}: {}", p.body);
    assert!(!p.body.contains("<script>") && !p.body.contains(" style="), "no inline script or style");
}

#[test]
fn check_page_marks_every_term_with_its_tooltip_in_english_and_arabic() {
    let app = spawn_app();
    let fx = app.fx.clone();
    let mut v = Visitor::new(&app);
    let csrf = check_form(&mut v, "/check");

    // English text, English interface: a link per mark, described by its tooltip.
    let text = "Each home gateway is managed by the network operator.";
    let page = v.post("/check", &[("csrf", &csrf), ("text", text), ("lang", "en"), ("to", "fr"), ("to", "ar")]);
    assert_page(&page, r#"<html lang="en" dir="ltr">"#);
    let b = &page.body;
    assert!(b.contains(r#"<div class="marked-text" lang="en" dir="ltr">Each "#), "{b}");
    let mark = format!(
        r#"<a class="term-mark" href="/concepts/{}" lang="en" dir="ltr" aria-describedby="tip-0"><mark class="status-preferred" lang="en" dir="ltr">home gateway</mark></a>"#,
        fx.gateway
    );
    assert!(b.contains(&mark), "{b}");
    assert!(b.contains(r#"role="tooltip" id="tip-0""#), "{b}");
    assert!(b.contains("A device that connects the devices of a home network to an access network."), "{b}");
    assert!(b.contains(r#"<span lang="fr" dir="ltr">passerelle domestique</span>"#), "{b}");
    assert!(b.contains(r#"<span lang="ar" dir="rtl">البوابة المنزلية</span>"#), "{b}");
    assert!(b.contains(
        r#"aria-describedby="tip-1"><mark class="status-preferred" lang="en" dir="ltr">network operator</mark>"#
    ));
    // Only the languages asked for.
    assert!(!b.contains(r#"<span lang="ru" dir="ltr">домашний шлюз</span>"#), "{b}");
    // Beside it, the list of terms found, and the downloads of the same form.
    assert!(b.contains("Terms found: 2"), "{b}");
    assert!(b.contains(&format!(r#"<a href="/concepts/{}" lang="en" dir="ltr">network operator</a>"#, fx.operator)));
    assert!(b.contains(r#"form="check-form" type="submit" name="action" value="csv""#), "{b}");
    assert!(b.contains(r#"form="check-form" type="submit" name="action" value="tbx""#), "{b}");
    assert!(b.contains(r#"<form class="check-form" id="check-form" method="post" action="/check""#), "{b}");

    // Arabic text in the Arabic interface: every piece right to left.
    let csrf = check_form(&mut v, "/check?ui=ar");
    let text = "تربط البوابة المنزلية أجهزة المنزل، ويشغّل الشبكة مُشَغِّل الشبكة.";
    let page = v.post("/check", &[("csrf", &csrf), ("text", text), ("lang", "ar"), ("to", "en"), ("to", "zh")]);
    assert_page(&page, r#"<html lang="ar" dir="rtl">"#);
    let b = &page.body;
    assert!(b.contains(r#"<div class="marked-text" lang="ar" dir="rtl">"#), "{b}");
    assert!(b.contains(r#"<mark class="status-preferred" lang="ar" dir="rtl">البوابة المنزلية</mark>"#), "{b}");
    assert!(b.contains(r#"<mark class="status-preferred" lang="ar" dir="rtl">مُشَغِّل الشبكة</mark>"#), "{b}");
    assert!(b.contains(r#"<span class="term-tip" role="tooltip" id="tip-0" lang="ar" dir="rtl">"#), "{b}");
    assert!(b.contains(r#"<span lang="en" dir="ltr">home gateway</span>"#), "{b}");
    assert!(b.contains(r#"<span lang="zh-Hans" dir="ltr">家庭网关</span>"#), "{b}");
    assert!(b.contains("فحص نص"), "the Arabic interface: {b}");

    // The language is detected when not given; nothing pasted is said so; no CSRF token, no check.
    let page = v.post("/check", &[("csrf", &csrf), ("text", "La passerelle domestique est reliée au réseau.")]);
    assert_eq!(page.status, 200);
    assert!(page.body.contains(r#"<mark class="status-preferred" lang="fr" dir="ltr">passerelle domestique</mark>"#));
    let page = v.post("/check?ui=en", &[("csrf", &csrf), ("text", "  ")]);
    assert_eq!(page.status, 400);
    assert!(page.body.contains("Paste a text or choose a file."), "{}", page.body);
    assert_eq!(v.post("/check", &[("text", "home gateway")]).status, 403);
}

#[test]
fn check_page_reads_a_word_file_and_downloads_the_list_as_csv_and_tbx() {
    let app = spawn_app();
    let victim = e119(&app, "3.2.3");
    let mut v = Visitor::new(&app);
    let csrf = check_form(&mut v, "/check");
    let fields = [("csrf", csrf.as_str()), ("text", ""), ("lang", ""), ("to", "fr"), ("action", "check")];

    // The English version of E.119: its own terms are marked in its body.
    let page = v.post_multipart(
        "/check",
        &fields,
        &[("file", "T-REC-E.119-201704-I!!MSW-E.docx", &docx("T-REC-E.119-201704-I!!MSW-E.docx"))],
    );
    assert_page(&page, r#"<html lang="en" dir="ltr">"#);
    let b = &page.body;
    assert!(b.contains(r#"<div class="marked-text" lang="en" dir="ltr">"#), "{b}");
    assert!(b.contains(r#"lang="en" dir="ltr">disaster</mark>"#), "{b}");
    assert!(b.contains(&format!(r#"href="/concepts/{victim}""#)), "{b}");
    assert!(b.contains(r#"<span lang="fr" dir="ltr">catastrophe</span>"#), "{b}");
    // The form comes back with the file's text, so the downloads need no second upload.
    assert!(b.contains(r#"<option value="en" lang="en" selected>"#), "{b}");
    let textarea = b.split(r#"<textarea id="check-text""#).nth(1).unwrap();
    assert!(textarea.contains("safety confirmation"), "{textarea}");

    // The Arabic version: marks right to left.
    let page = v.post_multipart(
        "/check",
        &fields,
        &[("file", "T-REC-E.119-201704-I!!MSW-A.docx", &docx("T-REC-E.119-201704-I!!MSW-A.docx"))],
    );
    assert_page(&page, r#"<html lang="en" dir="ltr">"#);
    assert!(page.body.contains(r#"<div class="marked-text" lang="ar" dir="rtl">"#), "{}", page.body);
    assert!(page.body.contains(r#"<mark class="status-preferred" lang="ar" dir="rtl">"#), "{}", page.body);

    // A plain text file (UTF-8, with or without a byte-order mark), its language detected; other bytes are refused.
    let txt = "\u{feff}Персонал оказывает помощь каждому пострадавшему после бедствия.".as_bytes().to_vec();
    let page = v.post_multipart("/check", &fields, &[("file", "notes.txt", &txt)]);
    assert_page(&page, r#"<html lang="en" dir="ltr">"#);
    assert!(page.body.contains(r#"<div class="marked-text" lang="ru" dir="ltr">Персонал"#), "{}", page.body);
    assert!(page.body.contains(r#"lang="ru" dir="ltr">бедствия</mark>"#), "{}", page.body);
    let page = v.post_multipart("/check", &fields, &[("file", "latin1.txt", b"d\xe9sastre")]);
    assert_eq!(page.status, 400, "{}", page.body);
    assert!(page.body.contains("must be UTF-8"), "{}", page.body);

    // The list as a project glossary: CSV columns of the export, in the text's language and those chosen.
    let text = "Every victim of a disaster needs a business continuity plan.";
    let dl = |v: &mut Visitor, format: &str| {
        v.post_multipart(
            "/check",
            &[("csrf", &csrf), ("text", text), ("lang", "en"), ("to", "fr"), ("to", "ar"), ("action", format)],
            &[],
        )
    };
    let csv = dl(&mut v, "csv");
    assert_eq!(csv.status, 200, "{}", csv.body);
    assert!(csv.headers["content-type"].to_str().unwrap().starts_with("text/csv"));
    assert!(csv.headers["content-disposition"]
        .to_str()
        .unwrap()
        .contains("attachment; filename=\"hexaglot-glossary.csv\""));
    let header = csv.body.trim_start_matches('\u{feff}').lines().next().unwrap().to_string();
    assert!(header.contains("term_en") && header.contains("term_fr") && header.contains("term_ar"), "{header}");
    assert!(!header.contains("term_ru"), "{header}");
    for term in ["victim", "victime", "disaster", "catastrophe", "business continuity plan", "الضحايا"] {
        assert!(csv.body.contains(term), "{term}: {}", csv.body);
    }
    let tbx = dl(&mut v, "tbx");
    assert_eq!(tbx.status, 200, "{}", tbx.body);
    assert!(tbx.headers["content-disposition"].to_str().unwrap().contains("hexaglot-glossary.tbx"));
    assert!(tbx.body.contains("<tbx ") && tbx.body.contains(r#"xml:lang="en""#), "{}", tbx.body);
    assert!(tbx.body.contains(r#"<langSec xml:lang="fr">"#) && tbx.body.contains("victime"), "{}", tbx.body);
    assert!(!tbx.body.contains(r#"<langSec xml:lang="ru">"#), "{}", tbx.body);
    assert_eq!(tbx.body.matches("<conceptEntry").count(), 3, "{}", tbx.body);
}

#[test]
fn check_translation_page_shows_both_texts_with_the_findings() {
    let app = spawn_app();
    let fx = app.fx.clone();
    let mut v = Visitor::new(&app);
    let csrf = check_form(&mut v, "/check/translation");
    let source = "The home gateway belongs to the network operator.";
    let target = "La passerelle domestique appartient à l'exploitant.";
    let form = |csrf: &str| {
        vec![
            ("csrf".to_string(), csrf.to_string()),
            ("source_lang".into(), "en".into()),
            ("source_text".into(), source.into()),
            ("target_lang".into(), "fr".into()),
            ("target_text".into(), target.into()),
        ]
    };
    let pairs = form(&csrf);
    let refs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let page = v.post_multipart("/check/translation", &refs, &[]);
    assert_page(&page, r#"<html lang="en" dir="ltr">"#);
    let b = &page.body;
    assert!(b.contains(r#"<div class="marked-text" lang="en" dir="ltr">"#), "{b}");
    assert!(b.contains(r#"<div class="marked-text" lang="fr" dir="ltr">"#), "{b}");
    assert!(b.contains("Findings: 1"), "{b}");
    assert!(b.contains("Missing equivalent"), "{b}");
    assert!(b.contains(r#"<mark class="place" lang="en" dir="ltr">network operator</mark>"#), "{b}");
    assert!(b.contains(r#"<span lang="fr" dir="ltr">opérateur de réseau</span>"#), "{b}");
    assert!(b.contains(&format!(r#"href="/concepts/{}""#, fx.operator)), "{b}");
    assert!(b.contains("Terms of the source"), "{b}");

    // The Arabic interface, with an Arabic translation: right to left on the Arabic side.
    let csrf = check_form(&mut v, "/check/translation?ui=ar");
    let mut pairs = form(&csrf);
    pairs[3].1 = "ar".into();
    pairs[4].1 = "تنتمي البوابة المنزلية إلى مُشَغِّل الشبكة.".into();
    let refs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let page = v.post_multipart("/check/translation", &refs, &[]);
    assert_page(&page, r#"<html lang="ar" dir="rtl">"#);
    assert!(page.body.contains(r#"<div class="marked-text" lang="ar" dir="rtl">"#), "{}", page.body);
    assert!(page.body.contains("لا توجد نتائج"), "no findings, in Arabic: {}", page.body);

    // Two Word files: E.119 in English against its French version, languages detected.
    let (en, fr) = ("T-REC-E.119-201704-I!!MSW-E.docx", "T-REC-E.119-201704-I!!MSW-F.docx");
    let page = v.post_multipart(
        "/check/translation?ui=en",
        &[("csrf", &csrf), ("source_lang", ""), ("source_text", ""), ("target_lang", ""), ("target_text", "")],
        &[("source_file", en, &docx(en)), ("target_file", fr, &docx(fr))],
    );
    assert_page(&page, r#"<html lang="en" dir="ltr">"#);
    assert!(page.body.contains(r#"<div class="marked-text" lang="en" dir="ltr">"#), "{}", page.body);
    assert!(page.body.contains(r#"<div class="marked-text" lang="fr" dir="ltr">"#), "{}", page.body);
    let summary = page.body.split(r#"id="summary-h""#).nth(1).expect("the source's terms");
    assert!(summary.contains(">disaster</a>") && summary.contains(">victim</a>"), "{summary}");
    assert!(page.body.contains("English → French"), "{}", page.body);

    // A language that cannot be told from the text is asked for, the texts kept.
    let page = v.post_multipart(
        "/check/translation?ui=en",
        &[("csrf", &csrf), ("source_lang", ""), ("source_text", "PoP"), ("target_lang", "fr"), ("target_text", "PoP")],
        &[],
    );
    assert_eq!(page.status, 400, "{}", page.body);
    assert!(page.body.contains("give source_lang") && page.body.contains(r#"role="alert""#), "{}", page.body);
    assert!(page.body.contains(">PoP</textarea>"), "{}", page.body);

    // No CSRF token, no check.
    let refs: Vec<(&str, &str)> = pairs.iter().skip(1).map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(v.post_multipart("/check/translation", &refs, &[]).status, 403);
}

#[test]
fn check_definitions_link_the_terms_of_other_concepts() {
    let app = spawn_app();
    let (disaster, victim, plan) = (e119(&app, "3.1.2"), e119(&app, "3.2.3"), e119(&app, "3.2.1"));
    let mut v = Visitor::new(&app);
    // "victim: A person affected by a disaster." links "disaster", in English and in French.
    let page = v.get(&format!("/concepts/{victim}"));
    assert_eq!(page.status, 200);
    let link = format!(r#"<a class="def-link" href="/concepts/{disaster}">disaster</a>"#);
    assert!(page.body.contains(&link), "{}", page.body);
    let link = format!(r#"<a class="def-link" href="/concepts/{disaster}">catastrophe</a>"#);
    assert!(page.body.contains(&link), "{}", page.body);
    // Never to itself: "victims" in the plan's definition links to victim, not the plan to the plan.
    let page = v.get(&format!("/concepts/{plan}"));
    assert!(
        page.body.contains(&format!(r#"<a class="def-link" href="/concepts/{victim}">victims</a>"#)),
        "{}",
        page.body
    );
    assert!(!page.body.contains(&format!(r#"class="def-link" href="/concepts/{plan}""#)), "{}", page.body);
    // The concept that links in its definition is public only: the API gives the same concept.
    let c: Value = app.get_json(&format!("/api/v1/concepts/{victim}"), 200);
    assert_eq!(c["languages"]["en"]["definition"], "A person affected by a disaster.");
}

#[test]
fn check_pages_keep_the_anonymous_limit_of_texts_that_staff_do_not_have() {
    let limits = hexaglot::http::ratelimit::RateLimitConfig { anonymous_texts_per_minute: 2, ..Default::default() };
    let app = spawn_app_with_limits(limits);
    let mut v = Visitor::new(&app);
    let csrf = check_form(&mut v, "/check");
    let form = [("csrf", csrf.as_str()), ("text", "home gateway"), ("lang", "en")];
    assert_eq!(v.post("/check", &form).status, 200);
    let pair = [
        ("csrf", csrf.as_str()),
        ("source_lang", "en"),
        ("source_text", "home gateway"),
        ("target_lang", "fr"),
        ("target_text", "passerelle domestique"),
    ];
    assert_eq!(v.post("/check/translation", &pair).status, 200);
    let page = v.post("/check", &form);
    assert_eq!(page.status, 429, "{}", page.body);
    assert!(page.body.contains("Too many requests"), "{}", page.body);
    // Signed in, the same visitor goes on.
    let token = add_user(&app.data_dir, "tr-ar", "translator", &["--lang", "ar"]);
    v.sign_in(&token);
    let csrf = check_form(&mut v, "/check");
    let page = v.post("/check", &[("csrf", csrf.as_str()), ("text", "home gateway"), ("lang", "en"), ("pending", "1")]);
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains(r#"<mark class="status-preferred" lang="en" dir="ltr">home gateway</mark>"#));
    assert!(page.body.contains("Include drafts and proposals"), "staff may include pending terms");
}
