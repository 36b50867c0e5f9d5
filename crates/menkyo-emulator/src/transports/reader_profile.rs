//! Reader profiles: the limits of real card readers, played at the transport boundary between
//! a client and a [`VirtualCard`], in process ([`crate::InProcessTransport`]) and through vpcd
//! ([`crate::vpcd::VpcdServer`]). Sources and assumptions are listed in `docs/readers.md`.
//!
//! What a profile plays:
//! - **no extended length**: an extended-length command never reaches the card; the reader
//!   answers `67 00`;
//! - **a response cap**: an answer longer than the reader's buffer never reaches the client;
//!   the reader answers `67 00` (the card did process the command: only READ BINARY and SELECT
//!   carry answers of any size, and neither changes the card's persistent state);
//! - **T=0 only** (ISO/IEC 7816-3 §10.3): short commands only, a short Le that the data does not
//!   fill is answered `6C xx` (xx = the data there is), and the data of a command with both data
//!   and Le is handed out by GET RESPONSE after `61 xx`;
//! - **a field drop** at a given APDU or with a seeded probability: the card loses its volatile
//!   state (selected files, verified PINs), before it processes the command or after (then the
//!   answer is lost). In process the transmit fails with `TransportError::CardReset`, as
//!   pcscd reports a card reset; through vpcd, which cannot report one, the reader answers
//!   `6F 00`;
//! - **a link model**: bit rate and turnaround, giving each exchange its duration on the air.

use std::time::Duration;

use menkyo_codec::apdu::{CommandApdu, LengthEncoding};

use crate::VirtualCard;

/// The reader's answer to a command it cannot carry (`67 00`, wrong length).
pub const REFUSED: [u8; 2] = [0x67, 0x00];
/// The reader's answer through vpcd when the field dropped (`6F 00`, no precise diagnosis).
pub const FIELD_LOST: [u8; 2] = [0x6F, 0x00];

/// Bits on the air per byte: ISO/IEC 14443-3 Type B characters are a start bit, 8 data bits and
/// a stop bit (10 etu); ISO/IEC 7816-3 characters take 10 etu plus at least 2 of guard time.
const BITS_PER_BYTE_CONTACTLESS: u64 = 10;
/// Bytes of framing per ISO/IEC 14443-4 block, each way: PCB and the two CRC_B bytes.
const FRAME_OVERHEAD: u64 = 3;

/// A link's speed: a bit rate and the time between a command's last bit and the answer's
/// first (the card's processing and the reader's own turnaround).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkModel {
    /// Bits per second on the air (106 000, 212 000, 424 000, 848 000 for ISO/IEC 14443).
    pub bit_rate: u32,
    /// Turnaround per APDU.
    pub turnaround: Duration,
}

impl LinkModel {
    /// A 212 kbit/s contactless link with 5 ms of turnaround per APDU.
    pub const CONTACTLESS_212K_5MS: LinkModel = LinkModel {
        bit_rate: 212_000,
        turnaround: Duration::from_millis(5),
    };

    /// The bits one exchange puts on the air: both APDUs and one frame's overhead each way.
    pub fn bits(command_len: usize, response_len: usize) -> u64 {
        let bytes = u64::try_from(command_len + response_len).unwrap_or(u64::MAX);
        bytes.saturating_add(2 * FRAME_OVERHEAD) * BITS_PER_BYTE_CONTACTLESS
    }

    /// How long one exchange takes: its bits at the link's rate, and one turnaround.
    pub fn exchange_time(&self, command_len: usize, response_len: usize) -> Duration {
        let bits = Self::bits(command_len, response_len);
        let rate = u64::from(self.bit_rate.max(1));
        let nanos = bits.saturating_mul(1_000_000_000) / rate;
        Duration::from_nanos(nanos) + self.turnaround
    }
}

/// When the reader's field drops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FieldDrop {
    /// Never.
    #[default]
    Never,
    /// Once, at the `apdu`-th command the reader carries (1 for the first).
    AtApdu {
        /// Which command.
        apdu: u64,
        /// Whether the card processed the command before the field dropped (its answer is
        /// lost) or not (the command is lost).
        after_card: bool,
    },
    /// At each command with a probability of `per_mille` / 1000, from a seeded generator, so a
    /// run can be played again. Whether the card processed the command is drawn too.
    Random {
        /// Chance per command, in thousandths.
        per_mille: u16,
        /// The generator's seed.
        seed: u64,
    },
}

/// A reader's limits, named and documented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReaderProfile {
    /// The name `menkyo emulate --reader-profile` takes.
    pub name: &'static str,
    /// One line on the kind of reader it plays.
    pub description: &'static str,
    /// Whether extended-length APDUs get through.
    pub extended_length: bool,
    /// The longest answer the reader carries, SW1 SW2 included.
    pub max_response_len: usize,
    /// T=0 only: `6Cxx` for a short Le, `61xx` and GET RESPONSE for the data of case 4.
    pub t0: bool,
    /// When the field drops.
    pub field_drop: FieldDrop,
    /// The link's speed, when the profile models it.
    pub link: Option<LinkModel>,
}

