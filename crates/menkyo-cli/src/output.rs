//! Reading and writing files, and standard output. Standard output closed early (`| head`)
//! ends the output quietly: nothing more is written, and it is no error (exit status 0).

use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::Error;

static CLOSED: AtomicBool = AtomicBool::new(false);

/// Writes `text` to standard output; once it is closed, writes nothing more.
pub fn print(text: &str) -> Result<(), Error> {
    write_bytes(text.as_bytes())
}

/// Writes `bytes` to standard output; once it is closed, writes nothing more.
pub fn write_bytes(bytes: &[u8]) -> Result<(), Error> {
    if closed() {
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => {
            CLOSED.store(true, Ordering::SeqCst);
            Ok(())
        }
        other => other.map_err(Error::Output),
    }
}

/// Whether standard output was closed by its reader: a command that would go on printing (a
/// watch) stops.
pub fn closed() -> bool {
    CLOSED.load(Ordering::SeqCst)
}

/// Reads a whole file.
pub fn read_file(path: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|source| Error::ReadFile {
        path: path.to_path_buf(),
        source,
    })
}

/// Writes a whole file.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    std::fs::write(path, bytes).map_err(|source| Error::WriteFile {
        path: path.to_path_buf(),
        source,
    })
}

/// Writes `bytes` to `path` through a temporary file in the same directory that is synced and
/// renamed over it: the file is either the old one or whole.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let failed = |source| Error::WriteFile {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(failed)?;
    file.write_all(bytes).map_err(failed)?;
    file.as_file().sync_all().map_err(failed)?;
    file.persist(path).map_err(|e| failed(e.error))?;
    Ok(())
}
