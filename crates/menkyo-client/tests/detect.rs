//! Card detection from the ATR and SELECT probes, against the emulator.

mod common;

use common::{reader_with, spec_image, tries_left, BOTH};
use menkyo_client::{detect, CardKind, Exchange, Reader};
use menkyo_emulator::Quirks;
use menkyo_transport::CardTransport;

fn detect_image(image: menkyo_emulator::CardImage) -> Vec<(CardKind, u64)> {
    BOTH.into_iter()
        .map(|caps| {
            let mut transport = reader_with(image.clone(), caps, Quirks::NONE);
            let atr = transport.atr().expect("ATR");
            let mut tx = transport.transaction().expect("transaction");
            let mut ex = Exchange::new(&mut *tx, caps);
            let kind = detect(&mut ex, &atr).expect("detect");
            (kind, ex.apdu_count())
        })
        .collect()
}

#[test]
fn each_card_is_told_apart_in_few_probes() {
    assert_eq!(
        detect_image(spec_image("spec-ic-licence")),
        [(CardKind::IcLicence, 1); 2]
    );
    assert_eq!(
        detect_image(spec_image("spec-myna-licence")),
        [(CardKind::MyNumberWithLicence, 1); 2]
    );
    assert_eq!(
        detect_image(spec_image("spec-myna-plain")),
        [(CardKind::MyNumberWithoutLicence, 2); 2]
    );
}

#[test]
fn a_card_with_none_of_the_applications_is_unknown() {
    let mut image = spec_image("spec-myna-plain");
    image.applications.clear();
    assert_eq!(detect_image(image), [(CardKind::Unknown, 4); 2]);
}

#[test]
fn detection_spends_no_try() {
    let mut transport = reader_with(
        spec_image("spec-ic-licence"),
        menkyo_transport::Capabilities::EXTENDED,
        Quirks::NONE,
    );
    let status = Reader::new(&mut transport).card_status().expect("status");
    assert_eq!(status.card, CardKind::IcLicence);
    assert_eq!(tries_left(&transport, "PIN1"), 3);
    assert_eq!(tries_left(&transport, "PIN2"), 3);
}
