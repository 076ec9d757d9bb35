//! `multipart/form-data` bodies (RFC 7578), read from a body already held in
//! memory within its size limit: the file uploads of `POST /api/v1/import`,
//! `POST /api/v1/proposals/extract` and the propose page.

use crate::error::{Error, Result};

/// One part of a form.
pub struct Part {
    /// The form field's name.
    pub name: String,
    /// The uploaded file's name, when the part is a file.
    pub filename: Option<String>,
    pub data: Vec<u8>,
}

/// The boundary of a `multipart/form-data` content type; `None` for any other type.
pub fn boundary(content_type: &str) -> Option<String> {
    let (mime, params) = content_type.split_once(';').unwrap_or((content_type, ""));
    if !mime.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params.split(';').find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim().eq_ignore_ascii_case("boundary").then(|| v.trim().trim_matches('"').to_string())
    })
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || from > hay.len() {
        return None;
    }
    hay[from..].windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

/// Most parts read from one form.
const MAX_PARTS: usize = 64;

/// The parts of a `multipart/form-data` body with the given boundary.
pub fn parse(body: &[u8], boundary: &str) -> Result<Vec<Part>> {
    let bad = |what: &str| Error::Invalid(format!("multipart/form-data body: {what}"));
    if boundary.is_empty() || boundary.len() > 200 {
        return Err(bad("the boundary is missing or too long"));
    }
    let delimiter = format!("--{boundary}").into_bytes();
    let mut at = find(body, &delimiter, 0).ok_or_else(|| bad("no part starts with the boundary"))? + delimiter.len();
    let close = [b"\r\n".as_slice(), &delimiter].concat();
    let mut parts = Vec::new();
    loop {
        if body[at..].starts_with(b"--") {
            return Ok(parts);
        }
        if parts.len() >= MAX_PARTS {
            return Err(bad(&format!("more than {MAX_PARTS} parts")));
        }
        at += if body[at..].starts_with(b"\r\n") { 2 } else { return Err(bad("a boundary line is not ended")) };
        let head_end = find(body, b"\r\n\r\n", at).ok_or_else(|| bad("a part's headers are not ended"))?;
        let head = std::str::from_utf8(&body[at..head_end]).map_err(|_| bad("a part's headers are not UTF-8"))?;
        let (mut name, mut filename) = (None, None);
        for line in head.split("\r\n") {
            let Some((k, v)) = line.split_once(':') else { continue };
            if !k.trim().eq_ignore_ascii_case("content-disposition") {
                continue;
            }
            for p in v.split(';').skip(1) {
                let Some((pk, pv)) = p.split_once('=') else { continue };
                let pv = pv.trim().trim_matches('"').to_string();
                match pk.trim().to_ascii_lowercase().as_str() {
                    "name" => name = Some(pv),
                    "filename" => filename = Some(pv),
                    _ => {}
                }
            }
        }
        let start = head_end + 4;
        let end = find(body, &close, start).ok_or_else(|| bad("the last part is not closed by the boundary"))?;
        let name = name.ok_or_else(|| bad("a part without a Content-Disposition name"))?;
        parts.push(Part { name, filename: filename.filter(|f| !f.is_empty()), data: body[start..end].to_vec() });
        at = end + close.len();
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_repeated_file_fields() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.docx\"\r\n\
Content-Type: application/octet-stream\r\n\r\nAB\r\nC\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n\r\n--XyZ--\r\n";
        let b = super::boundary("multipart/form-data; boundary=\"XyZ\"").unwrap();
        let parts = super::parse(body, &b).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(
            (parts[0].name.as_str(), parts[0].filename.as_deref(), &parts[0].data[..]),
            ("file", Some("a.docx"), &b"AB\r\nC"[..])
        );
        assert!(parts[1].data.is_empty() && parts[1].filename.is_none());
        assert!(super::parse(b"--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nopen", "XyZ").is_err());
        assert_eq!(super::boundary("application/json"), None);
    }
}
