//! The state of every PIN on the card, learnt with VERIFY without data: no try is spent.
//! IC licence: 暗証番号1 and 2. My Number card: the 免許AP PIN, the 券面事項入力補助 PIN and the
//! JPKI 利用者証明用 PIN and 署名用パスワード, each where its application exists.

use menkyo_codec::registry;
use menkyo_codec::status::StatusWord;

use crate::detect::{selectable, CardKind};
use crate::error::Error;
use crate::exchange::Exchange;
use crate::pin::{query_tries, PinStatus};

/// The PINs of a card of kind `card`, each asked after selecting where it lives, application by
/// application as the registry lists them. An application the card may lack is looked for
/// first, and so is each PIN's file; the 免許AP is asked only on a card detected with it.
pub fn pin_status_of(ex: &mut Exchange<'_>, card: CardKind) -> Result<Vec<PinStatus>, Error> {
    let spec = match card {
        CardKind::IcLicence => &registry::IC_LICENCE,
        CardKind::MyNumberWithLicence | CardKind::MyNumberWithoutLicence => {
            &registry::MY_NUMBER_CARD
        }
        CardKind::Unknown => return Ok(Vec::new()),
    };
    let mut pins = Vec::new();
    for app in spec.applications {
        if app.pins().next().is_none() {
            continue;
        }
        match app.aid {
            None => ex.select_mf()?,
            Some(aid) if app.id == registry::LICENCE_AP.id => {
                if card != CardKind::MyNumberWithLicence {
                    continue;
                }
                ex.select_aid(aid, app.label)?;
            }
            Some(aid) => {
                if !selectable(ex, aid)? {
                    continue;
                }
            }
        }
        for pin in app.pins() {
            if let Some(ef) = pin.file().filter(|f| f.sfi.is_none()) {
                match ex.select_ef(ef) {
                    Err(err) if err.status() == Some(StatusWord::FileNotFound) => continue,
                    other => other?,
                }
            }
            pins.push(PinStatus::new(pin, query_tries(ex, pin)?));
        }
    }
    Ok(pins)
}
