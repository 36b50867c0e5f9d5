//! The synthetic JPKI holder's key signs DigestInfos as a card does; detached signatures and
//! certificate chains check.

use menkyo_auth::detached::verify_detached;
use menkyo_auth::pkcs1::{sha256_digest_info, verify_sha256};
use menkyo_auth::{CardKey, Certificate};

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../fixtures/test-issuer/jpki"
);

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}/{name}")).unwrap()
}

fn cert(name: &str) -> Certificate {
    Certificate::from_bytes(&fixture(name)).unwrap()
}

#[test]
fn the_card_key_signs_a_digest_info_the_certificate_verifies() {
    let key = CardKey::from_bytes(&fixture("sign.key.der")).unwrap();
    let certificate = cert("sign.cert.der");
    assert_eq!(&key.public_key(), certificate.public_key());
    let document = b"menkyo SYNTHETIC document";
    let signature = key.sign_digest_info(&sha256_digest_info(document)).unwrap();
    assert_eq!(signature.len(), 256);
    assert!(verify_sha256(
        certificate.public_key(),
        document,
        &signature
    ));
    assert!(!verify_sha256(
        certificate.public_key(),
        b"another document",
        &signature
    ));
    assert!(key.sign_digest_info(&[0u8; 246]).is_err());

    let verify_with_ca =
        |ca: &str| verify_detached(document, &signature, &certificate, Some(&cert(ca))).unwrap();
    let check = verify_with_ca("sign-ca.cert.pem");
    assert!(check.is_valid(), "{check:?}");
    assert!(check
        .certificate
        .subject
        .contains("SYNTHETIC JPKI sign holder"));
    assert_eq!(check.certificate.sha256_fingerprint.len(), 32 * 3 - 1);

    let wrong_ca = verify_with_ca("auth-ca.cert.der");
    assert_eq!(wrong_ca.issued_by_ca, Some(false));
    assert!(!wrong_ca.is_valid());
}

#[test]
fn certificate_info_matches_openssl() {
    let info = cert("sign.cert.pem").info().unwrap();
    assert_eq!(
        info.sha256_fingerprint,
        "2D:E6:85:42:E3:25:BD:4C:6B:B9:60:2B:21:F2:A3:17:DD:90:9A:D3:82:C3:97:89:4D:88:D3:8C:3E:2C:39:D9"
    );
    assert_eq!(info.serial_number, "515102");
    assert_eq!(
        info.subject_key_identifier,
        "8BA83A6B74892B5C2222A613449B1CD8EA49F110"
    );
    assert!(info.not_before < info.not_after);
    assert_eq!(
        menkyo_auth::keys::key_identifier(cert("sign.cert.pem").public_key()).unwrap(),
        hex::decode(&info.subject_key_identifier).unwrap(),
        "the computed key identifier is OpenSSL's"
    );
    let pem = cert("sign.cert.der").to_pem().unwrap();
    assert_eq!(
        Certificate::from_bytes(pem.as_bytes()).unwrap().der(),
        &fixture("sign.cert.der")[..]
    );
}
