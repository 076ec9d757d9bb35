//! Operational metrics, in Prometheus' text format at `GET /metrics`.
//!
//! Each [`App`] owns its registry (no process-wide globals), so two servers in one
//! process (the tests) count apart. Front ends record what only they see (HTTP routes,
//! MCP tool calls); the services record the rest (search, imports); gauges that are
//! cheap to read (index lag, store size) are read when scraped rather than kept up to date.

use std::time::Duration;

use prometheus::{
    Encoder, Histogram, HistogramOpts, HistogramVec, IntCounterVec, IntGauge, Opts, Registry, TextEncoder,
};

use super::App;
use crate::error::{Error, Result};

/// Latency buckets in seconds: from a cached lookup (0.5 ms) to a slow import page (10 s).
const BUCKETS: &[f64] = &[0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

pub struct Metrics {
    registry: Registry,
    http_requests: IntCounterVec,
    http_seconds: HistogramVec,
    search_seconds: Histogram,
    annotate_seconds: Histogram,
    imports: IntCounterVec,
    mcp_calls: IntCounterVec,
    index_lag: IntGauge,
    store_bytes: IntGauge,
    recognizer_terms: IntGauge,
    recognizer_bytes: IntGauge,
}

/// What an import came to, as counted in `hexaglot_imports_total{outcome}`.
#[derive(Debug, Clone, Copy)]
pub enum ImportOutcome {
    Committed,
    DryRun,
    /// The file had errors: nothing was written.
    Rejected,
    /// The import could not run (unreadable file, storage error).
    Failed,
}

impl ImportOutcome {
    fn as_str(self) -> &'static str {
        match self {
            ImportOutcome::Committed => "committed",
            ImportOutcome::DryRun => "dry_run",
            ImportOutcome::Rejected => "rejected",
            ImportOutcome::Failed => "failed",
        }
    }
}

fn registered<T: prometheus::core::Collector + Clone + 'static>(r: &Registry, metric: prometheus::Result<T>) -> T {
    // Names and labels are constants of this file: a failure is a programming error, caught by every test.
    let metric = metric.expect("a valid metric definition");
    r.register(Box::new(metric.clone())).expect("a metric registered once");
    metric
}

impl Metrics {
    pub fn new() -> Metrics {
        let r = Registry::new_custom(Some("hexaglot".into()), None).expect("a valid prefix");
        let hist = |name: &str, help: &str| HistogramOpts::new(name, help).buckets(BUCKETS.to_vec());
        Metrics {
            http_requests: registered(
                &r,
                IntCounterVec::new(
                    Opts::new("http_requests_total", "HTTP requests by route template, method and status"),
                    &["route", "method", "status"],
                ),
            ),
            http_seconds: registered(
                &r,
                HistogramVec::new(
                    hist("http_request_duration_seconds", "HTTP request latency by route template and method"),
                    &["route", "method"],
                ),
            ),
            search_seconds: registered(
                &r,
                Histogram::with_opts(hist("search_duration_seconds", "Search latency in the service")),
            ),
            annotate_seconds: registered(
                &r,
                Histogram::with_opts(hist("annotate_duration_seconds", "Term recognition latency per text")),
            ),
            imports: registered(
                &r,
                IntCounterVec::new(Opts::new("imports_total", "Imports by format and outcome"), &["format", "outcome"]),
            ),
            mcp_calls: registered(
                &r,
                IntCounterVec::new(
                    Opts::new("mcp_tool_calls_total", "MCP tool calls by tool and outcome"),
                    &["tool", "outcome"],
                ),
            ),
            index_lag: registered(
                &r,
                IntGauge::new("index_lag_changes", "Change-log entries committed but not yet in the search index"),
            ),
            store_bytes: registered(&r, IntGauge::new("store_bytes", "Size of the SQLite database with its WAL")),
            recognizer_terms: registered(
                &r,
                IntGauge::new("recognizer_entries", "Terms and abbreviations in the recognizer's dictionary"),
            ),
            recognizer_bytes: registered(
                &r,
                IntGauge::new("recognizer_bytes", "Heap held by the recognizer's dictionary"),
            ),
            registry: r,
        }
    }

    /// One HTTP request; `route` is the matched template (`/api/v1/concepts/{id}`), never the raw path.
    pub fn observe_request(&self, route: &str, method: &str, status: u16, elapsed: Duration) {
        self.http_requests.with_label_values(&[route, method, &status.to_string()]).inc();
        self.http_seconds.with_label_values(&[route, method]).observe(elapsed.as_secs_f64());
    }

    pub fn observe_search(&self, elapsed: Duration) {
        self.search_seconds.observe(elapsed.as_secs_f64());
    }

    pub fn observe_annotate(&self, elapsed: Duration) {
        self.annotate_seconds.observe(elapsed.as_secs_f64());
    }

    pub fn count_import(&self, format: &str, outcome: ImportOutcome) {
        self.imports.with_label_values(&[format, outcome.as_str()]).inc();
    }

    pub fn count_mcp_call(&self, tool: &str, ok: bool) {
        self.mcp_calls.with_label_values(&[tool, if ok { "ok" } else { "error" }]).inc();
    }

    /// The recognizer's size (read when scraped, once its dictionary is built).
    pub fn set_recognizer(&self, entries: usize, heap_bytes: usize) {
        self.recognizer_terms.set(entries as i64);
        self.recognizer_bytes.set(heap_bytes as i64);
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

impl App {
    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// Every metric in Prometheus' text exposition format (version 0.0.4), the
    /// gauges read now.
    pub fn render_metrics(&self) -> Result<String> {
        let m = &self.metrics;
        if let Some(index) = &self.search {
            m.index_lag.set((self.store.last_seq()? - index.applied_seq()).max(0));
        }
        if let Some((entries, bytes)) = self.recognizer.size() {
            m.set_recognizer(entries, bytes);
        }
        let db = self.store.db_path();
        let wal = db.with_extension("db-wal");
        let size = |p: &std::path::Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        m.store_bytes.set((size(db) + size(&wal)) as i64);
        let mut out = Vec::new();
        TextEncoder::new()
            .encode(&m.registry.gather(), &mut out)
            .map_err(|e| Error::Internal(format!("metrics: {e}")))?;
        String::from_utf8(out).map_err(|e| Error::Internal(format!("metrics: {e}")))
    }
}
