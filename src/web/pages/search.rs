//! `/`: the search page. The whole query lives in the URL (a plain GET form),
//! so results can be shared and work without JavaScript; `app.js` adds
//! suggestions from `/api/v1/suggest` while typing.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use maud::{html, Markup, PreEscaped};

use crate::app::App;
use crate::error::Result;
use crate::http::blocking;
use crate::http::params::{from_query, Reader, SearchParams};
use crate::model::time::parse_bound;
use crate::model::View;
use crate::model::{Change, ChangeFilter, ChangeKind};
use crate::model::{ConceptStatus, Lang, RecId, Recommendation, StudyGroup, StudyGroupCode};
use crate::search::{epoch_of, DateField, Facets, Mode, SearchField, SearchRequest, SearchResponse};
use crate::web::ctx::Ctx;
use crate::web::form::{query, Form};
use crate::web::i18n::{comma, lang_name, number, Msg};
use crate::web::layout::{dir, Nav};
use crate::web::widgets::{concept_href, date, in_lang, rec_href};

pub const PAGE_SIZE: usize = 10;
const MAX_PAGE: usize = 1000;

/// The search form's values, read leniently: a value that cannot be read is
/// reported on the page and left out, never a bare error page.
struct Query {
    q: String,
    lang: Option<Lang>,
    show: Vec<Lang>,
    field: SearchField,
    mode: Mode,
    sg: Option<StudyGroupCode>,
    rec: Option<RecId>,
    status: Option<ConceptStatus>,
    date_field: DateField,
    from: String,
    to: String,
    page: usize,
    problems: Vec<(Msg, String)>,
}

impl Query {
    /// Reads the search's own parameters (`SearchParams`, as the API does, but
    /// leniently) and the page's: `show` (repeated) and `page`.
    fn read(query: &str) -> Query {
        let f = Form::parse_query(query);
        let params: SearchParams = from_query(query).unwrap_or_default();
        let mut reader = Reader::lenient();
        let request = params.read(&mut reader).map(|s| s.request).unwrap_or_else(|_| SearchRequest::new(""));
        let problem = |name: &str| reader.problems.iter().any(|p| p.param == name);
        let kept = |name: &str, raw: &Option<String>| {
            raw.as_deref().map(str::trim).filter(|_| !problem(name)).unwrap_or("").to_string()
        };
        let mut q = Query {
            q: request.q.chars().take(500).collect(),
            lang: match request.langs.as_slice() {
                [one] => Some(*one),
                _ => None,
            },
            show: f.all("show").iter().filter_map(|v| v.parse().ok()).collect(),
            field: request.field,
            mode: if request.mode == Mode::Any { Mode::Auto } else { request.mode },
            sg: request.sg.clone(),
            rec: request.rec.clone(),
            status: request.status,
            date_field: request.date_field,
            from: kept("from", &params.from),
            to: kept("to", &params.to),
            page: 1,
            problems: Vec::new(),
        };
        q.show.sort();
        q.show.dedup();
        for p in &reader.problems {
            let label = match p.param {
                "lang" => Msg::SearchIn,
                "field" => Msg::FieldLabel,
                "mode" => Msg::ModeLabel,
                "sg" => Msg::StudyGroup,
                "rec" => Msg::Recommendation,
                "status" => Msg::Status,
                "date_field" => Msg::DateLabel,
                "from" => Msg::DateFrom,
                "to" => Msg::DateTo,
                _ => continue, // `limit`, `offset`, `pending`: the API's, not the page's
            };
            q.problems.push((label, p.value.clone()));
        }
        match f.get("page").map(str::parse::<usize>) {
            Some(Ok(n)) => q.page = n.clamp(1, MAX_PAGE),
            Some(Err(_)) => q.problems.push((Msg::PageLabel, f.get("page").unwrap_or("").to_string())),
            None => {}
        }
        q
    }

    fn filtered(&self) -> bool {
        self.sg.is_some()
            || self.rec.is_some()
            || self.status.is_some()
            || !self.from.is_empty()
            || !self.to.is_empty()
            || self.field != SearchField::All
            || self.mode != Mode::Auto
    }

