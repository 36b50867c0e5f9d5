//! The same person's licence read through the client from the ICカード運転免許証 and from the
//! マイナ免許証 (the "both" holding form): the licence fields the two cards share agree, and
//! each card's signature, checked on the files the client read, is valid.

use std::collections::BTreeMap;

use menkyo::auth::{verify, SignedCard, TrustAnchor, Unverifiable, Verdict};
use menkyo::client::{IcPins, LastTry, MynaPins, RawFile, Reader};
use menkyo::codec::date::Date7;
use menkyo::codec::records::{LicenceApRecord, LicenceRecord, Photo};
use menkyo::codec::secret::Pin;
use menkyo::emulator::{licence_ap, samples, signing, CardImage, Emulator, InProcessTransport};

/// The two cards of the "both" form, built as `menkyo card new --form both` builds them.
fn both_cards() -> (CardImage, CardImage) {
    let licence = samples::profile("ic-licence").unwrap().unwrap();
    let ic = licence.to_image().unwrap();
    let mut myna = samples::get("myna-licence").unwrap();
    licence_ap::remove(&mut myna).unwrap();
    licence_ap::install(&mut myna).unwrap();
    let (record, _) = licence_ap::record_from_profile(&licence).unwrap();
    licence_ap::record(&mut myna, &record, None, &signing::test_issuer().unwrap()).unwrap();
    (ic, myna)
}

fn by_path(files: &[RawFile]) -> BTreeMap<&'static str, Vec<u8>> {
    files.iter().map(|f| (f.ef.path, f.bytes.clone())).collect()
}

fn read_ic(image: CardImage, pin2: bool) -> BTreeMap<&'static str, Vec<u8>> {
    let mut transport = InProcessTransport::new(Emulator::new(image));
    let pins = IcPins {
        pin1: Some(Pin::licence("1234").unwrap()),
        pin2: pin2.then(|| Pin::licence("5678").unwrap()),
    };
    let files = Reader::new(&mut transport)
        .read_ic_licence_files(&pins, LastTry::Refuse)
        .unwrap();
    by_path(&files.files)
}

fn read_myna(image: CardImage) -> BTreeMap<&'static str, Vec<u8>> {
    let mut transport = InProcessTransport::new(Emulator::new(image));
    let files = Reader::new(&mut transport)
        .read_myna_licence_files(&MynaPins::default(), LastTry::Refuse)
        .unwrap();
    by_path(&files.files)
}

fn held(date: &Option<Date7>) -> bool {
    matches!(date, Some(Date7::Date { .. }))
}

fn date(date: Option<Date7>) -> Option<Date7> {
    date.filter(|d| matches!(d, Date7::Date { .. }))
}

#[test]
fn both_cards_of_one_person_carry_the_same_licence() {
    let (ic, myna) = both_cards();
    let ic_files = read_ic(ic, true);
    let myna_files = read_myna(myna);
    let ic_record = LicenceRecord::decode(&ic_files["DF1/EF01"]).unwrap();
    let ic_photo = Photo::decode(&ic_files["DF2/EF01"]).unwrap();
    let ap = LicenceApRecord::decode(&myna_files["LICENCE_AP/WEF02"]).unwrap();

    assert_eq!(ap.number, ic_record.number);
    assert!(ap.number.is_some());
    assert_eq!(ap.expires_on, ic_record.expires_on);
    assert_eq!(ap.color_class, ic_record.color_class);
    let ic_conditions: Vec<_> = ic_record
        .conditions
        .iter()
        .flatten()
        .filter(|c| !c.is_empty())
        .cloned()
        .collect();
    assert_eq!(ap.conditions, ic_conditions);
    let ic_held: Vec<bool> = ic_record.classes.iter().map(held).collect();
    assert_eq!(ap.classes.map(|c| c.to_vec()), Some(ic_held));
    for (a, i) in [
        (
            ap.licensed_on.two_small_moped,
            ic_record.licensed_on.two_small_moped,
        ),
        (ap.licensed_on.other, ic_record.licensed_on.other),
        (
            ap.licensed_on.second_class,
            ic_record.licensed_on.second_class,
        ),
    ] {
        assert_eq!(date(a), date(i));
    }
    assert_eq!(ap.photo, ic_photo.photo);
    assert!(ap.photo.is_some());
}

#[test]
fn signatures_check_on_the_files_the_client_read() {
    let anchor =
        TrustAnchor::from_bytes(menkyo::auth::test_issuer::CERTIFICATE_PEM.as_bytes()).unwrap();
    let (ic, myna) = both_cards();
    let ic_files = read_ic(ic.clone(), true);
    let report = verify(
        SignedCard::IcLicence,
        |p| ic_files.get(p).map(Vec::as_slice),
        Some(&anchor),
    );
    assert_eq!(report.verdict, Verdict::Valid);
    let myna_files = read_myna(myna);
    let report = verify(
        SignedCard::LicenceAp,
        |p| myna_files.get(p).map(Vec::as_slice),
        Some(&anchor),
    );
    assert_eq!(report.verdict, Verdict::Valid);

    let without_pin2 = read_ic(ic.clone(), false);
    let report = verify(
        SignedCard::IcLicence,
        |p| without_pin2.get(p).map(Vec::as_slice),
        Some(&anchor),
    );
    assert_eq!(
        report.verdict,
        Verdict::Unverifiable(Unverifiable::FilesNotRead {
            files: vec!["DF1/EF02", "DF2/EF01"]
        })
    );

    let mut tampered = ic;
    tampered.files.get_mut("DF2/EF01").unwrap().0[100] ^= 0x01;
    let files = read_ic(tampered, true);
    let report = verify(
        SignedCard::IcLicence,
        |p| files.get(p).map(Vec::as_slice),
        Some(&anchor),
    );
    assert_eq!(report.verdict, Verdict::Invalid);
}
