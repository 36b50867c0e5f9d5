//! The synthetic issuer signs licence files; verification says valid, invalid or unverifiable.

use std::collections::BTreeMap;

use menkyo_auth::verify::SignerInfo;
use menkyo_auth::{test_issuer, verify, Report, SignedCard, TrustAnchor, Unverifiable, Verdict};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/test-issuer");

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}/{name}")).unwrap()
}

fn anchor(name: &str) -> TrustAnchor {
    TrustAnchor::from_bytes(&fixture(name)).unwrap()
}

fn ic_files() -> BTreeMap<&'static str, Vec<u8>> {
    let ef01 = b"\x11\x01\x78\x21\x0C012345678900".to_vec();
    let ef02 = b"\x41\x02\x21\x21".to_vec();
    let photo = b"\x5F\x40\x82\x00\x04\xFF\x4F\xFF\x51".to_vec();
    let issuer = test_issuer::issuer().unwrap();
    let ef07 = issuer.sign_ic_licence(&ef01, &ef02, &photo).unwrap();
    assert_eq!(ef07.len(), 578);
    assert_eq!(ef07[..4], [0xB1, 0x82, 0x01, 0x00]);
    BTreeMap::from([
        ("DF1/EF01", ef01),
        ("DF1/EF02", ef02),
        ("DF2/EF01", photo),
        ("DF1/EF07", ef07),
    ])
}

fn check(
    card: SignedCard,
    files: &BTreeMap<&'static str, Vec<u8>>,
    anchor: Option<&TrustAnchor>,
) -> Report {
    verify(card, |path| files.get(path).map(Vec::as_slice), anchor)
}

/// The common name of the synthetic licence issuer.
const TEST_ISSUER: &str = "menkyo SYNTHETIC licence issuer";

/// Fails unless `report` (of `what`) is valid and names the test issuer's serial number; its
/// signer.
#[track_caller]
fn valid_by_the_test_issuer<'r>(report: &'r Report, what: &str) -> &'r SignerInfo {
    assert_eq!(report.verdict, Verdict::Valid, "{what}");
    let signer = report.signer.as_ref().expect("the signer");
    assert_eq!(
        signer.serial_number.as_deref(),
        Some("4D454E4B594F01"),
        "{what}"
    );
    signer
}

#[test]
fn an_untouched_ic_licence_is_valid_with_each_form_of_trust_anchor() {
    let files = ic_files();
    for name in ["issuer.cert.pem", "issuer.cert.der", "issuer.pub.pem"] {
        let report = check(SignedCard::IcLicence, &files, Some(&anchor(name)));
        let signer = valid_by_the_test_issuer(&report, name);
        let covered: Vec<_> = report.covered.iter().map(|p| (p.path, p.len)).collect();
        assert_eq!(
            covered,
            [("DF1/EF01", 880), ("DF1/EF02", 82), ("DF2/EF01", 2005)]
        );
        let subject = signer.subject.as_deref().unwrap_or_default();
        assert!(subject.contains(TEST_ISSUER), "{name}: {subject}");
    }
}

#[test]
fn one_changed_byte_in_any_covered_file_makes_it_invalid() {
    let anchor = anchor("issuer.cert.pem");
    for path in ["DF1/EF01", "DF1/EF02", "DF2/EF01"] {
        let mut files = ic_files();
        let file = files.get_mut(path).unwrap();
        file[1] ^= 0x01;
        let report = check(SignedCard::IcLicence, &files, Some(&anchor));
        assert_eq!(report.verdict, Verdict::Invalid, "{path}");
    }
    let mut files = ic_files();
    files.get_mut("DF1/EF01").unwrap().push(0x00);
    assert_eq!(
        check(SignedCard::IcLicence, &files, Some(&anchor)).verdict,
        Verdict::Invalid,
        "a written filler byte is covered too"
    );
    let mut files = ic_files();
    files.get_mut("DF1/EF07").unwrap()[100] ^= 0x80;
    assert_eq!(
        check(SignedCard::IcLicence, &files, Some(&anchor)).verdict,
        Verdict::Invalid
    );
}

