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

/// What a [`HookedReader`] does with each command: given the card and the command, the answer
/// the reader returns or the failure it reports.
pub type Hook = Box<dyn FnMut(&mut Emulator, &[u8]) -> Result<Vec<u8>, TransportError>>;

/// A reader with a real emulated card whose every exchange goes through a [`Hook`], as a reader
/// shared with another party, or a card with habits of its own, behaves.
pub struct HookedReader {
    pub card: Emulator,
    pub caps: Capabilities,
    name: &'static str,
    hook: Hook,
}

struct HookedTransaction<'a> {
    reader: &'a mut HookedReader,
}

impl Transaction for HookedTransaction<'_> {
    fn transmit(&mut self, command: &[u8]) -> Result<Vec<u8>, TransportError> {
        let r = &mut *self.reader;
        (r.hook)(&mut r.card, command)
    }
}

impl CardTransport for HookedReader {
    fn name(&self) -> String {
        self.name.into()
    }
    fn capabilities(&self) -> Capabilities {
        self.caps
    }
    fn atr(&self) -> Result<Vec<u8>, TransportError> {
        Ok(self.card.atr())
    }
    fn transaction(&mut self) -> Result<Box<dyn Transaction + '_>, TransportError> {
        Ok(Box::new(HookedTransaction { reader: self }))
    }
    fn reset(&mut self) -> Result<(), TransportError> {
        self.card.reset();
        Ok(())
    }
}

/// A reader with the card of `image` in which another party resets the card at chosen moments,
/// as a second PC/SC client or a power glitch does: the card loses its volatile state and the
/// APDU in flight fails with [`TransportError::CardReset`]. `reset_at` holds the 1-based
/// indexes (over the reader's lifetime) of the APDUs a reset strikes.
pub fn resetting_reader(
    image: CardImage,
    caps: Capabilities,
    reset_at: Vec<u64>,
    timing: ResetTiming,
) -> HookedReader {
    let mut transmitted = 0_u64;
    HookedReader {
        card: Emulator::new(image),
        caps,
        name: "emulator with resets",
        hook: Box::new(move |card, command| {
            transmitted += 1;
            if reset_at.contains(&transmitted) {
                if timing == ResetTiming::AfterDelivery {
                    let _ = card.process(command);
                }
                card.reset();
                return Err(TransportError::CardReset);
            }
            let answer = card.process(command);
            if answer.len() < 2 {
                return Err(TransportError::ResponseTooShort(answer.len()));
            }
            Ok(answer)
        }),
    }
}

/// A reader with the card of `image` that behaves like cards where READ BINARY by SFI does not
/// leave the EF current: after each such read it re-sends the card's last DF selection, so the
/// follow-up read by offset genuinely answers `6986` (no current EF).
pub fn sfi_forgetful_reader(image: CardImage, caps: Capabilities) -> HookedReader {
    let mut last_df_select: Option<Vec<u8>> = None;
    HookedReader {
        card: Emulator::new(image),
        caps,
        name: "emulator forgetting SFI reads",
        hook: Box::new(move |card, command| {
            let answer = card.process(command);
            match command {
                [_, 0xA4, 0x00 | 0x04, ..] => last_df_select = Some(command.to_vec()),
                [_, 0xB0, p1, ..] if p1 & 0x80 != 0 => {
                    if let Some(select) = &last_df_select {
                        let _ = card.process(select);
                    }
                }
                _ => {}
            }
            Ok(answer)
        }),
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

/// The two PINs of an IC licence.
pub fn ic_pins(pin1: &str, pin2: &str) -> menkyo_client::IcPins {
    menkyo_client::IcPins {
        pin1: Some(pin(pin1)),
        pin2: Some(pin(pin2)),
    }
}

/// Fails unless `err` says PIN `id` was wrong and has `tries` tries left.
pub fn assert_wrong_pin(err: &menkyo_client::Error, id: menkyo_client::PinId, tries: u8) {
    assert!(
        matches!(
            err,
            menkyo_client::Error::WrongPin { pin, tries_left } if *pin == id && *tries_left == tries
        ),
        "{err:?}"
    );
}

/// A reader with the spec image `name`, without quirks.
pub fn spec_reader(name: &str, caps: Capabilities) -> InProcessTransport {
    reader_with(spec_image(name), caps, Quirks::NONE)
}

/// Fails, showing the value, unless `$value` matches `$pattern`.
#[allow(unused_macros)]
macro_rules! assert_matches {
    ($value:expr, $pattern:pat) => {
        match &$value {
            value => assert!(matches!(value, $pattern), "{value:?}"),
        }
    };
}
#[allow(unused_imports)]
pub(crate) use assert_matches;

/// The 免許AP PIN and the 券面事項入力補助 PIN of a マイナ免許証.
pub fn myna_pins(licence: &str, basic_info: &str) -> menkyo_client::MynaPins {
    menkyo_client::MynaPins {
        licence: Some(pin(licence)),
        basic_info: Some(pin(basic_info)),
    }
}

/// Fails unless each JSON pointer of `fields` names the string beside it in `doc`.
pub fn assert_fields(doc: &serde_json::Value, fields: &[(&str, &str)]) {
    for (pointer, expected) in fields {
        let found = doc.pointer(pointer);
        assert_eq!(found.and_then(|v| v.as_str()), Some(*expected), "{pointer}");
    }
}

/// Fails unless `err` says the card is a My Number card without the 免許AP.
pub fn assert_no_licence_ap(err: &menkyo_client::Error) {
    assert_matches!(
        err,
        menkyo_client::Error::NotALicence {
            card: menkyo_client::CardKind::MyNumberWithoutLicence
        }
    );
}
