//! The police terminal's side of the マイナ免許証, on emulated My Number card images only:
//! installing the 免許AP, recording the 特定免許情報 into it (WEF01, WEF02, WEF03 signed, the
//! PIN), and removing it. Nothing here sends a command to a card: a real card is never written.

use menkyo_auth::Issuer;
use menkyo_codec::date::Date7;
use menkyo_codec::records::{IcLicenceCard, LicenceApPinSetting, LicenceApRecord, LicensedOn};
use menkyo_codec::registry;
use menkyo_codec::secret::Pin;
use menkyo_codec::tlv::Mode;
use serde::Serialize;

use crate::image::{application, pin_id, CardImage, CardModel};
use crate::profile::{Profile, ProfileCard};
use crate::signing::{self, SigningError};

/// Why a life-cycle step cannot be done.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LifecycleError {
    /// Only a My Number card carries the 免許AP.
    #[error("the image is not a My Number card")]
    NotMyNumberCard,
    /// Installing an AP that is there.
    #[error("the 免許AP is already installed")]
    AlreadyInstalled,
    /// Recording into or removing an AP that is not there.
    #[error("the 免許AP is not installed")]
    NotInstalled,
    /// The profile holds no licence to record.
    #[error("the profile holds no licence (neither an IC licence nor a 免許AP)")]
    NoLicence,
    /// The IC licence holds no 記載事項 to take the licence from.
    #[error("the IC licence profile has no DF1/EF01 記載事項")]
    NoIcRecord,
    /// The WEF02 on the card does not decode.
    #[error("WEF02 on the card does not decode")]
    Record(#[from] menkyo_codec::Error),
    /// The record could not be signed.
    #[error("cannot sign the record")]
    Sign(#[from] SigningError),
}

/// What a card image holds of the 免許AP.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApStatus {
    /// Whether the 免許AP is installed (its instance SELECT answers `9000`).
    pub installed: bool,
    /// Whether a licence is recorded in WEF02.
    pub recorded: bool,
    /// Whether the holder set a PIN (WEF01), when installed.
    pub pin_set: Option<bool>,
    /// Tries left of the 免許AP PIN, when installed.
    pub pin_tries_left: Option<u8>,
}

/// The licence as recorded, when there is one.
pub fn recorded_licence(image: &CardImage) -> Result<Option<LicenceApRecord>, LifecycleError> {
    match image.files.get(registry::LICENCE_AP_WEF02.path) {
        Some(bytes) if is_installed(image) && !bytes.0.is_empty() => Ok(Some(
            LicenceApRecord::decode_with(&bytes.0, Mode::Strict)?.record,
        )),
        _ => Ok(None),
    }
}

fn is_installed(image: &CardImage) -> bool {
    image
        .applications
        .iter()
        .any(|a| a == application::LICENCE_AP)
}

/// What is installed and recorded.
pub fn status(image: &CardImage) -> ApStatus {
    let installed = is_installed(image);
    let recorded = installed
        && image
            .files
            .get(registry::LICENCE_AP_WEF02.path)
            .is_some_and(|b| !b.0.is_empty());
    let pin_set = installed
        .then(|| image.files.get(registry::LICENCE_AP_WEF01.path))
        .flatten()
        .and_then(|b| match b.0.as_slice() {
            [0xC1, 0x01, 0x00] => Some(false),
            [0xC1, 0x01, 0x01] => Some(true),
            _ => None,
        });
    let pin_tries_left = installed
        .then(|| image.pins.get(pin_id::LICENCE_AP).map(|p| p.tries_left))
        .flatten();
    ApStatus {
        installed,
        recorded,
        pin_set,
        pin_tries_left,
    }
}

fn my_number(image: &CardImage) -> Result<(), LifecycleError> {
    if image.model == CardModel::MyNumber {
        Ok(())
    } else {
        Err(LifecycleError::NotMyNumberCard)
    }
}

fn set_pin(image: &mut CardImage, pin: Option<&Pin>) {
    let pin = pin.cloned().unwrap_or_else(Pin::licence_default);
    let setting = LicenceApPinSetting {
        pin_set: !pin.is_default(),
    };
    image.put_file(&registry::LICENCE_AP_WEF01, setting.encode());
    image.set_fresh_pin(registry::Pin::LicenceAp, pin.expose());
}

