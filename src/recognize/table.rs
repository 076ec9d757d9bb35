//! Two compact open-addressing hash tables (linear probing, any size, at most three quarters
//! full) keyed by the 64-bit hash chains of `dictionary.rs`: 4 bytes a slot, where a std
//! `HashMap<u64, u32>` takes 12 to 24 plus control bytes and rounds to a power of two.

const EMPTY: u32 = u32::MAX;
const TOMBSTONE: u32 = u32::MAX - 1;

/// The home slot of a 32-bit hash in a table of `len` slots (multiply-shift: any size works).
fn home(hash32: u32, len: usize) -> usize {
    ((u64::from(hash32) * len as u64) >> 32) as usize
}

/// Whether `used` slots of `len` is too full.
fn too_full(used: usize, len: usize) -> bool {
    used * 4 > len * 3
}

/// The size for `live` entries once they are all in (after a build): about 70 % full. With
/// 4-byte slots a probe sequence that long still reads one or two cache lines, which is what
/// costs; the room saved is a third of the table.
fn settled(live: usize) -> usize {
    (live * 10 / 7).max(16)
}

/// The size to grow to for `live` entries: half full again, and at least half as large
/// again as now, so that growing in many steps stays linear.
fn grown(live: usize, len: usize) -> usize {
    (live * 2).max(len + len / 2).max(16)
}

fn next(i: usize, len: usize) -> usize {
    if i + 1 == len {
        0
    } else {
        i + 1
    }
}

/// Entry indices by the key hash their entry holds; several entries may share a key.
#[derive(Debug, Default, Clone)]
pub(super) struct KeyTable {
    slots: Vec<u32>,
    live: usize,
    tombstones: usize,
}

impl KeyTable {
    pub fn heap_bytes(&self) -> usize {
        self.slots.capacity() * 4
    }

    /// Calls `f` with every entry whose key is `hash`; `key_of` gives an entry's key.
    pub fn for_each(&self, hash: u64, key_of: impl Fn(u32) -> u64, mut f: impl FnMut(u32)) {
        if self.slots.is_empty() {
            return;
        }
        let len = self.slots.len();
        let mut i = home((hash >> 32) as u32, len);
        loop {
            match self.slots[i] {
                EMPTY => return,
                TOMBSTONE => {}
                entry if key_of(entry) == hash => f(entry),
                _ => {}
            }
            i = next(i, len);
        }
    }

    #[cfg(test)]
    pub fn contains(&self, hash: u64, key_of: impl Fn(u32) -> u64) -> bool {
        let mut found = false;
        self.for_each(hash, key_of, |_| found = true);
        found
    }

    /// Makes room for `additional` more entries without resizing on the way.
    pub fn reserve(&mut self, additional: usize, key_of: impl Fn(u32) -> u64) {
        if too_full(self.live + self.tombstones + additional, self.slots.len()) {
            self.resize(grown(self.live + additional, self.slots.len()), key_of);
        }
    }

    /// Gives back the room beyond [`settled`] (and drops tombstones), when there is much of it.
    pub fn shrink(&mut self, key_of: impl Fn(u32) -> u64) {
        if self.slots.len() > settled(self.live) * 6 / 5 {
            self.resize(settled(self.live), key_of);
        }
    }

    pub fn insert(&mut self, hash: u64, entry: u32, key_of: impl Fn(u32) -> u64) {
        if too_full(self.live + self.tombstones + 1, self.slots.len()) {
            let size = if too_full(self.live + 1, self.slots.len()) {
                grown(self.live + 1, self.slots.len())
            } else {
                self.slots.len()
            };
            self.resize(size, &key_of);
        }
        let len = self.slots.len();
        let mut i = home((hash >> 32) as u32, len);
        while self.slots[i] != EMPTY && self.slots[i] != TOMBSTONE {
            i = next(i, len);
        }
        if self.slots[i] == TOMBSTONE {
            self.tombstones -= 1;
        }
        self.slots[i] = entry;
        self.live += 1;
    }

