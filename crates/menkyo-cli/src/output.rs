//! Writing results: standard output, and files written whole or not at all.

use std::io::Write;
use std::path::Path;

use crate::failure::Failure;

/// Writes `text` to standard output. A closed pipe (`| head`) is not an error.
pub fn print(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(Failure::Output),
    }
}

/// Refuses a file that exists (also a dangling symbolic link, a device or a FIFO) unless
/// `force`: the one overwrite rule of every file the command writes.
pub fn refuse_existing(path: &Path, force: bool) -> Result<(), Failure> {
    if !force && path.symlink_metadata().is_ok() {
        return Err(Failure::Exists(path.to_path_buf()));
    }
    Ok(())
}

/// Writes `bytes` to the real file behind `path` (symbolic links followed) through a temporary
/// file in the same directory that takes the real file's mode and owner, is synced and renamed
/// over it: the file is either the old one or whole. Anything but a regular file with a single
/// hard link is refused.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    menkyo_emulator::persist::write_atomically(path, bytes).map_err(|source| Failure::WriteFile {
        path: path.to_path_buf(),
        source,
    })
}
