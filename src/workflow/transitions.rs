//! Which step of the SCV flow may happen in which state. Pure: a step in
//! `app::workflow` reads the states inside its write transaction, asks here,
//! and only then changes anything. A refusal is a 409 naming the current state.

use super::rules::illegal;
use crate::error::Result;
use crate::model::{ConceptStatus, Lang, SectionStatus};

/// TSB accepts a proposal whose English text is submitted.
pub fn accept(concept: ConceptStatus, english: SectionStatus) -> Result<()> {
    if concept != ConceptStatus::Proposed {
        return Err(illegal("accept", concept));
    }
    if english != SectionStatus::Submitted {
        return Err(illegal("accept a proposal whose English text is not submitted", english));
    }
    Ok(())
}

/// TSB returns a proposal whose English text is submitted.
pub fn return_proposal(concept: ConceptStatus, english: SectionStatus) -> Result<()> {
    if concept != ConceptStatus::Proposed {
        return Err(illegal("return", concept));
    }
    if english != SectionStatus::Submitted {
        return Err(illegal("return a proposal that is not submitted", english));
    }
    Ok(())
}

/// Only a proposal can be merged into another concept.
pub fn merge(proposal: ConceptStatus) -> Result<()> {
    if proposal != ConceptStatus::Proposed {
        return Err(illegal("merge", proposal));
    }
    Ok(())
}

/// A withdrawn concept takes no merged proposals.
pub fn merge_into(target: ConceptStatus) -> Result<()> {
    if target == ConceptStatus::Withdrawn {
        return Err(illegal("merge into a withdrawn concept", target));
    }
    Ok(())
}

/// English is drafted while proposed or accepted; translations only once the
/// concept is accepted; a text under review stays as submitted.
pub fn edit(concept: ConceptStatus, lang: Lang, section: SectionStatus) -> Result<()> {
    match (concept, lang) {
        (ConceptStatus::Accepted, _) | (ConceptStatus::Proposed, Lang::En) => {}
        (status, Lang::En) => return Err(illegal("edit the English text", status)),
        (status, _) => return Err(illegal("translate a concept that is not accepted", status)),
    }
    if section == SectionStatus::Submitted {
        return Err(illegal("edit a text under review (ask the reviewer to return it)", section));
    }
    Ok(())
}

/// A draft or a returned text goes to review; a translation only of an accepted concept.
pub fn submit(concept: ConceptStatus, lang: Lang, section: SectionStatus) -> Result<()> {
    if !matches!(section, SectionStatus::Draft | SectionStatus::Returned) {
        return Err(illegal("submit", section));
    }
    if lang != Lang::En && concept != ConceptStatus::Accepted {
        return Err(illegal("submit a translation of a concept that is not accepted", concept));
    }
    Ok(())
}

/// A reviewer adopts a submitted text of an accepted concept.
pub fn adopt(concept: ConceptStatus, section: SectionStatus) -> Result<()> {
    if concept != ConceptStatus::Accepted {
        return Err(illegal("adopt a text of a concept that is not accepted", concept));
    }
    if section != SectionStatus::Submitted {
        return Err(illegal("adopt a text that was not submitted", section));
    }
    Ok(())
}

/// A reviewer returns a submitted text.
pub fn return_section(section: SectionStatus) -> Result<()> {
    if section != SectionStatus::Submitted {
        return Err(illegal("return a text that was not submitted", section));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use ConceptStatus::{Accepted, Historical, Proposed, Withdrawn};
    use SectionStatus::{Absent, Adopted, Draft, Returned, Submitted};

    const CONCEPTS: [ConceptStatus; 4] = [Proposed, Accepted, Historical, Withdrawn];
    const SECTIONS: [SectionStatus; 5] = [Absent, Draft, Submitted, Adopted, Returned];

    /// The states in which `rule` allows the step, over every pair of states.
    fn allowed(rule: impl Fn(ConceptStatus, SectionStatus) -> Result<()>) -> Vec<(ConceptStatus, SectionStatus)> {
        let mut out = Vec::new();
        for c in CONCEPTS {
            for s in SECTIONS {
                match rule(c, s) {
                    Ok(()) => out.push((c, s)),
                    Err(Error::Conflict { current, .. }) => {
                        let current = current.expect("a refusal names the current state");
                        assert!(current == c.to_string() || current == s.to_string(), "{current} for ({c}, {s})");
                    }
                    Err(e) => panic!("not a conflict: {e}"),
                }
            }
        }
        out
    }

    #[test]
    fn proposals_are_accepted_or_returned_only_while_their_english_is_submitted() {
        assert_eq!(allowed(accept), [(Proposed, Submitted)]);
        assert_eq!(allowed(return_proposal), [(Proposed, Submitted)]);
    }

    #[test]
    fn only_proposals_merge_and_never_into_a_withdrawn_concept() {
        let from: Vec<_> = CONCEPTS.into_iter().filter(|c| merge(*c).is_ok()).collect();
        assert_eq!(from, [Proposed]);
        let into: Vec<_> = CONCEPTS.into_iter().filter(|c| merge_into(*c).is_ok()).collect();
        assert_eq!(into, [Proposed, Accepted, Historical]);
    }

    #[test]
    fn english_is_drafted_from_the_proposal_on_translations_once_accepted() {
        let not_under_review = [Absent, Draft, Adopted, Returned];
        let en = allowed(|c, s| edit(c, Lang::En, s));
        let fr = allowed(|c, s| edit(c, Lang::Fr, s));
        let expect = |concepts: &[ConceptStatus]| -> Vec<_> {
            concepts.iter().flat_map(|c| not_under_review.iter().map(move |s| (*c, *s))).collect()
        };
        assert_eq!(en, expect(&[Proposed, Accepted]));
        assert_eq!(fr, expect(&[Accepted]));
    }

    #[test]
    fn drafts_and_returned_texts_are_submitted_translations_only_when_accepted() {
        let en = allowed(|c, s| submit(c, Lang::En, s));
        let ar = allowed(|c, s| submit(c, Lang::Ar, s));
        let drafts = |concepts: &[ConceptStatus]| -> Vec<_> {
            concepts.iter().flat_map(|c| [Draft, Returned].into_iter().map(move |s| (*c, s))).collect()
        };
        assert_eq!(en, drafts(&CONCEPTS));
        assert_eq!(ar, drafts(&[Accepted]));
    }

    #[test]
    fn reviewers_adopt_submitted_texts_of_accepted_concepts_and_return_any_submitted_text() {
        assert_eq!(allowed(adopt), [(Accepted, Submitted)]);
        let returned = allowed(|_, s| return_section(s));
        assert_eq!(returned, CONCEPTS.iter().map(|c| (*c, Submitted)).collect::<Vec<_>>());
    }
}
