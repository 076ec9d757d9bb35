//! B-notes: "NOTE – …" for one note, "NOTE 1 – …", "NOTE 2 – …" for several (U+2013 dash).

use super::text::excerpt;
use super::{Out, F_NOTES, R_NOTES};

fn dash_name(dash: &str) -> String {
    match dash {
        "-" => "\"-\" (hyphen-minus)".into(),
        "\u{2014}" => "\"—\" (em dash, U+2014)".into(),
        "\u{2012}" => "\"‒\" (figure dash, U+2012)".into(),
        "\u{2010}" | "\u{2011}" => format!("\"{dash}\" (hyphen)"),
        "\u{2212}" => "\"−\" (minus sign, U+2212)".into(),
        "\u{2015}" => "\"―\" (horizontal bar, U+2015)".into(),
        ":" => "a colon".into(),
        "." => "a period".into(),
        other => format!("\"{other}\""),
    }
}

pub(super) fn check_notes(notes: &[String], out: &mut Out) {
    let several = notes.len() > 1;
    let re = regex!(
        r"(?s)^(?P<kw>[Nn][Oo][Tt][Ee])(?:(?P<sp1>\s*)(?P<num>\d+))?(?P<sp2>\s*)(?P<dash>--|[-\u{2010}-\u{2015}\u{2212}:.])?(?P<sp3>\s*)(?P<text>.*)$"
    );
    for (idx, note) in notes.iter().enumerate() {
        let n = idx + 1;
        let note = note.trim();
        let expected = if several { format!("NOTE {n} – …") } else { "NOTE – …".to_string() };
        if note.is_empty() {
            out.error(R_NOTES, F_NOTES, format!("note {n} is empty; remove it or write \"{expected}\""));
            continue;
        }
        let caps = re.captures(note).filter(|c| {
            // "Notes", "Noteworthy": not the NOTE label
            !note[c["kw"].len()..].starts_with(char::is_alphabetic)
        });
        let Some(c) = caps else {
            out.error(
                R_NOTES,
                F_NOTES,
                format!(
                    "note {n} (\"{}\") does not start with \"NOTE\"; write it as \"{expected}\"",
                    excerpt(note, 40)
                ),
            );
            continue;
        };
        let kw = &c["kw"];
        if kw != "NOTE" {
            out.error(
                R_NOTES,
                F_NOTES,
                format!("note {n} starts with \"{kw}\"; write \"NOTE\" in capitals: \"{expected}\""),
            );
        }
        match c.name("dash").map(|d| d.as_str()) {
            Some("\u{2013}") => {
                let spaced = !c["sp2"].is_empty()
                    && (!c["sp3"].is_empty() || c["text"].is_empty())
                    && c.name("sp1").is_none_or(|sp| !sp.as_str().is_empty());
                if !spaced {
                    out.warn(
                        R_NOTES,
                        F_NOTES,
                        format!(
                            "note {n} is missing a space; write \"{expected}\" with a space on each side of the dash"
                        ),
                    );
                }
            }
            Some(other) => out.error(
                R_NOTES,
                F_NOTES,
                format!(
                    "note {n} uses {} after \"NOTE\"; use \"–\" (U+2013 EN DASH): \"{expected}\"",
                    dash_name(other)
                ),
            ),
            None => out.error(
                R_NOTES,
                F_NOTES,
                format!("note {n} has no dash after \"NOTE\"; write \"{expected}\" with \"–\" (U+2013 EN DASH)"),
            ),
        }
        if c["text"].trim().is_empty() {
            out.error(R_NOTES, F_NOTES, format!("note {n} has no text after \"NOTE –\""));
        }
        let num = c.name("num").map(|m| m.as_str());
        match (several, num) {
            (false, Some(num)) => out.error(
                R_NOTES,
                F_NOTES,
                format!("a single note is not numbered: write \"NOTE – …\" instead of \"NOTE {num} – …\""),
            ),
            (true, None) => out.error(
                R_NOTES,
                F_NOTES,
                format!("note {n} is not numbered; with several notes, number them consecutively: \"NOTE {n} – …\""),
            ),
            (true, Some(num)) if num != n.to_string() => out.error(
                R_NOTES,
                F_NOTES,
                format!(
                    "note {n} is numbered \"NOTE {}\"; number the notes consecutively from 1: \"NOTE {n} – …\"",
                    excerpt(num, 12)
                ),
            ),
            _ => {}
        }
    }
}
