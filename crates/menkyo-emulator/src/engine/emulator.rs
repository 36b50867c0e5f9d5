//! The emulator: a card on a [`CardImage`], powered on and off, answering raw APDUs; and the
//! [`VirtualCard`] trait every software card implements.

use std::path::Path;

use menkyo_codec::apdu::LengthEncoding;
use menkyo_codec::layout::{ic, myna};
use menkyo_codec::status::StatusWord;

use crate::command::{self, Command};
use crate::handlers::{Card, Reply};
use crate::image::{CardImage, CardModel};
use crate::state::Persistent;
use crate::Error;

/// A card in software: the operations a reader performs on a card.
pub trait VirtualCard {
    /// The answer to reset.
    fn atr(&self) -> Vec<u8>;
    /// Powers the card (cold reset): the volatile state starts afresh.
    fn power_on(&mut self);
    /// Cuts the power: the volatile state is gone, the card answers nothing until powered.
    fn power_off(&mut self);
    /// Warm reset: the volatile state starts afresh.
    fn reset(&mut self);
    /// Answers one raw command APDU with the raw response, data then SW1 SW2; an empty answer
    /// while unpowered. Never panics, whatever the bytes.
    fn process(&mut self, command: &[u8]) -> Vec<u8>;
    /// The card's persistent state.
    fn image(&self) -> &CardImage;
    /// Why the last answer was `6581 memory failure`, when the card's storage (an image file)
    /// could not be read or written; once.
    fn take_storage_error(&mut self) -> Option<crate::Error> {
        None
    }
}

/// Behaviour real cards do not show, to be switched on to test a client against it. All off by
/// default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Quirks {
    /// Answer response data the T=0 way: `61xx`, then hand the data out with GET RESPONSE
    /// (`00 C0 00 00 Le`).
    pub get_response: bool,
    /// Answer a short Le larger than the data there is with `6Cxx` (xx = the right Le),
    /// the T=0 way, instead of the data and `9000`.
    pub wrong_le: bool,
    /// Misbehave: with `get_response`, answer every GET RESPONSE with `6100` and no data, for
    /// ever, as a broken card might; to test that a client gives up.
    pub stalled_get_response: bool,
    /// SELECT of the 免許AP (or any application) that is already selected keeps the PINs
    /// verified. Whether a real card clears them is not public: the default clears them, as
    /// selecting any application does; this quirk is the other answer. \[P\]
    pub reselect_keeps_security: bool,
}

impl Quirks {
    /// As the real cards: no quirk.
    pub const NONE: Quirks = Quirks {
        get_response: false,
        wrong_le: false,
        stalled_get_response: false,
        reselect_keeps_security: false,
    };
    /// A T=0 card: `61xx` with GET RESPONSE and `6Cxx` for a wrong short Le.
    pub const T0: Quirks = Quirks {
        get_response: true,
        wrong_le: true,
        stalled_get_response: false,
        reselect_keeps_security: false,
    };
}

/// A software ICカード運転免許証 or My Number card.
#[derive(Debug)]
pub struct Emulator {
    card: Card,
    quirks: Quirks,
    powered: bool,
}

impl Emulator {
    /// A powered-on card on `image`, kept in memory only.
    pub fn new(image: CardImage) -> Self {
        Emulator::on(Persistent::new(image))
    }

    /// A powered-on card on the image file at `path`; every change of a retry counter is
    /// written back to it before the card answers.
    pub fn open(path: &Path) -> Result<Emulator, Error> {
        let image = CardImage::load(path)?;
        Ok(Emulator::on(Persistent::bound(image, path.to_path_buf())))
    }

    /// A powered-on card on `image`, kept in memory only, whose file tree is the one `spec`
    /// declares rather than the registry's card of the image's model: for a card whose layout
    /// differs from the registry's, such as one with a file added.
    pub fn with_spec(image: CardImage, spec: &menkyo_codec::registry::Card) -> Self {
        Emulator::with_card(Card::on_spec(Persistent::new(image), spec))
    }

    fn on(persistent: Persistent) -> Self {
        Emulator::with_card(Card::new(persistent))
    }

    fn with_card(card: Card) -> Self {
        Emulator {
            card,
            quirks: Quirks::NONE,
            powered: true,
        }
    }

    /// The same card with `quirks`.
    pub fn with_quirks(mut self, quirks: Quirks) -> Self {
        self.quirks = quirks;
        self.card.reselect_keeps_security = quirks.reselect_keeps_security;
        self
    }

    /// The quirks in force.
    pub fn quirks(&self) -> Quirks {
        self.quirks
    }

