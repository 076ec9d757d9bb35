//! Which Recommendation a Word file holds: number, edition, title, study group and
//! language, from the document (its `Rec_No` and `Rec_title` paragraphs, cover, history
//! table, headers and footers, `docProps/core.xml`) and from ITU's file-name pattern
//! `T-REC-E.119-201704-I!!MSW-E.docx`.

use std::collections::HashMap;
use std::io::BufRead;
use std::sync::OnceLock;

use regex::Regex;

use super::document::Para;
use super::outline::flat;
use super::xml::{Ev, Xml};
use super::DocxError;
use crate::model::{Lang, RecId, StudyGroupCode};

/// `docProps/core.xml`: the document properties Word keeps.
#[derive(Debug, Default)]
pub(crate) struct Core {
    pub title: Option<String>,
    pub keywords: Option<String>,
    pub description: Option<String>,
}

pub(crate) fn read_core(input: &mut dyn BufRead, part: &str) -> Result<Core, DocxError> {
    let mut xml = Xml::new(input, part);
    let mut core = Core::default();
    let mut current: Option<String> = None;
    let mut text = String::new();
    loop {
        match xml.next()? {
            Ev::Eof => break,
            Ev::Open(t) if !t.empty => {
                current = Some(t.name);
                text.clear();
            }
            Ev::Open(_) => {}
            Ev::Text(s) => {
                if text.len() < 4096 {
                    text.push_str(&s);
                }
            }
            Ev::Close(name) => {
                if current.as_deref() == Some(name.as_str()) {
                    let v = flat(&text);
                    let v = (!v.is_empty()).then_some(v);
                    match name.as_str() {
                        "title" => core.title = v,
                        "keywords" => core.keywords = v,
                        "description" => core.description = v,
                        _ => {}
                    }
                }
                current = None;
            }
        }
    }
    Ok(core)
}

#[derive(Debug, Default)]
pub(crate) struct Meta {
    pub rec: Option<RecId>,
    pub edition: Option<String>,
    pub title: Option<String>,
    pub sg: Option<StudyGroupCode>,
    /// The language ITU's file name gives (`MSW-F`).
    pub file_lang: Option<Lang>,
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("metadata regex"))
}

/// Cyrillic letters that look Latin, as a Russian text may write "Е.119" or "МСЭ-Т".
fn latinise(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'А' => 'A',
            'В' => 'B',
            'Е' => 'E',
            'К' => 'K',
            'М' => 'M',
            'Н' => 'H',
            'О' => 'O',
            'Р' => 'P',
            'С' => 'C',
            'Т' => 'T',
            'Х' => 'X',
            'У' => 'Y',
            '\u{2011}' | '\u{2010}' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect()
}

/// The first Recommendation number in `text` ("E.119", "G.650.1", "Y.4102/Y.2074" → "Y.4102").
fn rec_in(text: &str) -> Option<RecId> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = re(&RE, r"(?:^|[^A-Za-z0-9.])([A-Z])\.(\d{1,4}(?:\.\d{1,4})*)(?:[^0-9.]|\.?$)");
    let t = latinise(text);
    re.captures_iter(&t).find_map(|c| format!("{}.{}", &c[1], &c[2]).parse().ok())
}

/// "(04/2017)", Arabic "(2017/04)" → "2017-04".
fn edition_in(text: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = re(&RE, r"\((?:(\d{2})/(\d{4})|(\d{4})/(\d{2}))\)");
    re.captures_iter(text).find_map(|c| {
        let (m, y) = match (c.get(1), c.get(2)) {
            (Some(m), Some(y)) => (m.as_str(), y.as_str()),
            _ => (c.get(4)?.as_str(), c.get(3)?.as_str()),
        };
        edition(y, m)
    })
}

fn edition(y: &str, m: &str) -> Option<String> {
    let (yn, mn): (u32, u32) = (y.parse().ok()?, m.parse().ok()?);
    ((1950..=2100).contains(&yn) && (1..=12).contains(&mn)).then(|| format!("{yn:04}-{mn:02}"))
}

