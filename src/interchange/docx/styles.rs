//! `word/styles.xml` and `word/numbering.xml`: style names (a paragraph names its style
//! by id, `Heading1`, whose name is `heading 1`), the numbering a style carries (ITU
//! headings may be numbered by their style), and the numbers Word displays for
//! automatically numbered paragraphs (`w:numPr`), computed as Word counts them.

use std::collections::HashMap;
use std::io::BufRead;

use super::xml::{Ev, Xml};
use super::DocxError;

#[derive(Debug, Clone, Default)]
pub(crate) struct Style {
    pub name: Option<String>,
    pub based_on: Option<String>,
    pub num: Option<(String, Option<u8>)>,
    pub outline: Option<u8>,
    pub bold: Option<bool>,
}

#[derive(Debug, Default)]
pub(crate) struct Styles {
    pub by_id: HashMap<String, Style>,
}

impl Styles {
    pub fn read(input: &mut dyn BufRead, part: &str) -> Result<Styles, DocxError> {
        let mut xml = Xml::new(input, part);
        let mut styles = Styles::default();
        let mut current: Option<(String, Style)> = None;
        let mut in_rpr = false;
        loop {
            match xml.next()? {
                Ev::Eof => break,
                Ev::Open(t) => match t.name.as_str() {
                    "style" => {
                        let id = t.attr("styleId").unwrap_or_default().to_string();
                        current = Some((id, Style::default()));
                        if t.empty {
                            if let Some((id, s)) = current.take() {
                                styles.by_id.insert(id, s);
                            }
                        }
                    }
                    "rPr" if !t.empty => in_rpr = true,
                    _ => {
                        let Some((_, s)) = current.as_mut() else { continue };
                        match t.name.as_str() {
                            "name" => s.name = t.val().map(str::to_string),
                            "basedOn" => s.based_on = t.val().map(str::to_string),
                            "numId" => s.num = t.val().map(|v| (v.to_string(), s.num.as_ref().and_then(|n| n.1))),
                            "ilvl" => {
                                let l = t.val().and_then(|v| v.parse().ok());
                                s.num = Some((s.num.take().map(|n| n.0).unwrap_or_default(), l));
                            }
                            "outlineLvl" => s.outline = t.val().and_then(|v| v.parse().ok()),
                            "b" if in_rpr => s.bold = Some(t.toggle()),
                            _ => {}
                        }
                    }
                },
                Ev::Close(name) => match name.as_str() {
                    "style" => {
                        if let Some((id, s)) = current.take() {
                            styles.by_id.insert(id, s);
                        }
                    }
                    "rPr" => in_rpr = false,
                    _ => {}
                },
                Ev::Text(_) => {}
            }
        }
        Ok(styles)
    }

    /// The style and those it is based on, nearest first (bounded: a loop ends it).
    fn chain<'a>(&'a self, id: &'a str) -> impl Iterator<Item = (&'a str, &'a Style)> + 'a {
        let mut next = Some(id);
        let mut n = 0;
        std::iter::from_fn(move || {
            let id = next?;
            n += 1;
            let s = self.by_id.get(id).filter(|_| n <= 16)?;
            next = s.based_on.as_deref();
            Some((id, s))
        })
    }

    pub fn name(&self, id: &str) -> Option<&str> {
        self.by_id.get(id).and_then(|s| s.name.as_deref())
    }

    /// Numbering of a paragraph whose style (or a style it is based on) is numbered.
    pub fn num(&self, id: &str) -> Option<(String, Option<u8>)> {
        self.chain(id).find_map(|(_, s)| s.num.clone().filter(|(n, _)| !n.is_empty()))
    }

    pub fn outline(&self, id: &str) -> Option<u8> {
        self.chain(id).find_map(|(_, s)| s.outline)
    }

    /// Bold set by a character style.
    pub fn bold(&self, id: &str) -> bool {
        self.chain(id).find_map(|(_, s)| s.bold).unwrap_or(false)
    }
}

/// Longest level text (`%1.%2.%3.`) taken from a numbering definition.
const MAX_LEVEL_TEXT: usize = 64;

#[derive(Debug, Clone)]
struct Level {
    start: u32,
    fmt: String,
    text: String,
    suffix: &'static str,
    legal: bool,
    style: Option<String>,
}

