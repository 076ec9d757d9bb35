//! The equal-footing figures Resolution 67 asks TSAG to review every year.

use rusqlite::Connection;
use serde::Serialize;

use crate::error::Result;
use crate::model::Lang;

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
    /// Accepted concepts with no adopted text in this language.
    pub missing: u64,
    /// adopted / concepts, in percent (one decimal).
    pub coverage_percent: f64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StatsReport {
    /// Accepted (public) concepts.
    pub concepts: u64,
    pub languages: Vec<LanguageStats>,
}

pub fn languages(c: &Connection) -> Result<StatsReport> {
    let concepts: i64 =
        c.query_row("SELECT COUNT(*) FROM concept WHERE status IN ('accepted','historical')", [], |r| r.get(0))?;
    let mut stmt = c.prepare(
        "SELECT
           (SELECT COUNT(DISTINCT t.concept_id) FROM term t JOIN concept c ON c.id = t.concept_id
             WHERE t.lang = ?1 AND t.kind <> 'abbreviation' AND c.status IN ('accepted','historical')),
           (SELECT COUNT(*) FROM lang_section l JOIN concept c ON c.id = l.concept_id
             WHERE l.lang = ?1 AND l.definition IS NOT NULL AND l.definition <> '' AND c.status IN ('accepted','historical')),
           (SELECT COUNT(*) FROM lang_section l JOIN concept c ON c.id = l.concept_id
             WHERE l.lang = ?1 AND l.published IS NOT NULL AND c.status IN ('accepted','historical')),
           (SELECT COUNT(*) FROM lang_section l
             WHERE l.lang = ?1 AND l.status IN ('draft','submitted','returned'))",
    )?;
    let mut languages = Vec::new();
    for lang in Lang::ALL {
        let (with_term, with_definition, adopted, pending): (i64, i64, i64, i64) =
            stmt.query_row([lang.code()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        let coverage = if concepts == 0 { 0.0 } else { (adopted as f64 * 1000.0 / concepts as f64).round() / 10.0 };
        languages.push(LanguageStats {
            lang,
            with_term: with_term as u64,
            with_definition: with_definition as u64,
            adopted: adopted as u64,
            pending: pending as u64,
            missing: (concepts - adopted).max(0) as u64,
            coverage_percent: coverage,
        });
    }
    Ok(StatsReport { concepts: concepts as u64, languages })
}
