//! The paragraphs of a text and which paragraph of a translation renders which of its
//! source, for checking a translation paragraph by paragraph.
//!
//! Two language versions with as many paragraphs are not always in step: a Word file's
//! table of contents may have a "Page" heading in one version only, a figure caption may
//! sit before its figure in one and after it in the other. Compared strictly by number,
//! every paragraph after such a shift would be checked against the wrong one. So the
//! paragraphs are aligned, in order (never crossing), by what both versions share: the
//! concepts found in them, their numbers (clause numbers, years, figures) and their
//! lengths; a skipped paragraph costs enough that texts in step stay aligned one to one.

use std::collections::HashSet;

use crate::model::ConceptId;

/// The paragraphs of a text (runs of lines between blank lines) as code-point ranges.
pub(super) fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0; // code point where the current line starts
    let mut open: Option<(usize, usize)> = None;
    for line in text.split_inclusive('\n') {
        let len = line.chars().count();
        if line.trim().is_empty() {
            out.extend(open.take());
        } else {
            let end = at + line.trim_end().chars().count();
            open = Some((open.map_or(at, |(s, _)| s), end));
        }
        at += len;
    }
    out.extend(open);
    out
}

/// Which paragraph (from 0) holds code point `at`; the last one before it when between two.
pub(super) fn paragraph_of(paragraphs: &[(usize, usize)], at: usize) -> usize {
    paragraphs.partition_point(|&(start, _)| start <= at).saturating_sub(1)
}

/// What a paragraph shares with its translation.
#[derive(Debug, Default, Clone)]
pub(super) struct Anchors {
    concepts: HashSet<ConceptId>,
    numbers: HashSet<String>,
    /// Code points.
    len: usize,
}

/// The anchors of each paragraph of `text`: its numbers, length, and the concepts of the
/// terms found at `found` (code point, concepts).
pub(super) fn anchors<'a>(
    text: &str,
    paragraphs: &[(usize, usize)],
    found: impl Iterator<Item = (usize, &'a [ConceptId])>,
) -> Vec<Anchors> {
    let mut out: Vec<Anchors> = paragraphs.iter().map(|&(s, e)| Anchors { len: e - s, ..Anchors::default() }).collect();
    if out.is_empty() {
        return out;
    }
    for (at, concepts) in found {
        out[paragraph_of(paragraphs, at)].concepts.extend(concepts.iter().copied());
    }
    let mut number = String::new();
    let mut start = 0;
    for (i, c) in text.chars().chain(std::iter::once(' ')).enumerate() {
        if c.is_ascii_digit() {
            if number.is_empty() {
                start = i;
            }
            number.push(c);
        } else if !number.is_empty() {
            out[paragraph_of(paragraphs, start)].numbers.insert(std::mem::take(&mut number));
        }
    }
    out
}

/// What a paragraph left out of the alignment costs: two of them outweigh one pair of
/// paragraphs that share nothing but their length.
const SKIP: f64 = 1.0;
/// Paragraphs are aligned at most this far from their own number.
const BAND: usize = 64;

/// How alike a paragraph and a candidate translation are: the share of their concepts and
/// numbers in common, and how close the target's length is to the source's scaled by
/// `ratio` (the texts' length ratio), worth half as much.
fn similarity(a: &Anchors, b: &Anchors, ratio: f64) -> f64 {
    let shared = a.concepts.intersection(&b.concepts).count() + a.numbers.intersection(&b.numbers).count();
    let all = a.concepts.len() + a.numbers.len() + b.concepts.len() + b.numbers.len() - shared;
    let anchors = if all == 0 { 0.0 } else { shared as f64 / all as f64 };
    let (x, y) = (a.len as f64 * ratio, b.len as f64);
    let length = if x.max(y) == 0.0 { 1.0 } else { x.min(y) / x.max(y) };
    anchors + 0.5 * length
}

/// More paragraphs than this and they are taken one to one, by number (the alignment's
/// table grows with the paragraphs times the band).
const MAX_ALIGNED: usize = 20_000;