/// `T-REC-E.119-201704-I!!MSW-E.docx`, `G.650.1-201803.docx`: number, edition, language.
fn from_file_name(file: &str) -> (Option<RecId>, Option<String>, Option<Lang>) {
    static RE: OnceLock<Regex> = OnceLock::new();
    static LANG: OnceLock<Regex> = OnceLock::new();
    let base = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let name_re = re(&RE, r"(?i)(?:^|T-REC-)([A-Z])\.(\d{1,4}(?:\.\d{1,4})*)-(\d{4})(\d{2})");
    let (rec, ed) = match name_re.captures(base) {
        Some(c) => (format!("{}.{}", c[1].to_ascii_uppercase(), &c[2]).parse().ok(), edition(&c[3], &c[4])),
        None => (None, None),
    };
    let lang = re(&LANG, r"(?i)MSW-([EFSRAC])\b").captures(base).map(|c| match c[1].to_ascii_uppercase().as_str() {
        "F" => Lang::Fr,
        "S" => Lang::Es,
        "R" => Lang::Ru,
        "A" => Lang::Ar,
        "C" => Lang::Zh,
        _ => Lang::En,
    });
    (rec, ed, lang)
}

/// The most frequent value (first seen on ties).
fn majority<T: Clone + Eq + std::hash::Hash>(values: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: HashMap<T, (usize, usize)> = HashMap::new();
    for (i, v) in values.enumerate() {
        counts.entry(v).or_insert((0, i)).0 += 1;
    }
    counts.into_iter().max_by_key(|(_, (n, first))| (*n, std::cmp::Reverse(*first))).map(|(v, _)| v)
}

fn placeholder(s: &str) -> bool {
    s.contains('<') && s.contains('>')
}

/// Heading of the history table's study-group column, in the six languages.
const SG_HEADINGS: [&str; 6] = [
    "study group",
    "commission d'études",
    "comisión de estudio",
    "исследовательская комиссия",
    "لجنة الدراسات",
    "研究组",
];

/// The cell right of a label cell ("Title:", "Study Group:") in a contribution's header table.
fn labelled(body: &[Para], labels: &[&str]) -> Option<String> {
    let at = body.iter().position(|p| {
        p.cell.is_some() && labels.iter().any(|l| flat(&p.text).trim_end_matches(':').eq_ignore_ascii_case(l))
    })?;
    let cell = body[at].cell?;
    let value: Vec<String> = body[at + 1..]
        .iter()
        .take_while(|q| q.cell.is_some_and(|c| c.table == cell.table && c.row == cell.row))
        .filter(|q| q.cell.is_some_and(|c| c.col == cell.col + 1))
        .map(|q| flat(&q.text))
        .collect();
    let v = value.join(" ");
    (!v.is_empty() && !placeholder(&v)).then_some(v)
}

fn study_group(body: &[Para], core: &Core) -> Option<StudyGroupCode> {
    if let Some(v) = labelled(body, &["Study Group", "Commission d'études", "Comisión de Estudio"]) {
        let digits: String = v.chars().skip_while(|c| !c.is_ascii_digit()).take_while(char::is_ascii_digit).collect();
        if let Ok(sg) = digits.parse() {
            return Some(sg);
        }
    }
    // The history table: the study group of its last edition.
    for p in body {
        let Some(cell) = p.cell else { continue };
        let head = flat(&p.text).to_lowercase().replace('’', "'");
        if !SG_HEADINGS.contains(&head.as_str()) {
            continue;
        }
        let value = body
            .iter()
            .rev()
            .filter_map(|q| {
                q.cell.filter(|c| c.table == cell.table && c.col == cell.col && c.row > cell.row).map(|_| q)
            })
            .filter_map(|q| {
                let digits: String = flat(&q.text).chars().take_while(char::is_ascii_digit).collect();
                digits.parse::<StudyGroupCode>().ok()
            })
            .next();
        if value.is_some() {
            return value;
        }
    }
    static RE: OnceLock<Regex> = OnceLock::new();
    let re =
        re(&RE, r"(?i)(?:ITU-T Study Group|Commission d'études|Comisión de Estudio)\s+(\d{1,2})\b|\bSG\s?(\d{1,2})\b");
    let sentences = body.iter().map(|p| p.text.as_str()).chain(core.description.as_deref());
    for s in sentences {
        if let Some(c) = re.captures(&latinise(s)) {
            if let Some(sg) = c.get(1).or(c.get(2)).and_then(|m| m.as_str().parse().ok()) {
                return Some(sg);
            }
        }
    }
    None
}