#[test]
fn unverifiable_without_anchor_files_or_layout() {
    let files = ic_files();
    assert_eq!(
        check(SignedCard::IcLicence, &files, None).verdict,
        Verdict::Unverifiable(Unverifiable::NoTrustAnchor)
    );
    let anchor = anchor("issuer.cert.pem");
    let mut without_pin2_files = files.clone();
    without_pin2_files.remove("DF1/EF02");
    without_pin2_files.remove("DF2/EF01");
    let report = check(SignedCard::IcLicence, &without_pin2_files, Some(&anchor));
    assert_eq!(
        report.verdict,
        Verdict::Unverifiable(Unverifiable::FilesNotRead {
            files: vec!["DF1/EF02", "DF2/EF01"]
        })
    );
    assert_eq!(report.covered.len(), 1);
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["file"], "DF1/EF07");
    assert_eq!(json["verdict"], "unverifiable");
    assert_eq!(json["reason"], "files-not-read");
    assert_eq!(json["detail"], "not read: DF1/EF02, DF2/EF01");

    let mut placeholder = files.clone();
    let mut marker = b"\xB1\x82\x00\x20menkyo SYNTHETIC placeholder data".to_vec();
    marker.resize(578, 0xFF);
    placeholder.insert("DF1/EF07", marker);
    assert!(matches!(
        check(SignedCard::IcLicence, &placeholder, Some(&anchor)).verdict,
        Verdict::Unverifiable(Unverifiable::UnknownLayout(_))
    ));

    let other = TrustAnchor::from_bytes(&fixture("jpki/sign-ca.cert.pem")).unwrap();
    assert!(matches!(
        check(SignedCard::IcLicence, &files, Some(&other)).verdict,
        Verdict::Unverifiable(Unverifiable::OtherSigner { .. })
    ));
}

#[test]
fn the_licence_ap_signature_covers_wef02() {
    let wef02 = b"\xC2\x00\xC3\x00\xC5\x075120401\xC7\x0C012345678920".to_vec();
    let issuer = test_issuer::issuer().unwrap();
    let wef03 = issuer.sign_licence_ap(&wef02).unwrap();
    // Flat items: B1 82 01 00 + the signature, then B2 (serial number) onwards.
    assert_eq!(wef03[..4], [0xB1, 0x82, 0x01, 0x00]);
    assert_eq!(wef03[260], 0xB2);
    let anchor = anchor("issuer.cert.der");
    let mut files = BTreeMap::from([("LICENCE_AP/WEF02", wef02), ("LICENCE_AP/WEF03", wef03)]);
    let report = check(SignedCard::LicenceAp, &files, Some(&anchor));
    assert_eq!(report.verdict, Verdict::Valid);
    assert_eq!(report.covered[0].path, "LICENCE_AP/WEF02");
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["verdict"], "valid");
    assert_eq!(json["card"], "licence-ap");
    assert_eq!(json["card_kind"], "my-number-with-licence");
    assert_eq!(json["covered"][0]["length"], json["covered"][0]["len"]);
    assert_eq!(json["signer"]["signature_length"], 256);
    assert_eq!(json["signer"]["signature_len"], 256);
    assert_eq!(json["file"], "LICENCE_AP/WEF03");
    assert_eq!(json["reason"], serde_json::Value::Null);

    files.get_mut("LICENCE_AP/WEF02").unwrap()[3] = b'3';
    let report = check(SignedCard::LicenceAp, &files, Some(&anchor));
    assert_eq!(report.verdict, Verdict::Invalid);
    assert_eq!(serde_json::to_value(&report).unwrap()["verdict"], "invalid");
}

#[test]
fn key_files_of_other_kinds_are_refused() {
    assert!(TrustAnchor::from_bytes(b"not a key").is_err());
    assert!(TrustAnchor::from_bytes(&fixture("issuer.key.pem")).is_err());
    assert!(menkyo_auth::Issuer::from_bytes(
        &fixture("jpki/sign.key.pem"),
        &fixture("issuer.cert.pem")
    )
    .is_err());
}

/// A DF1/EF07 written by menkyo 0.1 (`80`–`84` nested in `B1`, names as DER) still verifies,
/// and one tampered with does not.
#[test]
fn the_old_nested_layout_still_verifies() {
    use menkyo_auth::security_data::ItemNesting;
    use menkyo_auth::SecurityData;
    let mut files = ic_files();
    let issuer = test_issuer::issuer().unwrap();
    let mut data = SecurityData::decode(&files["DF1/EF07"]).unwrap();
    assert_eq!(data.nesting, ItemNesting::Flat);
    let certificate = issuer.certificate();
    data.nesting = ItemNesting::Nested;
    data.serial_number = Some(certificate.serial_number().to_vec());
    data.reserved = None;
    data.issuer = Some(certificate.issuer_der().unwrap());
    data.subject = Some(certificate.subject_der().unwrap());
    let old = data.encode_padded(578).unwrap();
    assert_eq!(old[..2], [0xB1, 0x82]);
    assert_eq!(old[4..8], [0x80, 0x82, 0x01, 0x00]);
    files.insert("DF1/EF07", old.clone());
    let anchor = anchor("issuer.cert.der");
    let report = check(SignedCard::IcLicence, &files, Some(&anchor));
    let signer = valid_by_the_test_issuer(&report, "the nested layout");
    let issuer = signer.issuer.as_deref().unwrap_or_default();
    assert!(issuer.contains(TEST_ISSUER), "{issuer}");
    let mut bad = old;
    bad[10] ^= 1;
    files.insert("DF1/EF07", bad);
    assert_eq!(
        check(SignedCard::IcLicence, &files, Some(&anchor)).verdict,
        Verdict::Invalid
    );
}
