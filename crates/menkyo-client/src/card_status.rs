//! The status of a card: what it is, whether its holder set the licence PIN, and each PIN's
//! tries left, learnt with free files and VERIFY without data, so no try is spent.

use crate::detect::{detect, CardKind};
use crate::error::Error;
use crate::pin::PinStatus;
use crate::pin_status::pin_status_of;
use crate::reader::Reader;
use crate::{ic, myna};
use menkyo_codec::layout::myna as myna_layout;
use menkyo_codec::records::{LicenceApPinSetting, PinSetting};

/// The status of a card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardStatus {
    /// The kind of card.
    pub card: CardKind,
    /// Whether the holder set the licence PINs (IC licence MF/EF02, 免許AP WEF01); `None` on
    /// a card without a licence.
    pub pin_set: Option<bool>,
    /// Every PIN on the card.
    pub pins: Vec<PinStatus>,
}

impl Reader<'_> {
    /// The card's status: its kind, whether the holder set the licence PIN, and every PIN with
    /// its tries left or blocked, without spending a try (`menkyo pin status`).
    pub fn card_status(&mut self) -> Result<CardStatus, Error> {
        let atr = self.atr()?;
        self.run(|ex| {
            let card = detect(ex, &atr)?;
            let pin_set = match card {
                CardKind::IcLicence => {
                    ex.select_mf()?;
                    let bytes = ex.read_ef(&ic::MF_EF02)?;
                    let setting = PinSetting::decode(&bytes)
                        .map_err(|source| Error::MalformedRecord { source })?;
                    Some(setting.pin_set)
                }
                CardKind::MyNumberWithLicence => {
                    ex.select_aid(&myna_layout::AID_LICENCE_AP, "the 免許AP")?;
                    let bytes = ex.read_ef(&myna::WEF01)?;
                    let setting = LicenceApPinSetting::decode(&bytes)
                        .map_err(|source| Error::MalformedRecord { source })?;
                    Some(setting.pin_set)
                }
                _ => None,
            };
            let pins = pin_status_of(ex, card)?;
            Ok(CardStatus {
                card,
                pin_set,
                pins,
            })
        })
    }
}