pub(crate) fn extract(file: &str, body: &[Para], margins: &[Para], core: &Core) -> Meta {
    let (file_rec, file_edition, file_lang) = from_file_name(file);
    let styled = |prefix: &'static str| {
        body.iter().filter(move |p| p.style_is(prefix)).map(|p| flat(&p.text)).filter(|t| !t.is_empty())
    };
    // The front matter: what comes before the first heading.
    let first_heading = body.iter().position(|p| p.heading_level() == Some(1)).unwrap_or(body.len());
    let front = &body[..first_heading];

    let rec = styled("rec_no")
        .filter(|t| !placeholder(t))
        .find_map(|t| rec_in(&t))
        .or_else(|| majority(margins.iter().filter_map(|p| rec_in(&p.text))))
        .or_else(|| core.title.as_deref().and_then(rec_in))
        .or_else(|| core.keywords.as_deref().and_then(|k| rec_in(k.split(',').next().unwrap_or(""))))
        .or(file_rec);

    let edition = front
        .iter()
        .map(|p| flat(&p.text))
        .filter(|t| t.chars().count() <= 12)
        .find_map(|t| edition_in(&t))
        .or_else(|| majority(margins.iter().filter_map(|p| edition_in(&p.text))))
        .or_else(|| core.title.as_deref().and_then(edition_in))
        .or(file_edition);

    let title = styled("rec_title").find(|t| !placeholder(t)).or_else(|| labelled(body, &["Title"])).or_else(|| {
        static RE: OnceLock<Regex> = OnceLock::new();
        let t = core.title.as_deref()?;
        re(&RE, r"^.*?\((?:\d{2}/\d{4}|\d{4}/\d{2})\)\s*(.+)$").captures(t).map(|c| c[1].trim().to_string())
    });

    Meta { rec, edition, title, sg: study_group(body, core), file_lang }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_editions_and_file_names() {
        assert_eq!(rec_in("Recommendation ITU\u{2011}T E.119").unwrap().as_str(), "ITU-T E.119");
        assert_eq!(rec_in("Рекомендация МСЭ-Т Е.119").unwrap().as_str(), "ITU-T E.119");
        assert_eq!(rec_in("Rec. ITU-T G.650.1 (03/2018)").unwrap().as_str(), "ITU-T G.650.1");
        assert_eq!(rec_in("Recommendation ITU-T P.917 (ex P.QUITS)").unwrap().as_str(), "ITU-T P.917");
        assert!(rec_in("Recommendation ITU-T <No.>").is_none());
        assert_eq!(edition_in("(04/2017)").as_deref(), Some("2017-04"));
        assert_eq!(edition_in("التوصية (2017/04) ITU-T").as_deref(), Some("2017-04"));
        assert_eq!(edition_in("(13/2017)"), None);
        let (r, e, l) = from_file_name("dir/T-REC-E.119-201704-I!!MSW-R.docx");
        assert_eq!((r.unwrap().as_str(), e.as_deref(), l), ("ITU-T E.119", Some("2017-04"), Some(Lang::Ru)));
        let (r, e, l) = from_file_name("G.650.1-201803.docx");
        assert_eq!((r.unwrap().as_str(), e.as_deref(), l), ("ITU-T G.650.1", Some("2018-03"), None));
        assert_eq!(from_file_name("ITUT-Recs-Skelet.docx").0, None);
    }
}
