//! What the card is, whether its holder set a PIN, and each PIN's tries left, for `menkyo pin
//! status`: learnt with free files and VERIFY without data, so no try is spent.

use menkyo_client::detect::detect;
use menkyo_client::pin_status::pin_status_of;
use menkyo_client::{ic, myna, CardKind, Error, PinStatus, Reader};
use menkyo_codec::layout::myna as myna_layout;
use menkyo_codec::records::{LicenceApPinSetting, PinSetting};

/// What the probe found.
#[derive(Debug, Clone)]
pub struct Probe {
    /// The kind of card.
    pub kind: CardKind,
    /// Whether the holder set the licence PINs (IC licence MF/EF02, 免許AP WEF01); `None` on
    /// a card without a licence.
    pub pin_set: Option<bool>,
    /// Every PIN on the card.
    pub pins: Vec<PinStatus>,
}

/// Probes the card.
pub fn probe(reader: &mut Reader<'_>) -> Result<Probe, Error> {
    let atr = reader.atr()?;
    reader.run(|ex| {
        let kind = detect(ex, &atr)?;
        let pin_set = match kind {
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
        let pins = pin_status_of(ex, kind)?;
        Ok(Probe {
            kind,
            pin_set,
            pins,
        })
    })
}
