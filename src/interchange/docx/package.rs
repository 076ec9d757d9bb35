//! The zip package of a Word file, opened with limits. A `.docx` is a zip of XML parts;
//! a hostile one can be a zip bomb (a few kilobytes inflating to gigabytes), declare
//! millions of entries, lie about its sizes, or carry a DOCTYPE with entities. Every
//! part is read through a counting reader that stops at its limit (the sizes the zip
//! declares are not trusted), as [`crate::interchange::xlsx`] does for workbooks, and
//! the central directory is checked before the zip crate allocates anything for it.

use std::io::{Read, Seek, SeekFrom};

use super::DocxError;

/// What one file holds, judged by its parts (not its name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZipKind {
    /// `word/document.xml`: a Word document.
    Word,
    /// `xl/workbook.xml`: an Excel workbook.
    Workbook,
    /// A zip file that is neither.
    OtherZip,
    /// Not a zip file at all.
    NotZip,
}

/// Bounds on what reading one Word file may cost.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Size of the `.docx` file itself.
    pub max_file: u64,
    /// Entries of the zip (a Word file has a few dozen; embedded pictures add some).
    pub max_entries: u64,
    /// Inflated size of `word/document.xml` (a 1,500-definition vocabulary is ~20 MiB).
    pub max_document: u64,
    /// Inflated size of every other part read (styles, numbering, headers, properties).
    pub max_part: u64,
    /// Inflated bytes read from all parts together.
    pub max_total: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file: 256 << 20,
            max_entries: 20_000,
            max_document: 128 << 20,
            max_part: 16 << 20,
            max_total: 256 << 20,
        }
    }
}

/// An opened Word package.
pub struct Package<R: Read + Seek> {
    zip: zip::ZipArchive<R>,
    pub(crate) limits: Limits,
    /// Inflated bytes read so far.
    read_total: u64,
}

/// Size of the zip's central directory and its number of entries, from the
/// end-of-central-directory record, before the zip crate reads (and allocates for) it.
fn central_directory<R: Read + Seek>(r: &mut R) -> Result<(u64, u64), DocxError> {
    let len = r.seek(SeekFrom::End(0))?;
    let tail = len.min(22 + 65_535);
    r.seek(SeekFrom::Start(len - tail))?;
    let mut buf = vec![0u8; tail as usize];
    r.read_exact(&mut buf)?;
    r.seek(SeekFrom::Start(0))?;
    let at = (0..buf.len().saturating_sub(21)).rev().find(|&i| buf[i..i + 4] == [0x50, 0x4b, 0x05, 0x06]);
    let Some(at) = at else {
        return Err(DocxError::NotZip);
    };
    let entries = u64::from(u16::from_le_bytes([buf[at + 10], buf[at + 11]]));
    let size = u64::from(u32::from_le_bytes([buf[at + 12], buf[at + 13], buf[at + 14], buf[at + 15]]));
    Ok((size, entries))
}

impl<R: Read + Seek> Package<R> {
    pub fn open(mut r: R, limits: Limits) -> Result<Self, DocxError> {
        let len = r.seek(SeekFrom::End(0))?;
        r.seek(SeekFrom::Start(0))?;
        if len > limits.max_file {
            return Err(DocxError::TooLarge { what: format!("the file ({len} bytes)"), limit: mib(limits.max_file) });
        }
        let mut magic = [0u8; 4];
        let n = r.read(&mut magic)?;
        r.seek(SeekFrom::Start(0))?;
        if n < 4 || magic != *b"PK\x03\x04" {
            return Err(DocxError::NotZip);
        }
        let (cd_size, entries) = central_directory(&mut r)?;
        // 0xFFFF entries or a 4 GiB directory mean ZIP64, which no Word file needs.
        if entries >= 0xFFFF || entries > limits.max_entries || cd_size > 64 << 20 {
            return Err(DocxError::TooLarge {
                what: format!("the zip directory ({entries} entries, {cd_size} bytes)"),
                limit: format!("{} entries", limits.max_entries),
            });
        }
        let zip = zip::ZipArchive::new(r).map_err(|e| DocxError::BadZip(e.to_string()))?;
        Ok(Package { zip, limits, read_total: 0 })
    }

    pub fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// Names of the parts, in zip order.
    pub fn names(&self) -> Vec<String> {
        self.zip.file_names().filter_map(|n| n.ok().map(|n| n.to_string())).collect()
    }

    /// What the package holds: Word, a workbook or something else.
    pub fn kind(&self) -> ZipKind {
        if self.has("word/document.xml") {
            ZipKind::Word
        } else if self.has("xl/workbook.xml") {
            ZipKind::Workbook
        } else {
            ZipKind::OtherZip
        }
    }

    /// Runs `f` over the inflated bytes of part `name` (`None` if the package has no such
    /// part), stopping with [`DocxError::TooLarge`] once the part passes `limit` bytes or
    /// the package passes its total.
    pub fn with_part<T>(
        &mut self,
        name: &str,
        limit: u64,
        f: impl FnOnce(&mut dyn std::io::BufRead) -> Result<T, DocxError>,
    ) -> Result<Option<T>, DocxError> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let budget = limit.min(self.limits.max_total.saturating_sub(self.read_total));
        let file = self.zip.by_index(index).map_err(|e| DocxError::BadZip(format!("{name}: {e}")))?;
        let mut counted = Counted { inner: file, count: 0, limit: budget, over: false };
        let result = {
            let mut reader = std::io::BufReader::with_capacity(1 << 16, &mut counted);
            f(&mut reader)
        };
        self.read_total += counted.count;
        if counted.over {
            let what = if budget < limit { "the Word file's parts together".to_string() } else { name.to_string() };
            return Err(DocxError::TooLarge { what: format!("{what} inflate"), limit: mib(budget) });
        }
        result.map(Some)
    }

    /// The whole of a small part as text.
    pub fn part_text(&mut self, name: &str) -> Result<Option<String>, DocxError> {
        let limit = self.limits.max_part;
        self.with_part(name, limit, |r| {
            let mut bytes = Vec::new();
            r.read_to_end(&mut bytes)?;
            String::from_utf8(bytes).map_err(|_| DocxError::Xml { part: name.to_string(), message: "not UTF-8".into() })
        })
    }
}

fn mib(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{bytes} bytes")
    }
}

/// Counts inflated bytes and fails once past `limit`.
struct Counted<R> {
    inner: R,
    count: u64,
    limit: u64,
    over: bool,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.over {
            return Err(std::io::Error::other("part too large"));
        }
        let room = (self.limit - self.count).saturating_add(1);
        let want = buf.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        self.count += n as u64;
        if self.count > self.limit {
            self.over = true;
            return Err(std::io::Error::other("part too large"));
        }
        Ok(n)
    }
}

/// What the zip in `r` holds, judged by its parts; [`ZipKind::NotZip`] when it is no zip.
pub fn sniff<R: Read + Seek>(r: R) -> ZipKind {
    match Package::open(r, Limits::default()) {
        Ok(p) => p.kind(),
        Err(DocxError::NotZip) | Err(DocxError::BadZip(_)) => ZipKind::NotZip,
        Err(_) => ZipKind::OtherZip,
    }
}
