//! The index's files on disk: memory-mapped as tantivy does, except the document store.
//!
//! A hit's stored fields (its card and the text its snippet is cut from) are read from
//! the document store, a compressed block per few documents at a random place in the
//! largest file of the index (42 % of it). Mapped, every block a query ever read stays
//! in the serving process's resident memory: at 1M concepts the mix of the search
//! benchmark left most of the 1.4 GiB store mapped in. Read with `pread`, those pages are
//! the kernel's page cache, shared and dropped under pressure, and the process holds
//! only the blocks tantivy caches. Term dictionaries, postings and fast fields stay
//! mapped: they are read in place, many small reads per query.
//!
//! Postings and positions are read the same way: a query copies the few posting lists
//! it needs, where a mapped file kept every list any query had read. A read of more than
//! [`MAPPED_READ_BYTES`] at once (a merge stacking a whole document store) goes through
//! the map instead, so a merge does not copy a segment into the heap.

use std::fs::File;
use std::io;
use std::ops::Range;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, WatchCallback, WatchHandle, WritePtr,
};
use tantivy::{Directory, HasLen};

/// Segment files read with `pread`: the document store, postings and positions.
const READ_NOT_MAPPED: [&str; 3] = ["store", "idx", "pos"];
/// Reads larger than this are served from the file's map (merges), not copied.
const MAPPED_READ_BYTES: usize = 4 << 20;

#[derive(Clone, Debug)]
pub(super) struct IndexDirectory {
    root: PathBuf,
    mapped: MmapDirectory,
}

impl IndexDirectory {
    pub(super) fn open(root: &Path) -> tantivy::Result<IndexDirectory> {
        let mapped = MmapDirectory::open(root)?;
        Ok(IndexDirectory { root: root.to_path_buf(), mapped })
    }
}

/// A file read with positioned reads, mapped only for large reads.
#[derive(Debug)]
struct ReadAt {
    file: File,
    len: usize,
    path: PathBuf,
    dir: MmapDirectory,
}

impl HasLen for ReadAt {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for ReadAt {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        if range.len() > MAPPED_READ_BYTES {
            // The directory keeps one map per file while any of its bytes are in use.
            let mapped = self.dir.get_file_handle(&self.path).map_err(io::Error::other)?;
            return mapped.read_bytes(range);
        }
        let mut buf = vec![0; range.len()];
        self.file.read_exact_at(&mut buf, range.start as u64)?;
        Ok(OwnedBytes::new(buf))
    }
}

impl Directory for IndexDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        if path.extension().is_some_and(|e| READ_NOT_MAPPED.iter().any(|x| e == *x)) {
            let full = self.root.join(path);
            let wrap = |e: io::Error| match e.kind() {
                io::ErrorKind::NotFound => OpenReadError::FileDoesNotExist(path.to_path_buf()),
                _ => OpenReadError::wrap_io_error(e, path.to_path_buf()),
            };
            let file = File::open(&full).map_err(wrap)?;
            let len = file.metadata().map_err(wrap)?.len() as usize;
            return Ok(Arc::new(ReadAt { file, len, path: path.to_path_buf(), dir: self.mapped.clone() }));
        }
        self.mapped.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.mapped.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.mapped.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.mapped.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.mapped.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.mapped.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.mapped.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.mapped.acquire_lock(lock)
    }

    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.mapped.watch(callback)
    }
}
