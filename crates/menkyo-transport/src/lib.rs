#![forbid(unsafe_code)]
//! The transport trait between the card back ends (the in-process emulator, PC/SC readers) and
//! everything that speaks ISO 7816-4 to a card.
//!
//! A back end only moves raw APDUs: it hands out a [`Transaction`] and the transaction sends one
//! command and returns the card's raw answer (data followed by SW1 SW2). Chaining, GET RESPONSE,
//! 6Cxx re-sends and the choice between short and extended length are done once, above this
//! trait, in `menkyo-client`.

use std::error::Error as StdError;

mod wake;
pub use wake::Wakeable;

/// What a back end can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capabilities {
    /// The back end carries extended-length APDUs (Lc and Le of two bytes).
    pub extended_length: bool,
    /// Largest command APDU, in bytes, header included.
    pub max_command_len: usize,
    /// Largest response APDU, in bytes, SW1 SW2 included.
    pub max_response_len: usize,
}

impl Capabilities {
    /// Short APDUs only: 5 + 255 bytes of command, 256 + 2 bytes of response.
    pub const SHORT_ONLY: Capabilities = Capabilities {
        extended_length: false,
        max_command_len: 261,
        max_response_len: 258,
    };
    /// Extended APDUs: up to 65 535 data bytes in, 65 536 out.
    pub const EXTENDED: Capabilities = Capabilities {
        extended_length: true,
        max_command_len: 4 + 3 + 65_535 + 3,
        max_response_len: 65_536 + 2,
    };

    /// The largest Ne this back end can take in one response.
    pub fn max_ne(&self) -> usize {
        let max = self.max_response_len.saturating_sub(2);
        if self.extended_length {
            max.min(65_536)
        } else {
            max.min(256)
        }
    }
}

/// Why a back end could not move an APDU.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TransportError {
    /// The smart card service (pcscd on Linux) is not running.
    #[error("the PC/SC service is not running")]
    ServiceUnavailable,
    /// No reader is connected.
    #[error("no smart card reader is connected")]
    NoReader,
    /// The named reader does not exist.
    #[error("there is no reader named {0:?}")]
    UnknownReader(String),
    /// The reader is there but holds no card.
    #[error("no card in the reader")]
    NoCard,
    /// The card was taken away while it was in use.
    #[error("the card was removed")]
    CardRemoved,
    /// The card was reset under us (by another program or a power glitch). The back end has
    /// reconnected; the card's volatile state (selected files, verified PINs) is gone.
    #[error("the card was reset; its selected files and verified PINs are gone")]
    CardReset,
    /// Another program holds the card exclusively. Usually transient.
    #[error("another program is using the card")]
    SharingViolation,
    /// The card does not answer.
    #[error("the card does not answer")]
    Unresponsive,
    /// The command is longer than the back end can carry.
    #[error("the command of {len} bytes is longer than the reader can carry ({max})")]
    CommandTooLong {
        /// Length of the command.
        len: usize,
        /// The back end's limit.
        max: usize,
    },
    /// The back end answered with less than the two status bytes.
    #[error("the card's answer of {0} bytes has no status word")]
    ResponseTooShort(usize),
    /// Any other failure of the back end, with its cause.
    #[error("{context}")]
    Backend {
        /// What was being done.
        context: &'static str,
        /// The back end's own error.
        #[source]
        source: Box<dyn StdError + Send + Sync>,
    },
}

/// One exclusive session with the card: nothing else talks to the card while it lives.
pub trait Transaction {
    /// Sends one raw command APDU and returns the card's raw answer, data then SW1 SW2.
    fn transmit(&mut self, command: &[u8]) -> Result<Vec<u8>, TransportError>;
}

/// A connected card behind some back end.
pub trait CardTransport {
    /// A short name of the back end and reader, for messages (e.g. `emulator`, `Virtual PCD 00 00`).
    fn name(&self) -> String;
    /// What the back end can carry.
    fn capabilities(&self) -> Capabilities;
    /// The card's answer to reset.
    fn atr(&self) -> Result<Vec<u8>, TransportError>;
    /// Starts an exclusive session with the card.
    fn transaction(&mut self) -> Result<Box<dyn Transaction + '_>, TransportError>;
    /// Resets the card (warm reset). Volatile card state is gone afterwards.
    fn reset(&mut self) -> Result<(), TransportError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_ne_follows_length_mode() {
        assert_eq!(Capabilities::SHORT_ONLY.max_ne(), 256);
        assert_eq!(Capabilities::EXTENDED.max_ne(), 65_536);
        let small = Capabilities {
            extended_length: true,
            max_command_len: 261,
            max_response_len: 1026,
        };
        assert_eq!(small.max_ne(), 1024);
    }

    #[test]
    fn trait_is_object_safe() {
        fn takes(_: Option<&mut dyn CardTransport>) {}
        takes(None);
    }
}

/// The example of the crate's README, run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
