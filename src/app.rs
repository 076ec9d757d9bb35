//! The domain services every front end (HTTP API, web pages, CLI) calls. They
//! know nothing of HTTP; handlers parse input, call one of these, map the result.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::Lang;
use crate::model::{Concept, ConceptId, RecId, Recommendation, StudyGroup};
use crate::search::{SearchIndex, SearchRequest, SearchResponse, Suggestion};
use crate::store::{self, ConceptFilter, ConceptPage, StatsReport, Store, View};

/// Cheap to clone: everything inside is shared.
#[derive(Clone)]
pub struct App {
    pub store: Store,
    search: Option<SearchIndex>,
    data_dir: PathBuf,
}

/// One concept found by `equivalents`: the term that matched and the terms in the target languages.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Equivalent {
    pub id: ConceptId,
    pub matched: String,
    /// Target language → its terms, preferred first, then abbreviations.
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
    /// Opens the data directory (creating and seeding it on first use) and its
    /// search index, which catches up with the database before this returns.
    pub fn open(data_dir: &Path) -> Result<App> {
        let store = Store::open(data_dir)?;
        let search = SearchIndex::open(data_dir, store.clone())?;
        Ok(App { store, search: Some(search), data_dir: data_dir.to_path_buf() })
    }

    /// Opens only the database: for commands that must not take the index
    /// lock while a server runs (stats, backup, import). The server's index
    /// follower picks their changes up.
    pub fn open_store(data_dir: &Path) -> Result<App> {
        let store = Store::open(data_dir)?;
        Ok(App { store, search: None, data_dir: data_dir.to_path_buf() })
    }

    pub fn index(&self) -> Result<&SearchIndex> {
        self.search.as_ref().ok_or_else(|| Error::Internal("the search index is not open in this process".into()))
    }

    /// Makes the index reflect every committed change; called after each write.
    /// The write is already committed to SQLite, the source of truth, so an
    /// index failure (a full disk, say) must not turn it into an error for the
    /// caller: it is logged, and the follower or the next start catches up.
    pub fn sync_index(&self) {
        if let Some(s) = &self.search {
            if let Err(e) = s.catch_up() {
                tracing::error!(error = %e, "search index behind the database; it will catch up");
            }
        }
    }

    pub fn search(&self, req: &SearchRequest) -> Result<SearchResponse> {
        self.index()?.search(req)
    }

    pub fn suggest(&self, q: &str, lang: Option<Lang>, public_only: bool, limit: usize) -> Result<Vec<Suggestion>> {
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
        // The term is text to look up, not a search query: the query syntax's
        // quotation marks, `*` and leading `-` are plain separators here, so
        // `a*b` or `"x` finds what it can instead of being a syntax error.
        let words: String = term
            .chars()
            .map(|c| if matches!(c, '"' | '“' | '”' | '«' | '»' | '「' | '」' | '*') { ' ' } else { c })
            .collect();
        let words: Vec<&str> =
            words.split_whitespace().map(|w| w.trim_start_matches('-')).filter(|w| !w.is_empty()).collect();
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let mut req = SearchRequest::new(words.join(" "));
        req.langs = vec![from];
        req.field = crate::search::SearchField::Term;
        req.limit = limit;
        req.public_only = view == View::Public;
        let hits = self.search(&req)?.hits;
        let typed = crate::store::concepts::norm_term(term);
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
            let exact_term = all_terms.iter().find(|t| crate::store::concepts::norm_term(t) == typed);
            let matched = exact_term.or(all_terms.first()).map(|t| t.to_string()).unwrap_or_default();
            let equivalents = to
                .iter()
                .filter_map(|l| {
                    let s = concept.languages.get(l)?;
                    let terms: Vec<String> = s
                        .content
                        .terms
                        .iter()
                        .map(|t| t.text.clone())
                        .chain(s.content.abbreviations.iter().cloned())
                        .collect();
                    Some((*l, terms))
                })
                .collect();
            out.push(Equivalent { id: concept.id, matched, equivalents, exact: exact_term.is_some() });
        }
        // Exact matches before partial ones; search order within each.
        out.sort_by_key(|e| !e.exact);
        Ok(out)
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
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

    pub fn study_groups(&self, view: View) -> Result<Vec<StudyGroup>> {
        self.store.read(|c| store::recs::list_study_groups(c, view))
    }

    pub fn language_stats(&self) -> Result<StatsReport> {
        self.language_stats_for(&store::stats::Period::default(), false)
    }

    /// Equal-footing figures for a period, optionally per study group.
    pub fn language_stats_for(&self, period: &store::stats::Period, per_sg: bool) -> Result<StatsReport> {
        self.store.read(|c| store::stats::languages(c, period, per_sg))
    }
}

/// Sorts clause numbers numerically: 3.2.10 after 3.2.9.
fn clause_key(c: &Concept) -> Vec<u32> {
    c.source.clause.as_deref().unwrap_or("").split('.').map(|p| p.parse().unwrap_or(u32::MAX)).collect()
}

impl App {
    /// The active user holding `token`.
    pub fn authenticate(&self, token: &str) -> Result<crate::workflow::roles::User> {
        let now = crate::model::now();
        self.store.read(|c| store::users::authenticate(c, token, &now))
    }
}
