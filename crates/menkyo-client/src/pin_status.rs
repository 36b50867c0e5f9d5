//! The state of every PIN on the card, learnt with VERIFY without data: no try is spent.
//! IC licence: 暗証番号1 and 2. My Number card: the 免許AP PIN, the 券面事項入力補助 PIN and the
//! JPKI 利用者証明用 PIN and 署名用パスワード, each where its application exists.

use menkyo_codec::layout::myna;
use menkyo_codec::status::StatusWord;

use crate::detect::{detect, selectable, CardKind};
use crate::error::Error;
use crate::exchange::Exchange;
use crate::jpki;
use crate::pin::{query_tries, PinId, PinStatus};
use crate::reader::Reader;

/// 券面事項入力補助AP EF0011, the PIN's key EF.
pub(crate) use menkyo_codec::registry::BASIC_INFO_EF0011 as BASIC_INFO_PIN_EF;

/// The card kind and each of its PINs with its tries left.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CardPins {
    /// Which card.
    pub card: CardKind,
    /// Its PINs.
    pub pins: Vec<PinStatus>,
}

impl Reader<'_> {
    /// Every PIN on the card with its tries left or blocked, without spending a try.
    pub fn pin_status(&mut self) -> Result<CardPins, Error> {
        let atr = self.atr()?;
        self.run(|ex| {
            let card = detect(ex, &atr)?;
            let pins = pin_status_of(ex, card)?;
            Ok(CardPins { card, pins })
        })
    }
}

/// The PINs of a card of kind `card`, each asked after selecting where it lives.
pub fn pin_status_of(ex: &mut Exchange<'_>, card: CardKind) -> Result<Vec<PinStatus>, Error> {
    let mut pins = Vec::new();
    match card {
        CardKind::IcLicence => {
            ex.select_mf()?;
            for pin in [PinId::IcPin1, PinId::IcPin2] {
                pins.push(PinStatus::new(pin, query_tries(ex, pin)?));
            }
        }
        CardKind::MyNumberWithLicence | CardKind::MyNumberWithoutLicence => {
            if card == CardKind::MyNumberWithLicence {
                ex.select_aid(&myna::AID_LICENCE_AP, LICENCE_AP)?;
                pins.push(PinStatus::new(
                    PinId::LicenceAp,
                    query_tries(ex, PinId::LicenceAp)?,
                ));
            }
            if selectable(ex, &myna::AID_BASIC_INFO)? {
                ex.select_ef(&BASIC_INFO_PIN_EF)?;
                pins.push(PinStatus::new(
                    PinId::BasicInfo,
                    query_tries(ex, PinId::BasicInfo)?,
                ));
            }
            if selectable(ex, &myna::AID_JPKI)? {
                for (ef, pin) in [
                    (&jpki::AUTH_PIN, PinId::JpkiAuth),
                    (&jpki::SIGN_PASSWORD, PinId::JpkiSign),
                ] {
                    match ex.select_ef(ef) {
                        Err(err) if err.status() == Some(StatusWord::FileNotFound) => continue,
                        other => other?,
                    }
                    pins.push(PinStatus::new(pin, query_tries(ex, pin)?));
                }
            }
        }
        CardKind::Unknown => {}
    }
    Ok(pins)
}

/// The 免許AP, for messages.
pub(crate) const LICENCE_AP: &str = "the 免許AP";
