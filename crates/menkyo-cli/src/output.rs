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

/// A `menkyo/1` document: `schema` and `kind`, then the fields of `body`.
#[derive(serde::Serialize)]
pub struct Document<'a, T: ?Sized> {
    schema: &'static str,
    kind: &'static str,
    #[serde(flatten)]
    body: &'a T,
}

impl<'a, T: ?Sized> Document<'a, T> {
    /// The document of this `kind` holding `body`.
    pub fn new(kind: &'static str, body: &'a T) -> Self {
        Document {
            schema: menkyo_codec::records::json::SCHEMA,
            kind,
            body,
        }
    }
}

/// `value` as pretty JSON, one line break after it.
pub fn json_text(value: &impl serde::Serialize) -> Result<String, Error> {
    let text = serde_json::to_string_pretty(value).map_err(|e| Error::Output(e.into()))?;
    Ok(text + "\n")
}

/// Writes `value` to standard output as pretty JSON, one line break after it.
pub fn print_json(value: &impl serde::Serialize) -> Result<(), Error> {
    print(&json_text(value)?)
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

/// Writes `value` as pretty-printed JSON and a line end to standard output while it is
/// serialized, through a buffer (the same bytes as [`print`] of `to_string_pretty`); once it
/// is closed, writes nothing more.
pub fn print_json_pretty(value: &impl serde::Serialize) -> Result<(), Error> {
    if closed() {
        return Ok(());
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = serde_json::to_writer_pretty(&mut out, value)
        .map_err(std::io::Error::from)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
    match written {
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

/// Reads a whole file, at most `limit` bytes (a larger one is refused while reading).
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, Error> {
    menkyo_emulator::persist::read_bounded(path, limit).map_err(|source| Error::ReadFile {
        path: path.to_path_buf(),
        source,
    })
}

/// Refuses a file that exists (also a dangling symbolic link, a device or a FIFO) unless
/// `force`: the one overwrite rule of every file the command writes.
pub fn refuse_existing(path: &Path, force: bool) -> Result<(), Error> {
    if !force && path.symlink_metadata().is_ok() {
        return Err(Error::Exists(path.to_path_buf()));
    }
    Ok(())
}

/// Writes `bytes` to the real file behind `path` (symbolic links followed) through a temporary
/// file in the same directory that takes the real file's mode and owner, is synced and renamed
/// over it: the file is either the old one or whole. Anything but a regular file with a single
/// hard link is refused.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    menkyo_emulator::persist::write_atomically(path, bytes).map_err(|source| Error::WriteFile {
        path: path.to_path_buf(),
        source,
    })
}
