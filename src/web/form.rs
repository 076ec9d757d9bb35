//! `application/x-www-form-urlencoded` bodies and query strings, keeping
//! repeated fields (checkboxes) and the order of the fields.

use actix_web::web::Bytes;

use crate::error::{Error, Result};

/// Largest form body accepted (a pasted clause 3 fits easily).
pub const MAX_FORM_BYTES: usize = 1 << 20;

#[derive(Debug, Default, Clone)]
pub struct Form(Vec<(String, String)>);

impl Form {
    pub fn parse_body(bytes: &Bytes) -> Result<Form> {
        if bytes.len() > MAX_FORM_BYTES {
            return Err(Error::TooLarge(format!("a form may hold {MAX_FORM_BYTES} bytes at most")));
        }
        serde_urlencoded::from_bytes(bytes).map(Form).map_err(|e| Error::Invalid(format!("form: {e}")))
    }

    /// The text fields of a `multipart/form-data` form.
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Form {
        Form(pairs)
    }

    pub fn parse_query(q: &str) -> Form {
        Form(serde_urlencoded::from_str(q).unwrap_or_default())
    }

    pub fn pairs(&self) -> &[(String, String)] {
        &self.0
    }

    /// The first value of `name`, trimmed; `None` when absent or empty.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
    }

    /// The first value of `name` as typed (not trimmed), or "".
    pub fn raw(&self, name: &str) -> &str {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).unwrap_or("")
    }

    /// Every non-empty value of `name`.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v.trim()).filter(|v| !v.is_empty()).collect()
    }

    pub fn has(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k == name)
    }

    /// Parses `name` with `FromStr`; an unparsable value is a bad parameter.
    pub fn parse<T: std::str::FromStr>(&self, name: &str) -> Result<Option<T>>
    where
        T::Err: std::fmt::Display,
    {
        self.get(name).map(|v| v.parse::<T>().map_err(|e| Error::bad_param(name, e))).transpose()
    }

    /// The lines of a textarea, trimmed, without empty ones.
    pub fn lines(&self, name: &str) -> Vec<String> {
        self.raw(name).lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
    }
}

/// A file of a `multipart/form-data` form.
pub struct Upload {
    /// The form field it came in.
    pub field: String,
    pub filename: Option<String>,
    pub data: Vec<u8>,
}

/// Most text fields read from one multipart form.
const MAX_MULTIPART_FIELDS: usize = 32;

/// The fields and the non-empty files (the parts named in `file_fields`) of a form body,
/// `multipart/form-data` or urlencoded (a form without its files still has its CSRF
/// token checked as such).
pub fn read_body(content_type: Option<&str>, body: &Bytes, file_fields: &[&str]) -> Result<(Form, Vec<Upload>)> {
    let Some(boundary) = content_type.and_then(crate::http::multipart::boundary) else {
        return Ok((Form::parse_body(body)?, vec![]));
    };
    let (mut fields, mut files) = (Vec::new(), Vec::new());
    for part in crate::http::multipart::parse(body, &boundary)? {
        if file_fields.contains(&part.name.as_str()) {
            if !part.data.is_empty() {
                files.push(Upload { field: part.name, filename: part.filename, data: part.data });
            }
        } else if fields.len() < MAX_MULTIPART_FIELDS {
            fields.push((part.name, String::from_utf8_lossy(&part.data).into_owned()));
        }
    }
    Ok((Form::from_pairs(fields), files))
}

/// Builds a query string from pairs (empty values left out).
pub fn query(pairs: &[(&str, String)]) -> String {
    let kept: Vec<(&str, &str)> = pairs.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| (*k, v.as_str())).collect();
    serde_urlencoded::to_string(kept).unwrap_or_default()
}

/// Percent-encodes one path segment.
pub fn seg(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_repeated_fields_and_trims() {
        let f = Form::parse_query("show=ar&show=fr&q=+smart+meter+&empty=");
        assert_eq!(f.all("show"), vec!["ar", "fr"]);
        assert_eq!(f.get("q"), Some("smart meter"));
        assert_eq!(f.get("empty"), None);
        assert!(f.has("empty"));
        assert_eq!(query(&[("q", "a b".into()), ("x", String::new())]), "q=a+b");
        assert_eq!(seg("X.1332"), "X.1332");
        assert_eq!(seg("a b/c"), "a%20b%2Fc");
    }
}
