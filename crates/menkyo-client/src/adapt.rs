//! What the client learns about a reader from its answers, and the report of it.
//!
//! A reader that does not carry what it claims (extended length, long answers) refuses a
//! READ BINARY with `67 00` or a transmit error. The client then asks for less, one rung at a
//! time: extended length with answers of 1024 bytes, short APDUs (256), short APDUs with answers
//! of 255 bytes. Only READ BINARY is re-sent this way: it changes nothing on the card, and
//! never carries a PIN. What was learned holds for the rest of the session.

use menkyo_transport::{Capabilities, TransportError};
use serde::Serialize;

/// APDU lengths in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LengthMode {
    /// Extended length (Le of up to 65 536).
    Extended,
    /// Short APDUs only (Le of up to 256).
    Short,
}

impl LengthMode {
    pub(crate) fn of(caps: Capabilities) -> Self {
        if caps.extended_length {
            LengthMode::Extended
        } else {
            LengthMode::Short
        }
    }
}

/// One step down the ladder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fallback {
    /// The Le the reader refused.
    pub refused_ne: usize,
    /// How it refused: the status word or the transmit error.
    pub refusal: String,
    /// The length mode after the step.
    pub length: LengthMode,
    /// The largest Le after the step.
    pub max_ne: usize,
}

/// The reader as the session found it: `link` in `menkyo read --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkReport {
    /// The length mode the session ended in.
    pub length: LengthMode,
    /// The largest Le it ended with.
    pub max_ne: usize,
    /// Every step down, in order.
    pub fallbacks: Vec<Fallback>,
    /// Procedures run again from the start after the card was reset or the field dropped.
    pub restarts: u64,
}

impl LinkReport {
    pub(crate) fn new(caps: Capabilities, fallbacks: Vec<Fallback>, restarts: u64) -> Self {
        LinkReport {
            length: LengthMode::of(caps),
            max_ne: caps.max_ne(),
            fallbacks,
            restarts,
        }
    }
}

/// Extended length with answers of 1024 bytes, a common buffer size of CCID readers.
const EXTENDED_1K: Capabilities = Capabilities {
    extended_length: true,
    max_command_len: 4 + 3 + 65_535 + 3,
    max_response_len: 1024 + 2,
};

/// Short APDUs with answers of 255 bytes (readers that take Le = `00` as 0, or whose frame
/// holds 255 bytes with the status word).
const SHORT_255: Capabilities = Capabilities {
    extended_length: false,
    max_command_len: 261,
    max_response_len: 255 + 2,
};

/// The next rung below `caps` that asks for less than `refused_ne`, if there is one.
pub(crate) fn lower(caps: Capabilities, refused_ne: usize) -> Option<Capabilities> {
    [EXTENDED_1K, Capabilities::SHORT_ONLY, SHORT_255]
        .into_iter()
        .find(|rung| {
            rung.max_ne() < refused_ne
                && rung.max_ne() < caps.max_ne()
                && (caps.extended_length || !rung.extended_length)
        })
}

/// Whether a transmit error may be the reader refusing the command's length (a CCID reader's
/// driver fails the transmit), rather than the card going away.
pub(crate) fn may_be_refusal(error: &TransportError) -> bool {
    matches!(
        error,
        TransportError::Backend { .. }
            | TransportError::CommandTooLong { .. }
            | TransportError::ResponseTooShort(_)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ladder_goes_down_only_to_rungs_that_ask_for_less() {
        let ext = Capabilities::EXTENDED;
        assert_eq!(lower(ext, 2005), Some(EXTENDED_1K));
        assert_eq!(lower(ext, 880), Some(Capabilities::SHORT_ONLY));
        assert_eq!(lower(EXTENDED_1K, 1024), Some(Capabilities::SHORT_ONLY));
        assert_eq!(lower(Capabilities::SHORT_ONLY, 256), Some(SHORT_255));
        assert_eq!(lower(Capabilities::SHORT_ONLY, 200), None);
        assert_eq!(lower(SHORT_255, 255), None);
    }
}
