//! What a search asks for: the request the front ends build, and the query
//! string's small grammar (`"a phrase"`, `-exclude`, `prefix*`). Both the
//! query builder and the result collector read it; it depends on neither.

use crate::model::{ConceptStatus, Lang, RecId, StudyGroupCode};

/// Longest query string accepted.
pub const MAX_QUERY_CHARS: usize = 500;

crate::string_enum! {
    /// Which text a query looks in.
    pub enum SearchField { Term = "term", Definition = "definition", All = "all" }
}

crate::string_enum! {
    /// How the query text must match.
    pub enum Mode {
        /// Exact term first, then phrase, words, definitions; falls back to fuzzy when nothing matches.
        Auto = "auto",
        /// The whole term equals the query (normalized).
        Exact = "exact",
        /// The term starts with the query, or a word of it does.
        Prefix = "prefix",
        /// The query appears as a phrase (a substring of Chinese text).
        Contains = "contains",
        /// Every word within one edit (two for words of ten characters or more), its first character as typed.
        Fuzzy = "fuzzy",
        /// Any of the words, best overlap first (more-like-this; used for harmonization).
        Any = "any",
    }
}

crate::string_enum! {
    /// Which date `from`/`to` filter on (Resolution 67's search by time range).
    pub enum DateField { Proposed = "proposed", Accepted = "accepted", Adopted = "adopted", Updated = "updated" }
}

#[derive(Debug, Clone)]
pub struct SearchRequest {
    pub q: String,
    /// Empty means all six.
    pub langs: Vec<Lang>,
    pub field: SearchField,
    pub mode: Mode,
    pub sg: Option<StudyGroupCode>,
    pub rec: Option<RecId>,
    pub status: Option<ConceptStatus>,
    pub date_field: DateField,
    /// Unix seconds, inclusive.
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub limit: usize,
    pub offset: usize,
    /// Public callers see only adopted text of accepted concepts.
    pub public_only: bool,
    /// Count concepts per language, study group and status: visits every match, where a search
    /// without them stops counting at [`EXACT_TOTAL`](super::EXACT_TOTAL) concepts.
    pub facets: bool,
}

impl SearchRequest {
    pub fn new(q: impl Into<String>) -> SearchRequest {
        SearchRequest {
            q: q.into(),
            langs: Vec::new(),
            field: SearchField::All,
            mode: Mode::Auto,
            sg: None,
            rec: None,
            status: None,
            date_field: DateField::Updated,
            from: None,
            to: None,
            limit: 20,
            offset: 0,
            public_only: true,
            facets: false,
        }
    }

    pub(crate) fn langs(&self) -> Vec<Lang> {
        if self.langs.is_empty() {
            Lang::ALL.to_vec()
        } else {
            self.langs.clone()
        }
    }
}

/// A query string that cannot be understood.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct QuerySyntaxError(pub String);

/// The query string split into its parts.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct ParsedQuery {
    /// Free text, all words required.
    pub text: String,
    pub phrases: Vec<String>,
    pub excluded: Vec<String>,
    /// The last word ended with `*`.
    pub prefix: bool,
}

pub(crate) fn parse_query(q: &str) -> std::result::Result<ParsedQuery, QuerySyntaxError> {
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(QuerySyntaxError(format!("the query is longer than {MAX_QUERY_CHARS} characters")));
    }
    let mut out = ParsedQuery::default();
    let mut words: Vec<String> = Vec::new();
    let mut rest = q.trim();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix(['"', '“', '”', '«', '»', '「', '」']) {
            let close = after
                .find(['"', '“', '”', '«', '»', '「', '」'])
                .ok_or_else(|| QuerySyntaxError("a quotation mark is not closed".into()))?;
            let phrase = after[..close].trim();
            if !phrase.is_empty() {
                out.phrases.push(phrase.to_string());
            }
            let quote_len = after[close..].chars().next().map_or(1, char::len_utf8);
            rest = after[close + quote_len..].trim_start();
            continue;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..end];
        rest = rest[end..].trim_start();
        if let Some(ex) = word.strip_prefix('-').filter(|w| !w.is_empty()) {
            out.excluded.push(ex.to_string());
        } else {
            words.push(word.to_string());
        }
    }
    if let Some(last) = words.last_mut() {
        if let Some(stripped) = last.strip_suffix('*') {
            out.prefix = true;
            *last = stripped.to_string();
        }
    }
    if words.iter().any(|w| w.contains('*')) {
        return Err(QuerySyntaxError("'*' is only allowed at the end of the last word".into()));
    }
    out.text = words.join(" ").trim().to_string();
    if out.text.is_empty() && out.phrases.is_empty() {
        return Err(QuerySyntaxError(if out.excluded.is_empty() {
            "the query is empty".into()
        } else {
            "a query needs at least one word to find, not only exclusions".into()
        }));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_syntax() {
        let p = parse_query(r#"smart "meter data" -gas manag*"#).unwrap();
        assert_eq!(p.text, "smart manag");
        assert_eq!(p.phrases, vec!["meter data"]);
        assert_eq!(p.excluded, vec!["gas"]);
        assert!(p.prefix);
        assert_eq!(parse_query("«réseau» «x»").unwrap().phrases, vec!["réseau", "x"]);
        for bad in ["", "   ", "\"unclosed", "-only", "a*b c", &"x".repeat(501)] {
            assert!(parse_query(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_query("智能电表").unwrap().text, "智能电表");
    }
}