impl Default for Level {
    fn default() -> Self {
        Level { start: 1, fmt: "decimal".into(), text: String::new(), suffix: "\t", legal: false, style: None }
    }
}

#[derive(Debug, Default)]
pub(crate) struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    /// numId → (abstractNumId, start overrides by level)
    nums: HashMap<String, (String, HashMap<u8, u32>)>,
    counters: HashMap<String, [Option<u32>; 9]>,
    overridden: std::collections::HashSet<(String, u8)>,
}

impl Numbering {
    pub fn read(input: &mut dyn BufRead, part: &str) -> Result<Numbering, DocxError> {
        let mut xml = Xml::new(input, part);
        let mut n = Numbering::default();
        let mut abs: Option<(String, Vec<Level>)> = None;
        let mut num: Option<(String, String, HashMap<u8, u32>)> = None;
        let mut lvl: Option<u8> = None;
        let mut override_lvl: Option<u8> = None;
        loop {
            match xml.next()? {
                Ev::Eof => break,
                Ev::Open(t) => match t.name.as_str() {
                    "abstractNum" => abs = Some((t.attr("abstractNumId").unwrap_or_default().to_string(), vec![])),
                    "num" => {
                        num = Some((t.attr("numId").unwrap_or_default().to_string(), String::new(), HashMap::new()))
                    }
                    "abstractNumId" => {
                        if let Some(nm) = num.as_mut() {
                            nm.1 = t.val().unwrap_or_default().to_string();
                        }
                    }
                    "lvlOverride" => override_lvl = t.attr("ilvl").and_then(|v| v.parse().ok()),
                    "startOverride" => {
                        if let (Some(nm), Some(l), Some(v)) =
                            (num.as_mut(), override_lvl, t.val().and_then(|v| v.parse().ok()))
                        {
                            nm.2.insert(l, v);
                        }
                    }
                    "lvl" if num.is_none() => {
                        if let Some((_, levels)) = abs.as_mut() {
                            let i: u8 = t.attr("ilvl").and_then(|v| v.parse().ok()).unwrap_or(0).min(8);
                            while levels.len() <= usize::from(i) {
                                levels.push(Level::default());
                            }
                            lvl = Some(i);
                        }
                    }
                    name => {
                        let (Some((_, levels)), Some(i)) = (abs.as_mut(), lvl) else { continue };
                        let l = &mut levels[usize::from(i)];
                        match name {
                            "start" => l.start = t.val().and_then(|v| v.parse().ok()).unwrap_or(1),
                            "numFmt" => l.fmt = t.val().unwrap_or("decimal").to_string(),
                            // Word's level texts are a few characters; a long one is no number.
                            "lvlText" => {
                                l.text = t.val().filter(|v| v.len() <= MAX_LEVEL_TEXT).unwrap_or_default().to_string()
                            }
                            "suff" => {
                                l.suffix = match t.val() {
                                    Some("space") => " ",
                                    Some("nothing") => "",
                                    _ => "\t",
                                }
                            }
                            "isLgl" => l.legal = t.toggle(),
                            "pStyle" => l.style = t.val().map(str::to_string),
                            _ => {}
                        }
                    }
                },
                Ev::Close(name) => match name.as_str() {
                    "abstractNum" => {
                        if let Some((id, levels)) = abs.take() {
                            n.abstracts.insert(id, levels);
                        }
                        lvl = None;
                    }
                    "num" => {
                        if let Some((id, a, o)) = num.take() {
                            n.nums.insert(id, (a, o));
                        }
                    }
                    "lvl" => lvl = None,
                    "lvlOverride" => override_lvl = None,
                    _ => {}
                },
                Ev::Text(_) => {}
            }
        }
        Ok(n)
    }

    /// The level of list `num_id` that is tied to paragraph style `style`.
    pub fn level_for_style(&self, num_id: &str, style: &str) -> Option<u8> {
        let (abs, _) = self.nums.get(num_id)?;
        let levels = self.abstracts.get(abs)?;
        levels.iter().position(|l| l.style.as_deref() == Some(style)).map(|i| i as u8)
    }