/// Loads the 免許AP: the instance becomes selectable, with no PIN set and nothing recorded.
pub fn install(image: &mut CardImage) -> Result<(), LifecycleError> {
    my_number(image)?;
    if is_installed(image) {
        return Err(LifecycleError::AlreadyInstalled);
    }
    image.applications.push(application::LICENCE_AP.to_owned());
    set_pin(image, None);
    image.put_file(&registry::LICENCE_AP_WEF02, Vec::new());
    image.put_file(&registry::LICENCE_AP_WEF03, Vec::new());
    Ok(())
}

/// Records `licence` into the installed 免許AP: WEF02, WEF03 signed by `issuer`, and the PIN
/// (`None`: no PIN set, `****`) with all its tries.
pub fn record(
    image: &mut CardImage,
    licence: &LicenceApRecord,
    pin: Option<&Pin>,
    issuer: &Issuer,
) -> Result<(), LifecycleError> {
    my_number(image)?;
    if !is_installed(image) {
        return Err(LifecycleError::NotInstalled);
    }
    let security = signing::licence_ap_security(issuer, licence)?;
    image.put_file(&registry::LICENCE_AP_WEF02, licence.encode());
    image.put_file(&registry::LICENCE_AP_WEF03, security.encode());
    set_pin(image, pin);
    Ok(())
}

/// Deletes the 免許AP with its files and PIN: the instance SELECT answers `6A82` again.
pub fn remove(image: &mut CardImage) -> Result<(), LifecycleError> {
    my_number(image)?;
    if !is_installed(image) {
        return Err(LifecycleError::NotInstalled);
    }
    image.applications.retain(|a| a != application::LICENCE_AP);
    for file in [
        &registry::LICENCE_AP_WEF01,
        &registry::LICENCE_AP_WEF02,
        &registry::LICENCE_AP_WEF03,
    ] {
        image.files.remove(file.path);
    }
    image.pins.remove(pin_id::LICENCE_AP);
    Ok(())
}

/// The 免許AP record of the licence an IC licence carries: 有効期間の末日, 色区分, 番号,
/// 条件, the classes held, the 免許の年月日 of each group and the photo.
pub fn record_from_ic_licence(card: &IcLicenceCard) -> Result<LicenceApRecord, LifecycleError> {
    let ic = card.record.as_ref().ok_or(LifecycleError::NoIcRecord)?;
    let not_licensed = |d: Option<Date7>| match d {
        Some(Date7::NotLicensed { .. }) => Some(Date7::NotLicensed { era_digit: 0 }),
        other => other,
    };
    Ok(LicenceApRecord {
        career_c2: None,
        career_c3: None,
        expires_on: ic.expires_on,
        color_class: ic.color_class.clone(),
        number: ic.number.clone(),
        conditions: ic
            .conditions
            .iter()
            .flatten()
            .filter(|c| !c.is_empty())
            .cloned()
            .collect(),
        classes: Some(
            ic.classes
                .map(|since| matches!(since, Some(Date7::Date { .. }))),
        ),
        licensed_on: LicensedOn {
            two_small_moped: not_licensed(ic.licensed_on.two_small_moped),
            other: not_licensed(ic.licensed_on.other),
            second_class: not_licensed(ic.licensed_on.second_class),
        },
        photo: card.photo.as_ref().and_then(|p| p.photo.clone()),
        layout: Default::default(),
    })
}

/// The licence a profile holds, as the 免許AP records it, and the 免許AP PIN it names: the
/// `[licence_ap]` of a My Number card profile, or the licence of an IC licence profile (no
/// PIN set).
pub fn record_from_profile(
    profile: &Profile,
) -> Result<(LicenceApRecord, Option<Pin>), LifecycleError> {
    match &profile.card {
        ProfileCard::IcLicence(ic) => Ok((record_from_ic_licence(&ic.card)?, None)),
        ProfileCard::MyNumber(card) => {
            let record = card
                .card
                .licence_ap
                .as_ref()
                .and_then(|ap| ap.record.clone())
                .ok_or(LifecycleError::NoLicence)?;
            let pin = card.licence_ap_pin.clone().filter(|p| !p.is_default());
            Ok((record, pin))
        }
    }
}
