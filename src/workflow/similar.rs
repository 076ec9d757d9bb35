//! Harmonization (Resolution 67): before a term is added, find concepts that
//! already carry the same or a near English term, or a near definition, in any
//! study group. The same term defined by another study group is a conflict.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::model::{Concept, ConceptId, Lang, StudyGroupCode};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Similar {
    pub id: ConceptId,
    /// English preferred term of the existing concept.
    pub term: Option<String>,
    pub definition: Option<String>,
    pub study_groups: Vec<StudyGroupCode>,
    pub status: String,
    /// 0 to 1; 1 is the same term.
    pub score: f32,
    /// `same_term`, `near_term` or `near_definition`.
    pub reason: String,
    /// The same term is defined by another study group: one term and one definition should be agreed.
    pub conflict: bool,
}

const MIN_TERM_SCORE: f32 = 0.5;
const MIN_DEFINITION_SCORE: f32 = 0.35;
/// How many similar concepts are shown (and how many each search contributes).
pub const MAX_RESULTS: usize = 10;

/// Dice coefficient of two token sets.
fn dice(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    2.0 * a.intersection(b).count() as f32 / (a.len() + b.len()) as f32
}

/// Ranks `candidates` (found by the caller through search and exact terms)
/// against a proposal's English `terms` and `definition`. `tokens` is the
/// English stemmed analysis the search index uses, so "meters" meets "meter".
pub fn rank(
    tokens: &dyn Fn(&str) -> BTreeSet<String>,
    terms: &[String],
    definition: Option<&str>,
    proposing_sg: &StudyGroupCode,
    candidates: Vec<Concept>,
) -> Vec<Similar> {
    let norm = crate::text::norm_term;
    let wanted_terms: Vec<(String, BTreeSet<String>)> = terms.iter().map(|t| (norm(t), tokens(t))).collect();
    let wanted_def = definition.map(tokens).unwrap_or_default();
    let mut out: BTreeMap<ConceptId, Similar> = BTreeMap::new();
    for concept in candidates {
        let id = concept.id;
        if concept.status == crate::model::ConceptStatus::Withdrawn {
            continue;
        }
        let Some(en) = concept.languages.get(&Lang::En) else { continue };
        let mut best: Option<(f32, &str)> = None;
        let mut consider = |score: f32, reason: &'static str| {
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, reason));
            }
        };
        for t in
            en.content.terms.iter().map(|t| t.text.as_str()).chain(en.content.abbreviations.iter().map(String::as_str))
        {
            for (wn, wt) in &wanted_terms {
                if norm(t) == *wn {
                    consider(1.0, "same_term");
                } else {
                    let s = dice(wt, &tokens(t));
                    if s >= MIN_TERM_SCORE {
                        consider(s * 0.95, "near_term");
                    }
                }
            }
        }
        if let Some(d) = &en.content.definition {
            let s = dice(&wanted_def, &tokens(d));
            if s >= MIN_DEFINITION_SCORE {
                consider(s * 0.9, "near_definition");
            }
        }
        if let Some((score, reason)) = best {
            let conflict = reason == "same_term" && !concept.study_groups.contains(proposing_sg);
            out.insert(
                id,
                Similar {
                    id,
                    term: en.content.preferred_term().map(str::to_string),
                    definition: en.content.definition.clone(),
                    study_groups: concept.study_groups.clone(),
                    status: concept.status.to_string(),
                    score: (score * 1000.0).round() / 1000.0,
                    reason: reason.to_string(),
                    conflict,
                },
            );
        }
    }
    let mut list: Vec<Similar> = out.into_values().collect();
    list.sort_by(|a, b| b.conflict.cmp(&a.conflict).then(b.score.total_cmp(&a.score)).then(a.id.cmp(&b.id)));
    list.truncate(MAX_RESULTS);
    list
}