    pub fn remove(&mut self, hash: u64, entry: u32) -> bool {
        if self.slots.is_empty() {
            return false;
        }
        let len = self.slots.len();
        let mut i = home((hash >> 32) as u32, len);
        loop {
            match self.slots[i] {
                EMPTY => return false,
                e if e == entry => {
                    self.slots[i] = TOMBSTONE;
                    self.live -= 1;
                    self.tombstones += 1;
                    return true;
                }
                _ => i = next(i, len),
            }
        }
    }

    fn resize(&mut self, size: usize, key_of: impl Fn(u32) -> u64) {
        let old = std::mem::replace(&mut self.slots, vec![EMPTY; size]);
        self.tombstones = 0;
        for entry in old.into_iter().filter(|&e| e != EMPTY && e != TOMBSTONE) {
            let mut i = home((key_of(entry) >> 32) as u32, size);
            while self.slots[i] != EMPTY {
                i = next(i, size);
            }
            self.slots[i] = entry;
        }
    }
}

/// What a key chain is: the key of a whole term, the beginning of a longer one, or both.
pub(super) const TERM: u32 = 1;
pub(super) const PREFIX: u32 = 2;

/// Every key chain the walk over a text may meet (whole terms and their beginnings: first
/// word, first two words…) with what it is ([`TERM`], [`PREFIX`]), kept as a 30-bit
/// fingerprint and two flag bits in 4 bytes: one probe a step tells the walk whether to
/// record a candidate and whether to go on. A false positive only costs a candidate that the
/// [`KeyTable`] then rejects, or one more probe. Removing a term leaves its flags (the same
/// harmless cost) until the dictionary is rebuilt.
#[derive(Debug, Default, Clone)]
pub(super) struct ChainSet {
    slots: Vec<u32>,
    len: usize,
}

impl ChainSet {
    pub fn heap_bytes(&self) -> usize {
        self.slots.capacity() * 4
    }

    fn fingerprint(hash: u64) -> u32 {
        ((hash >> 32) as u32 & !3).max(4)
    }

    pub fn len(&self) -> usize {
        self.len
    }

    /// The flags of `hash`: 0 when it is neither a term nor the beginning of one.
    #[inline]
    pub fn get(&self, hash: u64) -> u32 {
        if self.slots.is_empty() {
            return 0;
        }
        let f = Self::fingerprint(hash);
        let len = self.slots.len();
        let mut i = home(f, len);
        loop {
            match self.slots[i] {
                0 => return 0,
                s if s & !3 == f => return s & 3,
                _ => i = next(i, len),
            }
        }
    }

    pub fn reserve(&mut self, additional: usize) {
        if too_full(self.len + additional, self.slots.len()) {
            self.resize(grown(self.len + additional, self.slots.len()));
        }
    }

    /// Gives back the room beyond [`settled`], when there is much of it.
    pub fn shrink(&mut self) {
        if self.slots.len() > settled(self.len) * 6 / 5 {
            self.resize(settled(self.len));
        }
    }

    pub fn insert(&mut self, hash: u64, flags: u32) {
        if too_full(self.len + 1, self.slots.len()) {
            self.resize(grown(self.len + 1, self.slots.len()));
        }
        let f = Self::fingerprint(hash);
        let len = self.slots.len();
        let mut i = home(f, len);
        loop {
            match self.slots[i] {
                0 => {
                    self.slots[i] = f | flags;
                    self.len += 1;
                    return;
                }
                s if s & !3 == f => {
                    self.slots[i] = s | flags;
                    return;
                }
                _ => i = next(i, len),
            }
        }
    }

    fn resize(&mut self, size: usize) {
        let old = std::mem::replace(&mut self.slots, vec![0; size]);
        for s in old.into_iter().filter(|&s| s != 0) {
            let mut i = home(s & !3, size);
            while self.slots[i] != 0 {
                i = next(i, size);
            }
            self.slots[i] = s;
        }
    }
}

/// One bit per hash of the first word of a term (its key chain after one word), in 512 KiB
/// that stay in the processor's cache: most words of a text (function words, words no term
/// starts with) are turned away here, without a probe into the [`ChainSet`] that misses the
/// cache at a million concepts. A bit set by a term since removed only costs that probe.
#[derive(Debug, Default, Clone)]
pub(super) struct FirstWords {
    bits: Vec<u64>,
}

