//! The PINs (暗証番号) of both cards: reference, tries, default and how a licence read asks
//! for them. Where each lives is the [`Access::PinStore`](super::Access::PinStore) file that
//! holds it.

use serde::Serialize;

use crate::secret::{PIN_LEN, SIGNING_PASSWORD_MAX_LEN, SIGNING_PASSWORD_MIN_LEN};

/// A PIN of either card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Pin {
    /// 暗証番号1 of the IC licence (MF/IEF01).
    IcPin1,
    /// 暗証番号2 of the IC licence (MF/IEF02).
    IcPin2,
    /// The 免許AP's PIN (IEF01) on the My Number card.
    LicenceAp,
    /// The 券面事項入力補助AP's PIN (EF0011) on the My Number card.
    BasicInfo,
    /// The JPKI 署名用パスワード (EF001B) on the My Number card.
    JpkiSign,
    /// The JPKI 利用者証明用 PIN (EF0018) on the My Number card.
    JpkiAuth,
}

/// How a licence read asks for a PIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinAsk {
    /// Always: what it opens is the point of the read.
    Required,
    /// Always; leaving it out skips what it opens (`skips`).
    Optional {
        /// What is skipped without it (`本籍 and the photo`).
        skips: &'static str,
    },
    /// Only when the caller means to give it; its application is looked for first.
    OnRequest {
        /// What is skipped without it.
        skips: &'static str,
    },
    /// A licence read never uses it.
    Never,
}

/// What the registry knows of a PIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PinSpec {
    /// The name the card's spec gives it.
    pub name: &'static str,
    /// Its id in a card image (`PIN1`).
    pub image_id: &'static str,
    /// Tries of a fresh PIN.
    pub tries: u8,
    /// The PIN a card uses when the holder set none (`****`), for PINs that have one.
    pub default: Option<&'static [u8]>,
    /// Shortest and longest value VERIFY accepts.
    pub lengths: (usize, usize),
    /// How a licence read asks for it.
    pub ask: PinAsk,
}

/// The PIN of a licence whose holder set none (`****`).
pub const DEFAULT_LICENCE_PIN: [u8; PIN_LEN] = *b"****";
const LICENCE_DEFAULT: &[u8] = &DEFAULT_LICENCE_PIN;
const DIGITS: (usize, usize) = (PIN_LEN, PIN_LEN);

impl Pin {
    /// Every PIN.
    pub const ALL: [Pin; 6] = [
        Pin::IcPin1,
        Pin::IcPin2,
        Pin::LicenceAp,
        Pin::BasicInfo,
        Pin::JpkiSign,
        Pin::JpkiAuth,
    ];

    /// What the registry knows of it.
    pub const fn spec(self) -> PinSpec {
        match self {
            Pin::IcPin1 => PinSpec {
                name: "暗証番号1 (PIN1)",
                image_id: "PIN1",
                tries: 3,
                default: Some(LICENCE_DEFAULT),
                lengths: DIGITS,
                ask: PinAsk::Required,
            },
            Pin::IcPin2 => PinSpec {
                name: "暗証番号2 (PIN2)",
                image_id: "PIN2",
                tries: 3,
                default: Some(LICENCE_DEFAULT),
                lengths: DIGITS,
                ask: PinAsk::Optional {
                    skips: "本籍 and the photo",
                },
            },
            Pin::LicenceAp => PinSpec {
                name: "免許APの暗証番号",
                image_id: "LICENCE_AP",
                tries: 10,
                default: Some(LICENCE_DEFAULT),
                lengths: DIGITS,
                ask: PinAsk::Required,
            },
            Pin::BasicInfo => PinSpec {
                name: "券面事項入力補助用暗証番号",
                image_id: "BASIC_INFO",
                // [P]
                tries: 3,
                default: None,
                lengths: DIGITS,
                ask: PinAsk::OnRequest {
                    skips: "基本4情報"
                },
            },
            Pin::JpkiSign => PinSpec {
                name: "署名用パスワード",
                image_id: "JPKI_SIGN",
                tries: 5,
                default: None,
                lengths: (SIGNING_PASSWORD_MIN_LEN, SIGNING_PASSWORD_MAX_LEN),
                ask: PinAsk::Never,
            },
            Pin::JpkiAuth => PinSpec {
                name: "利用者証明用暗証番号",
                image_id: "JPKI_AUTH",
                tries: 3,
                default: None,
                lengths: DIGITS,
                ask: PinAsk::Never,
            },
        }
    }

    /// The name the card's spec gives it.
    pub const fn name(self) -> &'static str {
        self.spec().name
    }

    /// Tries a fresh PIN has.
    pub const fn max_tries(self) -> u8 {
        self.spec().tries
    }

    /// Its id in a card image.
    pub const fn image_id(self) -> &'static str {
        self.spec().image_id
    }

    /// The PIN with this card-image id.
    pub fn from_image_id(id: &str) -> Option<Pin> {
        Pin::ALL.into_iter().find(|p| p.image_id() == id)
    }

    /// Lengths VERIFY accepts.
    pub fn lengths(self) -> std::ops::RangeInclusive<usize> {
        let (min, max) = self.spec().lengths;
        min..=max
    }

    /// The file holding it.
    pub fn file(self) -> Option<&'static super::File> {
        super::CARDS.iter().find_map(|card| card.pin_file(self))
    }

    /// P2 of VERIFY: `80` + the SFI of its IEF, or `80` for the PIN of the current EF.
    pub fn verify_p2(self) -> u8 {
        0x80 | self.file().and_then(|f| f.sfi).unwrap_or(0)
    }
}