    /// Counts one more paragraph of list `num_id` at level `ilvl` and returns the number Word
    /// displays before it with its suffix ("3.2.1\t"); `None` for bullets and unknown lists.
    pub fn next(&mut self, num_id: &str, ilvl: u8) -> Option<String> {
        let ilvl = ilvl.min(8);
        let (abs_id, overrides) = self.nums.get(num_id)?;
        let levels = self.abstracts.get(abs_id)?;
        let level = levels.get(usize::from(ilvl))?;
        let counters = self.counters.entry(abs_id.clone()).or_insert([None; 9]);
        let i = usize::from(ilvl);
        if let Some(&start) = overrides.get(&ilvl) {
            if self.overridden.insert((num_id.to_string(), ilvl)) {
                counters[i] = Some(start.saturating_sub(1));
                if start == 0 {
                    counters[i] = None;
                }
            }
        }
        counters[i] = Some(match counters[i] {
            Some(v) => v.saturating_add(1),
            None => level.start,
        });
        for c in counters.iter_mut().skip(i + 1) {
            *c = None;
        }
        if matches!(level.fmt.as_str(), "bullet" | "none") {
            return None;
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let k = (d as usize).saturating_sub(1).min(8);
                    let l = levels.get(k).cloned().unwrap_or_default();
                    let v = counters[k].unwrap_or(l.start);
                    let fmt = if level.legal { "decimal" } else { l.fmt.as_str() };
                    out.push_str(&format_number(v, fmt));
                    continue;
                }
            }
            out.push(c);
        }
        if out.trim().is_empty() {
            return None;
        }
        out.push_str(level.suffix);
        Some(out)
    }
}

fn format_number(v: u32, fmt: &str) -> String {
    match fmt {
        "lowerLetter" | "upperLetter" if v <= 26 * 8 => {
            // a … z, aa … zz, as Word repeats letters
            let n = v.max(1) - 1;
            let c = (b'a' + (n % 26) as u8) as char;
            let s: String = std::iter::repeat_n(c, (n / 26 + 1) as usize).collect();
            if fmt == "upperLetter" {
                s.to_uppercase()
            } else {
                s
            }
        }
        "lowerRoman" if v < 4000 => roman(v).to_lowercase(),
        "upperRoman" if v < 4000 => roman(v),
        "decimalZero" if v < 10 => format!("0{v}"),
        _ => v.to_string(),
    }
}

fn roman(mut v: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (n, s) in TABLE {
        while v >= n && out.len() < 64 {
            out.push_str(s);
            v -= n;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbering(xml: &str) -> Numbering {
        let mut r = std::io::Cursor::new(xml.as_bytes().to_vec());
        Numbering::read(&mut r, "word/numbering.xml").unwrap()
    }

    #[test]
    fn counts_as_word_does() {
        let mut n = numbering(
            r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="0">
            <w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
            <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2.%3"/><w:suff w:val="space"/></w:lvl>
            <w:lvl w:ilvl="3"><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%4)"/></w:lvl>
            </w:abstractNum>
            <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl></w:abstractNum>
            <w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num>
            <w:num w:numId="6"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#,
        );
        assert_eq!(n.next("5", 0).as_deref(), Some("3\t"));
        assert_eq!(n.next("5", 1).as_deref(), Some("3.1\t"));
        assert_eq!(n.next("5", 2).as_deref(), Some("3.1.1 "));
        assert_eq!(n.next("5", 2).as_deref(), Some("3.1.2 "));
        assert_eq!(n.next("5", 1).as_deref(), Some("3.2\t"));
        assert_eq!(n.next("5", 2).as_deref(), Some("3.2.1 "));
        assert_eq!(n.next("5", 3).as_deref(), Some("a)\t"));
        assert_eq!(n.next("5", 3).as_deref(), Some("b)\t"));
        assert_eq!(n.next("5", 0).as_deref(), Some("4\t"));
        assert_eq!(n.next("5", 1).as_deref(), Some("4.1\t"));
        assert_eq!(n.next("6", 0), None);
        assert_eq!(n.next("99", 0), None);
        assert_eq!(roman(2019), "MMXIX");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        // Hostile values stay short.
        assert_eq!(format_number(u32::MAX, "lowerLetter"), u32::MAX.to_string());
        assert_eq!(format_number(4_000_000, "upperRoman"), "4000000");
    }
}