/// For each source paragraph, the target paragraph that renders it (`None`: none does),
/// in order: the best-scoring alignment that never crosses (Needleman–Wunsch within a band).
pub(super) fn align(source: &[Anchors], target: &[Anchors]) -> Vec<Option<usize>> {
    let (n, m) = (source.len(), target.len());
    if n.max(m) > MAX_ALIGNED {
        return (0..n).map(|i| (i < m).then_some(i)).collect();
    }
    let total = |a: &[Anchors]| a.iter().map(|p| p.len).sum::<usize>().max(1) as f64;
    let ratio = total(target) / total(source);
    let band = BAND + n.abs_diff(m);
    // Cell (i, j), the best alignment of the first i source and j target paragraphs, is
    // kept only within the band: row i holds j from i - band to i + band.
    let width = 2 * band + 1;
    let cell = |i: usize, j: usize| (j + band >= i && j <= i + band).then(|| i * width + j + band - i);
    let mut score = vec![f64::NEG_INFINITY; (n + 1) * width];
    // 0: pair, 1: source paragraph skipped, 2: target paragraph skipped.
    let mut step = vec![0u8; (n + 1) * width];
    let at = |score: &[f64], i: usize, j: usize| cell(i, j).map_or(f64::NEG_INFINITY, |c| score[c]);
    score[cell(0, 0).unwrap_or(0)] = 0.0;
    for i in 0..=n {
        for j in i.saturating_sub(band)..=(i + band).min(m) {
            let Some(here) = cell(i, j) else { continue };
            if i == 0 && j == 0 {
                continue;
            }
            let mut best = (f64::NEG_INFINITY, 0u8);
            if i > 0 && j > 0 {
                best = (at(&score, i - 1, j - 1) + similarity(&source[i - 1], &target[j - 1], ratio), 0);
            }
            if i > 0 && at(&score, i - 1, j) - SKIP > best.0 {
                best = (at(&score, i - 1, j) - SKIP, 1);
            }
            if j > 0 && at(&score, i, j - 1) - SKIP > best.0 {
                best = (at(&score, i, j - 1) - SKIP, 2);
            }
            score[here] = best.0;
            step[here] = best.1;
        }
    }
    let mut out = vec![None; n];
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        match cell(i, j).map(|c| step[c]) {
            Some(0) if i > 0 && j > 0 => {
                out[i - 1] = Some(j - 1);
                i -= 1;
                j -= 1;
            }
            Some(2) if j > 0 => j -= 1,
            _ if i > 0 => i -= 1,
            _ => j -= 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_blank_line_separated_in_code_points() {
        let text = "é one\nline two\n\n  \nthird é\n\n\nfourth";
        let paras = paragraphs(text);
        assert_eq!(paras.len(), 3, "{paras:?}");
        let chars: Vec<char> = text.chars().collect();
        let show = |(s, e): (usize, usize)| chars[s..e].iter().collect::<String>();
        assert_eq!(show(paras[0]), "é one\nline two");
        assert_eq!(show(paras[1]), "third é");
        assert_eq!(show(paras[2]), "fourth");
        assert_eq!(paragraph_of(&paras, 0), 0);
        assert_eq!(paragraph_of(&paras, paras[2].0 + 1), 2);
    }

    fn para(len: usize, concepts: &[i64], numbers: &[&str]) -> Anchors {
        Anchors {
            concepts: concepts.iter().map(|&c| ConceptId(c)).collect(),
            numbers: numbers.iter().map(|n| n.to_string()).collect(),
            len,
        }
    }

    #[test]
    fn texts_in_step_align_one_to_one() {
        let source = [para(40, &[1], &[]), para(80, &[2], &["7"]), para(20, &[], &[])];
        let target = [para(50, &[], &[]), para(90, &[3], &[]), para(25, &[1], &[])];
        // Nothing in common where expected, but no shift is worth two skipped paragraphs.
        assert_eq!(align(&source, &target), [Some(0), Some(1), Some(2)]);
    }

    #[test]
    fn a_paragraph_of_one_version_only_shifts_the_rest_into_step() {
        // The source has an extra paragraph ("Page") at 1; the target one at the end.
        let mut source = vec![para(30, &[9], &["1"]), para(4, &[], &[])];
        let mut target = vec![para(33, &[9], &["1"])];
        for k in 0..12i64 {
            source.push(para(60 + 10 * k as usize, &[k + 20], &[]));
            target.push(para(66 + 11 * k as usize, &[k + 20], &[]));
        }
        target.push(para(10, &[], &[]));
        let aligned = align(&source, &target);
        assert_eq!(aligned[0], Some(0));
        assert_eq!(aligned[1], None, "the extra paragraph renders nothing");
        for k in 2..14 {
            assert_eq!(aligned[k], Some(k - 1), "paragraph {k}: {aligned:?}");
        }
    }

    #[test]
    fn anchors_are_numbers_concepts_and_length() {
        let text = "Clause 7.2 of 2017\n\nno numbers";
        let paras = paragraphs(text);
        let a = anchors(text, &paras, [(0usize, &[ConceptId(4)][..])].into_iter());
        assert_eq!(a[0].numbers, ["7", "2", "2017"].iter().map(|s| s.to_string()).collect());
        assert_eq!(a[0].concepts, [ConceptId(4)].into_iter().collect());
        assert_eq!((a[0].len, a[1].len), (18, 10));
        assert!(a[1].numbers.is_empty() && a[1].concepts.is_empty());
    }
}
