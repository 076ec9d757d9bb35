//! `/equal-footing`: the per-language figures of `/api/v1/stats/languages`
//! with a chart drawn on the server as SVG (mirrored in Arabic).

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use maud::{html, Markup};

use crate::app::catalog::Period;
use crate::app::catalog::{LanguageStats, StatsReport};
use crate::app::App;
use crate::error::Result;
use crate::http::blocking;
use crate::http::params::{from_query, Reader, StatsParams};
use crate::web::ctx::Ctx;
use crate::web::form::query;
use crate::web::i18n::{lang_name, Msg};
use crate::web::layout::{dir, Nav};

pub async fn equal_footing(app: web::Data<App>, ctx: Ctx, req: HttpRequest) -> HttpResponse {
    let r = run(&app, &ctx, &req).await;
    ctx.respond(r)
}

async fn run(app: &App, ctx: &Ctx, req: &HttpRequest) -> Result<HttpResponse> {
    // The API's parameters, read as strictly: a period that cannot be read is an error page.
    let p: StatsParams = from_query(req.query_string())?;
    let from_raw = p.from.as_deref().unwrap_or("").trim().to_string();
    let to_raw = p.to.as_deref().unwrap_or("").trim().to_string();
    let (from, to) = Reader::strict().range(("from", &p.from), ("to", &p.to))?;
    let period = Period { from, to };
    // The same figures from the API, with only the parameters it takes (not `ui`).
    let api_query = query(&[("from", from_raw.clone()), ("to", to_raw.clone())]);
    let a = app.clone();
    let report = blocking(move || a.language_stats_for(&period, false)).await?;
    let body = html! {
        h1 { (ctx.t(Msg::EqTitle)) }
        p.lead { (ctx.t(Msg::EqIntro)) }
        div.eq-layout {
            section.panel aria-labelledby="chart-h" {
                h2 #chart-h { (ctx.t(Msg::ChartTitle)) }
                p.muted { (ctx.t(Msg::EqConcepts).replace("{n}", &report.concepts.to_string())) }
                (chart(ctx, &report))
            }
            section.panel aria-labelledby="period-h" {
                h2 #period-h { (ctx.t(Msg::PeriodTitle)) }
                form.period method="get" action="/equal-footing" {
                    div.field {
                        label for="p-from" { (ctx.t(Msg::DateFrom)) }
                        input #p-from type="date" name="from" value=(from_raw);
                    }
                    div.field {
                        label for="p-to" { (ctx.t(Msg::DateTo)) }
                        input #p-to type="date" name="to" value=(to_raw);
                    }
                    button.button type="submit" { (ctx.t(Msg::Show)) }
                }
                p.hint { (ctx.t(Msg::PeriodHint)) }
            }
        }
        section aria-labelledby="table-h" {
            h2 #table-h { (ctx.t(Msg::FiguresTitle)) }
            (table(ctx, &report))
            p.hint {
                a href={ "/api/v1/stats/languages" @if !api_query.is_empty() { "?" (api_query) } } { (ctx.t(Msg::SameAsJson)) }
            }
        }
    };
    Ok(ctx.page(StatusCode::OK, ctx.t(Msg::EqTitle), Nav::EqualFooting, body))
}

