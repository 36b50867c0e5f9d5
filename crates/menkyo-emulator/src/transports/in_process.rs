//! The emulator behind the [`CardTransport`] trait, as a reader with configurable limits.

use menkyo_codec::apdu::{CommandApdu, LengthEncoding};
use menkyo_transport::{Capabilities, CardTransport, Transaction, TransportError};

use crate::emulator::{Emulator, VirtualCard};
use crate::reader_profile::{Played, PlayedReader, ReaderProfile};
use crate::Error;

/// A software card in the same process, reached through [`CardTransport`].
#[derive(Debug)]
pub struct InProcessTransport<C: VirtualCard = Emulator> {
    card: C,
    capabilities: Capabilities,
    played: Option<PlayedReader>,
}

impl<C: VirtualCard> InProcessTransport<C> {
    /// A reader carrying extended APDUs ([`Capabilities::EXTENDED`]).
    pub fn new(card: C) -> Self {
        InProcessTransport {
            card,
            capabilities: Capabilities::EXTENDED,
            played: None,
        }
    }

    /// The same reader playing a real reader's limits ([`ReaderProfile`]). It reports
    /// [`Capabilities::EXTENDED`], as a reader without PC/SC part 10 properties does, so a
    /// client learns the limits from the reader's answers.
    pub fn with_reader_profile(mut self, profile: ReaderProfile) -> Self {
        self.capabilities = Capabilities::EXTENDED;
        self.played = Some(PlayedReader::new(profile));
        self
    }

    /// The played reader, with its counts and the link model's time.
    pub fn played_reader(&self) -> Option<&PlayedReader> {
        self.played.as_ref()
    }

    /// The same reader with other limits (e.g. [`Capabilities::SHORT_ONLY`]).
    pub fn with_capabilities(mut self, capabilities: Capabilities) -> Self {
        self.capabilities = capabilities;
        self
    }

    /// The card.
    pub fn card(&self) -> &C {
        &self.card
    }

    /// The card, to power it or change it.
    pub fn card_mut(&mut self) -> &mut C {
        &mut self.card
    }

    /// Takes the card out of the reader.
    pub fn into_card(self) -> C {
        self.card
    }
}

struct InProcessTransaction<'a, C: VirtualCard> {
    card: &'a mut C,
    capabilities: Capabilities,
    played: Option<&'a mut PlayedReader>,
}

impl<C: VirtualCard> Transaction for InProcessTransaction<'_, C> {
    fn transmit(&mut self, command: &[u8]) -> Result<Vec<u8>, TransportError> {
        if let Some(played) = self.played.as_deref_mut() {
            return match played.exchange(self.card, command) {
                Played::Answer(answer) if answer.len() < 2 => Err(TransportError::Unresponsive),
                Played::Answer(answer) => Ok(answer),
                Played::FieldDropped => Err(TransportError::CardReset),
            };
        }
        let caps = self.capabilities;
        if command.len() > caps.max_command_len {
            return Err(TransportError::CommandTooLong {
                len: command.len(),
                max: caps.max_command_len,
            });
        }
        let extended = matches!(
            CommandApdu::parse_with_encoding(command),
            Ok((_, LengthEncoding::Extended))
        );
        if extended && !caps.extended_length {
            return Err(limit(Error::ReaderShortOnly));
        }
        let response = self.card.process(command);
        if let Some(error) = self.card.take_storage_error() {
            return Err(TransportError::Backend {
                context: "the emulated card answered 6581 memory failure",
                source: Box::new(error),
            });
        }
        if response.len() < 2 {
            return Err(TransportError::Unresponsive);
        }
        if response.len() > caps.max_response_len {
            return Err(limit(Error::ReaderAnswerTooLong {
                len: response.len(),
                max: caps.max_response_len,
            }));
        }
        Ok(response)
    }
}

/// A limit of the simulated reader that a command or response broke, as the transport error
/// a real reader's driver gives.
fn limit(error: Error) -> TransportError {
    TransportError::Backend {
        context: "the emulated reader refused the APDU",
        source: Box::new(error),
    }
}

impl<C: VirtualCard> CardTransport for InProcessTransport<C> {
    fn name(&self) -> String {
        "emulator".to_owned()
    }

    fn capabilities(&self) -> Capabilities {
        self.capabilities
    }

    fn atr(&self) -> Result<Vec<u8>, TransportError> {
        Ok(self.card.atr())
    }

    fn transaction(&mut self) -> Result<Box<dyn Transaction + '_>, TransportError> {
        Ok(Box::new(InProcessTransaction {
            card: &mut self.card,
            capabilities: self.capabilities,
            played: self.played.as_mut(),
        }))
    }

    fn reset(&mut self) -> Result<(), TransportError> {
        self.card.reset();
        Ok(())
    }
}