    /// The answer to reset of the card's model, as a contactless reader (ICリーダー such as a
    /// PaSoRi) reports it: both cards are read over ISO/IEC 14443 Type B.
    pub fn atr(&self) -> Vec<u8> {
        match self.card.image().model {
            CardModel::IcLicence => ic::ATR.to_vec(),
            CardModel::MyNumber => myna::ATR_CONTACTLESS.to_vec(),
        }
    }

    /// Powers the card (cold reset).
    pub fn power_on(&mut self) {
        self.card.clear_volatile();
        self.powered = true;
    }

    /// Cuts the power.
    pub fn power_off(&mut self) {
        self.card.clear_volatile();
        self.powered = false;
    }

    /// Warm reset.
    pub fn reset(&mut self) {
        self.card.clear_volatile();
        self.powered = true;
    }

    /// Whether the card is powered.
    pub fn is_powered(&self) -> bool {
        self.powered
    }

    /// The card's persistent state.
    pub fn image(&self) -> &CardImage {
        self.card.image()
    }

    /// Why the last answer was `6581`: the image file could not be read or written; once.
    pub fn take_storage_error(&mut self) -> Option<crate::Error> {
        self.card.persistent.take_failure()
    }

    /// Answers one raw command APDU.
    pub fn process(&mut self, command: &[u8]) -> Vec<u8> {
        if !self.powered {
            return Vec::new();
        }
        let pending = std::mem::take(&mut self.card.volatile.pending);
        let reply = match command::parse(command, self.quirks.get_response) {
            Err(sw) => Reply::status(sw),
            Ok(parsed) => match parsed.command {
                Command::GetResponse { ne } => self.get_response(pending, ne, parsed.encoding),
                command => {
                    let reply = self.card.dispatch(command).unwrap_or_else(Reply::status);
                    self.t0_shape(reply, parsed.ne, parsed.encoding)
                }
            },
        };
        reply.into_bytes()
    }

    /// Applies the T=0 quirks to a successful answer with data.
    fn t0_shape(&mut self, reply: Reply, ne: Option<usize>, encoding: LengthEncoding) -> Reply {
        if reply.data.is_empty() || reply.sw != StatusWord::Success {
            return reply;
        }
        let len = reply.data.len();
        if self.quirks.wrong_le && encoding == LengthEncoding::Short && ne.is_some_and(|n| len < n)
        {
            return Reply::status(StatusWord::WrongLe(len_byte(len)));
        }
        if self.quirks.get_response {
            self.card.volatile.pending = reply.data;
            return Reply::status(StatusWord::MoreAvailable(len_byte(len)));
        }
        reply
    }

    /// ISO/IEC 7816-4 §11.5.4 GET RESPONSE, T=0 quirk only: the next `ne` bytes of the held
    /// response, `61xx` while more remain, `6Cxx` for a short Le beyond what is held, `6985`
    /// when nothing is held; `6100` and nothing, keeping what is held, when stalled.
    fn get_response(&mut self, mut held: Vec<u8>, ne: usize, encoding: LengthEncoding) -> Reply {
        if self.quirks.stalled_get_response && !held.is_empty() {
            self.card.volatile.pending = held;
            return Reply::status(StatusWord::MoreAvailable(0));
        }
        if held.is_empty() {
            return Reply::status(StatusWord::ConditionsNotSatisfied);
        }
        if self.quirks.wrong_le && encoding == LengthEncoding::Short && ne > held.len() {
            let sw = StatusWord::WrongLe(len_byte(held.len()));
            self.card.volatile.pending = held;
            return Reply::status(sw);
        }
        let rest = held.split_off(ne.min(held.len()));
        let sw = if rest.is_empty() {
            StatusWord::Success
        } else {
            StatusWord::MoreAvailable(len_byte(rest.len()))
        };
        self.card.volatile.pending = rest;
        Reply { data: held, sw }
    }
}

/// The length byte of `61xx` and `6Cxx`: `00` stands for 256 and more.
fn len_byte(len: usize) -> u8 {
    u8::try_from(len).unwrap_or(0)
}

impl VirtualCard for Emulator {
    fn atr(&self) -> Vec<u8> {
        Emulator::atr(self)
    }
    fn power_on(&mut self) {
        Emulator::power_on(self);
    }
    fn power_off(&mut self) {
        Emulator::power_off(self);
    }
    fn reset(&mut self) {
        Emulator::reset(self);
    }
    fn process(&mut self, command: &[u8]) -> Vec<u8> {
        Emulator::process(self, command)
    }
    fn image(&self) -> &CardImage {
        Emulator::image(self)
    }
    fn take_storage_error(&mut self) -> Option<crate::Error> {
        Emulator::take_storage_error(self)
    }
}
