//! Pure rules of the SCV steps: what text is acceptable, how notes are written,
//! what a refused transition says, what changed between two revisions, and
//! what each role does with a queued section. No storage here: `app::workflow`
//! applies these inside its transactions.

use crate::error::{Error, Result};
use crate::model::{Role, SectionContent, SectionStatus, StudyGroupCode, TermKind};

/// Strips the `NOTE –` / `NOTE 1 –` marker; notes are stored as text and numbered on output.
pub fn note_text(note: &str) -> String {
    let t = note.trim();
    let rest = t
        .strip_prefix("NOTE")
        .or_else(|| t.strip_prefix("Note"))
        .map(|r| r.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' '))
        .and_then(|r| r.strip_prefix(['–', '-', '—']).map(str::trim_start));
    rest.unwrap_or(t).trim().to_string()
}

/// Notes as a rapporteur types them (`NOTE – …`, `NOTE 1 – …`), for the lint and for forms.
pub fn typed_notes(notes: &[String]) -> Vec<String> {
    match notes {
        [one] => vec![format!("NOTE – {one}")],
        many => many.iter().enumerate().map(|(i, n)| format!("NOTE {} – {n}", i + 1)).collect(),
    }
}

/// Refuses `text` longer than `max` characters, naming the field.
pub fn limited(field: &str, text: &str, max: usize) -> Result<()> {
    if text.chars().count() > max {
        return Err(Error::Invalid(format!("{field} is longer than {max} characters")));
    }
    Ok(())
}

/// The limits every language section's text keeps.
pub fn validate_content(c: &SectionContent) -> Result<()> {
    if c.terms.is_empty() {
        return Err(Error::Invalid("at least one term is required".into()));
    }
    if c.terms.len() + c.abbreviations.len() > 50 || c.notes.len() > 50 {
        return Err(Error::Invalid("too many terms or notes (50 at most)".into()));
    }
    for t in c.terms.iter().map(|t| &t.text).chain(&c.abbreviations) {
        if t.trim().is_empty() {
            return Err(Error::Invalid("a term may not be empty".into()));
        }
        limited("a term", t, 500)?;
    }
    if let Some(d) = &c.definition {
        limited("the definition", d, 10_000)?;
    }
    for n in &c.notes {
        limited("a note", n, 10_000)?;
    }
    if c.terms.iter().filter(|t| t.status == TermKind::Preferred).count() > 1 {
        return Err(Error::Invalid("only one term may be preferred".into()));
    }
    if c.terms.iter().any(|t| t.status == TermKind::Abbreviation) {
        return Err(Error::Invalid("list abbreviations under `abbreviations`".into()));
    }
    Ok(())
}

/// A step refused because of the current state.
pub fn illegal(what: &str, current: impl std::fmt::Display) -> Error {
    Error::conflict(format!("cannot {what}: the current state is '{current}'"), Some(current.to_string()))
}

/// A comment must say something, within bounds.
pub fn require_comment(body: &str) -> Result<()> {
    if body.trim().is_empty() {
        return Err(Error::Invalid("a comment is required".into()));
    }
    limited("the comment", body, 10_000)
}

/// Study groups as a list for messages.
pub fn join(sgs: &[StudyGroupCode]) -> String {
    sgs.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
}

/// Paths of the values that differ between two JSON documents (`languages.fr.definition`).
pub fn changed_paths(before: &serde_json::Value, after: &serde_json::Value) -> Vec<String> {
    fn walk(a: &serde_json::Value, b: &serde_json::Value, path: &str, out: &mut Vec<String>) {
        use serde_json::Value::Object;
        match (a, b) {
            (Object(x), Object(y)) => {
                let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
                for k in keys {
                    if matches!(k.as_str(), "version" | "updated_at") {
                        continue;
                    }
                    let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                    let null = serde_json::Value::Null;
                    walk(x.get(k).unwrap_or(&null), y.get(k).unwrap_or(&null), &p, out);
                }
            }
            _ if a != b => out.push(path.to_string()),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(before, after, "", &mut out);
    out
}

/// What a user of `role` does with a queued section in `status`:
/// `accept`, `review`, `revise`, `follow` or `translate`.
pub fn queue_action(role: Role, status: SectionStatus) -> &'static str {
    match (role, status) {
        (Role::Admin, _) => "accept",
        (Role::Reviewer, _) => "review",
        (Role::Rapporteur, SectionStatus::Returned | SectionStatus::Draft) => "revise",
        (Role::Rapporteur, _) => "follow",
        (Role::Translator, SectionStatus::Returned) => "revise",
        (Role::Translator, _) => "translate",
    }
}
