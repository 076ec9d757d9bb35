//! Identifiers parsed once at the edge.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParseIdError(pub String);

/// A concept's stable id. Shown as `c42`; the number is the SQLite rowid and is never reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ConceptId(pub i64);

impl fmt::Display for ConceptId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "c{}", self.0)
    }
}

impl FromStr for ConceptId {
    type Err = ParseIdError;
    /// Accepts `c42`, `C42` or `42`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let digits = s.strip_prefix(['c', 'C']).unwrap_or(s);
        match digits.parse::<i64>() {
            Ok(n) if n > 0 && !digits.starts_with('+') => Ok(ConceptId(n)),
            _ => Err(ParseIdError(format!("'{s}' is not a concept id (expected c1, c2, …)"))),
        }
    }
}

impl Serialize for ConceptId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ConceptId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl utoipa::PartialSchema for ConceptId {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::schema::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            // What `from_str` accepts: a positive number that fits in an i64, with or without `c`.
            .pattern(Some("^[cC]?[1-9][0-9]{0,17}$"))
            .examples([serde_json::json!("c1")])
            .into()
    }
}
impl utoipa::ToSchema for ConceptId {}

/// A string schema with a pattern and an example, for ids parsed by `FromStr`.
fn pattern_schema(pattern: &str, example: &str) -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .pattern(Some(pattern))
        .examples([serde_json::json!(example)])
        .into()
}

/// The canonical spelling, as answered; `from_str` also takes `sg17` and `17`.
impl utoipa::PartialSchema for StudyGroupCode {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        pattern_schema("^(SG[1-9][0-9]?|TSAG)$", "SG17")
    }
}
impl utoipa::ToSchema for StudyGroupCode {}

/// The canonical spelling (as answered) or its short form `X.1332`; `from_str`
/// also takes lower case and `ITU-T_`. At most 40 characters after `ITU-T `.
impl utoipa::PartialSchema for RecId {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        pattern_schema("^(ITU-T )?[A-Z][A-Z0-9/-]{0,18}\\.[A-Z0-9./ -]{1,20}$", "ITU-T X.1332")
    }
}
impl utoipa::ToSchema for RecId {}

/// A study group code such as `SG17` or `TSAG`, normalised to upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct StudyGroupCode(String);

impl StudyGroupCode {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for StudyGroupCode {
    type Err = ParseIdError;
    /// Accepts `SG17`, `sg17`, `17`, `TSAG`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_uppercase();
        if t == "TSAG" {
            return Ok(StudyGroupCode(t));
        }
        let digits = t.strip_prefix("SG").unwrap_or(&t);
        match digits.parse::<u8>() {
            Ok(n) if (1..=99).contains(&n) && digits.chars().all(|c| c.is_ascii_digit()) => {
                Ok(StudyGroupCode(format!("SG{n}")))
            }
            _ => Err(ParseIdError(format!("'{s}' is not a study group (expected e.g. SG17 or TSAG)"))),
        }
    }
}

impl TryFrom<String> for StudyGroupCode {
    type Error = ParseIdError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<StudyGroupCode> for String {
    fn from(c: StudyGroupCode) -> String {
        c.0
    }
}

impl fmt::Display for StudyGroupCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A Recommendation identifier as cited, normalised to `ITU-T X.1332`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RecId(String);

impl RecId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The part after `ITU-T `, e.g. `X.1332`; used in URLs.
    pub fn short(&self) -> &str {
        self.0.strip_prefix("ITU-T ").unwrap_or(&self.0)
    }
}

impl FromStr for RecId {
    type Err = ParseIdError;
    /// Accepts `ITU-T X.1332`, `X.1332`, `itu-t x.1332`, `ITU-T_X.1332`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let upper = t.to_ascii_uppercase();
        let rest = upper.strip_prefix("ITU-T").map(|r| r.trim_start_matches([' ', '_', '-'])).unwrap_or(&upper).trim();
        let ok = rest.len() >= 3
            && rest.len() <= 40
            && rest.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && rest.contains('.')
            && rest.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '/' | ' '));
        if ok {
            Ok(RecId(format!("ITU-T {rest}")))
        } else {
            Err(ParseIdError(format!("'{s}' is not a Recommendation identifier (expected e.g. ITU-T X.1332)")))
        }
    }
}

impl TryFrom<String> for RecId {
    type Error = ParseIdError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<RecId> for String {
    fn from(c: RecId) -> String {
        c.0
    }
}

impl fmt::Display for RecId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concept_ids() {
        assert_eq!("c42".parse::<ConceptId>().unwrap(), ConceptId(42));
        assert_eq!("42".parse::<ConceptId>().unwrap(), ConceptId(42));
        assert_eq!(ConceptId(7).to_string(), "c7");
        for bad in ["", "c", "c-1", "c0", "x1", "c+1", "c99999999999999999999"] {
            assert!(bad.parse::<ConceptId>().is_err(), "{bad}");
        }
    }

    #[test]
    fn study_groups() {
        assert_eq!("sg17".parse::<StudyGroupCode>().unwrap().as_str(), "SG17");
        assert_eq!("17".parse::<StudyGroupCode>().unwrap().as_str(), "SG17");
        assert_eq!("tsag".parse::<StudyGroupCode>().unwrap().as_str(), "TSAG");
        assert!("SGx".parse::<StudyGroupCode>().is_err());
        assert!("SG-1".parse::<StudyGroupCode>().is_err());
    }

    #[test]
    fn rec_ids() {
        assert_eq!("X.1332".parse::<RecId>().unwrap().as_str(), "ITU-T X.1332");
        assert_eq!("itu-t y.4241".parse::<RecId>().unwrap().as_str(), "ITU-T Y.4241");
        assert_eq!("ITU-T_X.1332".parse::<RecId>().unwrap().short(), "X.1332");
        assert!("hello".parse::<RecId>().is_err());
        assert!("<script>".parse::<RecId>().is_err());
    }
}
