//! Files written whole or not at all, and the lock that makes a card image the single source
//! of truth for its retry counters.
//!
//! A write goes to a temporary file next to the real file (symbolic links followed), takes the
//! real file's mode and owner, is synced, renamed over it, and the directory is synced: the
//! file is either the old one or the new one, whatever moment the process dies at. Anything
//! that is not a regular file (a device, a FIFO, a directory) is refused, and so is a file with
//! more than one hard link, since the rename would leave the other names with the old content.
//!
//! [`ImageLock`] is an exclusive `flock` on the directory holding the real file: every process
//! that reads, changes and writes an image holds it for that step, so two processes never lose
//! each other's changes. Temporary files left by killed processes are removed under it.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The prefix of the temporary files of earlier versions (one name for every image).
const LEGACY_TEMP_PREFIX: &str = ".menkyo-image-";
/// The suffix of every temporary file.
const TEMP_SUFFIX: &str = ".tmp";
/// How many symbolic links are followed before giving up.
const MAX_LINKS: usize = 40;

/// The real file behind `path`: symbolic links followed, also to a file not there yet.
pub fn real_path(path: &Path) -> std::io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = std::fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) => parent.join(target),
                    None => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(std::io::Error::other(format!(
        "more than {MAX_LINKS} symbolic links"
    )))
}

fn directory_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

fn temp_prefix(real: &Path) -> String {
    let name = real
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".{name}.menkyo-")
}

/// An exclusive lock on the directory of a file, held while the file is read, changed and
/// written; released when dropped.
#[derive(Debug)]
pub struct ImageLock {
    real: PathBuf,
    _directory: File,
}

impl ImageLock {
    /// Waits for the lock on the directory of the real file behind `path`, then removes the
    /// temporary files that killed writers left there.
    pub fn acquire(path: &Path) -> std::io::Result<ImageLock> {
        let real = real_path(path)?;
        let directory = File::open(directory_of(&real))?;
        directory.lock()?;
        let lock = ImageLock {
            real,
            _directory: directory,
        };
        lock.remove_stale_temporaries();
        Ok(lock)
    }

    /// Reads the file, at most `limit` bytes (longer is an error of kind `FileTooLarge`).
    pub fn read(&self, limit: u64) -> std::io::Result<Vec<u8>> {
        read_bounded(&self.real, limit)
    }

    /// Replaces the file with `bytes` (see the module documentation).
    pub fn write(&self, bytes: &[u8]) -> std::io::Result<()> {
        replace(&self.real, bytes)
    }

    /// Every writer holds the lock, so a temporary file seen under it is a killed writer's.
    fn remove_stale_temporaries(&self) {
        let prefix = temp_prefix(&self.real);
        let Ok(entries) = std::fs::read_dir(directory_of(&self.real)) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let ours = name.starts_with(&prefix) || name.starts_with(LEGACY_TEMP_PREFIX);
            if ours && name.ends_with(TEMP_SUFFIX) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// Reads at most `limit` bytes of `path`; a longer file is an error of kind `FileTooLarge`
/// that names the limit, found while reading (also for endless files such as `/dev/zero`).
pub fn read_bounded(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    read_bounded_from(File::open(path)?, limit)
}

/// Reads at most `limit` bytes of `reader` (see [`read_bounded`]).
pub fn read_bounded_from(reader: impl Read, limit: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!("longer than the limit of {limit} bytes"),
        ));
    }
    Ok(bytes)
}

/// Replaces the real file behind `path` with `bytes`, atomically and durably (see the module
/// documentation). Without the [`ImageLock`]: for files that are not card images.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    replace(&real_path(path)?, bytes)
}

fn replace(real: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let existing = match std::fs::metadata(real) {
        Ok(meta) => Some(meta),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => return Err(err),
    };
    if let Some(meta) = &existing {
        check_replaceable(meta)?;
    }
    let dir = directory_of(real);
    let mut temp = tempfile::Builder::new()
        .prefix(&temp_prefix(real))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    if let Some(meta) = &existing {
        keep_mode_and_owner(temp.as_file(), meta)?;
    }
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(real).map_err(|e| e.error)?;
    sync_directory(dir)
}

#[cfg(unix)]
fn check_replaceable(meta: &std::fs::Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    if !meta.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file; only a regular file is replaced",
        ));
    }
    if meta.nlink() > 1 {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!(
                "the file has {} hard links; replacing it would leave the other names with the \
                 old content (copy it to a file of its own)",
                meta.nlink()
            ),
        ));
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_replaceable(meta: &std::fs::Metadata) -> std::io::Result<()> {
    if meta.is_file() {
        Ok(())
    } else {
        Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file; only a regular file is replaced",
        ))
    }
}

#[cfg(unix)]
fn keep_mode_and_owner(temp: &File, meta: &std::fs::Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    temp.set_permissions(meta.permissions())?;
    let now = temp.metadata()?;
    if now.uid() != meta.uid() || now.gid() != meta.gid() {
        std::os::unix::fs::fchown(temp, Some(meta.uid()), Some(meta.gid())).map_err(|err| {
            std::io::Error::new(
                err.kind(),
                format!(
                    "cannot keep the file's owner {}:{} ({err})",
                    meta.uid(),
                    meta.gid()
                ),
            )
        })?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn keep_mode_and_owner(temp: &File, meta: &std::fs::Metadata) -> std::io::Result<()> {
    temp.set_permissions(meta.permissions())
}

#[cfg(unix)]
fn sync_directory(dir: &Path) -> std::io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_directory(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("card.json");
        write_atomically(&path, b"old").unwrap();
        write_atomically(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn fails_when_the_directory_is_missing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gone").join("card.json");
        assert!(write_atomically(&path, b"x").is_err());
    }

    #[test]
    fn reading_stops_at_the_limit() {
        let err = read_bounded(Path::new("/dev/zero"), 1000).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::FileTooLarge);
        assert!(err.to_string().contains("1000 bytes"), "{err}");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, [7; 1000]).unwrap();
        assert_eq!(read_bounded(&path, 1000).unwrap().len(), 1000);
    }
}
