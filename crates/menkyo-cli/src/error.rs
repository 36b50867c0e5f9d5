//! Errors of the command, each printed as one line.

use std::path::PathBuf;

use menkyo_codec::records::{GuessError, RecordError, RecordKind};

use crate::commands::{EmulateError, ReadersError};
use crate::input::InputError;

/// Exit status for input the command cannot use.
const BAD_INPUT: u8 = 2;
/// Exit status for failures of the system (reading, writing).
const FAILURE: u8 = 1;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The input file cannot be read.
    #[error("cannot read {}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The input is not usable bytes.
    #[error("bad input")]
    Input(#[from] InputError),
    /// The kind was not given and cannot be told from the bytes.
    #[error("cannot guess the kind (give --kind)")]
    Guess(#[from] GuessError),
    /// The bytes are not the kind they were said or guessed to be.
    #[error("not a valid {kind}{}", if *guessed { " (the kind guessed from how the bytes start; name another with --kind)" } else { "" })]
    Decode {
        /// The kind.
        kind: RecordKind,
        /// Whether the kind was guessed rather than given.
        guessed: bool,
        /// Why.
        #[source]
        source: RecordError,
    },
    /// The output cannot be written.
    #[error("cannot write the output")]
    Write(#[source] std::io::Error),
    /// A card command failed; printed with its own line and advice.
    #[error("{}", .0.one_line())]
    Command(#[from] crate::failure::Failure),
    /// `menkyo readers` failed.
    #[error(transparent)]
    Readers(#[from] ReadersError),
    /// `menkyo emulate` failed.
    #[error(transparent)]
    Emulate(#[from] EmulateError),
}

impl CliError {
    /// The error and its causes, most specific last, on one line.
    pub fn one_line(&self) -> String {
        if let CliError::Command(failure) = self {
            return failure.one_line();
        }
        with_causes(self)
    }

    /// The exit status.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Read { .. } | CliError::Write(_) => FAILURE,
            CliError::Input(_) | CliError::Guess(_) | CliError::Decode { .. } => BAD_INPUT,
            CliError::Command(failure) => failure.exit_code(),
            CliError::Readers(e) => e.exit_code(),
            CliError::Emulate(e) => e.exit_code(),
        }
    }
}

/// `err` and its causes on one line, `a: b: c`.
pub fn with_causes(err: &dyn std::error::Error) -> String {
    let mut line = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        line.push_str(": ");
        line.push_str(&cause.to_string());
        source = cause.source();
    }
    line
}
