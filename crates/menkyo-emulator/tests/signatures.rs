//! The built-in samples are signed by the SYNTHETIC test issuer: untouched they verify, one
//! changed byte in the image makes them invalid, and a profile's marker leaves them unverifiable.

use menkyo_auth::{verify, SignedCard, TrustAnchor, Unverifiable, Verdict};
use menkyo_codec::registry;
use menkyo_emulator::image::CardImage;
use menkyo_emulator::{samples, signing};

fn anchor() -> TrustAnchor {
    TrustAnchor::from_bytes(menkyo_auth::test_issuer::CERTIFICATE_PEM.as_bytes()).unwrap()
}

/// The files as a reader names them, taken from the image.
fn check(card: SignedCard, image: &CardImage) -> Verdict {
    let anchor = anchor();
    verify(
        card,
        |p| image.files.get(p).map(|b| b.0.as_slice()),
        Some(&anchor),
    )
    .verdict
}

#[test]
fn the_samples_verify_and_one_changed_byte_breaks_them() {
    let ic = samples::get("ic-licence").unwrap();
    assert_eq!(check(SignedCard::IcLicence, &ic), Verdict::Valid);
    let mut tampered = ic.clone();
    let record = tampered.files.get_mut(registry::DF1_EF01.path).unwrap();
    record.0[20] ^= 0x01;
    assert_eq!(check(SignedCard::IcLicence, &tampered), Verdict::Invalid);

    let myna = samples::get("myna-licence").unwrap();
    assert_eq!(check(SignedCard::LicenceAp, &myna), Verdict::Valid);
    let mut tampered = myna.clone();
    let record = tampered
        .files
        .get_mut(registry::LICENCE_AP_WEF02.path)
        .unwrap();
    record.0[4] ^= 0x01;
    assert_eq!(check(SignedCard::LicenceAp, &tampered), Verdict::Invalid);

    let issuer = signing::test_issuer().unwrap();
    signing::resign_licence_ap(&mut tampered, &issuer).unwrap();
    assert_eq!(
        check(SignedCard::LicenceAp, &tampered),
        Verdict::Valid,
        "the issuer signing again makes it valid"
    );
}

#[test]
fn a_marker_instead_of_a_signature_is_unverifiable() {
    let unsigned = samples::get("ic-licence-no-pin").unwrap();
    assert!(matches!(
        check(SignedCard::IcLicence, &unsigned),
        Verdict::Unverifiable(Unverifiable::UnknownLayout(_))
    ));
}
