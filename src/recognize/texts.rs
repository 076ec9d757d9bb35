//! The texts of the entries, stored compactly: a term is cut into pieces (runs of letters
//! and digits, runs of anything else) and every piece already seen is written as a varint
//! id, so a term made of known words takes a byte or two per piece instead of its UTF-8.
//! Terms share few words in Chinese (no spaces: a whole run would be one piece), so Han
//! text is written as it is.

use std::hash::{DefaultHasher, Hasher};

use super::table::KeyTable;

/// Where a text is: `len` bytes at `start` of the encoded arena.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct TextRef {
    pub start: u32,
    pub len: u16,
}

#[derive(Debug, Clone, Copy)]
struct Piece {
    hash: u64,
    start: u32,
    len: u16,
}

#[derive(Debug, Default, Clone)]
pub(super) struct Texts {
    /// Encoded texts: per piece, `id * 2` for a known piece, or `len * 2 + 1` then the bytes.
    encoded: Vec<u8>,
    /// Bytes of `encoded` no entry points at any more.
    pub garbage: usize,
    pieces: Vec<Piece>,
    piece_text: String,
    piece_index: KeyTable,
}

/// Pieces longer than this are written as they are (rare, and seldom repeated).
const MAX_PIECE: usize = 64;

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

pub(super) fn is_han(c: char) -> bool {
    ('\u{2E80}'..='\u{9FFF}').contains(&c) || ('\u{F900}'..='\u{FAFF}').contains(&c) || c > '\u{1FFFF}'
}

fn piece_hash(piece: &str) -> u64 {
    let mut h = DefaultHasher::new();
    h.write(piece.as_bytes());
    h.finish()
}

fn push_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn read_varint(bytes: &[u8], at: &mut usize) -> u64 {
    let mut v = 0u64;
    let mut shift = 0;
    while let Some(&b) = bytes.get(*at) {
        *at += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            break;
        }
        shift += 7;
    }
    v
}

/// Cuts `text` into runs of word characters and runs of other characters.
fn pieces(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let word = is_word_char(first);
        let end = rest.char_indices().find(|&(_, c)| is_word_char(c) != word).map_or(rest.len(), |(i, _)| i);
        let (piece, tail) = rest.split_at(end);
        rest = tail;
        Some(piece)
    })
}

impl Texts {
    pub fn heap_bytes(&self) -> usize {
        self.encoded.capacity()
            + self.pieces.capacity() * std::mem::size_of::<Piece>()
            + self.piece_text.capacity()
            + self.piece_index.heap_bytes()
    }

    /// Stores `text`; `None` if its encoding is longer than `u16::MAX` bytes.
    pub fn push(&mut self, text: &str) -> Option<TextRef> {
        let start = self.encoded.len();
        for piece in pieces(text) {
            if piece.len() > MAX_PIECE || piece.chars().any(is_han) {
                push_varint(&mut self.encoded, (piece.len() as u64) * 2 + 1);
                self.encoded.extend_from_slice(piece.as_bytes());
            } else {
                let id = self.intern(piece);
                push_varint(&mut self.encoded, u64::from(id) * 2);
            }
        }
        let len = self.encoded.len() - start;
        if len > usize::from(u16::MAX) || start > u32::MAX as usize {
            self.encoded.truncate(start);
            return None;
        }
        Some(TextRef { start: start as u32, len: len as u16 })
    }

    /// The text at `at`, written over `out` (which keeps its allocation).
    pub fn get_into(&self, at: TextRef, out: &mut String) {
        let bytes = &self.encoded[at.start as usize..at.start as usize + usize::from(at.len)];
        out.clear();
        out.reserve(self.decoded_len(bytes));
        let mut i = 0;
        while i < bytes.len() {
            let v = read_varint(bytes, &mut i);
            if v & 1 == 1 {
                let len = (v >> 1) as usize;
                out.push_str(std::str::from_utf8(&bytes[i..i + len]).unwrap_or_default());
                i += len;
            } else {
                let piece = self.pieces[(v >> 1) as usize];
                out.push_str(&self.piece_text[piece.start as usize..piece.start as usize + usize::from(piece.len)]);
            }
        }
    }

