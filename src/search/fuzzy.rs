//! Typo-tolerant term matching whose first character is taken as typed.
//!
//! tantivy's `FuzzyTermQuery` walks the whole term dictionary with a Levenshtein
//! automaton: with an edit allowed on the first character no branch of the
//! dictionary's trie can be pruned at its root, and at 1M concepts that walk over
//! the definitions' vocabulary was 69 % of a fuzzy query's time (BENCHMARKS.md).
//! Fixing the first character (as Lucene's `prefixLength`, and as typists do:
//! typos fall inside words far more than on their first letter) walks only the
//! branch under it.

use std::sync::OnceLock;

use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder, DFA, SINK_STATE};
use tantivy::query::{AutomatonWeight, EnableScoring, Query, Weight};
use tantivy::schema::Field;
use tantivy_fst::Automaton;

/// Terms of `field` within `distance` edits of `text` (a transposition is one edit) that
/// begin with the same character. Matches score as a constant, like `FuzzyTermQuery`.
#[derive(Clone, Debug)]
pub(super) struct FirstCharFuzzyQuery {
    field: Field,
    text: String,
    distance: u8,
}

impl FirstCharFuzzyQuery {
    /// `distance` is capped at 2, the most a Levenshtein automaton is built for here.
    pub(super) fn new(field: Field, text: &str, distance: u8) -> Self {
        Self { field, text: text.to_string(), distance: distance.min(2) }
    }

    fn automaton(&self) -> FirstCharFixed {
        static BUILDERS: [OnceLock<LevenshteinAutomatonBuilder>; 3] =
            [OnceLock::new(), OnceLock::new(), OnceLock::new()];
        let builder =
            BUILDERS[self.distance as usize].get_or_init(|| LevenshteinAutomatonBuilder::new(self.distance, true));
        let split = self.text.chars().next().map_or(0, char::len_utf8);
        let (head, tail) = self.text.split_at(split);
        FirstCharFixed { head: head.as_bytes().to_vec(), tail: builder.build_dfa(tail) }
    }
}

impl Query for FirstCharFuzzyQuery {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(AutomatonWeight::new(self.field, self.automaton())))
    }
}

/// The bytes of the first character exactly, then the Levenshtein automaton of the rest.
struct FirstCharFixed {
    head: Vec<u8>,
    tail: DFA,
}

#[derive(Clone, Copy)]
enum State {
    /// This many bytes of the first character read.
    Head(usize),
    Tail(u32),
    Dead,
}

impl FirstCharFixed {
    fn after_head(&self, read: usize) -> State {
        if read == self.head.len() {
            State::Tail(self.tail.initial_state())
        } else {
            State::Head(read)
        }
    }
}

impl Automaton for FirstCharFixed {
    type State = State;

    fn start(&self) -> State {
        self.after_head(0)
    }

    fn is_match(&self, state: &State) -> bool {
        matches!(state, State::Tail(s) if matches!(self.tail.distance(*s), Distance::Exact(_)))
    }

    fn can_match(&self, state: &State) -> bool {
        match state {
            State::Head(_) => true,
            State::Tail(s) => *s != SINK_STATE,
            State::Dead => false,
        }
    }

    fn accept(&self, state: &State, byte: u8) -> State {
        match *state {
            State::Head(read) if self.head[read] == byte => self.after_head(read + 1),
            State::Tail(s) => State::Tail(self.tail.transition(s, byte)),
            State::Head(_) | State::Dead => State::Dead,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(query: &str, distance: u8, candidate: &str) -> bool {
        let q = FirstCharFuzzyQuery::new(Field::from_field_id(0), query, distance);
        let a = q.automaton();
        let mut s = a.start();
        for b in candidate.bytes() {
            if !a.can_match(&s) {
                return false;
            }
            s = a.accept(&s, b);
        }
        a.is_match(&s)
    }

    #[test]
    fn edits_after_the_first_character_match() {
        assert!(matches("concentrator", 2, "concentrator"));
        assert!(matches("concnetrator", 1, "concentrator"), "a transposition is one edit");
        assert!(matches("concentrtor", 1, "concentrator"));
        assert!(matches("réseau", 1, "réseaux"));
        assert!(matches("сеть", 1, "сети"));
        assert!(!matches("concentrator", 1, "concentrtr"), "two edits where one is allowed");
    }

    #[test]
    fn the_first_character_is_taken_as_typed() {
        assert!(!matches("xoncentrator", 2, "concentrator"));
        assert!(!matches("éseau", 1, "réseau"), "an inserted first character is an edit on it");
        assert!(matches("é", 0, "é"), "a first character of several bytes is read whole");
        assert!(!matches("é", 1, "è"));
    }
}