impl ReaderProfile {
    /// A reader without limits: extended length, answers of any size, no drops, no link model.
    pub const UNLIMITED: ReaderProfile = ReaderProfile {
        name: "unlimited",
        description: "no limits: extended length, answers of any size (vpcd itself)",
        extended_length: true,
        max_response_len: 65_536 + 2,
        t0: false,
        field_drop: FieldDrop::Never,
        link: None,
    };

    /// A PaSoRi-class contactless reader (Sony RC-S380, RC-S300) through its PC/SC driver:
    /// ISO/IEC 14443 Type B at 212 kbit/s, short APDUs only (assumed), answers of 256 bytes.
    pub const PASORI: ReaderProfile = ReaderProfile {
        name: "pasori",
        description: "PaSoRi-class contactless (RC-S380, RC-S300): short APDUs, 212 kbit/s",
        extended_length: false,
        max_response_len: 256 + 2,
        t0: false,
        field_drop: FieldDrop::Never,
        link: Some(LinkModel::CONTACTLESS_212K_5MS),
    };

    /// An ACR122U-class contactless reader (NXP PN532 inside): short APDUs of up to 255 data
    /// bytes (its pseudo-APDUs carry one length byte), answers of up to 255 data bytes and the
    /// status word (assumed the same way), 106 kbit/s.
    pub const ACR122U: ReaderProfile = ReaderProfile {
        name: "acr122u",
        description:
            "ACR122U-class contactless (PN532): short APDUs, answers of 255 bytes, 106 kbit/s",
        extended_length: false,
        max_response_len: 255 + 2,
        t0: false,
        field_drop: FieldDrop::Never,
        link: Some(LinkModel {
            bit_rate: 106_000,
            turnaround: Duration::from_millis(5),
        }),
    };

    /// A contact reader such as the SCR3310, on a card speaking T=0: short APDUs, `6Cxx` and
    /// GET RESPONSE, 9 600 bit/s at the default ISO/IEC 7816-3 clock rate (F = 372, D = 1).
    pub const SCR3310: ReaderProfile = ReaderProfile {
        name: "scr3310",
        description:
            "SCR3310-class contact reader, T=0: short APDUs, 6Cxx and GET RESPONSE, 9600 bit/s",
        extended_length: false,
        max_response_len: 256 + 2,
        t0: true,
        field_drop: FieldDrop::Never,
        link: Some(LinkModel {
            bit_rate: 9_600,
            turnaround: Duration::from_millis(2),
        }),
    };

    /// A PaSoRi-class reader whose field drops at random (5 % of commands, seed 11): a card held
    /// loosely over the reader.
    pub const PASORI_FLAKY: ReaderProfile = ReaderProfile {
        name: "pasori-flaky",
        description: "PaSoRi-class with a card held loosely: the field drops at 5 % of commands",
        field_drop: FieldDrop::Random {
            per_mille: 50,
            seed: 11,
        },
        ..ReaderProfile::PASORI
    };

    /// Every named profile.
    pub const ALL: [ReaderProfile; 5] = [
        ReaderProfile::UNLIMITED,
        ReaderProfile::PASORI,
        ReaderProfile::ACR122U,
        ReaderProfile::SCR3310,
        ReaderProfile::PASORI_FLAKY,
    ];

    /// The named profile, if there is one.
    pub fn named(name: &str) -> Option<ReaderProfile> {
        Self::ALL.into_iter().find(|p| p.name == name)
    }

    /// The same profile with the field dropping as `drop` says.
    #[must_use]
    pub fn with_field_drop(mut self, drop: FieldDrop) -> Self {
        self.field_drop = drop;
        self
    }

    /// The same profile with another link model (or none).
    #[must_use]
    pub fn with_link(mut self, link: Option<LinkModel>) -> Self {
        self.link = link;
        self
    }
}

/// What the played reader made of one command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Played {
    /// The answer the reader hands back (the card's, or the reader's own).
    Answer(Vec<u8>),
    /// The field dropped: the card lost its volatile state and no answer came back.
    FieldDropped,
}

/// A [`ReaderProfile`] at work: counts the commands, draws the drops, holds the T=0 reader's
/// pending answer and adds up the link's time.
#[derive(Debug, Clone)]
pub struct PlayedReader {
    profile: ReaderProfile,
    commands: u64,
    rng: u64,
    pending: Vec<u8>,
    link_time: Duration,
    drops: u64,
}

impl PlayedReader {
    /// A fresh reader playing `profile`.
    pub fn new(profile: ReaderProfile) -> Self {
        let seed = match profile.field_drop {
            FieldDrop::Random { seed, .. } => seed,
            _ => 0,
        };
        PlayedReader {
            profile,
            commands: 0,
            // xorshift must not start at zero.
            rng: seed ^ 0x9E37_79B9_7F4A_7C15,
            pending: Vec::new(),
            link_time: Duration::ZERO,
            drops: 0,
        }
    }

