//! The six official ITU languages. Everything in Hexaglot is keyed by these; a
//! code outside the six is rejected at the edge so deeper code never sees one.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// One of the six official languages of the ITU, in the order ITU lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ar,
    Zh,
    En,
    Fr,
    Ru,
    Es,
}

impl Lang {
    pub const ALL: [Lang; 6] = [Lang::Ar, Lang::Zh, Lang::En, Lang::Fr, Lang::Ru, Lang::Es];

    /// ISO 639-1 code as stored and as used in URLs.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::Zh => "zh",
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Ru => "ru",
            Lang::Es => "es",
        }
    }

    /// BCP 47 tag for HTML `lang` attributes and TBX `xml:lang` (Chinese is written in simplified script at ITU).
    pub fn bcp47(self) -> &'static str {
        match self {
            Lang::Zh => "zh-Hans",
            other => other.code(),
        }
    }

    /// The language's own name for itself.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Ar => "العربية",
            Lang::Zh => "中文",
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::Ru => "Русский",
            Lang::Es => "Español",
        }
    }

    pub fn english_name(self) -> &'static str {
        match self {
            Lang::Ar => "Arabic",
            Lang::Zh => "Chinese",
            Lang::En => "English",
            Lang::Fr => "French",
            Lang::Ru => "Russian",
            Lang::Es => "Spanish",
        }
    }

    pub fn is_rtl(self) -> bool {
        self == Lang::Ar
    }

    /// Parses a list such as `ar,zh,en` (used by `to=` and `--lang`).
    pub fn parse_list(s: &str) -> Result<Vec<Lang>, ParseLangError> {
        let mut out = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let l: Lang = part.parse()?;
            if !out.contains(&l) {
                out.push(l);
            }
        }
        Ok(out)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language '{0}': expected one of ar, zh, en, fr, ru, es")]
pub struct ParseLangError(pub String);

impl FromStr for Lang {
    type Err = ParseLangError;

    /// Accepts the ISO code in any case and common regional tags (`zh-CN`, `fr_FR`, `zh-Hans`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let primary = s.split(['-', '_']).next().unwrap_or("").trim().to_ascii_lowercase();
        match primary.as_str() {
            "ar" => Ok(Lang::Ar),
            "zh" => Ok(Lang::Zh),
            "en" => Ok(Lang::En),
            "fr" => Ok(Lang::Fr),
            "ru" => Ok(Lang::Ru),
            "es" => Ok(Lang::Es),
            _ => Err(ParseLangError(s.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_and_regional_tags() {
        assert_eq!("FR".parse::<Lang>().unwrap(), Lang::Fr);
        assert_eq!("zh-Hans".parse::<Lang>().unwrap(), Lang::Zh);
        assert_eq!("es_ES".parse::<Lang>().unwrap(), Lang::Es);
        assert!("xx".parse::<Lang>().is_err());
        assert!("".parse::<Lang>().is_err());
    }

    #[test]
    fn list_dedups_and_rejects_unknown() {
        assert_eq!(Lang::parse_list("ar, zh,ar").unwrap(), vec![Lang::Ar, Lang::Zh]);
        assert!(Lang::parse_list("ar,de").is_err());
    }
}
