//! PC/SC failures as [`TransportError`]s, the crate's own [`Error`], and what the user can do
//! about each.

use menkyo_transport::TransportError;

/// What went wrong in the PC/SC back end beyond a [`TransportError`]: a PC/SC call that failed
/// in a way no [`TransportError`] variant names (carried as the `source` of
/// [`TransportError::Backend`]), no one reader could be chosen, or a write command was refused.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No PC/SC service, no reader, or no reader holding a card.
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// A PC/SC function returned an error code.
    #[error("{call} failed")]
    Call {
        /// The PC/SC function (`SCardTransmit`, …).
        call: &'static str,
        /// The PC/SC error code.
        #[source]
        source: pcsc::Error,
    },
    /// A reader name given by the user matches several readers.
    #[error("{given:?} matches several readers: {}", matches.join(", "))]
    AmbiguousReader {
        /// What the user gave.
        given: String,
        /// The readers whose names contain it.
        matches: Vec<String>,
    },
    /// An index past the last reader.
    #[error("there is no reader number {index}; there are {count}")]
    NoReaderIndex {
        /// The index given.
        index: usize,
        /// How many readers there are.
        count: usize,
    },
    /// Several readers hold a card and none was named.
    #[error("several readers hold a card: {}", .0.join(", "))]
    SeveralReaders(Vec<String>),
    /// A write command the back end refused to send ([`crate::write_guard`]).
    #[error("refused to send {name} (INS {ins:02X}): menkyo never writes to a real card")]
    WriteRefused {
        /// The instruction byte.
        ins: u8,
        /// Its name.
        name: &'static str,
    },
}

/// Where a PC/SC call happened, which decides how some codes read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    /// Establishing the context or listing and watching readers.
    Service,
    /// Connecting to a named reader.
    Connect,
    /// Talking to a connected card.
    Session,
}

/// Maps a PC/SC error code to the transport error that names it.
///
/// `reader` is the reader concerned, for [`TransportError::UnknownReader`].
pub(crate) fn map(
    call: &'static str,
    err: pcsc::Error,
    phase: Phase,
    reader: Option<&str>,
) -> TransportError {
    use pcsc::Error as E;
    match err {
        E::NoService | E::ServiceStopped | E::Shutdown => TransportError::ServiceUnavailable,
        // pcsc-lite's answer to a call in progress when pcscd goes away.
        E::CommError if phase == Phase::Service => TransportError::ServiceUnavailable,
        E::NoReadersAvailable => TransportError::NoReader,
        E::UnknownReader => match reader {
            Some(name) => TransportError::UnknownReader(name.to_owned()),
            None => TransportError::NoReader,
        },
        E::ReaderUnavailable if phase == Phase::Session => TransportError::CardRemoved,
        E::ReaderUnavailable => match reader {
            Some(name) => TransportError::UnknownReader(name.to_owned()),
            None => TransportError::NoReader,
        },
        E::NoSmartcard if phase == Phase::Session => TransportError::CardRemoved,
        E::NoSmartcard => TransportError::NoCard,
        E::RemovedCard => TransportError::CardRemoved,
        E::ResetCard | E::UnpoweredCard => TransportError::CardReset,
        E::SharingViolation => TransportError::SharingViolation,
        E::UnresponsiveCard => TransportError::Unresponsive,
        E::Timeout if phase == Phase::Session => TransportError::Unresponsive,
        source => TransportError::Backend {
            context: doing(call),
            source: Box::new(Error::Call { call, source }),
        },
    }
}

