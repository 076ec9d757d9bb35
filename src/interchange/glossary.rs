//! A project glossary: the concepts found in a text (`App::annotate`, then
//! `App::glossary`), in the text's language and the languages asked for, for a CAT tool.
//! It is written exactly as an export of those concepts would be (the same CSV columns,
//! the same TBX-Basic dialect), so Hexaglot and every tool that reads its exports read it.

use std::io::Write;

use super::export::ExportFormat;
use super::{csv, tbx, xlsx};
use crate::error::{Error, Result};
use crate::model::{Concept, Lang};

/// The languages of a glossary: the text's first, then those asked for, each once.
pub fn languages(source: Lang, to: &[Lang]) -> Vec<Lang> {
    let mut langs = vec![source];
    for &l in to {
        if !langs.contains(&l) {
            langs.push(l);
        }
    }
    langs
}

/// Writes `concepts` (their other languages already left out, see [`languages`]) as a
/// glossary in `format`, columns or language sections in the order of `langs`; returns
/// the number of concepts written.
pub fn write_glossary(
    out: &mut dyn Write,
    format: ExportFormat,
    source: Lang,
    langs: &[Lang],
    concepts: &[Concept],
) -> Result<u64> {
    let all = || concepts.iter().cloned().map(Ok);
    match format {
        ExportFormat::Csv => csv::write_csv(out, all(), langs),
        ExportFormat::Xlsx => {
            let mut buf = Vec::new();
            let n = xlsx::write_xlsx(&mut buf, all(), langs)?;
            out.write_all(&buf)?;
            Ok(n)
        }
        ExportFormat::Tbx => {
            let header = tbx::Header {
                title: Some("Hexaglot: glossary of the terms found in a text".into()),
                source_desc: Some("Terms found by Hexaglot, the ITU-T multilingual terminology database".into()),
                lang: source.bcp47().into(),
            };
            let tbx_err = |e: tbx::TbxError| Error::Io(std::io::Error::other(e.to_string()));
            let mut w = tbx::TbxWriter::new(out, &header).map_err(tbx_err)?;
            let mut n = 0;
            for c in concepts {
                if w.write_concept(c).map_err(tbx_err)? {
                    n += 1;
                }
            }
            w.finish().map_err(tbx_err)?;
            Ok(n)
        }
    }
}

/// [`write_glossary`] into memory, for a download.
pub fn glossary_bytes(format: ExportFormat, source: Lang, langs: &[Lang], concepts: &[Concept]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    write_glossary(&mut out, format, source, langs, concepts)?;
    Ok(out)
}
