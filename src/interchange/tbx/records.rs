//! From TBX entries to import records: statuses the file gives are kept,
//! languages outside the six travel as other-language sections, and Hexaglot's
//! own conventions (source, study groups, origin) are read back.

use std::io::BufRead;

use super::{parse_source, ReadOptions, TbxEntry, TbxReader};
use crate::error::{Error, Result};
use crate::interchange::import::{ConceptFields, ImportProblem, ImportRecord, ImportSection, Provided};
use crate::interchange::{Context, Records};
use crate::model::{ConceptStatus, OriginKind, SectionContent, SectionStatus};

/// Streams the records of a TBX file; a malformed file yields an error at its place.
pub fn records(input: Box<dyn BufRead + Send>, ctx: &Context) -> Result<Records> {
    let reader = TbxReader::new(input, &ReadOptions::default()).map_err(|e| Error::Invalid(format!("TBX: {e}")))?;
    let ctx = ctx.clone();
    let mut failed = false;
    Ok(Box::new(reader.map_while(move |item| {
        if failed {
            return None;
        }
        Some(match item {
            Ok(entry) => Ok(record(entry, &ctx)),
            Err(e) => {
                failed = true;
                let place = e.line().map_or_else(|| "file".to_string(), |l| format!("line {l}"));
                Err(ImportProblem { place, message: e.to_string() })
            }
        })
    })))
}

fn section_status(adopted: Option<bool>, status: Option<&str>) -> Option<SectionStatus> {
    match (adopted, status) {
        (Some(true), _) => Some(SectionStatus::Adopted),
        (_, Some(s)) => s.parse().ok(),
        _ => None,
    }
}

fn without_empty_terms(mut c: SectionContent) -> SectionContent {
    // Weblate writes untranslated terms as `<term/>`: there is nothing to keep.
    c.terms.retain(|t| !t.text.trim().is_empty());
    c.abbreviations.retain(|a| !a.trim().is_empty());
    c
}

fn record(e: TbxEntry, ctx: &Context) -> ImportRecord {
    let source = e.source.as_deref().map(parse_source);
    let accepted_at = e
        .transactions
        .iter()
        .find(|t| t.notes.iter().any(|n| n.trim() == "event: accepted"))
        .and_then(|t| t.date.clone());
    let mut r = ImportRecord {
        place: format!("line {}", e.line),
        external_id: e.id.clone(),
        fields: ConceptFields {
            rec: source.as_ref().and_then(|s| s.rec.clone()).or_else(|| ctx.rec.clone()),
            clause: source.and_then(|s| s.clause),
            study_groups: e.subsets.iter().filter_map(|s| s.parse().ok()).collect(),
            origin: e.origin.as_deref().and_then(|o| o.parse::<OriginKind>().ok()),
            origin_ref: e.origin_reference.clone(),
            subject_field: e.subject_field.clone(),
            status: e.status.as_deref().and_then(|s| s.parse::<ConceptStatus>().ok()),
        },
        accepted_at,
        ..Default::default()
    };
    for s in e.sections {
        let status = section_status(s.adopted, s.status.as_deref());
        let content = without_empty_terms(s.content);
        match s.lang {
            Some(lang) => {
                if let Some(existing) = r.sections.iter_mut().find(|x| x.lang == lang) {
                    // Two language sets for one language (en-US and en-GB): merge their terms.
                    existing.content.terms.extend(content.terms);
                    existing.content.abbreviations.extend(content.abbreviations);
                    existing.content.notes.extend(content.notes);
                    if existing.content.definition.is_none() {
                        existing.content.definition = content.definition;
                    }
                } else {
                    r.sections.push(ImportSection { lang, content, status, provided: Provided::default() });
                }
            }
            None if !content.is_empty() => r.other_langs.push((s.lang_tag.clone(), content)),
            None => {}
        }
    }
    // Entry-level notes and definitions belong to the concept; keep them with its first language.
    if let Some(first) = r.sections.first_mut() {
        first.content.notes.extend(e.note);
        if first.content.definition.is_none() {
            first.content.definition = e.definition_lang_neutral;
        }
    }
    r
}
