//! A card image cloned from a card that was read: the files the read brought back, each PIN
//! stored as the image stores PINs (its digest) with the tries the card showed, and, with
//! [`synthesize`], personal data replaced by synthetic values of the same lengths.
//!
//! A clone made without every PIN is partial: a PIN not given is kept with its tries but no
//! value ([`PinState::unknown`]), and the files it guards are listed as not read
//! ([`CardImage::list_unread`]). A My Number card clone holds the 免許AP only: the
//! 券面事項入力補助AP's 個人番号 (EF0001) and the JPKI keys are never read, so those
//! applications cannot be cloned.

use std::collections::BTreeMap;

use menkyo_codec::registry;

use crate::image::{CardImage, CardModel, HexBytes, PinState, IMAGE_FORMAT};
use crate::Error;

/// Which card was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClonedCard {
    /// ICカード運転免許証.
    IcLicence,
    /// マイナ免許証: the 免許AP of a My Number card.
    LicenceAp,
}

/// A PIN of the card that was read: the value the read verified with (`****` where the holder
/// set none; `None` where it was not given) and its tries as the card showed them before
/// VERIFY.
#[derive(Debug, Clone, Copy)]
pub struct ClonedPin<'a> {
    /// The image's PIN id ([`registry::Pin::image_id`]).
    pub id: &'static str,
    /// The PIN, if it was given.
    pub pin: Option<&'a [u8]>,
    /// Tries left.
    pub tries_left: u8,
    /// Tries of a fresh PIN.
    pub max_tries: u8,
}

/// The files of `card`'s image, which a clone holds when the read brought them.
fn needed(card: ClonedCard) -> &'static [&'static str] {
    match card {
        ClonedCard::IcLicence => &[
            "MF/EF01", "MF/EF02", "DF1/EF01", "DF1/EF02", "DF1/EF03", "DF1/EF04", "DF1/EF05",
            "DF1/EF06", "DF1/EF07", "DF2/EF01",
        ],
        ClonedCard::LicenceAp => &["LICENCE_AP/WEF01", "LICENCE_AP/WEF02", "LICENCE_AP/WEF03"],
    }
}

/// The PINs of `card`'s image.
fn card_pins(card: ClonedCard) -> &'static [registry::Pin] {
    match card {
        ClonedCard::IcLicence => &[registry::Pin::IcPin1, registry::Pin::IcPin2],
        ClonedCard::LicenceAp => &[registry::Pin::LicenceAp],
    }
}

/// The image of `card` from the files read (`path`, bytes) and its PINs; other files the read
/// brought (基本4情報) are left out. A PIN missing from `pins` or without a value is stored as
/// unknown (missing ones with the tries of a fresh PIN), and every file of the image the read
/// did not bring is listed in [`CardImage::unread`].
pub fn image<'a>(
    card: ClonedCard,
    label: String,
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    pins: &[ClonedPin<'_>],
) -> Result<CardImage, Error> {
    let needed = needed(card);
    let files: BTreeMap<String, HexBytes> = files
        .into_iter()
        .filter(|(path, _)| needed.contains(path))
        .map(|(path, bytes)| (path.to_owned(), HexBytes(bytes.to_vec())))
        .collect();
    let mut states = BTreeMap::new();
    for pin in card_pins(card) {
        let id = pin.image_id();
        let state = match pins.iter().find(|p| p.id == id) {
            Some(given) => {
                let tries_left = given.tries_left.min(given.max_tries);
                match given.pin {
                    Some(pin) => PinState {
                        tries_left,
                        ..PinState::new(id, pin, given.max_tries)
                    },
                    None => PinState::unknown(tries_left, given.max_tries),
                }
            }
            None => PinState::unknown(pin.max_tries(), pin.max_tries()),
        };
        states.insert(id.to_owned(), state);
    }
    let (model, applications) = match card {
        ClonedCard::IcLicence => (CardModel::IcLicence, Vec::new()),
        ClonedCard::LicenceAp => (
            CardModel::MyNumber,
            vec![registry::LICENCE_AP.installed_name().to_owned()],
        ),
    };
    let mut image = CardImage {
        format: IMAGE_FORMAT.to_owned(),
        model,
        label,
        applications,
        files,
        pins: states,
        unread: Default::default(),
    };
    image.list_unread();
    image.validate().map_err(|source| Error::InvalidClone {
        source: Box::new(source),
    })?;
    Ok(image)
}

/// Replaces the personal data of every file of `image` with synthetic values of the same
/// lengths ([`crate::synthetic`]) and says so in its label, with the consequence for the
/// signature. Returns the spec names of the items replaced, by file.
pub fn synthesize(image: &mut CardImage) -> Vec<(String, Vec<&'static str>)> {
    let mut report = Vec::new();
    let mut zeroed = false;
    for (path, bytes) in image.files.iter_mut() {
        let (replaced, done) = crate::synthetic::replace(path, &bytes.0);
        if !done.items.is_empty() {
            bytes.0 = replaced;
            zeroed |= done.photo_zeroed;
            report.push((path.clone(), done.items));
        }
    }
    let signature = match image.model {
        CardModel::IcLicence => "DF1/EF07 電子署名",
        CardModel::MyNumber => "LICENCE_AP/WEF03",
    };
    let photo = if zeroed {
        " The photo is zero bytes: the original is too short for the synthetic one."
    } else {
        ""
    };
    image.label = format!(
        "SYNTHETIC {}: name, reading, address, 本籍, birth date, numbers, photo and 外字 replaced \
         with synthetic values of the same lengths, so the signature ({signature}) no longer \
         matches the files and is invalid.{photo}",
        image.label
    );
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pin_not_given_keeps_its_tries_and_what_it_guards_is_unread() {
        let pin = ClonedPin {
            id: registry::Pin::LicenceAp.image_id(),
            pin: None,
            tries_left: 2,
            max_tries: 10,
        };
        let image = image(ClonedCard::LicenceAp, "partial".into(), [], &[pin]).unwrap();
        let state = &image.pins[registry::Pin::LicenceAp.image_id()];
        assert!(state.value_unknown);
        assert_eq!((state.tries_left, state.max_tries), (2, 10));
        assert!(!state.matches(registry::Pin::LicenceAp.image_id(), b"****"));
        assert!(image.files.is_empty());
        assert_eq!(
            image.unread.keys().collect::<Vec<_>>(),
            ["LICENCE_AP/WEF01", "LICENCE_AP/WEF02", "LICENCE_AP/WEF03"]
        );
    }
}
