//! Segment merging with a ceiling on the merged size.
//!
//! Tantivy reads every byte of the segments it merges through their memory
//! maps, so the resident memory of a merge grows with its input: after a bulk
//! import of a million concepts the default policy's last merges read a few GB
//! at once. Capping what one merge produces bounds that, at the price of a few
//! more segments in a large index (each searched in turn, cheaply).

use tantivy::index::SegmentMeta;
use tantivy::merge_policy::{LogMergePolicy, MergeCandidate, MergePolicy};

/// Most documents (language sections) one merge may produce: ~650 MB of
/// segment input at the ~650 bytes per document of six-language definitions.
pub const MAX_MERGED_DOCS: u64 = 1_000_000;
/// Above this many segments the smallest are merged even when the log policy
/// sees no level full enough: each segment costs every query a term-dictionary
/// walk (fuzzy and prefix most), and a bulk catch-up otherwise leaves ~20.
pub const MAX_SEGMENTS: usize = 10;

#[derive(Debug)]
pub struct CappedMergePolicy {
    inner: LogMergePolicy,
    max_docs: u64,
    max_segments: usize,
}

impl CappedMergePolicy {
    pub fn new(max_docs: u64, max_segments: usize) -> CappedMergePolicy {
        let mut inner = LogMergePolicy::default();
        // A segment over half the ceiling could only merge with smaller ones into a
        // lopsided result; leave it until deletes bring it under.
        inner.set_max_docs_before_merge((max_docs / 2) as usize);
        // Segments of concepts edited again and again fill with deleted documents.
        inner.set_del_docs_ratio_before_merge(0.3);
        CappedMergePolicy { inner, max_docs, max_segments }
    }
}

impl Default for CappedMergePolicy {
    fn default() -> Self {
        CappedMergePolicy::new(MAX_MERGED_DOCS, MAX_SEGMENTS)
    }
}

impl MergePolicy for CappedMergePolicy {
    /// The log policy's candidates, each split into groups of at most `max_docs`
    /// (largest segments first, each into the first group it fits).
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let docs = |id| segments.iter().find(|s| s.id() == id).map_or(0, |s| u64::from(s.num_docs()));
        let mut out = Vec::new();
        for MergeCandidate(mut ids) in self.inner.compute_merge_candidates(segments) {
            ids.sort_by_key(|&id| std::cmp::Reverse(docs(id)));
            let mut groups: Vec<(u64, Vec<_>)> = Vec::new();
            for id in ids {
                let n = docs(id);
                match groups.iter_mut().find(|(total, _)| total + n <= self.max_docs) {
                    Some((total, group)) => {
                        *total += n;
                        group.push(id);
                    }
                    None => groups.push((n, vec![id])),
                }
            }
            out.extend(groups.into_iter().filter(|(_, g)| g.len() > 1).map(|(_, g)| MergeCandidate(g)));
        }
        if out.is_empty() && segments.len() > self.max_segments {
            // The smallest segments, as many as fit under the ceiling together.
            let mut by_size: Vec<&SegmentMeta> = segments.iter().collect();
            by_size.sort_by_key(|s| s.num_docs());
            let mut total = 0;
            let smallest: Vec<_> = by_size
                .into_iter()
                .take_while(|s| {
                    total += u64::from(s.num_docs());
                    total <= self.max_docs
                })
                .map(SegmentMeta::id)
                .collect();
            if smallest.len() > 1 {
                out.push(MergeCandidate(smallest));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{Schema, INDEXED};
    use tantivy::{doc, Index, IndexWriter};

    /// Commits `commits` segments of `docs` documents each under `policy`, waits for
    /// the merges, and returns the sizes of the segments left (checking none was lost).
    fn segments_after(policy: CappedMergePolicy, commits: usize, docs: u64) -> Vec<u32> {
        let mut schema = Schema::builder();
        let f = schema.add_u64_field("n", INDEXED);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(policy));
        let mut n = 0u64;
        for _ in 0..commits {
            for _ in 0..docs {
                writer.add_document(doc!(f => n)).unwrap();
                n += 1;
            }
            writer.commit().unwrap();
        }
        writer.wait_merging_threads().unwrap();
        let sizes: Vec<u32> = index.searchable_segment_metas().unwrap().iter().map(|m| m.num_docs()).collect();
        assert_eq!(sizes.iter().map(|&d| u64::from(d)).sum::<u64>(), n);
        sizes
    }

    /// Real segments from real commits: eight 4,000-document segments would merge
    /// into 32,000 under the log policy alone; with a 25,000 ceiling none grows past it,
    /// while segments still get merged.
    #[test]
    fn merges_stay_under_the_ceiling() {
        let sizes = segments_after(CappedMergePolicy::new(25_000, 100), 40, 4_000);
        assert!(sizes.iter().all(|&d| d <= 25_000), "{sizes:?}");
        assert!(sizes.len() < 40, "segments were merged: {} left", sizes.len());
        assert!(sizes.iter().any(|&d| d > 4_000), "some merge happened");
    }

    /// Six 3,000-document segments: too few for the log policy to merge (it wants
    /// eight of a size), too many for the segment limit of four.
    #[test]
    fn too_many_segments_are_merged_smallest_first() {
        let sizes = segments_after(CappedMergePolicy::new(1_000_000, 4), 6, 3_000);
        assert!(sizes.len() <= 4, "{} segments left", sizes.len());
    }
}
