//! The index schema. One document per language section of a concept (and a
//! second one for a section's unpublished working copy): every text field then
//! has exactly one language, a hit can say which language matched, and the
//! language filter and facet are plain term lookups. Hits are collapsed to one
//! per concept at query time (`collect.rs`).

use tantivy::schema::{Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST, STORED};

use super::analyzers;
use crate::model::Lang;

/// Per-language text fields.
#[derive(Clone, Copy)]
pub struct LangFields {
    /// Terms (preferred, admitted, deprecated), stemmed; stored for snippets.
    /// Positions only in Chinese, whose words are matched as a phrase of bigrams
    /// (see [`stemmed_needs_positions`]).
    pub term: Field,
    /// Terms, normalized but not stemmed, with positions: phrases, prefixes, fuzzy; and
    /// each term's first and last words marked, for whole terms and starts-with
    /// ([`analyzers::bounds`]).
    pub term_exact: Field,
    pub definition: Field,
    pub definition_exact: Field,
}

#[derive(Clone)]
pub struct Fields {
    pub schema: Schema,
    /// Concept id number (u64), for deletes and collapsing.
    pub cid: Field,
    /// Language index 0..6 in `Lang::ALL` order (fast) and code (indexed).
    pub lang_ord: Field,
    pub lang: Field,
    /// 1 for the published (adopted) text, 0 for a staff-only working copy.
    pub public: Field,
    pub status: Field,
    pub status_ord: Field,
    pub sg: Field,
    /// Bit n set for SGn, bit 0 for TSAG: a fast facet over study groups.
    pub sg_mask: Field,
    pub rec: Field,
    pub abbreviation: Field,
    /// Unix seconds; 0 when unset.
    pub proposed_at: Field,
    pub accepted_at: Field,
    pub adopted_at: Field,
    pub updated_at: Field,
    /// JSON card shown with a hit: preferred terms in every language and the source.
    pub card: Field,
    pub langs: [LangFields; 6],
}

impl Fields {
    pub fn build() -> Fields {
        let mut b = Schema::builder();
        let num = NumericOptions::default().set_indexed().set_fast();
        let cid = b.add_u64_field("cid", num.clone().set_stored());
        let lang_ord = b.add_u64_field("lang_ord", FAST);
        let lang = b.add_text_field("lang", keyword().set_stored());
        let public = b.add_u64_field("public", num.clone());
        let status = b.add_text_field("status", keyword());
        let status_ord = b.add_u64_field("status_ord", FAST);
        let sg = b.add_text_field("sg", keyword());
        let sg_mask = b.add_u64_field("sg_mask", FAST);
        let rec = b.add_text_field("rec", keyword());
        let abbreviation = b.add_text_field("abbreviation", text(analyzers::ABBREV, true, true));
        let date = NumericOptions::default().set_indexed().set_fast();
        let proposed_at = b.add_i64_field("proposed_at", date.clone());
        let accepted_at = b.add_i64_field("accepted_at", date.clone());
        let adopted_at = b.add_i64_field("adopted_at", date.clone());
        let updated_at = b.add_i64_field("updated_at", date);
        let card = b.add_text_field("card", STORED);
        let langs = Lang::ALL.map(|l| {
            let c = l.code();
            LangFields {
                term: b.add_text_field(
                    &format!("term_{c}"),
                    text(analyzers::stemmed(l), true, stemmed_needs_positions(l)),
                ),
                term_exact: b.add_text_field(&format!("term_exact_{c}"), text(analyzers::exact_term(l), false, true)),
                definition: b.add_text_field(
                    &format!("definition_{c}"),
                    text(analyzers::stemmed(l), true, stemmed_needs_positions(l)),
                ),
                definition_exact: b
                    .add_text_field(&format!("definition_exact_{c}"), text(analyzers::exact(l), false, true)),
            }
        });
        Fields {
            schema: b.build(),
            cid,
            lang_ord,
            lang,
            public,
            status,
            status_ord,
            sg,
            sg_mask,
            rec,
            abbreviation,
            proposed_at,
            accepted_at,
            adopted_at,
            updated_at,
            card,
            langs,
        }
    }

    pub fn lang(&self, l: Lang) -> &LangFields {
        &self.langs[lang_ord(l)]
    }
}

pub fn lang_ord(l: Lang) -> usize {
    Lang::ALL.iter().position(|x| *x == l).unwrap_or(0)
}

/// Whether a language's stemmed fields keep token positions. Phrases, prefixes
/// and fuzzy words are matched on the exact fields; the stemmed fields are read
/// by term queries only (all words, any word), except in Chinese, where the
/// stemmed field holds bigrams that are matched in sequence. Positions are most
/// of what indexing writes per token: leaving them out of the other five
/// languages' stemmed terms and definitions makes indexing, merging and the
/// index cheaper without changing what any query matches or how it scores.
pub fn stemmed_needs_positions(l: Lang) -> bool {
    l == Lang::Zh
}

/// A whole value as one token (a language, status, study group or Recommendation).
/// No field norms: each takes one byte per document (six million
/// section documents at 1M concepts) and is paged in when scored, and a score needs no
/// length here, where a field holds one token or a few whole values.
fn keyword() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    )
}

fn text(tokenizer: &str, stored: bool, positions: bool) -> TextOptions {
    let record = if positions { IndexRecordOption::WithFreqsAndPositions } else { IndexRecordOption::WithFreqs };
    let opts = TextOptions::default()
        .set_indexing_options(TextFieldIndexing::default().set_tokenizer(tokenizer).set_index_option(record));
    if stored {
        opts.set_stored()
    } else {
        opts
    }
}

/// Bit for a study group in `sg_mask`.
pub fn sg_bit(code: &str) -> Option<u32> {
    if code == "TSAG" {
        return Some(0);
    }
    code.strip_prefix("SG").and_then(|n| n.parse::<u32>().ok()).filter(|n| (1..64).contains(n))
}