    /// The length of the text `bytes` encode, so that [`Texts::get`] allocates once.
    fn decoded_len(&self, bytes: &[u8]) -> usize {
        let (mut len, mut i) = (0, 0);
        while i < bytes.len() {
            let v = read_varint(bytes, &mut i);
            if v & 1 == 1 {
                len += (v >> 1) as usize;
                i += (v >> 1) as usize;
            } else {
                len += usize::from(self.pieces[(v >> 1) as usize].len);
            }
        }
        len
    }

    fn intern(&mut self, piece: &str) -> u32 {
        let hash = piece_hash(piece);
        let (pieces, text) = (&self.pieces, &self.piece_text);
        let mut found = None;
        self.piece_index.for_each(
            hash,
            |p| pieces[p as usize].hash,
            |p| {
                let known = pieces[p as usize];
                if &text[known.start as usize..known.start as usize + usize::from(known.len)] == piece {
                    found = Some(p);
                }
            },
        );
        if let Some(p) = found {
            return p;
        }
        let id = self.pieces.len() as u32;
        self.pieces.push(Piece { hash, start: self.piece_text.len() as u32, len: piece.len() as u16 });
        self.piece_text.push_str(piece);
        let pieces = &self.pieces;
        self.piece_index.insert(hash, id, |p| pieces[p as usize].hash);
        id
    }

    /// Copies the texts still referred to into a new arena; each `(start, len)` of `refs` is
    /// updated in place.
    pub fn compact<'a>(&mut self, refs: impl Iterator<Item = (&'a mut u32, u16)>) {
        let mut encoded = Vec::with_capacity(self.encoded.len() - self.garbage);
        for (start, len) in refs {
            let from = *start as usize;
            *start = encoded.len() as u32;
            encoded.extend_from_slice(&self.encoded[from..from + usize::from(len)]);
        }
        self.encoded = encoded;
        self.garbage = 0;
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.encoded.len()
    }

    pub fn shrink_to_fit(&mut self) {
        self.encoded.shrink_to_fit();
        self.pieces.shrink_to_fit();
        self.piece_text.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Texts {
        fn get(&self, at: TextRef) -> String {
            let mut out = String::new();
            self.get_into(at, &mut out);
            out
        }
    }

    #[test]
    fn round_trip_in_every_script() {
        let mut texts = Texts::default();
        let all = [
            "access control list",
            "access-control  list (ACL)",
            "réseau de prochaine génération",
            "сети, устойчивые к задержкам",
            "الشبكات القادرة على تحمل التأخير",
            "智能电表（IP地址）",
            "",
            "x",
            &"long".repeat(40),
        ];
        let refs: Vec<TextRef> = all.iter().map(|t| texts.push(t).unwrap()).collect();
        for (t, r) in all.iter().zip(&refs) {
            assert_eq!(&texts.get(*r), t);
        }
        // Known words take one or two bytes each.
        let before = texts.len();
        let r = texts.push("access list control").unwrap();
        assert!(texts.len() - before <= 5, "{}", texts.len() - before);
        assert_eq!(texts.get(r), "access list control");
    }

    #[test]
    fn compaction_keeps_what_is_referred_to() {
        let mut texts = Texts::default();
        let a = texts.push("disaster relief").unwrap();
        let b = texts.push("victim").unwrap();
        texts.garbage = usize::from(a.len);
        let mut start = b.start;
        texts.compact(std::iter::once((&mut start, b.len)));
        assert_eq!(texts.get(TextRef { start, len: b.len }), "victim");
        assert_eq!(texts.len(), usize::from(b.len));
    }

    #[test]
    fn varints() {
        let mut out = Vec::new();
        for v in [0u64, 1, 127, 128, 300, u32::MAX as u64] {
            out.clear();
            push_varint(&mut out, v);
            let mut at = 0;
            assert_eq!(read_varint(&out, &mut at), v);
            assert_eq!(at, out.len());
        }
    }
}