    /// Display languages: those chosen, or all six.
    fn shown(&self) -> Vec<Lang> {
        if self.show.is_empty() {
            Lang::ALL.to_vec()
        } else {
            Lang::ALL.iter().copied().filter(|l| self.show.contains(l)).collect()
        }
    }

    fn request(&self) -> SearchRequest {
        let mut r = SearchRequest::new(self.q.clone());
        r.langs = self.lang.into_iter().collect();
        r.field = self.field;
        r.mode = self.mode;
        r.sg = self.sg.clone();
        r.rec = self.rec.clone();
        r.status = self.status;
        r.date_field = self.date_field;
        r.from = parse_bound(&self.from, false).ok().map(|t| epoch_of(Some(&t)));
        r.to = parse_bound(&self.to, true).ok().map(|t| epoch_of(Some(&t)));
        if let (Some(a), Some(b)) = (r.from, r.to) {
            if a > b {
                r.from = Some(b);
                r.to = Some(a);
            }
        }
        r.limit = PAGE_SIZE;
        r.offset = (self.page - 1) * PAGE_SIZE;
        r.public_only = true;
        // The filters are shown (open) with their counts: only then is every match worth visiting.
        r.facets = self.filtered();
        r
    }

    /// The query string of this search on another page.
    fn href(&self, page: usize) -> String {
        let mut pairs: Vec<(&str, String)> = vec![("q", self.q.clone())];
        pairs.push(("lang", self.lang.map(|l| l.code().to_string()).unwrap_or_default()));
        for l in &self.show {
            pairs.push(("show", l.code().to_string()));
        }
        if self.field != SearchField::All {
            pairs.push(("field", self.field.as_str().into()));
        }
        if self.mode != Mode::Auto {
            pairs.push(("mode", self.mode.as_str().into()));
        }
        pairs.push(("sg", self.sg.as_ref().map(|s| s.to_string()).unwrap_or_default()));
        pairs.push(("rec", self.rec.as_ref().map(|r| r.short().to_string()).unwrap_or_default()));
        pairs.push(("status", self.status.map(|s| s.as_str().to_string()).unwrap_or_default()));
        if self.date_field != DateField::Updated {
            pairs.push(("date_field", self.date_field.as_str().into()));
        }
        pairs.push(("from", self.from.clone()));
        pairs.push(("to", self.to.clone()));
        if page > 1 {
            pairs.push(("page", page.to_string()));
        }
        format!("/?{}", query(&pairs))
    }
}

struct Choices {
    sgs: Vec<StudyGroup>,
    recs: Vec<Recommendation>,
}

pub async fn search_page(app: web::Data<App>, ctx: Ctx, req: HttpRequest) -> HttpResponse {
    let r = run(&app, &ctx, &req).await;
    ctx.respond(r)
}

async fn run(app: &App, ctx: &Ctx, req: &HttpRequest) -> Result<HttpResponse> {
    let q = Query::read(req.query_string());
    let a = app.clone();
    let request = (!q.q.is_empty()).then(|| q.request());
    let (choices, found, recent) = blocking(move || {
        let choices = Choices { sgs: a.study_groups(View::Public)?, recs: a.recommendations(View::Public)? };
        let found = request.map(|r| a.search(&r));
        let recent = if found.is_none() {
            a.changes(&ChangeFilter {
                kinds: vec![ChangeKind::Adopted, ChangeKind::Accepted],
                limit: 8,
                ..Default::default()
            })?
        } else {
            vec![]
        };
        Ok((choices, found, recent))
    })
    .await?;
    // A query the search cannot read (an open quotation mark) is shown as a problem on the page.
    let (found, query_problem) = match found {
        Some(Ok(f)) => (Some(f), None),
        Some(Err(e)) if e.is_client_error() => (None, Some(e.to_string())),
        Some(Err(e)) => return Err(e),
        None => (None, None),
    };
    let title = if q.q.is_empty() {
        ctx.t(Msg::SearchTitle).to_string()
    } else {
        format!("{} – {}", q.q, ctx.t(Msg::NavSearch))
    };
    let body = html! {
        @if q.q.is_empty() {
            section.hero {
                h1 { (ctx.t(Msg::SearchTitle)) }
                p.lead { (ctx.t(Msg::SearchIntro)) }
            }
        } @else {
            h1.visually-hidden { (ctx.t(Msg::SearchTitle)) }
        }
        (search_form(ctx, &q, &choices, found.as_ref().and_then(|f| f.facets.as_ref())))
        @if !q.problems.is_empty() || query_problem.is_some() {
            div.notice.warning role="alert" {
                p { (ctx.t(Msg::SearchProblems)) }
                ul {
                    @for (m, v) in &q.problems { li { (ctx.t(*m)) ": " bdi { (v) } } }
                    @if let Some(p) = &query_problem { li lang="en" dir="ltr" { (p) } }
                }
            }
        }
        @if let Some(found) = &found {
            (results(ctx, &q, found))
        } @else if q.q.is_empty() {
            (home(ctx, &choices, &recent))
        }
    };
    Ok(ctx.page(StatusCode::OK, &title, Nav::Search, body))
}