fn pct(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

fn table(ctx: &Ctx, r: &StatsReport) -> Markup {
    let cols = [
        Msg::ColWithTerm,
        Msg::ColWithDefinition,
        Msg::ColAdopted,
        Msg::ColPending,
        Msg::ColMissing,
        Msg::ColCoverage,
        Msg::ColAdoptedInPeriod,
        Msg::ColBacklog,
        Msg::ColMedian,
        Msg::ColAssistedAdopted,
    ];
    html! {
        div.table-wrap tabindex="0" {
            table.data.figures {
                thead { tr {
                    th scope="col" { (ctx.t(Msg::ColLanguage)) }
                    @for c in cols { th scope="col" class="num" { (ctx.t(c)) } }
                } }
                tbody {
                    @for s in &r.languages {
                        tr {
                            th scope="row" {
                                span lang=(s.lang.bcp47()) dir=(dir(s.lang)) { (s.lang.native_name()) }
                                @if ctx.ui != s.lang { " " span.muted { "(" (lang_name(ctx.ui, s.lang)) ")" } }
                            }
                            td.num { (s.with_term) }
                            td.num { (s.with_definition) }
                            td.num { (s.adopted) }
                            td.num { (s.pending) }
                            td.num { (s.missing) }
                            td.num { (format!("{:.1} %", s.coverage_percent)) }
                            td.num { (s.adopted_in_period) }
                            td.num { (s.backlog) }
                            td.num { @match s.median_days_to_adoption { Some(d) => (format!("{d:.1}")), None => "—" } }
                            td.num { (s.assisted_adopted) }
                        }
                    }
                }
            }
        }
    }
}

/// Stacked bars per language (adopted, pending, missing), drawn from the
/// start edge of the reading direction.
fn chart(ctx: &Ctx, r: &StatsReport) -> Markup {
    const W: f64 = 640.0;
    const LABEL: f64 = 130.0;
    const ROW: f64 = 46.0;
    const BAR: f64 = 24.0;
    const TOP: f64 = 8.0;
    let rtl = ctx.ui.is_rtl();
    let plot = W - LABEL - 70.0;
    let h = TOP + ROW * r.languages.len() as f64 + 40.0;
    // x of a span [a, a+w] of the plot, mirrored in right-to-left.
    let x = |a: f64, w: f64| if rtl { W - LABEL - a - w } else { LABEL + a };
    let label_x = if rtl { W - 8.0 } else { 8.0 };
    let anchor_start = if rtl { "end" } else { "start" };
    let rows: Vec<(f64, &LanguageStats, [f64; 3])> = r
        .languages
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let whole = r.concepts.max(1);
            let adopted = pct(s.adopted, whole).min(100.0);
            let pending = pct(s.pending, whole).min(100.0 - adopted);
            let missing = (100.0 - adopted - pending).max(0.0);
            (TOP + ROW * i as f64, s, [adopted, pending, missing])
        })
        .collect();
    let legend = [(Msg::ColAdopted, "seg-adopted"), (Msg::ColPending, "seg-pending"), (Msg::ColMissing, "seg-missing")];
    html! {
        figure.chart {
            svg xmlns="http://www.w3.org/2000/svg" viewBox={ "0 0 " (W) " " (h) } role="img" aria-labelledby="chart-title chart-desc" {
                title #chart-title { (ctx.t(Msg::ChartTitle)) }
                desc #chart-desc {
                    @for (_, s, p) in &rows {
                        (lang_name(ctx.ui, s.lang)) ": " (format!("{:.1}", p[0])) " %; "
                    }
                }
                @for tick in [0.0, 25.0, 50.0, 75.0, 100.0] {
                    @let tx = x(plot * tick / 100.0, 0.0);
                    line.grid x1=(tx) x2=(tx) y1=(TOP - 4.0) y2=(TOP + ROW * rows.len() as f64 - 12.0) {}
                    text.tick x=(tx) y=(TOP + ROW * rows.len() as f64 + 4.0) text-anchor="middle" { (tick) "%" }
                }
                @for (y, s, p) in &rows {
                    text.lang-label x=(label_x) y=(y + BAR / 2.0 + 5.0) text-anchor=(anchor_start) lang=(s.lang.bcp47()) { (s.lang.native_name()) }
                    @for (class, sx, w, v, m) in segments(p, plot, &x) {
                        rect class=(class) x=(sx) y=(y) width=(w) height=(BAR) rx="3" {
                            title { (lang_name(ctx.ui, s.lang)) " – " (ctx.t(m)) ": " (format!("{v:.1}")) " %" }
                        }
                    }
                    text.value x=(if rtl { x(plot, 0.0) - 6.0 } else { x(plot, 0.0) + 6.0 }) y=(y + BAR / 2.0 + 5.0)
                        text-anchor=(anchor_start) { (format!("{:.0}", s.coverage_percent)) "%" }
                }
            }
            figcaption.legend {
                @for (m, class) in legend {
                    span.legend-item { span class={ "swatch " (class) } aria-hidden="true" {} (ctx.t(m)) }
                }
            }
        }
    }
}

/// The non-empty segments of one bar: class, x, width, percent, legend label.
fn segments(p: &[f64; 3], plot: f64, x: &dyn Fn(f64, f64) -> f64) -> Vec<(&'static str, f64, f64, f64, Msg)> {
    let parts = [("seg-adopted", Msg::ColAdopted), ("seg-pending", Msg::ColPending), ("seg-missing", Msg::ColMissing)];
    let mut start = 0.0;
    let mut out = Vec::new();
    for (i, (class, m)) in parts.into_iter().enumerate() {
        let w = plot * p[i] / 100.0;
        if w > 0.0 {
            out.push((class, x(start, w), w, p[i], m));
        }
        start += w;
    }
    out
}
