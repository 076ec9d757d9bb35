//! Word files (`.docx`) as import records: each file read by [`super::docx`], the
//! language versions of one Recommendation aligned by clause number as clause-3 text
//! is ([`clause3::to_records`]), and its abbreviations aligned by the abbreviation itself.

use std::collections::HashMap;

use super::import::{ConceptFields, ImportRecord, ImportSection, Provided};
use super::{clause3, docx, Context, Input};
use crate::error::{Error, Result};
use crate::model::{Lang, RecId, SectionContent, StudyGroupCode, Term, TermKind};
use crate::text::norm_term;

/// Reads each Word file; `ctx` overrides what a document says of itself (`--rec`,
/// `--sg`, and `--lang` for every file; without it each file's language is detected).
pub fn files(inputs: &[Input], ctx: &Context) -> Result<Vec<docx::Extracted>> {
    inputs
        .iter()
        .map(|input| {
            let mut f = input.docx()?;
            if let Some(rec) = &ctx.rec {
                f.rec = Some(rec.clone());
            }
            if let Some(sg) = &ctx.sg {
                f.sg = Some(sg.clone());
            }
            if let Some(lang) = ctx.lang {
                f.lang = lang;
            }
            Ok(f)
        })
        .collect()
}

/// The records of Word files, Recommendation by Recommendation: its definitions,
/// then its abbreviations. A file whose Recommendation is unknown is an error.
pub fn records(files: &[docx::Extracted], ctx: &Context) -> Result<Vec<ImportRecord>> {
    let mut by_rec: Vec<(RecId, Vec<&docx::Extracted>)> = Vec::new();
    for f in files {
        let rec = f.rec.clone().ok_or_else(|| {
            Error::Invalid(format!(
                "{}: no Recommendation number found in the document, its properties or its file name; \
                 give it with --rec (?rec= over HTTP)",
                f.file
            ))
        })?;
        match by_rec.iter_mut().find(|(r, _)| *r == rec) {
            Some((_, group)) => group.push(f),
            None => by_rec.push((rec, vec![f])),
        }
    }
    let mut out = Vec::new();
    for (rec, group) in &by_rec {
        let sg = ctx.sg.clone().or_else(|| group.iter().find_map(|f| f.sg.clone()));
        let versions: Vec<(Lang, Vec<clause3::Entry>)> =
            group.iter().map(|f| (f.lang, f.entries.iter().map(docx::DocxEntry::to_clause3).collect())).collect();
        let mut definitions = clause3::to_records(&versions, Some(rec), sg.as_ref());
        for d in definitions.iter_mut().filter(|d| d.fields.clause.is_none()) {
            // An unnumbered definition has no clause to be found by again: its term is its key.
            let first = d.sections.iter().find(|s| s.lang == Lang::En).or(d.sections.first());
            if let Some((lang, term)) = first.and_then(|s| Some((s.lang, s.content.preferred_term()?))) {
                d.external_id = Some(format!("{rec}#definition:{}:{}", lang.code(), norm_term(term)));
            }
        }
        let abbreviations = abbreviation_records(group, rec, sg.as_ref());
        add_to_definitions(&mut definitions, &abbreviations);
        out.extend(definitions);
        out.extend(abbreviations);
    }
    Ok(out)
}

/// Gives the definition whose term is the abbreviation's expansion the abbreviation
/// of each language's list, as the import would add it: a re-import then finds the
/// definition as it left it (a Russian "(СПП)" beside the list's NGN).
fn add_to_definitions(definitions: &mut [ImportRecord], abbreviations: &[ImportRecord]) {
    let mut by_term: HashMap<(Lang, String), usize> = HashMap::new();
    for (i, d) in definitions.iter().enumerate() {
        for s in &d.sections {
            if let Some(t) = s.content.preferred_term() {
                by_term.entry((s.lang, norm_term(t))).or_insert(i);
            }
        }
    }
    for a in abbreviations {
        let found =
            a.sections.iter().find_map(|s| by_term.get(&(s.lang, norm_term(s.content.preferred_term()?))).copied());
        let Some(d) = found.map(|i| &mut definitions[i]) else { continue };
        for s in &a.sections {
            if let Some(ds) = d.sections.iter_mut().find(|ds| ds.lang == s.lang && ds.provided.abbreviations) {
                for abbr in &s.content.abbreviations {
                    if !ds.content.abbreviations.contains(abbr) {
                        ds.content.abbreviations.push(abbr.clone());
                    }
                }
            }
        }
    }
}

/// One record per abbreviation of the Recommendation (the n-th `PC` of each language's
/// list with the n-th of the others), with the expansion of each language as its term.
/// Its re-import key is Recommendation + abbreviation.
fn abbreviation_records(group: &[&docx::Extracted], rec: &RecId, sg: Option<&StudyGroupCode>) -> Vec<ImportRecord> {
    let mut out: Vec<ImportRecord> = Vec::new();
    let mut at_key: HashMap<String, usize> = HashMap::new();
    for f in group {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for a in &f.abbreviations {
            let count = seen.entry(&a.abbreviation).or_default();
            let nth = *count;
            *count += 1;
            let key = if nth == 0 {
                format!("{rec}#abbreviation:{}", a.abbreviation)
            } else {
                format!("{rec}#abbreviation:{}#{}", a.abbreviation, nth + 1)
            };
            let at = match at_key.get(&key) {
                Some(&at) => at,
                None => {
                    at_key.insert(key.clone(), out.len());
                    out.push(ImportRecord {
                        place: format!("abbreviation {}", a.abbreviation),
                        external_id: Some(key),
                        fields: ConceptFields {
                            rec: Some(rec.clone()),
                            clause: f.abbreviations_clause.clone(),
                            study_groups: sg.into_iter().cloned().collect(),
                            origin_ref: a.references.first().cloned(),
                            ..Default::default()
                        },
                        abbreviation: Some(a.abbreviation.clone()),
                        ..Default::default()
                    });
                    out.len() - 1
                }
            };
            let record = &mut out[at];
            if record.fields.clause.is_none() {
                record.fields.clause = f.abbreviations_clause.clone();
            }
            if record.sections.iter().any(|s| s.lang == f.lang) || a.expansion.trim().is_empty() {
                continue;
            }
            let mut abbreviations: Vec<String> = a.local_abbreviation.iter().cloned().collect();
            if !abbreviations.contains(&a.abbreviation) {
                abbreviations.push(a.abbreviation.clone());
            }
            record.sections.push(ImportSection {
                lang: f.lang,
                content: SectionContent {
                    terms: vec![Term { text: a.expansion.clone(), status: TermKind::Preferred }],
                    abbreviations,
                    definition: None,
                    notes: vec![],
                },
                status: None,
                // A definition or notes written since are not the list's to remove.
                provided: Provided { terms: true, abbreviations: true, definition: false, notes: false },
            });
        }
    }
    for r in &mut out {
        r.sections.sort_by_key(|s| s.lang);
    }
    out
}
