//! What a read brings back besides the records: the raw files, and the files it skipped and why.

use menkyo_codec::status::StatusWord;
use serde::Serialize;

use crate::error::{Error, Step};
use crate::exchange::Exchange;
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

/// Reads `ef` whole into `files`, or notes it in `skipped` when the card does not hold it
/// (`6A82`) or refuses the read (`6982`); any other failure is an error.
pub(crate) fn read_or_skip(
    ex: &mut Exchange<'_>,
    ef: &'static EfRef,
    files: &mut Vec<RawFile>,
    skipped: &mut Vec<Skipped>,
) -> Result<(), Error> {
    let reason = match ex.read_ef(ef) {
        Ok(bytes) => {
            files.push(RawFile { ef: *ef, bytes });
            return Ok(());
        }
        Err(Error::UnexpectedStatus {
            step: Step::Read(_),
            sw: StatusWord::FileNotFound,
        }) => SkipReason::NotOnCard,
        Err(Error::UnexpectedStatus {
            step: Step::Read(_),
            sw: StatusWord::SecurityStatusNotSatisfied,
        }) => SkipReason::Refused,
        Err(err) => return Err(err),
    };
    skipped.push(Skipped::new(ef, reason));
    Ok(())
}
