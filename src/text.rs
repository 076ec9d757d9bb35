//! Small text helpers shared by snippets, feeds and exports.

/// Escapes text for HTML and XML content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Trims white space and the invisible direction marks word processors leave
/// around Arabic text (U+200E/U+200F, embeddings and isolates), which would
/// otherwise make two equal terms differ.
pub fn clean_term(s: &str) -> String {
    let bidi =
        |c: char| matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}');
    s.trim_matches(|c: char| c.is_whitespace() || bidi(c)).to_string()
}

/// Case- and space-folded form of a term, for exact matching across study groups.
pub fn norm_term(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

#[cfg(test)]
mod tests {
    #[test]
    fn cleans_direction_marks() {
        assert_eq!(super::clean_term("\u{200f}الملف التعريفي "), "الملف التعريفي");
        assert_eq!(super::clean_term("  smart meter\u{200e}"), "smart meter");
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            super::escape_html(r#"<script>"a"&'b'</script>"#),
            "&lt;script&gt;&quot;a&quot;&amp;&#39;b&#39;&lt;/script&gt;"
        );
    }
}