    /// The profile played.
    pub fn profile(&self) -> &ReaderProfile {
        &self.profile
    }

    /// Commands carried so far.
    pub fn commands(&self) -> u64 {
        self.commands
    }

    /// Field drops so far.
    pub fn drops(&self) -> u64 {
        self.drops
    }

    /// The time on the link model's air so far (zero without a link model).
    pub fn link_time(&self) -> Duration {
        self.link_time
    }

    /// Carries one command to `card` as the profile's reader would.
    pub fn exchange<C: VirtualCard + ?Sized>(&mut self, card: &mut C, command: &[u8]) -> Played {
        self.commands += 1;
        let drop = self.draw_drop();
        if drop == Some(false) {
            return self.drop_field(card, command.len());
        }
        let answer = self.carry(card, command);
        if drop == Some(true) {
            return self.drop_field(card, command.len());
        }
        self.account(command.len(), answer.len());
        Played::Answer(answer)
    }

    fn drop_field<C: VirtualCard + ?Sized>(&mut self, card: &mut C, command_len: usize) -> Played {
        self.drops += 1;
        self.pending.clear();
        card.reset();
        self.account(command_len, 0);
        Played::FieldDropped
    }

    fn account(&mut self, command_len: usize, response_len: usize) {
        if let Some(link) = self.profile.link {
            self.link_time += link.exchange_time(command_len, response_len);
        }
    }

    /// Whether the field drops at this command: `Some(after_card)`.
    fn draw_drop(&mut self) -> Option<bool> {
        match self.profile.field_drop {
            FieldDrop::Never => None,
            FieldDrop::AtApdu { apdu, after_card } => (apdu == self.commands).then_some(after_card),
            FieldDrop::Random { per_mille, .. } => {
                let draw = self.next_random();
                (draw % 1000 < u64::from(per_mille)).then_some(draw & (1 << 32) != 0)
            }
        }
    }

    /// xorshift64*: small, seeded, the same on every platform.
    fn next_random(&mut self) -> u64 {
        let mut x = self.rng;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.rng = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn carry<C: VirtualCard + ?Sized>(&mut self, card: &mut C, command: &[u8]) -> Vec<u8> {
        let parsed = CommandApdu::parse_with_encoding(command);
        let extended = matches!(parsed, Ok((_, LengthEncoding::Extended)));
        if extended && (!self.profile.extended_length || self.profile.t0) {
            return REFUSED.to_vec();
        }
        let answer = match (&parsed, self.profile.t0) {
            (Ok((apdu, _)), true) => self.carry_t0(card, command, apdu),
            _ => card.process(command),
        };
        if answer.len() > self.profile.max_response_len {
            return REFUSED.to_vec();
        }
        answer
    }

    /// The T=0 transmission rules (ISO/IEC 7816-3 §10.3.4): the reader sends P3 = Le for a
    /// case 2 command and gets `6Cxx` when the card has less; for case 4 it sends no Le, and
    /// the data waits behind `61xx` for GET RESPONSE.
    fn carry_t0<C: VirtualCard + ?Sized>(
        &mut self,
        card: &mut C,
        command: &[u8],
        apdu: &CommandApdu,
    ) -> Vec<u8> {
        const INS_GET_RESPONSE: u8 = 0xC0;
        if apdu.ins == INS_GET_RESPONSE && !self.pending.is_empty() {
            let want = apdu.ne.unwrap_or(256).min(self.pending.len());
            let mut answer: Vec<u8> = self.pending.drain(..want).collect();
            answer.extend_from_slice(&more_available(self.pending.len()));
            return answer;
        }
        self.pending.clear();
        let case4 = !apdu.data.is_empty() && apdu.ne.is_some();
        if case4 {
            let without_le = CommandApdu {
                ne: None,
                ..apdu.clone()
            };
            let Ok(bytes) = without_le.to_bytes_with(LengthEncoding::Short) else {
                return REFUSED.to_vec();
            };
            let mut answer = card.process(&bytes);
            let sw_at = answer.len().saturating_sub(2);
            let sw = answer.split_off(sw_at);
            if answer.is_empty() {
                return sw;
            }
            self.pending = answer;
            return more_available(self.pending.len()).to_vec();
        }
        let answer = card.process(command);
        let data_len = answer.len().saturating_sub(2);
        match apdu.ne {
            Some(ne) if data_len > 0 && data_len < ne && answer.ends_with(&[0x90, 0x00]) => {
                vec![0x6C, u8::try_from(data_len).unwrap_or(0)]
            }
            _ => answer,
        }
    }
}

/// `61 xx` for `left` bytes waiting (`61 00` for 256 or more), or `90 00` when none are.
fn more_available(left: usize) -> [u8; 2] {
    match left {
        0 => [0x90, 0x00],
        1..=255 => [0x61, u8::try_from(left).unwrap_or(0)],
        _ => [0x61, 0x00],
    }
}

#[cfg(test)]
#[path = "reader_profile_tests.rs"]
mod tests;
