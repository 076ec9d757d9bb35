//! Excluded words (`-word`, `-"a phrase"`) that never seek backwards.
//!
//! tantivy checks an exclusion with `seek_danger(doc)` for each candidate in
//! turn. A phrase scorer that the previous check left ahead of the next candidate
//! (its first word's postings already past it) is then asked to seek backwards,
//! which its debug assertions reject with a panic (tantivy issue #2811; Chinese
//! `电表 -"智能电表"` did it). Wrapping each excluded query answers such a check
//! from where the scorer stands: nothing before it can match.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader};

/// `inner`, for a `MustNot` clause.
#[derive(Debug)]
pub(super) struct ExcludedQuery(pub Box<dyn Query>);

impl Clone for ExcludedQuery {
    fn clone(&self) -> Self {
        ExcludedQuery(self.0.box_clone())
    }
}

impl Query for ExcludedQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(ExcludedWeight(self.0.weight(enable_scoring)?)))
    }
}

struct ExcludedWeight(Box<dyn Weight>);

impl Weight for ExcludedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(ForwardOnly(self.0.scorer(reader, boost)?)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }
}

struct ForwardOnly(Box<dyn Scorer>);

impl DocSet for ForwardOnly {
    fn advance(&mut self) -> DocId {
        self.0.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        let doc = self.0.doc();
        if target <= doc {
            return doc;
        }
        self.0.seek(target)
    }

    fn seek_danger(&mut self, target: DocId) -> SeekDangerResult {
        let doc = self.0.doc();
        if target < doc {
            // No document between the target and where the scorer stands matches.
            return SeekDangerResult::SeekLowerBound(doc);
        }
        self.0.seek_danger(target)
    }

    fn doc(&self) -> DocId {
        self.0.doc()
    }

    fn size_hint(&self) -> u32 {
        self.0.size_hint()
    }
}

impl Scorer for ForwardOnly {
    fn score(&mut self) -> Score {
        self.0.score()
    }
}
