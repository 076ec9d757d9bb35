//! Streaming the concepts an export asks for, a page at a time, so exporting
//! a million concepts holds memory flat whatever the format.

use super::App;
use crate::app::catalog::ConceptFilter;
use crate::error::Result;
use crate::interchange::export::ExportFormat;
use crate::interchange::{csv, tbx, xlsx};
use crate::model::{Concept, ConceptId, ConceptStatus, Lang, RecId, StudyGroupCode, View};

const PAGE: u32 = 500;

/// What to export; every field narrows the set.
#[derive(Debug, Clone)]
pub struct ExportFilter {
    /// Languages to keep (empty: all six).
    pub langs: Vec<Lang>,
    pub sg: Option<StudyGroupCode>,
    pub rec: Option<RecId>,
    pub status: Option<ConceptStatus>,
    /// Bounds on the last update, RFC 3339.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Public: adopted text of accepted concepts; Staff: working copies of everything.
    pub view: View,
    /// Only what changed after this change-log sequence (`since=`), withdrawn and
    /// historical concepts included with their status so a CAT tool can drop them.
    pub since: Option<i64>,
    /// The change-log sequence the export reflects at least (read before it starts),
    /// written in the TBX header: the `since` of the next sync.
    pub sequence: Option<i64>,
}

impl Default for ExportFilter {
    fn default() -> Self {
        ExportFilter {
            langs: vec![],
            sg: None,
            rec: None,
            status: None,
            from: None,
            to: None,
            view: View::Public,
            since: None,
            sequence: None,
        }
    }
}

/// Iterator over the concepts of an export, reading [`PAGE`] at a time.
pub struct ExportIter<'a> {
    app: &'a App,
    filter: ConceptFilter,
    langs: Vec<Lang>,
    view: View,
    buffer: std::vec::IntoIter<Concept>,
    done: bool,
}

impl Iterator for ExportIter<'_> {
    type Item = Result<Concept>;

    fn next(&mut self) -> Option<Result<Concept>> {
        loop {
            if let Some(mut c) = self.buffer.next() {
                if !self.langs.is_empty() {
                    c.languages.retain(|l, _| self.langs.contains(l));
                    if c.languages.is_empty() {
                        continue;
                    }
                }
                return Some(Ok(c));
            }
            if self.done {
                return None;
            }
            match self.app.concepts(&self.filter, self.view) {
                Ok(page) => {
                    self.done = page.next_cursor.is_none();
                    self.filter.after = page.items.last().map(|c| c.id);
                    self.buffer = page.items.into_iter();
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
    }
}

impl App {
    pub fn export(&self, f: &ExportFilter) -> ExportIter<'_> {
        let filter = ConceptFilter {
            sg: f.sg.clone(),
            rec: f.rec.clone(),
            lang: None,
            status: f.status,
            updated_from: f.from.clone(),
            updated_to: f.to.clone(),
            after: None::<ConceptId>,
            limit: PAGE,
            count_total: false,
            changed_after: f.since,
        };
        ExportIter {
            app: self,
            filter,
            langs: f.langs.clone(),
            view: f.view,
            buffer: Vec::new().into_iter(),
            done: false,
        }
    }
}

/// Outcome of an export.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ExportStats {
    pub concepts: u64,
    /// Concepts left out because nothing in them can be written (no term in the languages asked for).
    pub skipped: u64,
}

impl App {
    /// Writes the concepts `filter` selects to `out` in `format`, streaming.
    pub fn export_to(
        &self,
        format: ExportFormat,
        filter: &ExportFilter,
        out: &mut dyn std::io::Write,
        progress: &dyn Fn(u64),
    ) -> Result<ExportStats> {
        let mut stats = ExportStats::default();
        match format {
            ExportFormat::Tbx => {
                let mut desc = String::from("Exported from Hexaglot, the ITU-T multilingual terminology database");
                if let Some(seq) = filter.sequence {
                    desc.push_str(&format!("\nHexaglot change sequence: {seq}"));
                }
                if let Some(since) = filter.since {
                    desc.push_str(&format!(
                        "\nChanges after sequence {since} only; a concept noted 'status: withdrawn' or 'status: historical' is no longer current"
                    ));
                }
                let header = tbx::Header {
                    title: Some("Hexaglot: ITU-T terms and definitions".into()),
                    source_desc: Some(desc),
                    lang: "en".into(),
                };
                let tbx_err = |e: tbx::TbxError| crate::Error::Io(std::io::Error::other(e.to_string()));
                let mut w = tbx::TbxWriter::new(out, &header).map_err(tbx_err)?;
                for concept in self.export(filter) {
                    if w.write_concept(&concept?).map_err(tbx_err)? {
                        stats.concepts += 1;
                    } else {
                        stats.skipped += 1;
                    }
                    if (stats.concepts + stats.skipped) % 1000 == 0 {
                        progress(stats.concepts);
                    }
                }
                w.finish().map_err(tbx_err)?;
            }
            ExportFormat::Csv => stats.concepts = csv::write_csv(out, self.export(filter), &filter.langs)?,
            ExportFormat::Xlsx => {
                // A workbook is assembled in memory by the writer crate anyway.
                let mut buf = Vec::new();
                stats.concepts = xlsx::write_xlsx(&mut buf, self.export(filter), &filter.langs)?;
                out.write_all(&buf)?;
            }
        }
        progress(stats.concepts);
        Ok(stats)
    }
}
