//! The 64-bit hashes the dictionary's keys are made of: a word's (FNV-1a over its UTF-8
//! bytes, then a finaliser), and a chain extended by one word. Computed for every word of
//! every text, so they must be cheap: no allocation (a word given in pieces hashes as the
//! pieces joined), a few multiplications a word. Keys are never stored across runs, so the
//! functions may change freely; a collision between two 64-bit keys only costs a false match
//! with odds far below one in a million at a million concepts.

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// MurmurHash3's 64-bit finaliser: every input bit reaches every output bit.
pub(super) fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// A word's hash, fed in pieces.
#[derive(Clone, Copy)]
pub(super) struct WordHasher(u64);

impl WordHasher {
    pub fn new() -> Self {
        WordHasher(FNV_OFFSET)
    }

    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
    }

    pub fn write_char(&mut self, c: char) {
        self.write(c.encode_utf8(&mut [0; 4]).as_bytes());
    }

    pub fn finish(self) -> u64 {
        fmix(self.0)
    }
}

/// The hash of a word (or of a run of punctuation).
pub(super) fn word(s: &str) -> u64 {
    let mut h = WordHasher::new();
    h.write(s.as_bytes());
    h.finish()
}

/// The hash of `a` and `b` joined, without joining them.
pub(super) fn joined(a: &str, b: &str) -> u64 {
    let mut h = WordHasher::new();
    h.write(a.as_bytes());
    h.write(b.as_bytes());
    h.finish()
}

/// `chain` extended by `what` (the code of a gap) and then by `key` (a word's hash).
pub(super) fn extend(chain: u64, what: u64, key: u64) -> u64 {
    fmix(fmix(chain ^ what.wrapping_mul(0x9e37_79b9_7f4a_7c15)) ^ key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_hash_as_joined() {
        assert_eq!(joined("polic", "y"), word("policy"));
        let mut h = WordHasher::new();
        "réseau".chars().for_each(|c| h.write_char(c));
        assert_eq!(h.finish(), word("réseau"));
        assert_ne!(word("ab"), word("ba"));
        assert_ne!(extend(1, 2, 3), extend(1, 3, 2));
        assert_ne!(extend(extend(0, 0, word("a")), 1, word("b")), extend(extend(0, 0, word("b")), 1, word("a")));
    }
}
