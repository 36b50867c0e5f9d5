//! What a read brings back besides the records: the raw files, and the files it skipped and why.

use menkyo_codec::status::StatusWord;
use serde::Serialize;

use crate::error::{Error, Step};
use crate::files::EfRef;
use crate::pin::PinId;

/// One EF as read from the card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawFile {
    /// Which file.
    pub ef: EfRef,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Why a file was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
pub enum SkipReason {
    /// The file needs a PIN the caller did not give.
    PinNotGiven {
        /// The PIN.
        pin: PinId,
    },
    /// The card does not hold the file (`6A82`).
    NotOnCard,
    /// The card refused the read (`6982`: security status not satisfied) although the PINs
    /// the layout names were verified.
    Refused,
}

/// A file the read left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// Its path (`DF1/EF02`).
    pub file: &'static str,
    /// The spec's name.
    pub name: &'static str,
    /// Why.
    #[serde(flatten)]
    pub reason: SkipReason,
}

impl Skipped {
    pub(crate) fn new(ef: &EfRef, reason: SkipReason) -> Self {
        Self {
            file: ef.path,
            name: ef.name,
            reason,
        }
    }
}

/// Turns a read's answer into a file, a skip (`6A82`, `6982`), or an error.
pub(crate) fn file_or_skip(
    ef: &EfRef,
    result: Result<Vec<u8>, Error>,
) -> Result<Result<RawFile, Skipped>, Error> {
    match result {
        Ok(bytes) => Ok(Ok(RawFile { ef: *ef, bytes })),
        Err(Error::UnexpectedStatus {
            step: Step::Read(_),
            sw: StatusWord::FileNotFound,
        }) => Ok(Err(Skipped::new(ef, SkipReason::NotOnCard))),
        Err(Error::UnexpectedStatus {
            step: Step::Read(_),
            sw: StatusWord::SecurityStatusNotSatisfied,
        }) => Ok(Err(Skipped::new(ef, SkipReason::Refused))),
        Err(err) => Err(err),
    }
}
