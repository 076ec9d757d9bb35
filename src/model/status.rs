//! The states a concept, a language section and a term can be in.

/// Declares a string-valued enum with one canonical spelling per variant,
/// `as_str`, `FromStr` (error names the accepted values), serde and an OpenAPI schema.
#[macro_export]
macro_rules! string_enum {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:tt),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
                 serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
        $vis enum $name { $($(#[$vmeta])* #[serde(rename = $text)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                let t = s.trim().to_ascii_lowercase().replace('-', "_");
                $(if t.eq_ignore_ascii_case($text) { return Ok($name::$variant); })+
                Err(format!("'{}' is not one of {}", s, [$($text),+].join(", ")))
            }
        }
    };
}

string_enum! {
    /// Lifecycle of a concept (Resolution 67: proposed by a study group, accepted by TSB).
    pub enum ConceptStatus {
        Proposed = "proposed",
        Accepted = "accepted",
        /// Defined by a superseded Recommendation and not carried into its successor.
        Historical = "historical",
        Withdrawn = "withdrawn",
    }
}

impl ConceptStatus {
    /// Statuses the public may see.
    pub fn is_public(self) -> bool {
        matches!(self, ConceptStatus::Accepted | ConceptStatus::Historical)
    }
}

string_enum! {
    /// Per-language state: translators draft and submit, SCV reviewers adopt or return.
    pub enum SectionStatus {
        Absent = "absent",
        Draft = "draft",
        Submitted = "submitted",
        Adopted = "adopted",
        Returned = "returned",
    }
}

string_enum! {
    /// Status of a term within its language section (TBX administrativeStatus, plus abbreviations).
    pub enum TermKind {
        Preferred = "preferred",
        Admitted = "admitted",
        Deprecated = "deprecated",
        Abbreviation = "abbreviation",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_names_choices() {
        for s in SectionStatus::ALL {
            assert_eq!(s.as_str().parse::<SectionStatus>().unwrap(), *s);
        }
        let err = "done".parse::<ConceptStatus>().unwrap_err();
        assert!(err.contains("proposed, accepted, historical, withdrawn"), "{err}");
    }
}
