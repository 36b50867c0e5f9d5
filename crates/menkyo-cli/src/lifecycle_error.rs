//! Errors of the JPKI and card life-cycle commands.

use std::path::PathBuf;

use menkyo_auth::KeyError;
use menkyo_emulator::licence_ap::LifecycleError;
use menkyo_emulator::profile::ProfileError;
use menkyo_emulator::signing::SigningError;
use menkyo_emulator::ImageError;
use menkyo_transport::TransportError;

use crate::secret_input::SecretInputError;

/// Exit status when a signature is not valid (invalid or unverifiable).
pub const NOT_VALID: u8 = crate::failure::exit::SIGNATURE;

/// Why a JPKI or life-cycle command failed.
#[derive(Debug, thiserror::Error)]
pub enum LifecycleCliError {
    /// The card image cannot be loaded or saved.
    #[error("card image")]
    Image(#[from] ImageError),
    /// The card image cannot be opened as a card.
    #[error("card image")]
    Emulator(#[from] menkyo_emulator::Error),
    /// A profile cannot be read or built.
    #[error(transparent)]
    Profile(#[from] ProfileError),
    /// No profile file and no sample by that name.
    #[error("{0:?} is neither a profile file nor a built-in sample")]
    NoSuchProfile(String),
    /// `card new` needs an IC licence profile.
    #[error("{0} is not an IC licence profile (card.kind = \"ic-licence\")")]
    NotIcLicenceProfile(String),
    /// A 免許AP step cannot be done.
    #[error("免許AP")]
    Lifecycle(#[from] LifecycleError),
    /// The card procedure failed.
    #[error("card")]
    Card(#[from] menkyo_client::Error),
    /// The reader cannot be reached.
    #[error("reader")]
    Transport(#[from] TransportError),
    /// A PIN or password could not be had.
    #[error(transparent)]
    Secret(#[from] SecretInputError),
    /// A key or certificate cannot be used.
    #[error("key or certificate")]
    Key(#[from] KeyError),
    /// The card could not be signed.
    #[error("signing")]
    Signing(#[from] SigningError),
    /// A file cannot be read.
    #[error("cannot read {}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A file cannot be written.
    #[error("cannot write {}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The card could not be opened.
    #[error(transparent)]
    Open(Box<crate::failure::Failure>),
    /// A signature that does not verify (the report was printed).
    #[error("the signature is {0}")]
    NotValid(&'static str),
}

impl LifecycleCliError {
    /// The exit status: [`NOT_VALID`] for a signature that is not valid, the card commands'
    /// statuses for card, PIN and reader failures, 2 for unusable input, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            LifecycleCliError::NotValid(_) => NOT_VALID,
            LifecycleCliError::Open(failure) => failure.exit_code(),
            LifecycleCliError::Card(err) => crate::failure::client_exit(err),
            LifecycleCliError::Transport(err) => crate::failure::transport_exit(err),
            LifecycleCliError::Profile(_)
            | LifecycleCliError::NoSuchProfile(_)
            | LifecycleCliError::NotIcLicenceProfile(_)
            | LifecycleCliError::Lifecycle(_)
            | LifecycleCliError::Secret(_)
            | LifecycleCliError::Key(_)
            | LifecycleCliError::Image(_) => 2,
            _ => 1,
        }
    }
}

impl LifecycleCliError {
    /// What the user can do next, when there is more to say than the error itself.
    pub fn advice(&self) -> Option<String> {
        match self {
            LifecycleCliError::Card(err) => crate::failure::client_advice(err),
            LifecycleCliError::Transport(err) => crate::failure::transport_advice(err),
            LifecycleCliError::Open(failure) => failure.advice(),
            LifecycleCliError::Secret(err) => Some(err.advice()),
            LifecycleCliError::Image(ImageError::NotFound { .. }) => {
                Some("create one with `menkyo card new`".to_owned())
            }
            _ => None,
        }
    }
}

impl From<LifecycleCliError> for crate::failure::Failure {
    fn from(error: LifecycleCliError) -> Self {
        crate::failure::Failure::Lifecycle(Box::new(error))
    }
}

/// The largest document or signature file `jpki sign` and `jpki verify` read.
pub const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a whole file, at most [`MAX_DOCUMENT_BYTES`].
pub fn read(path: &std::path::Path) -> Result<Vec<u8>, LifecycleCliError> {
    menkyo_emulator::persist::read_bounded(path, MAX_DOCUMENT_BYTES).map_err(|source| {
        LifecycleCliError::Read {
            path: path.to_path_buf(),
            source,
        }
    })
}

/// Writes a whole file or nothing (see [`crate::output::write_atomically`]).
pub fn write(path: &std::path::Path, bytes: &[u8]) -> Result<(), LifecycleCliError> {
    menkyo_emulator::persist::write_atomically(path, bytes).map_err(|source| {
        LifecycleCliError::Write {
            path: path.to_path_buf(),
            source,
        }
    })
}

/// Refuses a file that exists unless `force` (see [`crate::output::refuse_existing`]).
pub fn refuse_existing(path: &std::path::Path, force: bool) -> Result<(), LifecycleCliError> {
    crate::output::refuse_existing(path, force)
        .map_err(|failure| LifecycleCliError::Open(Box::new(failure)))
}

/// Writes `text` to standard output.
pub fn print(text: &str) -> Result<(), LifecycleCliError> {
    use std::io::Write;
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .map_err(|source| LifecycleCliError::Write {
            path: PathBuf::from("-"),
            source,
        })
}
