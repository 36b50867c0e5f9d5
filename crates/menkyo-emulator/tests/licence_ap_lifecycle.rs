//! Installing, recording and removing the 免許AP on an emulated My Number card, seen through
//! APDUs as a reader sees it: 6A82 before install, the 免許AP after, 6A82 after removal.

use menkyo_auth::{verify, SignedCard, TrustAnchor, Verdict};
use menkyo_codec::records::{LicenceApRecord, LicenceRecord};
use menkyo_codec::secret::Pin;
use menkyo_emulator::licence_ap;
use menkyo_emulator::profile::ProfileCard;
use menkyo_emulator::Error;
use menkyo_emulator::{samples, signing, CardImage, Emulator};

const SELECT_INSTANCE: &str = "00A4040C10A0000002310600000000000000000000";
const SELECT_LOAD_FILE: &str = "00A4040C10A0000002310400000000000000000000";
const SELECT_MODULE: &str = "00A4040C10A0000002310500000000000000000000";

fn send(card: &mut Emulator, command: &str) -> (Vec<u8>, String) {
    let answer = card.process(&hex::decode(command.replace(' ', "")).unwrap());
    let (data, sw) = answer.split_at(answer.len() - 2);
    (data.to_vec(), hex::encode_upper(sw))
}

fn sw(image: &CardImage, command: &str) -> String {
    send(&mut Emulator::new(image.clone()), command).1
}

/// SELECT, VERIFY with `pin`, read WEF01 and WEF02 by SFI.
fn read_ap(image: &CardImage, pin: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let mut card = Emulator::new(image.clone());
    assert_eq!(send(&mut card, SELECT_INSTANCE).1, "9000");
    let (wef01, status) = send(&mut card, "00 B0 9A 00 03");
    assert_eq!(status, "9000");
    let verify = format!("00 20 00 86 04 {}", hex::encode(pin));
    assert_eq!(send(&mut card, &verify).1, "9000");
    let (wef02, status) = send(&mut card, "00 B0 9B 00 00 00 00");
    assert!(status == "9000" || status == "6B00", "{status}");
    (wef01, wef02)
}

fn ic_licence_record() -> (LicenceRecord, LicenceApRecord) {
    let profile = samples::profile("ic-licence").unwrap().unwrap();
    let ProfileCard::IcLicence(ic) = &profile.card else {
        panic!("not an IC licence");
    };
    let (derived, pin) = licence_ap::record_from_profile(&profile).unwrap();
    assert!(pin.is_none());
    (ic.card.record.clone().unwrap(), derived)
}

#[test]
fn install_record_and_remove_as_a_reader_sees_them() {
    let mut image = samples::get("myna-card").unwrap();
    assert_eq!(sw(&image, SELECT_INSTANCE), "6A82", "before install");
    assert!(!licence_ap::status(&image).installed);

    licence_ap::install(&mut image).unwrap();
    image.validate().unwrap();
    assert_eq!(sw(&image, SELECT_INSTANCE), "9000", "after install");
    assert_eq!(sw(&image, SELECT_LOAD_FILE), "6A82");
    assert_eq!(sw(&image, SELECT_MODULE), "6A82");
    let (wef01, wef02) = read_ap(&image, b"****");
    assert_eq!(wef01, [0xC1, 0x01, 0x00]);
    assert!(wef02.is_empty(), "nothing recorded yet");
    let status = licence_ap::status(&image);
    assert!(status.installed && !status.recorded);
    assert_eq!(status.pin_tries_left, Some(10));

    let (_, licence) = ic_licence_record();
    let issuer = signing::test_issuer().unwrap();
    let pin = Pin::licence("2468").unwrap();
    licence_ap::record(&mut image, &licence, Some(&pin), &issuer).unwrap();
    image.validate().unwrap();
    let (wef01, wef02) = read_ap(&image, b"2468");
    assert_eq!(wef01, [0xC1, 0x01, 0x01]);
    assert_eq!(wef02, licence.encode());
    assert!(licence_ap::status(&image).recorded);
    assert_eq!(
        licence_ap::recorded_licence(&image)
            .unwrap()
            .unwrap()
            .number,
        licence.number
    );
    let anchor =
        TrustAnchor::from_bytes(menkyo_auth::test_issuer::CERTIFICATE_PEM.as_bytes()).unwrap();
    let file = |p: &str| image.files.get(p).map(|b| b.0.as_slice());
    assert_eq!(
        verify(SignedCard::LicenceAp, file, Some(&anchor)).verdict,
        Verdict::Valid
    );

    licence_ap::remove(&mut image).unwrap();
    image.validate().unwrap();
    assert_eq!(sw(&image, SELECT_INSTANCE), "6A82", "after removal");
    assert!(!image.files.keys().any(|p| p.starts_with("LICENCE_AP/")));
    assert_eq!(licence_ap::status(&image).pin_set, None);
}

#[test]
fn the_recorded_licence_is_the_ic_licence_s() {
    let (ic, ap) = ic_licence_record();
    assert_eq!(ap.number, ic.number);
    assert_eq!(ap.expires_on, ic.expires_on);
    assert_eq!(ap.color_class, ic.color_class);
    assert_eq!(
        ap.conditions,
        ic.conditions
            .iter()
            .flatten()
            .filter(|c| !c.is_empty())
            .cloned()
            .collect::<Vec<_>>()
    );
    let held: Vec<bool> = ic
        .classes
        .iter()
        .map(|c| matches!(c, Some(menkyo_codec::date::Date7::Date { .. })))
        .collect();
    assert_eq!(ap.classes.unwrap().to_vec(), held);
    assert!(held.iter().any(|h| *h) && held.iter().any(|h| !*h));
    assert_eq!(ap.licensed_on.other, ic.licensed_on.other);
    assert!(ap.photo.is_some());
}

#[test]
fn steps_out_of_order_are_refused() {
    let mut image = samples::get("myna-licence").unwrap();
    assert!(matches!(
        licence_ap::install(&mut image),
        Err(Error::AlreadyInstalled)
    ));
    let mut plain = samples::get("myna-card").unwrap();
    assert!(matches!(
        licence_ap::remove(&mut plain),
        Err(Error::NotInstalled)
    ));
    let (_, licence) = ic_licence_record();
    let issuer = signing::test_issuer().unwrap();
    assert!(matches!(
        licence_ap::record(&mut plain, &licence, None, &issuer),
        Err(Error::NotInstalled)
    ));
    let mut ic = samples::get("ic-licence").unwrap();
    assert!(matches!(
        licence_ap::install(&mut ic),
        Err(Error::NotMyNumberCard)
    ));
    let card_profile = samples::profile("myna-card").unwrap().unwrap();
    assert!(matches!(
        licence_ap::record_from_profile(&card_profile),
        Err(Error::NoLicence)
    ));
}
