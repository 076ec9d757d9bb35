//! Turning parsed entries into import records, aligning the language versions
//! of one Recommendation by clause number into one concept per entry.

use std::collections::BTreeMap;

use super::{Entry, Origin};
use crate::interchange::import::{ConceptFields, ImportRecord, ImportSection, Provided};
use crate::model::{Lang, RecId, SectionContent, StudyGroupCode, Term, TermKind};

fn content(term: &str, e: &Entry, with_definition: bool) -> SectionContent {
    SectionContent {
        terms: vec![Term { text: term.to_string(), status: TermKind::Preferred }],
        abbreviations: e.abbreviation.iter().cloned().collect(),
        definition: if with_definition { e.definition.clone() } else { None },
        notes: if with_definition { e.notes.clone() } else { vec![] },
    }
}

/// One record per clause number (unnumbered entries by their position), with a
/// section for each language version; an English term given in parentheses by a
/// Chinese, Russian or Arabic text fills the English term when no English text is given.
pub fn to_records(
    versions: &[(Lang, Vec<Entry>)],
    rec: Option<&RecId>,
    sg: Option<&StudyGroupCode>,
) -> Vec<ImportRecord> {
    let mut by_key: BTreeMap<(Vec<u32>, String), ImportRecord> = BTreeMap::new();
    let has_english_text = versions.iter().any(|(l, _)| *l == Lang::En);
    for (lang, entries) in versions {
        let mut unnumbered = 0;
        for e in entries {
            let key = match &e.number {
                Some(n) => (n.split('.').map(|p| p.parse().unwrap_or(u32::MAX)).collect(), n.clone()),
                None => {
                    unnumbered += 1;
                    (vec![u32::MAX, unnumbered], format!("#{unnumbered}"))
                }
            };
            let record = by_key.entry(key.clone()).or_insert_with(|| ImportRecord {
                place: e.number.clone().unwrap_or_else(|| format!("unnumbered entry {unnumbered}")),
                fields: ConceptFields {
                    rec: rec.cloned(),
                    clause: e.number.clone(),
                    study_groups: sg.into_iter().cloned().collect(),
                    origin: Some(e.origin),
                    origin_ref: e.reference.clone(),
                    ..Default::default()
                },
                ..Default::default()
            });
            let fields = &mut record.fields;
            if fields.origin_ref.is_none() {
                fields.origin_ref = e.reference.clone();
            }
            if e.origin == Origin::Elsewhere {
                fields.origin = Some(Origin::Elsewhere);
            }
            record.sections.retain(|s| s.lang != *lang);
            record.sections.push(ImportSection {
                lang: *lang,
                content: content(&e.term, e, true),
                status: None,
                provided: Provided::default(),
            });
            if let (Some(en), false) = (&e.term_en, has_english_text) {
                if !record.sections.iter().any(|s| s.lang == Lang::En) {
                    record.sections.push(ImportSection {
                        lang: Lang::En,
                        content: content(en, e, false),
                        status: None,
                        // Only the term is given: the English definition is not in this text.
                        provided: Provided { terms: true, abbreviations: true, definition: false, notes: false },
                    });
                }
            }
        }
    }
    let mut out: Vec<ImportRecord> = by_key.into_values().collect();
    for r in &mut out {
        r.sections.sort_by_key(|s| s.lang);
    }
    out
}
