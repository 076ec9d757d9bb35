//! The equal-footing figures Resolution 67 asks TSAG to review every year:
//! per language, what exists, what was adopted in a period, the backlog, and
//! how long adoption takes after a concept is accepted.

use rusqlite::{params, Connection};
use serde::Serialize;

use super::sections::PENDING;
use crate::error::Result;
use crate::model::{Lang, StudyGroupCode};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LanguageStats {
    pub lang: Lang,
    /// Accepted concepts with at least one term in this language.
    pub with_term: u64,
    /// Accepted concepts with a definition in this language.
    pub with_definition: u64,
    /// Sections adopted by the SCV (visible to the public).
    pub adopted: u64,
    /// Sections drafted, submitted or returned, not yet adopted.
    pub pending: u64,
    /// Adopted sections whose text an AI assistant wrote (through MCP, or the API's `"assisted": true`)
    /// and no person edited before adoption.
    pub assisted_adopted: u64,
    /// Accepted concepts with no adopted text in this language.
    pub missing: u64,
    /// adopted / concepts, in percent (one decimal).
    pub coverage_percent: f64,
    /// Sections adopted within the period.
    pub adopted_in_period: u64,
    /// Backlog: pending plus missing.
    pub backlog: u64,
    /// Median days from a concept's acceptance to this language's adoption, over adoptions in the period.
    pub median_days_to_adoption: Option<f64>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StudyGroupStats {
    pub sg: StudyGroupCode,
    pub concepts: u64,
    pub languages: Vec<LanguageStats>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StatsReport {
    /// Accepted (public) concepts.
    pub concepts: u64,
    /// The period `adopted_in_period` and the median refer to (RFC 3339 bounds; absent = unbounded).
    pub from: Option<String>,
    pub to: Option<String>,
    pub languages: Vec<LanguageStats>,
    /// The same figures per study group (only when asked for).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub by_study_group: Vec<StudyGroupStats>,
}

/// A time range; `None` bounds are open.
#[derive(Debug, Clone, Default)]
pub struct Period {
    pub from: Option<String>,
    pub to: Option<String>,
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    let x = if v.len().is_multiple_of(2) { (v[m - 1] + v[m]) / 2.0 } else { v[m] };
    Some((x * 10.0).round() / 10.0)
}

/// Figures over accepted concepts, optionally only those used by `sg`.
fn figures(c: &Connection, period: &Period, sg: Option<&str>) -> Result<(u64, Vec<LanguageStats>)> {
    // ?1 = study group or NULL for all.
    const IN_SCOPE: &str = "c.status IN ('accepted','historical')
        AND (?1 IS NULL OR EXISTS (SELECT 1 FROM concept_sg s WHERE s.concept_id = c.id AND s.sg = ?1))";
    let concepts: i64 = c.query_row(&format!("SELECT COUNT(*) FROM concept c WHERE {IN_SCOPE}"), [sg], |r| r.get(0))?;
    let mut counts = c.prepare_cached(&format!(
        "SELECT
           (SELECT COUNT(DISTINCT t.concept_id) FROM term t JOIN concept c ON c.id = t.concept_id
             WHERE t.lang = ?2 AND t.kind <> 'abbreviation' AND {IN_SCOPE}),
           (SELECT COUNT(*) FROM lang_section l JOIN concept c ON c.id = l.concept_id
             WHERE l.lang = ?2 AND l.definition IS NOT NULL AND l.definition <> '' AND {IN_SCOPE}),
           (SELECT COUNT(*) FROM lang_section l JOIN concept c ON c.id = l.concept_id
             WHERE l.lang = ?2 AND l.published IS NOT NULL AND {IN_SCOPE}),
           (SELECT COUNT(*) FROM lang_section l JOIN concept c ON c.id = l.concept_id
             WHERE l.lang = ?2 AND {PENDING} AND {IN_SCOPE}),
           (SELECT COUNT(*) FROM lang_section l JOIN concept c ON c.id = l.concept_id
             WHERE l.lang = ?2 AND l.status = 'adopted' AND l.assisted = 1 AND {IN_SCOPE})"
    ))?;
    let mut adoptions = c.prepare_cached(&format!(
        "SELECT (julianday(l.adopted_at) - julianday(c.accepted_at))
         FROM lang_section l JOIN concept c ON c.id = l.concept_id
         WHERE l.lang = ?2 AND l.published IS NOT NULL AND l.adopted_at IS NOT NULL AND {IN_SCOPE}
           AND (?3 IS NULL OR l.adopted_at >= ?3) AND (?4 IS NULL OR l.adopted_at <= ?4)"
    ))?;
    let mut out = Vec::new();
    for lang in Lang::ALL {
        let (with_term, with_definition, adopted, pending, assisted_adopted): (i64, i64, i64, i64, i64) = counts
            .query_row(params![sg, lang.code()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
        let days: Vec<Option<f64>> = adoptions
            .query_map(params![sg, lang.code(), period.from, period.to], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let adopted_in_period = days.len() as u64;
        let coverage = if concepts == 0 { 0.0 } else { (adopted as f64 * 1000.0 / concepts as f64).round() / 10.0 };
        let missing = (concepts - adopted).max(0) as u64;
        out.push(LanguageStats {
            lang,
            with_term: with_term as u64,
            with_definition: with_definition as u64,
            adopted: adopted as u64,
            pending: pending as u64,
            assisted_adopted: assisted_adopted as u64,
            missing,
            coverage_percent: coverage,
            adopted_in_period,
            backlog: pending as u64 + missing,
            median_days_to_adoption: median(days.into_iter().flatten().map(|d| d.max(0.0)).collect()),
        });
    }
    Ok((concepts as u64, out))
}

pub fn languages(c: &Connection, period: &Period, per_sg: bool) -> Result<StatsReport> {
    let (concepts, languages) = figures(c, period, None)?;
    let mut by_study_group = Vec::new();
    if per_sg {
        for g in super::recs::list_study_groups(c, crate::model::View::Public)? {
            let (n, langs) = figures(c, period, Some(g.code.as_str()))?;
            by_study_group.push(StudyGroupStats { sg: g.code, concepts: n, languages: langs });
        }
    }
    Ok(StatsReport { concepts, from: period.from.clone(), to: period.to.clone(), languages, by_study_group })
}