/// ` (n)` after a filter's choice: the matching concepts it has, when the facets were counted.
fn count(facets: Option<&Facets>, of: fn(&Facets) -> &std::collections::BTreeMap<String, u64>, key: &str) -> String {
    facets.and_then(|f| of(f).get(key)).map(|n| format!(" ({n})")).unwrap_or_default()
}

fn search_form(ctx: &Ctx, q: &Query, c: &Choices, facets: Option<&Facets>) -> Markup {
    let shown = q.shown();
    html! {
        form.search-form role="search" method="get" action="/" {
            div.searchbox {
                label.search-label for="q" { (ctx.t(Msg::SearchLabel)) }
                div.search-row {
                    div.combo {
                        input #q type="search" name="q" value=(q.q) autocomplete="off" spellcheck="false"
                            dir="auto" maxlength="500"
                            placeholder=(ctx.t(Msg::SearchPlaceholder))
                            role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="suggest-list";
                        ul #suggest-list.suggestions role="listbox" hidden aria-label=(ctx.t(Msg::Suggestions)) {}
                    }
                    button.button.primary.search-button type="submit" { (ctx.t(Msg::SearchButton)) }
                }
            }
            div.search-options {
                div.field {
                    label for="lang" { (ctx.t(Msg::SearchIn)) }
                    select #lang name="lang" {
                        option value="" selected[q.lang.is_none()] { (ctx.t(Msg::AllLanguages)) }
                        @for l in Lang::ALL {
                            option value=(l.code()) selected[q.lang == Some(l)] lang=(l.bcp47()) { (l.native_name()) (count(facets, |f| &f.lang, l.code())) }
                        }
                    }
                }
                fieldset.show-langs {
                    legend { (ctx.t(Msg::ShowLanguages)) }
                    div.check-group {
                        @for l in Lang::ALL {
                            label.check {
                                input type="checkbox" name="show" value=(l.code()) checked[shown.contains(&l)];
                                span lang=(l.bcp47()) { (l.native_name()) }
                            }
                        }
                    }
                }
            }
            details.filters open[q.filtered()] {
                summary { (ctx.t(Msg::Filters)) }
                div.filter-grid {
                    div.field {
                        label for="f-field" { (ctx.t(Msg::FieldLabel)) }
                        select #f-field name="field" {
                            @for (v, m) in [(SearchField::All, Msg::FieldAll), (SearchField::Term, Msg::FieldTerm), (SearchField::Definition, Msg::FieldDefinition)] {
                                option value=(v.as_str()) selected[q.field == v] { (ctx.t(m)) }
                            }
                        }
                    }
                    div.field {
                        label for="f-mode" { (ctx.t(Msg::ModeLabel)) }
                        select #f-mode name="mode" {
                            @for (v, m) in [(Mode::Auto, Msg::ModeAuto), (Mode::Exact, Msg::ModeExact), (Mode::Prefix, Msg::ModePrefix), (Mode::Contains, Msg::ModeContains), (Mode::Fuzzy, Msg::ModeFuzzy)] {
                                option value=(v.as_str()) selected[q.mode == v] { (ctx.t(m)) }
                            }
                        }
                    }
                    div.field {
                        label for="f-sg" { (ctx.t(Msg::StudyGroup)) }
                        select #f-sg name="sg" {
                            option value="" { (ctx.t(Msg::AnyStudyGroup)) }
                            @for s in &c.sgs {
                                option value=(s.code) selected[q.sg.as_ref() == Some(&s.code)] { (s.code) (count(facets, |f| &f.sg, s.code.as_str())) }
                            }
                        }
                    }
                    div.field {
                        label for="f-rec" { (ctx.t(Msg::Recommendation)) }
                        select #f-rec name="rec" {
                            option value="" { (ctx.t(Msg::AnyRecommendation)) }
                            @for r in &c.recs {
                                option value=(r.id.short()) selected[q.rec.as_ref() == Some(&r.id)] { (r.id) }
                            }
                        }
                    }
                    div.field {
                        label for="f-status" { (ctx.t(Msg::Status)) }
                        select #f-status name="status" {
                            option value="" { (ctx.t(Msg::AnyStatus)) }
                            @for (v, m) in [(ConceptStatus::Accepted, Msg::StatusAccepted), (ConceptStatus::Historical, Msg::StatusHistorical)] {
                                option value=(v.as_str()) selected[q.status == Some(v)] { (ctx.t(m)) (count(facets, |f| &f.status, v.as_str())) }
                            }
                        }
                    }
                    div.field {
                        label for="f-date" { (ctx.t(Msg::DateLabel)) }
                        select #f-date name="date_field" {
                            @for (v, m) in [(DateField::Updated, Msg::DateUpdated), (DateField::Proposed, Msg::DateProposed), (DateField::Accepted, Msg::DateAccepted), (DateField::Adopted, Msg::DateAdopted)] {
                                option value=(v.as_str()) selected[q.date_field == v] { (ctx.t(m)) }
                            }
                        }
                    }
                    div.field {
                        label for="f-from" { (ctx.t(Msg::DateFrom)) }
                        input #f-from type="date" name="from" value=(q.from);
                    }
                    div.field {
                        label for="f-to" { (ctx.t(Msg::DateTo)) }
                        input #f-to type="date" name="to" value=(q.to);
                    }
                }
                p.filter-actions {
                    button.button type="submit" { (ctx.t(Msg::ApplyFilters)) }
                    " "
                    @if !q.q.is_empty() {
                        a href={ "/?" (query(&[("q", q.q.clone())])) } { (ctx.t(Msg::ClearFilters)) }
                    }
                }
            }
        }
    }
}

