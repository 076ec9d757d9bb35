//! Reads: concepts, Recommendations, study groups, statistics, search,
//! suggestions and the translator's equivalents.

use super::annotate::usable_texts;
use super::App;
use crate::error::{Error, Result};
use crate::model::{Concept, ConceptId, Lang, RecId, Recommendation, StudyGroup, View};
use crate::recognize::{section_entries, Visibility};
use crate::search::{SearchRequest, SearchResponse, Suggestion};
use crate::store;
/// What the catalog's listings and figures take and give.
pub use crate::store::stats::{LanguageStats, Period, StatsReport, StudyGroupStats};
pub use crate::store::{ConceptFilter, ConceptPage};

/// The answer of `/api/v1/equivalents` and of the MCP tool `get_equivalents`.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct EquivalentsResponse {
    pub matches: Vec<Equivalent>,
}

/// One concept found by `equivalents`: the term that matched and the terms in the target languages.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Equivalent {
    pub id: ConceptId,
    pub matched: String,
    /// Target language → its adopted terms: preferred first, then admitted ones, then
    /// abbreviations (deprecated terms are not equivalents). Languages without any are left out.
    pub equivalents: std::collections::BTreeMap<Lang, Vec<String>>,
    /// True when the whole term equals the query (normalized).
    pub exact: bool,
}

/// A Recommendation with the concepts it is the source of.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct RecommendationDetail {
    #[serde(flatten)]
    pub recommendation: Recommendation,
    pub concept_list: Vec<Concept>,
}

impl App {
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResponse> {
        let started = std::time::Instant::now();
        let response = match self.exact_from_dictionary(req)? {
            Some(found) => Ok(found),
            None => self.index()?.search(req),
        };
        self.metrics().observe_search(started.elapsed());
        response
    }

    /// Lowers the number of concepts a search counts exactly (see `SearchIndex::set_exact_total_for_tests`).
    #[doc(hidden)]
    pub fn set_exact_total_for_tests(&self, n: u64) -> Result<()> {
        self.index()?.set_exact_total_for_tests(n);
        Ok(())
    }

    /// Terms completing `q` (autocomplete), one per (text, language), at most `limit`: from
    /// the term dictionary (terms beginning with `q`, then terms with a word beginning with
    /// it); from the search index when the dictionary is not built yet or
    /// completes nothing (a typo: the index's fuzzy query still finds `smart meter` for
    /// `smrat meter`).
    pub fn suggest(&self, q: &str, lang: Option<Lang>, public_only: bool, limit: usize) -> Result<Vec<Suggestion>> {
        if let Some(found) = self.suggest_in_memory(q, lang, public_only, limit) {
            return Ok(found);
        }
        self.index()?.suggest(q, lang, public_only, limit)
    }

    /// The translator's lookup: concepts whose `from` term matches `term`,
    /// exact matches first, with their terms in the `to` languages.
    pub fn equivalents(
        &self,
        term: &str,
        from: Lang,
        to: &[Lang],
        view: View,
        limit: usize,
    ) -> Result<Vec<Equivalent>> {
        let Some(text) = super::lookup::lookup_text(term) else { return Ok(Vec::new()) };
        if view == View::Public {
            if let Some(found) = self.equivalents_in_memory(&text, from, to, limit) {
                return Ok(found);
            }
        }
        let mut req = SearchRequest::new(text);
        req.langs = vec![from];
        req.field = crate::search::SearchField::Term;
        req.limit = limit;
        req.public_only = view == View::Public;
        let hits = self.search(&req)?.hits;
        let typed = crate::text::norm_term(term);
        let mut out = Vec::with_capacity(hits.len());
        for hit in hits {
            let concept = match self.concept(hit.id, view) {
                Ok(c) => c,
                Err(Error::NotFound { .. }) => continue,
                Err(e) => return Err(e),
            };
            let Some(source) = concept.languages.get(&from) else { continue };
            let all_terms: Vec<&str> = source
                .content
                .terms
                .iter()
                .map(|t| t.text.as_str())
                .chain(source.content.abbreviations.iter().map(String::as_str))
                .collect();
            let exact_term = all_terms.iter().find(|t| crate::text::norm_term(t) == typed);
            let matched = exact_term.or(all_terms.first()).map(|t| t.to_string()).unwrap_or_default();
            let equivalents = to
                .iter()
                .filter_map(|&l| {
                    let s = concept.languages.get(&l)?;
                    let entries = section_entries(l, &s.content, Visibility::Public);
                    let terms = usable_texts(entries.into_iter().map(|e| (e.kind, e.status, e.text)));
                    (!terms.is_empty()).then_some((l, terms))
                })
                .collect();
            out.push(Equivalent { id: concept.id, matched, equivalents, exact: exact_term.is_some() });
        }
        // Exact matches before partial ones; search order within each.
        out.sort_by_key(|e| !e.exact);
        Ok(out)
    }

    pub fn concept(&self, id: ConceptId, view: View) -> Result<Concept> {
        self.store
            .read(|c| store::concepts::load_concept(c, id, view))?
            .ok_or_else(|| Error::not_found(format!("concept {id}")))
    }

    pub fn concepts(&self, filter: &ConceptFilter, view: View) -> Result<ConceptPage> {
        self.store.read(|c| store::concepts::list(c, filter, view))
    }

    pub fn recommendations(&self, view: View) -> Result<Vec<Recommendation>> {
        self.store.read(|c| store::recs::list_recommendations(c, view))
    }

    pub fn recommendation(&self, id: &RecId, view: View) -> Result<RecommendationDetail> {
        self.store.read(|c| {
            let recommendation = store::recs::get_recommendation(c, id, view)?
                .ok_or_else(|| Error::not_found(format!("Recommendation {id}")))?;
            let filter = ConceptFilter { rec: Some(id.clone()), limit: u32::MAX >> 1, ..Default::default() };
            let mut concept_list = store::concepts::list(c, &filter, view)?.items;
            concept_list.sort_by_key(clause_key);
            Ok(RecommendationDetail { recommendation, concept_list })
        })
    }

    /// How many concepts the database holds, of any status.
    pub fn concept_count(&self) -> Result<u64> {
        Ok(self.store.read(store::concepts::count)?.max(0) as u64)
    }

    pub fn study_groups(&self, view: View) -> Result<Vec<StudyGroup>> {
        self.store.read(|c| store::recs::list_study_groups(c, view))
    }

    pub fn language_stats(&self) -> Result<StatsReport> {
        self.language_stats_for(&Period::default(), false)
    }

    /// Equal-footing figures for a period, optionally per study group.
    pub fn language_stats_for(&self, period: &Period, per_sg: bool) -> Result<StatsReport> {
        self.store.read(|c| store::stats::languages(c, period, per_sg))
    }
}

/// Sorts clause numbers numerically: 3.2.10 after 3.2.9.
fn clause_key(c: &Concept) -> Vec<u32> {
    c.source.clause.as_deref().unwrap_or("").split('.').map(|p| p.parse().unwrap_or(u32::MAX)).collect()
}
