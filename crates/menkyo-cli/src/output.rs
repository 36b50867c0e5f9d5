//! Writing results: standard output, and files written whole or not at all.

use std::io::Write;
use std::path::Path;

use crate::failure::Failure;

/// Writes `text` to standard output. A closed pipe (`| head`) is not an error.
pub fn print(text: &str) -> Result<(), Failure> {
    write_bytes(text.as_bytes())
}

/// Writes `bytes` to standard output. A closed pipe is not an error.
pub fn write_bytes(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(Failure::Output),
    }
}

/// Writes `bytes` to `path` through a temporary file in the same directory that is synced and
/// renamed over it: the file is either the old one or whole.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let failed = |source| Failure::WriteFile {
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