fn results(ctx: &Ctx, q: &Query, found: &SearchResponse) -> Markup {
    let shown = q.shown();
    let pages = (found.total as usize).div_ceil(PAGE_SIZE).clamp(1, MAX_PAGE);
    html! {
        section.results aria-labelledby="results-h" {
            div.results-head {
                h2 #results-h {
                    @if found.total_exact {
                        (ctx.t(Msg::ResultsCount).replace("{n}", &number(ctx.ui, found.total)))
                    } @else {
                        // Past the count's cap `total` is one more than it.
                        (ctx.t(Msg::ResultsMoreThan).replace("{n}", &number(ctx.ui, found.total.saturating_sub(1))))
                    }
                }
                @if pages > 1 {
                    p.page-of { (ctx.t(Msg::PageOf).replace("{p}", &q.page.to_string()).replace("{n}", &pages.to_string())) }
                }
            }
            @if found.hits.is_empty() {
                div.empty-results {
                    p { strong { (ctx.t(Msg::NoResults)) } }
                    p { (ctx.t(Msg::NoResultsHint)) }
                }
            } @else {
                ol.hits start=(q.offset_start()) {
                    @for hit in &found.hits {
                        @let title = hit.terms.get(&hit.lang).or_else(|| hit.terms.values().next()).cloned().unwrap_or_else(|| hit.id.to_string());
                        li.hit {
                            div.hit-head {
                                h3 {
                                    a href=(concept_href(hit.id)) lang=(hit.lang.bcp47()) dir=(dir(hit.lang)) { (title) }
                                }
                                @if hit.status == "historical" {
                                    span.badge.hist { (ctx.t(Msg::StatusHistorical)) }
                                }
                            }
                            p.hit-meta {
                                @if let Some(r) = &hit.source.rec {
                                    @match r.parse::<RecId>() {
                                        Ok(id) => a href=(rec_href(&id)) { (r) },
                                        Err(_) => span { (r) },
                                    }
                                    @if let Some(c) = &hit.source.clause { (comma(ctx.ui)) (ctx.t(Msg::ClauseN).replace("{c}", c)) }
                                    " · "
                                }
                                span.matched {
                                    (ctx.t(if hit.field == "definition" { Msg::MatchedDefinition } else { Msg::MatchedTerm }).replace("{lang}", lang_name(ctx.ui, hit.lang)))
                                }
                            }
                            p.snippet lang=(hit.lang.bcp47()) dir=(dir(hit.lang)) {
                                // Escaped by the search module; only <mark> is markup.
                                (PreEscaped(&hit.snippet))
                            }
                            dl.equivalents {
                                @for l in &shown {
                                    div.eq {
                                        dt lang=(l.bcp47()) { (l.native_name()) }
                                        @match hit.terms.get(l) {
                                            Some(t) => dd lang=(l.bcp47()) dir=(dir(*l)) { (t) },
                                            None => dd.none { span.visually-hidden { (ctx.t(Msg::NoTextYet)) } "—" },
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                @if pages > 1 {
                    nav.pager aria-label=(ctx.t(Msg::Pages)) {
                        @if q.page > 1 {
                            a.button rel="prev" href=(q.href(q.page - 1)) { (ctx.t(Msg::Previous)) }
                        }
                        ul {
                            @for p in page_window(q.page, pages) {
                                li {
                                    @if p == 0 { span.gap { "…" } }
                                    @else if p == q.page { span.current aria-current="page" { (p) } }
                                    @else { a href=(q.href(p)) { (p) } }
                                }
                            }
                        }
                        @if q.page < pages {
                            a.button rel="next" href=(q.href(q.page + 1)) { (ctx.t(Msg::Next)) }
                        }
                    }
                }
            }
        }
    }
}

impl Query {
    fn offset_start(&self) -> usize {
        (self.page - 1) * PAGE_SIZE + 1
    }
}

/// Page numbers around `current`, with 0 for a gap.
fn page_window(current: usize, pages: usize) -> Vec<usize> {
    let mut out = Vec::new();
    for p in 1..=pages {
        if p == 1 || p == pages || p.abs_diff(current) <= 2 {
            out.push(p);
        } else if out.last() != Some(&0) {
            out.push(0);
        }
    }
    out
}

fn home(ctx: &Ctx, c: &Choices, recent: &[Change]) -> Markup {
    html! {
        div.home-grid {
            section.panel {
                h2 { (ctx.t(Msg::BrowseTitle)) }
                ul.browse {
                    li {
                        a href="/recommendations" { (ctx.t(Msg::NavRecommendations)) }
                        span.count { (c.recs.len()) }
                    }
                    li {
                        a href="/study-groups" { (ctx.t(Msg::NavStudyGroups)) }
                        span.count { (c.sgs.len()) }
                    }
                    li {
                        a href="/equal-footing" { (ctx.t(Msg::EqTitle)) }
                    }
                }
                p.hint { (ctx.t(Msg::SearchTips)) }
            }
            section.panel {
                h2 { (ctx.t(Msg::RecentTitle)) }
                @if recent.is_empty() {
                    p.empty { (ctx.t(Msg::RecentNone)) }
                } @else {
                    ul.recent {
                        @for ch in recent {
                            li {
                                a href=(concept_href(ch.id)) {
                                    @let l = ch.lang.unwrap_or(Lang::En);
                                    (in_lang(l, ch.term.as_deref().unwrap_or("—")))
                                }
                                " "
                                span.chip.muted lang=(ch.lang.unwrap_or(Lang::En).bcp47()) { (ch.lang.unwrap_or(Lang::En).code()) }
                                " "
                                span.when { (date(&ch.at)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn page_window_keeps_ends_and_neighbours() {
        assert_eq!(super::page_window(1, 3), vec![1, 2, 3]);
        assert_eq!(super::page_window(10, 20), vec![1, 0, 8, 9, 10, 11, 12, 0, 20]);
    }
}
