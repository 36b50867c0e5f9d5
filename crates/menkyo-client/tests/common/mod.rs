//! Shared helpers of the client tests: emulated cards in an in-process reader.
#![allow(dead_code)]

use menkyo_codec::secret::Pin;
use menkyo_emulator::{CardImage, Emulator, InProcessTransport, Quirks};
use menkyo_transport::{Capabilities, CardTransport, Transaction, TransportError};

/// Both capability settings the client must handle.
pub const BOTH: [Capabilities; 2] = [Capabilities::EXTENDED, Capabilities::SHORT_ONLY];

/// The spec image called `name`.
pub fn spec_image(name: &str) -> CardImage {
    menkyo_emulator::spec_cards::image(name).unwrap_or_else(|| panic!("no spec image {name}"))
}

/// A reader with the card of `image`.
pub fn reader_with(image: CardImage, caps: Capabilities, quirks: Quirks) -> InProcessTransport {
    InProcessTransport::new(Emulator::new(image).with_quirks(quirks)).with_capabilities(caps)
}

/// A licence PIN.
pub fn pin(digits: &str) -> Pin {
    Pin::licence(digits).expect("test PIN")
}

/// Tries left of `id` in the card's image.
pub fn tries_left(transport: &InProcessTransport, id: &str) -> u8 {
    transport.card().image().pins[id].tries_left
}

/// When the injected reset strikes, relative to the APDU it hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResetTiming {
    /// The card is reset before the APDU reaches it.
    BeforeDelivery,
    /// The card processes the APDU, then is reset and its answer is lost.
    AfterDelivery,
}

/// A reader with a real emulated card in which another party resets the card at chosen
/// moments, as a second PC/SC client or a power glitch does: the card loses its volatile state
/// and the APDU in flight fails with [`TransportError::CardReset`].
pub struct ResettingReader {
    pub card: Emulator,
    pub caps: Capabilities,
    /// 1-based indexes (over the reader's lifetime) of the APDUs a reset strikes.
    pub reset_at: Vec<u64>,
    pub timing: ResetTiming,
    pub transmitted: u64,
}

impl ResettingReader {
    pub fn new(
        image: CardImage,
        caps: Capabilities,
        reset_at: Vec<u64>,
        timing: ResetTiming,
    ) -> Self {
        Self {
            card: Emulator::new(image),
            caps,
            reset_at,
            timing,
            transmitted: 0,
        }
    }
}

struct ResettingTransaction<'a> {
    reader: &'a mut ResettingReader,
}

impl Transaction for ResettingTransaction<'_> {
    fn transmit(&mut self, command: &[u8]) -> Result<Vec<u8>, TransportError> {
        let r = &mut *self.reader;
        r.transmitted += 1;
        if r.reset_at.contains(&r.transmitted) {
            if r.timing == ResetTiming::AfterDelivery {
                let _ = r.card.process(command);
            }
            r.card.reset();
            return Err(TransportError::CardReset);
        }
        let answer = r.card.process(command);
        if answer.len() < 2 {
            return Err(TransportError::ResponseTooShort(answer.len()));
        }
        Ok(answer)
    }
}

impl CardTransport for ResettingReader {
    fn name(&self) -> String {
        "emulator with resets".into()
    }
    fn capabilities(&self) -> Capabilities {
        self.caps
    }
    fn atr(&self) -> Result<Vec<u8>, TransportError> {
        Ok(self.card.atr())
    }
    fn transaction(&mut self) -> Result<Box<dyn Transaction + '_>, TransportError> {
        Ok(Box::new(ResettingTransaction { reader: self }))
    }
    fn reset(&mut self) -> Result<(), TransportError> {
        self.card.reset();
        Ok(())
    }
}

/// A reader with a real emulated card that behaves like cards where READ BINARY by SFI does not
/// leave the EF current: after each such read it re-sends the card's last DF selection, so the
/// follow-up read by offset genuinely answers `6986` (no current EF).
pub struct SfiForgetfulReader {
    pub card: Emulator,
    pub caps: Capabilities,
    last_df_select: Option<Vec<u8>>,
}

impl SfiForgetfulReader {
    pub fn new(image: CardImage, caps: Capabilities) -> Self {
        Self {
            card: Emulator::new(image),
            caps,
            last_df_select: None,
        }
    }
}

struct ForgetfulTransaction<'a> {
    reader: &'a mut SfiForgetfulReader,
}

impl Transaction for ForgetfulTransaction<'_> {
    fn transmit(&mut self, command: &[u8]) -> Result<Vec<u8>, TransportError> {
        let r = &mut *self.reader;
        let answer = r.card.process(command);
        match command {
            [_, 0xA4, 0x00 | 0x04, ..] => r.last_df_select = Some(command.to_vec()),
            [_, 0xB0, p1, ..] if p1 & 0x80 != 0 => {
                if let Some(select) = r.last_df_select.clone() {
                    let _ = r.card.process(&select);
                }
            }
            _ => {}
        }
        Ok(answer)
    }
}

impl CardTransport for SfiForgetfulReader {
    fn name(&self) -> String {
        "emulator forgetting SFI reads".into()
    }
    fn capabilities(&self) -> Capabilities {
        self.caps
    }
    fn atr(&self) -> Result<Vec<u8>, TransportError> {
        Ok(self.card.atr())
    }
    fn transaction(&mut self) -> Result<Box<dyn Transaction + '_>, TransportError> {
        Ok(Box::new(ForgetfulTransaction { reader: self }))
    }
    fn reset(&mut self) -> Result<(), TransportError> {
        self.card.reset();
        Ok(())
    }
}

/// A real emulated card that reports the IC licence's ATR whatever it is, as a card whose
/// pseudo-ATR happens to match would: reads must not trust the ATR alone.
pub struct IcLicenceAtr(pub Emulator);

impl menkyo_emulator::VirtualCard for IcLicenceAtr {
    fn atr(&self) -> Vec<u8> {
        menkyo_codec::layout::ic::ATR.to_vec()
    }
    fn power_on(&mut self) {
        self.0.power_on();
    }
    fn power_off(&mut self) {
        self.0.power_off();
    }
    fn reset(&mut self) {
        self.0.reset();
    }
    fn process(&mut self, command: &[u8]) -> Vec<u8> {
        self.0.process(command)
    }
    fn image(&self) -> &CardImage {
        self.0.image()
    }
}
