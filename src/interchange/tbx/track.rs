//! A `BufRead` wrapper that knows where it is (line and column of any byte not before the
//! current mark) and refuses to let one XML event grow past a size limit, so that quick-xml
//! never buffers an unbounded text node, tag or comment.

use std::collections::VecDeque;
use std::io::{self, BufRead, Read};

pub(crate) struct Tracked<R> {
    inner: R,
    /// Bytes consumed so far.
    pos: u64,
    /// Start of the event being read; positions before it are no longer resolvable.
    mark: u64,
    /// Newlines before `mark`.
    base_line: u64,
    /// Offset just after the last newline before `mark` (start of its line).
    base_line_start: u64,
    /// Offsets of newlines consumed at or after `mark`.
    newlines: VecDeque<u64>,
    /// Most bytes one event may span.
    pub(crate) limit: u64,
    pub(crate) over_limit: bool,
}

impl<R: BufRead> Tracked<R> {
    pub(crate) fn new(inner: R, limit: u64) -> Self {
        Tracked {
            inner,
            pos: 0,
            mark: 0,
            base_line: 0,
            base_line_start: 0,
            newlines: VecDeque::new(),
            limit,
            over_limit: false,
        }
    }

    pub(crate) fn peek(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    /// Starts a new event at `at` (normally the current position).
    pub(crate) fn set_mark(&mut self, at: u64) {
        while let Some(&n) = self.newlines.front() {
            if n >= at {
                break;
            }
            self.newlines.pop_front();
            self.base_line += 1;
            self.base_line_start = n + 1;
        }
        self.mark = at.max(self.mark);
    }

    /// 1-based line and byte column of `offset` (clamped to the mark).
    pub(crate) fn line_col(&self, offset: u64) -> (u64, u64) {
        let offset = offset.max(self.mark);
        let mut line = self.base_line;
        let mut start = self.base_line_start;
        for &n in &self.newlines {
            if n >= offset {
                break;
            }
            line += 1;
            start = n + 1;
        }
        (line + 1, offset - start + 1)
    }
}

impl<R: BufRead> Read for Tracked<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let n = {
            let buf = self.fill_buf()?;
            let n = buf.len().min(out.len());
            out[..n].copy_from_slice(&buf[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Tracked<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        let used = self.pos.saturating_sub(self.mark);
        if used > self.limit {
            self.over_limit = true;
            return Err(io::Error::other("event size limit exceeded"));
        }
        // Hand out at most one byte past the limit, so the next call can refuse.
        let allowed = usize::try_from(self.limit - used + 1).unwrap_or(usize::MAX);
        let buf = self.inner.fill_buf()?;
        Ok(&buf[..buf.len().min(allowed)])
    }

    fn consume(&mut self, amt: usize) {
        if amt == 0 {
            return;
        }
        if let Ok(buf) = self.inner.fill_buf() {
            let amt = amt.min(buf.len());
            let base = self.pos;
            for (i, _) in buf[..amt].iter().enumerate().filter(|(_, b)| **b == b'\n') {
                self.newlines.push_back(base + i as u64);
            }
        }
        self.inner.consume(amt);
        self.pos += amt as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let data = b"ab\ncd\n\nefg";
        let mut t = Tracked::new(&data[..], 100);
        let mut s = String::new();
        t.read_to_string(&mut s).unwrap();
        assert_eq!(t.line_col(0), (1, 1));
        assert_eq!(t.line_col(4), (2, 2));
        assert_eq!(t.line_col(7), (4, 1));
        t.set_mark(6);
        assert_eq!(t.line_col(9), (4, 3));
        assert_eq!(t.line_col(6), (3, 1));
    }
}