const FIRST_BITS: usize = 1 << 22;

impl FirstWords {
    pub fn heap_bytes(&self) -> usize {
        self.bits.capacity() * 8
    }

    pub fn insert(&mut self, hash: u64) {
        if self.bits.is_empty() {
            self.bits = vec![0; FIRST_BITS / 64];
        }
        let i = hash as usize & (FIRST_BITS - 1);
        self.bits[i / 64] |= 1 << (i % 64);
    }

    /// False when no term begins with this first word; true when one may.
    #[inline]
    pub fn may_contain(&self, hash: u64) -> bool {
        let i = hash as usize & (FIRST_BITS - 1);
        self.bits.get(i / 64).is_some_and(|b| b & (1 << (i % 64)) != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_table_keeps_several_entries_per_key_and_removes_one() {
        let keys = [7u64 << 32, 7 << 32, 23 << 32, (7 << 32) + 1];
        let key_of = |e: u32| keys[e as usize];
        let mut t = KeyTable::default();
        for (i, &k) in keys.iter().enumerate() {
            t.insert(k, i as u32, key_of);
        }
        let mut found = Vec::new();
        t.for_each(7 << 32, key_of, |e| found.push(e));
        found.sort();
        assert_eq!(found, [0, 1]);
        assert!(t.remove(7 << 32, 0));
        assert!(!t.remove(7 << 32, 0));
        let mut found = Vec::new();
        t.for_each(7 << 32, key_of, |e| found.push(e));
        assert_eq!(found, [1]);
        assert!(t.contains(23 << 32, key_of));
        assert!(!t.contains(24 << 32, key_of));
        assert!(t.contains((7 << 32) + 1, key_of));
    }

    #[test]
    fn key_table_grows_and_reuses_tombstones() {
        let key_of = |e: u32| u64::from(e).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let mut t = KeyTable::default();
        for round in 0..5u32 {
            for e in 0..1000 {
                t.insert(key_of(e), e, key_of);
            }
            for e in 0..1000 {
                assert!(t.contains(key_of(e), key_of), "round {round}");
                assert!(t.remove(key_of(e), e));
            }
        }
        assert!(t.slots.len() <= 4096, "{}", t.slots.len());
        assert!(t.live == 0 && t.tombstones < t.slots.len());
    }

    #[test]
    fn shrinking_keeps_everything() {
        let key_of = |e: u32| u64::from(e).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let mut t = KeyTable::default();
        let mut s = ChainSet::default();
        t.reserve(10_000, key_of);
        s.reserve(20_000);
        for e in 0..10_000 {
            t.insert(key_of(e), e, key_of);
            s.insert(key_of(e), TERM);
        }
        let (before, set_before) = (t.slots.len(), s.slots.len());
        t.shrink(key_of);
        s.shrink();
        assert!(t.slots.len() < before && s.slots.len() < set_before);
        assert!((0..10_000).all(|e| t.contains(key_of(e), key_of) && s.get(key_of(e)) == TERM));
        let settled = t.slots.len();
        t.shrink(key_of);
        assert_eq!(t.slots.len(), settled, "no second resize");
    }

    #[test]
    fn first_words() {
        let mut f = FirstWords::default();
        assert!(!f.may_contain(42));
        let h = |i: u64| i.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (0..1000).for_each(|i| f.insert(h(i)));
        assert!((0..1000).all(|i| f.may_contain(h(i))));
        assert!((1000..2000).filter(|&i| f.may_contain(h(i))).count() < 10);
    }

    #[test]
    fn chain_set() {
        let mut s = ChainSet::default();
        let h = |i: u64| i.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        for i in 0..10_000u64 {
            s.insert(h(i), if i % 2 == 0 { TERM } else { PREFIX });
        }
        s.insert(h(4), PREFIX);
        assert!((0..10_000u64).all(|i| s.get(h(i)) != 0));
        assert_eq!((s.get(h(4)), s.get(h(5)), s.get(h(6))), (TERM | PREFIX, PREFIX, TERM));
        assert_eq!(s.len, 10_000);
        assert_eq!(ChainSet::default().get(3), 0);
    }
}
