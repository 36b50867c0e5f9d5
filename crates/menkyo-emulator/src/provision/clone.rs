//! A card image cloned from a card that was read: the files the read brought back, each PIN
//! stored as the image stores PINs (its digest) with the tries the card showed, and, with
//! [`synthesize`], personal data replaced by synthetic values of the same lengths.
//!
//! An IC licence clone needs every file of DF1 and DF2, hence both PINs. A My Number card
//! clone holds the 免許AP only: the 券面事項入力補助AP's 個人番号 (EF0001) and the JPKI keys
//! are never read, so those applications cannot be cloned.

use std::collections::BTreeMap;

use crate::image::{application, pin_id, CardImage, CardModel, HexBytes, PinState, IMAGE_FORMAT};

/// Which card was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClonedCard {
    /// ICカード運転免許証.
    IcLicence,
    /// マイナ免許証: the 免許AP of a My Number card.
    LicenceAp,
}

/// A PIN of the card that was read: the value the read verified with (`****` where the holder
/// set none) and its tries as the card showed them before VERIFY.
#[derive(Debug, Clone, Copy)]
pub struct ClonedPin<'a> {
    /// The image's PIN id ([`pin_id`]).
    pub id: &'static str,
    /// The PIN.
    pub pin: &'a [u8],
    /// Tries left.
    pub tries_left: u8,
    /// Tries of a fresh PIN.
    pub max_tries: u8,
}

/// Why a clone cannot be made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CloneError {
    /// Files the image needs were not read.
    #[error("the read did not bring back {}", .0.join(", "))]
    FilesNotRead(Vec<String>),
    /// A PIN the image needs was not given.
    #[error("the PIN {0} was not given")]
    PinNotGiven(&'static str),
    /// The result is not a valid image.
    #[error("the clone is not a valid card image")]
    Image(#[source] crate::image::ImageError),
}

/// The files of `card`'s image, which a clone must hold.
fn needed(card: ClonedCard) -> &'static [&'static str] {
    match card {
        ClonedCard::IcLicence => &[
            "MF/EF01", "MF/EF02", "DF1/EF01", "DF1/EF02", "DF1/EF03", "DF1/EF04", "DF1/EF05",
            "DF1/EF06", "DF1/EF07", "DF2/EF01",
        ],
        ClonedCard::LicenceAp => &["LICENCE_AP/WEF01", "LICENCE_AP/WEF02", "LICENCE_AP/WEF03"],
    }
}

/// The PIN ids of `card`'s image.
fn pin_ids(card: ClonedCard) -> &'static [&'static str] {
    match card {
        ClonedCard::IcLicence => &[pin_id::PIN1, pin_id::PIN2],
        ClonedCard::LicenceAp => &[pin_id::LICENCE_AP],
    }
}

/// The image of `card` from the files read (`path`, bytes) and its PINs; other files the read
/// brought (基本4情報) are left out.
pub fn image<'a>(
    card: ClonedCard,
    label: String,
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    pins: &[ClonedPin<'_>],
) -> Result<CardImage, CloneError> {
    let needed = needed(card);
    let files: BTreeMap<String, HexBytes> = files
        .into_iter()
        .filter(|(path, _)| needed.contains(path))
        .map(|(path, bytes)| (path.to_owned(), HexBytes(bytes.to_vec())))
        .collect();
    let missing: Vec<String> = needed
        .iter()
        .filter(|path| !files.contains_key(**path))
        .map(|path| (*path).to_owned())
        .collect();
    if !missing.is_empty() {
        return Err(CloneError::FilesNotRead(missing));
    }
    let mut states = BTreeMap::new();
    for id in pin_ids(card) {
        let pin = pins
            .iter()
            .find(|p| p.id == *id)
            .ok_or(CloneError::PinNotGiven(id))?;
        let mut state = PinState::new(id, pin.pin, pin.max_tries);
        state.tries_left = pin.tries_left.min(pin.max_tries);
        states.insert((*id).to_owned(), state);
    }
    let (model, applications) = match card {
        ClonedCard::IcLicence => (CardModel::IcLicence, Vec::new()),
        ClonedCard::LicenceAp => (
            CardModel::MyNumber,
            vec![application::LICENCE_AP.to_owned()],
        ),
    };
    let image = CardImage {
        format: IMAGE_FORMAT.to_owned(),
        model,
        label,
        applications,
        files,
        pins: states,
        unread: Default::default(),
    };
    image.validate().map_err(CloneError::Image)?;
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
