//! The マイナ免許証 life cycle on card images, as `menkyo card` runs it: the card images of
//! the three ways to hold a licence, what the 免許AP of an image holds, and the signature of
//! an image checked.

use std::path::Path;

use menkyo_auth::{Report, SignedCard, TrustAnchor};
use menkyo_codec::date::Date;
use menkyo_codec::records::{BasicInfo, LicenceApRecord};
use menkyo_codec::registry;
use menkyo_codec::status::Tries;
use serde::Serialize;

use crate::image::{CardImage, CardModel};
use crate::licence_ap;
use crate::profile::{Profile, ProfileCard};
use crate::signing;
use crate::Error;

/// How a licence is held (免許証の保有形態).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// マイナ免許証 only: the licence on the My Number card.
    MynaOnly,
    /// Both the マイナ免許証 and the ICカード運転免許証.
    Both,
    /// The ICカード運転免許証 only.
    IcOnly,
}

impl Form {
    /// Whether the holder has an ICカード運転免許証.
    pub fn has_ic_licence(self) -> bool {
        matches!(self, Form::IcOnly | Form::Both)
    }

    /// Whether the holder's My Number card carries the licence (マイナ免許証).
    pub fn has_licence_ap(self) -> bool {
        matches!(self, Form::MynaOnly | Form::Both)
    }
}

/// The card images of one form.
#[derive(Debug, Clone, Default)]
pub struct FormImages {
    /// The ICカード運転免許証, when the form has one.
    pub ic_licence: Option<CardImage>,
    /// The My Number card with the licence recorded in its 免許AP, when the form has one.
    pub my_number: Option<CardImage>,
}

/// The card images of `form` for the licence of the IC licence profile `licence`;
/// `my_number_card` gives the holder's My Number card, asked only when the form has a
/// マイナ免許証: its 免許AP installed afresh and the licence recorded without a PIN, signed by
/// the test issuer.
pub fn form_images<E: From<Error>>(
    form: Form,
    licence: &Profile,
    my_number_card: impl FnOnce() -> Result<Profile, E>,
) -> Result<FormImages, E> {
    let ProfileCard::IcLicence(_) = &licence.card else {
        return Err(Error::NotIcLicence.into());
    };
    let mut images = FormImages::default();
    if form.has_ic_licence() {
        images.ic_licence = Some(licence.to_image().map_err(Error::unusable_profile)?);
    }
    if form.has_licence_ap() {
        images.my_number = Some(licence_ap_card(licence, &my_number_card()?)?);
    }
    Ok(images)
}

fn licence_ap_card(licence: &Profile, my_number_card: &Profile) -> Result<CardImage, Error> {
    let step = |source| Error::LicenceAp {
        source: Box::new(source),
    };
    let mut card = my_number_card.to_image().map_err(Error::unusable_profile)?;
    if licence_ap::status(&card).installed {
        licence_ap::remove(&mut card).map_err(step)?;
    }
    let (record, _) = licence_ap::record_from_profile(licence).map_err(step)?;
    licence_ap::install(&mut card).map_err(step)?;
    let issuer = signing::test_issuer().map_err(|source| Error::Signing {
        source: Box::new(source),
    })?;
    licence_ap::record(&mut card, &record, None, &issuer).map_err(step)?;
    Ok(card)
}

/// What the 免許AP of a card image holds (`menkyo card status`).
#[derive(Debug, Clone, Serialize)]
pub struct ApReport {
    /// Which card the image is.
    pub model: CardModel,
    /// Whether the 免許AP is installed.
    pub installed: bool,
    /// The licence recorded, in short.
    pub recorded: Option<RecordedSummary>,
    /// Whether the holder set a PIN, when installed.
    pub pin_set: Option<bool>,
    /// Tries left of the 免許AP PIN, when installed.
    pub pin_tries_left: Option<u8>,
    #[serde(skip)]
    record: Option<LicenceApRecord>,
}

/// A recorded licence, in short.
#[derive(Debug, Clone, Serialize)]
pub struct RecordedSummary {
    /// 免許証番号.
    pub number: Option<String>,
    /// 有効期間の末日.
    pub expires_on: Option<Date>,
}

impl ApReport {
    /// The report of `image`.
    pub fn of(image: &CardImage) -> Result<ApReport, Error> {
        let status = licence_ap::status(image);
        let record = match status.installed {
            true => licence_ap::recorded_licence(image)?,
            false => None,
        };
        Ok(ApReport {
            model: image.model,
            installed: status.installed,
            recorded: record.as_ref().map(|r| RecordedSummary {
                number: r.number.as_ref().map(|n| n.as_str().to_owned()),
                expires_on: r.expires_on.and_then(|d| d.date()),
            }),
            pin_set: status.pin_set,
            pin_tries_left: status.pin_tries_left,
            record,
        })
    }

