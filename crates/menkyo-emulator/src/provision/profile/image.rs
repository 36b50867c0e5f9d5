//! Typed records → card image: each file encoded by the codec, PINs stored as digests.

use std::collections::BTreeMap;

use menkyo_codec::records::{BasicInfo, MyNumber};
use menkyo_codec::registry;
use menkyo_codec::tlv::ber::{self, Limits, Tag, Tlv};
use menkyo_codec::tlv::Mode;
use sha2::{Digest, Sha256};

use super::{IcLicenceProfile, MyNumberProfile, Profile, ProfileCard};
use crate::image::{CardImage, CardModel, IMAGE_FORMAT};
use crate::jpki;
use crate::Error;

/// Marker in the signature of the synthetic integrity data of EF0003.
const INTEGRITY_SIGNATURE_TEXT: &[u8] =
    b"menkyo SYNTHETIC integrity signature - not a real signature";
/// RSA-2048 signature length of DF33.
const RSA_2048_LEN: usize = 256;

pub(super) fn build(profile: &Profile) -> Result<CardImage, Error> {
    let mut image = CardImage {
        format: IMAGE_FORMAT.to_owned(),
        model: CardModel::IcLicence,
        label: profile.label.clone(),
        applications: Vec::new(),
        files: BTreeMap::new(),
        pins: BTreeMap::new(),
        unread: BTreeMap::new(),
    };
    match &profile.card {
        ProfileCard::IcLicence(ic) => ic_licence(&mut image, ic),
        ProfileCard::MyNumber(card) => my_number(&mut image, card)?,
    }
    image
        .validate()
        .map_err(|source| Error::InvalidBuiltImage {
            source: Box::new(source),
        })?;
    Ok(image)
}

/// The record in an optional field of a profile, encoded by the codec.
macro_rules! encoded {
    ($record:expr) => {
        $record.as_ref().map(|r| r.encode())
    };
}

/// Puts each file whose record the profile holds.
fn put_present<'a>(
    image: &mut CardImage,
    files: impl IntoIterator<Item = (&'a registry::File, Option<Vec<u8>>)>,
) {
    for (file, bytes) in files {
        if let Some(bytes) = bytes {
            image.put_file(file, bytes);
        }
    }
}

fn ic_licence(image: &mut CardImage, profile: &IcLicenceProfile) {
    use registry::{DF1_EF01, DF1_EF02, DF1_EF03, DF1_EF04, DF1_EF05, DF1_EF06, DF1_EF07};
    let card = &profile.card;
    let files = [
        (&registry::MF_EF01, encoded!(card.common)),
        (&registry::MF_EF02, encoded!(card.pin_setting)),
        (&DF1_EF01, encoded!(card.record)),
        (&DF1_EF02, encoded!(card.domicile)),
        (&DF1_EF03, encoded!(card.external_characters)),
        (&DF1_EF04, encoded!(card.changes)),
        (&DF1_EF05, encoded!(card.change_external_characters)),
        (&DF1_EF06, encoded!(card.change_domicile)),
        (&DF1_EF07, encoded!(card.signature)),
        (&registry::DF2_EF01, encoded!(card.photo)),
    ];
    put_present(image, files);
    image.set_fresh_pin(registry::Pin::IcPin1, profile.pin1.expose());
    image.set_fresh_pin(registry::Pin::IcPin2, profile.pin2.expose());
}

fn my_number(image: &mut CardImage, profile: &MyNumberProfile) -> Result<(), Error> {
    image.model = CardModel::MyNumber;
    let card = &profile.card;
    if let Some(ap) = &card.licence_ap {
        image
            .applications
            .push(registry::LICENCE_AP.installed_name().to_owned());
        let files = [
            (&registry::LICENCE_AP_WEF01, encoded!(ap.pin_setting)),
            (&registry::LICENCE_AP_WEF02, encoded!(ap.record)),
            (&registry::LICENCE_AP_WEF03, encoded!(ap.security)),
        ];
        put_present(image, files);
        if let Some(pin) = &profile.licence_ap_pin {
            image.set_fresh_pin(registry::Pin::LicenceAp, pin.expose());
        }
    }
    if let Some(ap) = &card.basic_info_ap {
        image
            .applications
            .push(registry::BASIC_INFO.installed_name().to_owned());
        if let (Some(number), Some(info)) = (&ap.my_number, &ap.basic_info) {
            image.put_file(&registry::BASIC_INFO_EF0001, number.encode());
            image.put_file(&registry::BASIC_INFO_EF0002, info.encode());
            image.put_file(&registry::BASIC_INFO_EF0003, integrity(number, info)?);
        }
        if let Some(pin) = &profile.basic_info_pin {
            image.set_fresh_pin(registry::Pin::BasicInfo, pin.expose());
        }
    }
    if let Some(token) = &card.jpki_token {
        image
            .applications
            .push(registry::JPKI.installed_name().to_owned());
        image.put_file(&registry::JPKI_EF0006, token.encode());
    }
    if let Some(password) = &profile.jpki_signing_password {
        jpki::issue_signing(image, &jpki::synthetic::signing(), password).map_err(|source| {
            Error::IssueJpki {
                source: Box::new(source),
            }
        })?;
    }
    if let Some(pin) = &profile.jpki_user_pin {
        jpki::issue_authentication(image, &jpki::synthetic::authentication(), pin).map_err(
            |source| Error::IssueJpki {
                source: Box::new(source),
            },
        )?;
    }
    Ok(())
}

/// EF0003: `FF30` with `DF31` SHA-256 of the `FF10` object of EF0001, `DF32` SHA-256 of the
/// value of EF0002's `FF20`, and in `DF33` a marker in place of the RSA-2048 signature.
fn integrity(number: &MyNumber, info: &BasicInfo) -> Result<Vec<u8>, Error> {
    let number_bytes = number.encode();
    let number_object = ber::parse(&number_bytes, Mode::Strict, Limits::default())
        .ok()
        .and_then(|objects| objects.first().and_then(|o| o.raw()).map(<[u8]>::to_vec))
        .unwrap_or_default();
    let info_bytes = info.encode();
    let info_value = ber::parse(&info_bytes, Mode::Strict, Limits::default())
        .ok()
        .and_then(|objects| {
            objects
                .first()
                .and_then(|o| o.value_bytes())
                .map(<[u8]>::to_vec)
        })
        .unwrap_or_default();
    let number_digest = Sha256::digest(&number_object);
    let info_digest = Sha256::digest(&info_value);
    let mut signature = INTEGRITY_SIGNATURE_TEXT.to_vec();
    signature.resize(RSA_2048_LEN, 0);
    let tag = |t: u32| Tag::from_u32(t).map_err(Error::Encode);
    let tree = Tlv::constructed(
        tag(0xFF30)?,
        vec![
            Tlv::primitive(tag(0xDF31)?, &number_digest),
            Tlv::primitive(tag(0xDF32)?, &info_digest),
            Tlv::primitive(tag(0xDF33)?, &signature),
        ],
    );
    tree.to_bytes().map_err(Error::Encode)
}
