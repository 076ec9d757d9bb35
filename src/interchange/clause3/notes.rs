//! Note lines: `NOTE – text`, `NOTE 1 – text`, `ПРИМЕЧАНИЕ. – text`, `注 – text`, `注1：text`,
//! `ملاحظة 2 - text`. The marker must be followed by an optional number and then a dash or a
//! colon, so "Note that ..." stays ordinary text.

use std::sync::OnceLock;

use super::patterns::{fold, note_markers};
use super::text::{digit_value, is_colon, is_dash};

fn markers() -> &'static [&'static str] {
    static M: OnceLock<Vec<&'static str>> = OnceLock::new();
    M.get_or_init(note_markers)
}

/// The note text without its marker, or `None` if `line` is not a note.
pub(crate) fn strip_note_marker(line: &str) -> Option<String> {
    let chars: Vec<char> = line.trim_start().chars().collect();
    for m in markers() {
        let mlen = m.chars().count();
        if chars.len() <= mlen {
            continue;
        }
        let head: String = chars[..mlen].iter().collect();
        if fold(&head) != *m {
            continue;
        }
        let mut i = mlen;
        // the marker is a whole word: "NOTES", "Notation", "注意" are not markers
        if chars[i].is_alphabetic() {
            continue;
        }
        let skip_ws = |i: &mut usize| {
            while *i < chars.len() && chars[*i].is_whitespace() {
                *i += 1;
            }
        };
        skip_ws(&mut i);
        while i < chars.len() && digit_value(chars[i]).is_some() {
            i += 1;
        }
        skip_ws(&mut i);
        // Russian style "ПРИМЕЧАНИЕ 1. –"
        if i < chars.len() && chars[i] == '.' {
            i += 1;
            skip_ws(&mut i);
        }
        if i < chars.len() && (is_dash(chars[i]) || is_colon(chars[i])) {
            let text: String = chars[i + 1..].iter().collect();
            return Some(text.trim().to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::strip_note_marker as s;

    #[test]
    fn recognises_markers() {
        assert_eq!(s("NOTE – The method.").as_deref(), Some("The method."));
        assert_eq!(s("NOTE 2 – Usually.").as_deref(), Some("Usually."));
        assert_eq!(s("Note 1 - lower.").as_deref(), Some("lower."));
        assert_eq!(s("注 – 修改自 [b-ITU-T Y.2071]").as_deref(), Some("修改自 [b-ITU-T Y.2071]"));
        assert_eq!(s("注1：文本").as_deref(), Some("文本"));
        assert_eq!(s("ПРИМЕЧАНИЕ. – Текст.").as_deref(), Some("Текст."));
        assert_eq!(s("NOTA 1 – Texto.").as_deref(), Some("Texto."));
        assert_eq!(s("ملاحظة 1 – نص.").as_deref(), Some("نص."));
        assert_eq!(s("Note that this is text."), None);
        assert_eq!(s("NOTES – x"), None);
        assert_eq!(s("注意：x"), None);
        assert_eq!(s("NOTE"), None);
        assert_eq!(s("NOTE 1"), None);
    }
}
