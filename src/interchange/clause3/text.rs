//! Line splitting, cleaning (Word/markdown debris) and character helpers.
//!
//! Everything here is char-based: nothing slices a `str` at a byte offset that was not obtained
//! from `char_indices`, so no input can make it panic on a UTF-8 boundary.

use unicode_normalization::UnicodeNormalization;

/// One non-blank line of input after cleaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    /// NFC text, `**` removed, markdown heading hashes removed, whitespace collapsed, trimmed.
    pub text: String,
    /// The line began with a `**` bold marker (Word bold copied as markdown).
    pub bold_lead: bool,
}

/// Splits on every kind of line break Word or a PDF extractor may leave behind
/// (`\u{b}` is Word's manual line break).
pub(crate) fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    text.split(['\n', '\r', '\u{0B}', '\u{0C}', '\u{85}', '\u{2028}', '\u{2029}'])
}

/// Cleans one raw line; `None` when nothing is left.
pub(crate) fn clean_line(raw: &str) -> Option<Line> {
    let mut s = String::with_capacity(raw.len());
    for c in raw.nfc() {
        match c {
            // bidi controls, zero-width characters, BOM, soft hyphen: invisible debris
            '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{061C}'
            | '\u{00AD}' => {}
            // non-breaking hyphen
            '\u{2011}' => s.push('-'),
            // tab, NBSP, narrow NBSP, ideographic space, ...
            c if c.is_whitespace() => s.push(' '),
            c if c.is_control() => {}
            c => s.push(c),
        }
    }
    let t = strip_md_heading(s.trim());
    let bold_lead = t.starts_with("**");
    let t = t.replace("**", "");
    let text = collapse_ws(&t);
    if text.is_empty() {
        None
    } else {
        Some(Line { text, bold_lead })
    }
}

/// `### 3 Definitions` -> `3 Definitions` (only 1..=6 hashes followed by a space).
fn strip_md_heading(t: &str) -> &str {
    let hashes = t.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&hashes) {
        let rest = &t[hashes..]; // '#' is one byte
        if rest.starts_with(' ') {
            return rest.trim_start();
        }
    }
    t
}

pub(crate) fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending = false;
    for c in s.chars() {
        if c.is_whitespace() {
            pending = !out.is_empty();
        } else {
            if pending {
                out.push(' ');
                pending = false;
            }
            out.push(c);
        }
    }
    out
}

pub(crate) fn is_cjk_ideo(c: char) -> bool {
    matches!(c as u32,
        0x3005 | 0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// CJK / full-width punctuation and kana.
pub(crate) fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0x3040..=0x30FF | 0xFE30..=0xFE4F | 0xFF00..=0xFF65)
}

pub(crate) fn is_cjk(c: char) -> bool {
    is_cjk_ideo(c) || is_cjk_punct(c)
}

pub(crate) fn is_latin_letter(c: char) -> bool {
    c.is_alphabetic()
        && (c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) || ('\u{1E00}'..='\u{1EFF}').contains(&c))
}

pub(crate) fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{052F}').contains(&c)
}

pub(crate) fn is_arabic(c: char) -> bool {
    matches!(c as u32, 0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// Punctuation that may trail a term or heading and is never part of it.
pub(crate) fn is_trailing_punct(c: char) -> bool {
    matches!(c, ':' | '：' | '﹕' | '︓' | '.' | '。' | '．' | ',' | '，' | ';' | '；' | '۔' | '،' | '؛')
}

pub(crate) fn is_colon(c: char) -> bool {
    matches!(c, ':' | '：' | '﹕' | '︓')
}

pub(crate) fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '‒' | '―' | '−' | '‑')
}

/// Value of a decimal digit in ASCII, full-width, Arabic-Indic or Eastern Arabic-Indic form.
pub(crate) fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        '٠'..='٩' => Some(c as u32 - '٠' as u32),
        '۰'..='۹' => Some(c as u32 - '۰' as u32),
        _ => None,
    }
}

pub(crate) fn trim_chars(s: &[char]) -> &[char] {
    let start = s.iter().position(|c| !c.is_whitespace()).unwrap_or(s.len());
    let end = s.iter().rposition(|c| !c.is_whitespace()).map_or(start, |e| e + 1);
    &s[start..end.max(start)]
}

/// Trims whitespace and trailing punctuation such as `:`, `.`, `：`, `。`.
pub(crate) fn trim_term(s: &[char]) -> &[char] {
    let mut s = trim_chars(s);
    while let Some(&last) = s.last() {
        if last.is_whitespace() || is_trailing_punct(last) {
            s = &s[..s.len() - 1];
        } else {
            break;
        }
    }
    s
}

pub(crate) fn string(s: &[char]) -> String {
    s.iter().collect()
}

/// Appends a continuation line to a definition or note. A hard-wrapped line (PDF or
/// fixed-width copy: the previous text stops mid-sentence and the next one goes on in lower
/// case or in CJK) is re-joined; anything else starts a new paragraph, separated by `\n`.
pub(crate) fn append_paragraph(buf: &mut String, next: &str) {
    let next = next.trim();
    if next.is_empty() {
        return;
    }
    let (Some(last), Some(first)) = (buf.chars().next_back(), next.chars().next()) else {
        buf.push_str(next);
        return;
    };
    let open_end = last.is_alphanumeric() || matches!(last, ',' | '，' | '、' | '(' | '（' | '“');
    let goes_on =
        first.is_lowercase() || is_cjk_ideo(first) || matches!(first, '，' | '、' | '。' | '）' | '”' | '；' | '：');
    if open_end && goes_on {
        if !(is_cjk(last) || is_cjk(first)) {
            buf.push(' ');
        }
    } else {
        buf.push('\n');
    }
    buf.push_str(next);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_word_debris() {
        let l = clean_line("\u{feff}#### **3.1.1\u{a0}\tterm** [b-X]\u{200f}: def\u{2011}x  ").unwrap();
        assert_eq!(l.text, "3.1.1 term [b-X]: def-x");
        assert!(l.bold_lead);
        assert!(clean_line(" \t\u{a0}** ").is_none());
        assert_eq!(clean_line("#hashtag").unwrap().text, "#hashtag");
    }

    #[test]
    fn joins_wrapped_lines() {
        let mut s = String::from("一项作为正式输出成果（如标");
        append_paragraph(&mut s, "准、规范）。");
        assert_eq!(s, "一项作为正式输出成果（如标准、规范）。");
        let mut s = String::from("a device that");
        append_paragraph(&mut s, "encourages things.");
        assert_eq!(s, "a device that encourages things.");
        let mut s = String::from("It ends.");
        append_paragraph(&mut s, "Next paragraph.");
        assert_eq!(s, "It ends.\nNext paragraph.");
    }

    #[test]
    fn trims_terms() {
        let v: Vec<char> = " term ：.".chars().collect();
        assert_eq!(string(trim_term(&v)), "term");
        let v: Vec<char> = "   ".chars().collect();
        assert!(trim_term(&v).is_empty());
    }
}