    /// The report as `menkyo card status` prints it.
    pub fn text(&self) -> String {
        if self.model != CardModel::MyNumber {
            return "an ICカード運転免許証: no 免許AP (the licence is the card itself)\n"
                .to_owned();
        }
        if !self.installed {
            return "免許AP: not installed (SELECT of the instance answers 6A82)\n".to_owned();
        }
        format!(
            "免許AP: installed\nrecorded: {}\nPIN: {}, {} left\n",
            match &self.record {
                Some(r) => format!(
                    "licence {} valid until {}",
                    r.number.as_ref().map_or("—", |n| n.as_str()),
                    r.expires_on.map_or("—".to_owned(), |d| d.to_string())
                ),
                None => "nothing".to_owned(),
            },
            match self.pin_set {
                Some(true) => "set",
                _ => "not set (****)",
            },
            self.pin_tries_left
                .map_or("? tries".to_owned(), |t| Tries(usize::from(t)).to_string()),
        )
    }
}

/// The trust anchor at `trust`, or else the SYNTHETIC test issuer the emulator signs with.
pub fn anchor_or_test_issuer(trust: Option<&Path>) -> Result<TrustAnchor, menkyo_auth::Error> {
    match trust {
        Some(path) => TrustAnchor::load(path),
        None => TrustAnchor::from_bytes(menkyo_auth::test_issuer::CERTIFICATE_PEM.as_bytes()),
    }
}

/// The signature of `image` (DF1/EF07 of an IC licence, WEF03 of the 免許AP) checked against
/// `anchor`; without one it is unverifiable.
pub fn signature(image: &CardImage, anchor: Option<&TrustAnchor>) -> Report {
    let card = match image.model {
        CardModel::IcLicence => SignedCard::IcLicence,
        CardModel::MyNumber => SignedCard::LicenceAp,
    };
    menkyo_auth::verify(
        card,
        |path| image.files.get(path).map(|b| b.0.as_slice()),
        anchor,
    )
}

/// The 基本4情報 of the image's 券面事項入力補助AP, when it holds one that decodes.
pub fn basic_info(image: &CardImage) -> Option<BasicInfo> {
    let bytes = image.files.get(registry::BASIC_INFO_EF0002.path)?;
    BasicInfo::decode(&bytes.0).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples;
    use menkyo_auth::Verdict;

    fn profile(name: &str) -> Profile {
        samples::profile(name).unwrap().unwrap()
    }

    #[test]
    fn each_form_has_its_cards_and_the_licence_ap_holds_the_licence() {
        let licence = profile("ic-licence");
        let card = profile("myna-licence");
        let both = form_images(Form::Both, &licence, || Ok::<_, Error>(card.clone())).unwrap();
        let myna = both.my_number.unwrap();
        assert_eq!(both.ic_licence.unwrap().model, CardModel::IcLicence);
        let report = ApReport::of(&myna).unwrap();
        assert!(report.installed && report.recorded.is_some());
        assert_eq!(report.pin_set, Some(false));
        assert!(report
            .text()
            .starts_with("免許AP: installed\nrecorded: licence "));
        let anchor = anchor_or_test_issuer(None).unwrap();
        assert_eq!(signature(&myna, Some(&anchor)).verdict, Verdict::Valid);

        let ic_only = form_images(Form::IcOnly, &licence, || Ok::<_, Error>(card.clone())).unwrap();
        assert!(ic_only.ic_licence.is_some() && ic_only.my_number.is_none());
        let myna_only =
            form_images(Form::MynaOnly, &licence, || Ok::<_, Error>(card.clone())).unwrap();
        assert!(myna_only.ic_licence.is_none() && myna_only.my_number.is_some());
        assert!(matches!(
            form_images(Form::Both, &card, || Ok::<_, Error>(card.clone())),
            Err(Error::NotIcLicence)
        ));
    }

    #[test]
    fn a_card_without_the_licence_ap_says_so() {
        let plain = samples::get("myna-card").unwrap();
        let report = ApReport::of(&plain).unwrap();
        assert!(!report.installed && report.recorded.is_none());
        assert_eq!(
            report.text(),
            "免許AP: not installed (SELECT of the instance answers 6A82)\n"
        );
        let ic = ApReport::of(&samples::get("ic-licence").unwrap()).unwrap();
        assert!(ic.text().starts_with("an ICカード運転免許証"));
        assert!(basic_info(&plain).is_some());
        assert!(anchor_or_test_issuer(Some(Path::new("/nonexistent/anchor.pem"))).is_err());
        assert!(basic_info(&samples::get("ic-licence").unwrap()).is_none());
        assert_eq!(
            signature(&samples::get("ic-licence").unwrap(), None)
                .verdict
                .word(),
            "unverifiable"
        );
    }
}