/// What a PC/SC call does, for messages.
fn doing(call: &'static str) -> &'static str {
    match call {
        "SCardEstablishContext" => "connecting to the PC/SC service",
        "SCardListReaders" => "listing the readers",
        "SCardGetStatusChange" => "watching the readers",
        "SCardConnect" => "connecting to the card",
        "SCardReconnect" => "reconnecting to the card",
        "SCardBeginTransaction" => "starting a session with the card",
        "SCardTransmit" => "sending a command to the card",
        "SCardStatus" => "asking the card's status",
        _ => "talking to the PC/SC service",
    }
}

/// What the user can do next about a transport error, in one sentence, for command-line
/// messages. `None` when there is nothing better to say than the error itself.
pub fn advice(err: &TransportError) -> Option<&'static str> {
    match err {
        TransportError::ServiceUnavailable => Some(SERVICE_ADVICE),
        TransportError::NoReader => Some(
            "connect a reader (for example a Sony PaSoRi RC-S300) and check that `menkyo readers` \
             lists it, or serve an emulated card with `menkyo emulate`",
        ),
        TransportError::UnknownReader(_) => {
            Some("`menkyo readers` lists the reader names PC/SC knows; pass one of them exactly")
        }
        TransportError::NoCard => Some("place the card on the reader and try again"),
        TransportError::CardRemoved => {
            Some("keep the card still on the reader until the read finishes, then try again")
        }
        TransportError::CardReset => Some("another program reset the card; try again"),
        TransportError::SharingViolation => Some(
            "another program is using the card; this is usually transient: try again in a \
             moment, or close the other program",
        ),
        TransportError::Unresponsive => Some(
            "lift the card off the reader and place it again, flat and in the middle; if it \
             keeps failing, try another reader",
        ),
        TransportError::CommandTooLong { .. } => {
            Some("this reader carries short APDUs only: read with short APDUs")
        }
        _ => None,
    }
}

#[cfg(target_os = "linux")]
const SERVICE_ADVICE: &str = "start pcscd (`sudo systemctl start pcscd.socket`, or run \
     `sudo pcscd` once), or use the emulator (`--emulator`)";
#[cfg(target_os = "macos")]
const SERVICE_ADVICE: &str = "the smart card service of macOS starts when a reader is \
     connected: connect the reader, or use the emulator (`--emulator`)";
#[cfg(target_os = "windows")]
const SERVICE_ADVICE: &str = "start the Smart Card service (`sc start SCardSvr` in an \
     administrator prompt; it starts by itself when a reader is connected), or use the emulator \
     (`--emulator`)";
#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
const SERVICE_ADVICE: &str =
    "start pcscd (run `pcscd` as root), or use the emulator (`--emulator`)";

#[cfg(test)]
mod tests {
    use super::*;
    use pcsc::Error as E;
    use Phase::{Connect, Session};

    const CONNECT: &str = "SCardConnect";
    const TRANSMIT: &str = "SCardTransmit";

    #[test]
    fn service_codes_mean_service_unavailable() {
        for code in [pcsc::Error::NoService, pcsc::Error::ServiceStopped] {
            let err = map("SCardEstablishContext", code, Phase::Service, None);
            assert!(
                matches!(err, TransportError::ServiceUnavailable),
                "{code:?}"
            );
        }
    }

    #[test]
    fn card_codes_depend_on_phase() {
        let foo = Some("Foo 00 00");
        let cases = [
            (CONNECT, E::NoSmartcard, Connect, None, "NoCard"),
            (TRANSMIT, E::NoSmartcard, Session, None, "CardRemoved"),
            (TRANSMIT, E::ReaderUnavailable, Session, None, "CardRemoved"),
            (
                CONNECT,
                E::UnknownReader,
                Connect,
                foo,
                r#"UnknownReader("Foo 00 00")"#,
            ),
        ];
        for (function, code, phase, reader, expected) in cases {
            let err = map(function, code, phase, reader);
            assert_eq!(
                format!("{err:?}"),
                expected,
                "{function} {code:?} in {phase:?}"
            );
        }
    }

    #[test]
    fn sharing_violation_is_typed_and_advised_as_transient() {
        let err = map(CONNECT, E::SharingViolation, Connect, None);
        assert!(matches!(err, TransportError::SharingViolation));
        assert!(advice(&err).is_some_and(|a| a.contains("transient")));
    }

    #[test]
    fn other_codes_keep_their_source() {
        let err = map(TRANSMIT, E::CommError, Session, None);
        let TransportError::Backend { context, source } = err else {
            panic!("expected a backend error, got {err:?}");
        };
        assert_eq!(context, "sending a command to the card");
        assert_eq!(source.to_string(), "SCardTransmit failed");
        let cause = source.source().map(ToString::to_string).unwrap_or_default();
        assert!(cause.contains("communications error"), "{cause}");
    }

    #[test]
    fn service_advice_says_how_to_start_it() {
        let advice = advice(&TransportError::ServiceUnavailable).unwrap_or_default();
        assert!(advice.contains("--emulator"));
    }
}
