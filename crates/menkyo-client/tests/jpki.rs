//! The JPKI procedures against the emulated My Number card: the signing certificate after the
//! 署名用パスワード, signatures that verify, the password guard, and no password in a trace.

mod common;

use common::{reader_with, BOTH};
use menkyo_auth::pkcs1::{sha256_digest_info, verify_sha256};
use menkyo_auth::Certificate;
use menkyo_client::jpki::{self, CardSignature};
use menkyo_client::{Error, LastTry, PinId, PinState, Reader, TraceLog};
use menkyo_codec::registry;
use menkyo_codec::secret::{Pin, SigningPassword};
use menkyo_emulator::{samples, Quirks};

const PASSWORD: &str = "MIHON2025";

fn password(text: &str) -> SigningPassword {
    SigningPassword::new(text).unwrap()
}

fn sign_ca() -> Certificate {
    let der = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/test-issuer/jpki/sign-ca.cert.der"
    ))
    .unwrap();
    Certificate::from_der(&der).unwrap()
}

#[test]
fn the_card_signs_a_document_its_certificate_verifies() {
    let document = "menkyo SYNTHETIC: 免許AP and Mynaportal link request".as_bytes();
    for caps in BOTH {
        for quirks in [Quirks::NONE, Quirks::T0] {
            let mut transport = reader_with(samples::get("myna-licence").unwrap(), caps, quirks);
            let mut reader = Reader::new(&mut transport);
            let CardSignature {
                signature,
                certificate,
            } = reader
                .jpki_sign(
                    &password("mihon2025"),
                    &sha256_digest_info(document),
                    LastTry::Refuse,
                )
                .unwrap();
            let certificate = Certificate::from_der(&certificate).unwrap();
            assert!(verify_sha256(
                certificate.public_key(),
                document,
                &signature
            ));
            assert!(certificate.is_issued_by(&sign_ca()).unwrap());
            let again = reader
                .jpki_signing_certificate(&password(PASSWORD), LastTry::Refuse)
                .unwrap();
            assert_eq!(again, certificate.der());
        }
    }
}

#[test]
fn the_free_certificates_and_the_user_authentication_key() {
    let mut transport = reader_with(samples::get("myna-licence").unwrap(), BOTH[1], Quirks::NONE);
    let mut reader = Reader::new(&mut transport);
    assert!(reader.jpki_token().unwrap().starts_with(b"JPKIAPICCTOKEN2"));
    let ca = reader.jpki_free_certificate(&jpki::SIGN_CA).unwrap();
    assert_eq!(Certificate::from_der(&ca).unwrap().der(), sign_ca().der());
    let auth = reader.jpki_free_certificate(&jpki::AUTH_CERT).unwrap();
    let answer = reader
        .jpki_authenticate(
            &Pin::digits("2580").unwrap(),
            &sha256_digest_info(b"challenge"),
            LastTry::Refuse,
        )
        .unwrap();
    assert_eq!(answer.certificate, auth);
    let auth = Certificate::from_der(&auth).unwrap();
    assert!(verify_sha256(
        auth.public_key(),
        b"challenge",
        &answer.signature
    ));
}

#[test]
fn wrong_passwords_the_last_try_guard_and_a_blocked_password() {
    let mut transport = reader_with(samples::get("myna-licence").unwrap(), BOTH[0], Quirks::NONE);
    let digest = sha256_digest_info(b"x");
    for left in [4u8, 3, 2, 1] {
        let err = Reader::new(&mut transport)
            .jpki_sign(&password("WRONG99"), &digest, LastTry::Refuse)
            .unwrap_err();
        assert!(
            matches!(err, Error::WrongPin { pin: PinId::JpkiSign, tries_left } if tries_left == left),
            "{err:?}"
        );
    }
    assert_eq!(
        Reader::new(&mut transport).jpki_password_state().unwrap(),
        PinState::TriesLeft { tries: 1 }
    );
    let err = Reader::new(&mut transport)
        .jpki_sign(&password(PASSWORD), &digest, LastTry::Refuse)
        .unwrap_err();
    common::assert_matches!(
        err,
        Error::LastTryGuard {
            pin: PinId::JpkiSign
        }
    );
    assert_eq!(
        transport.card().image().pins[registry::Pin::JpkiSign.image_id()].tries_left,
        1
    );
    // Neither the certificate behind the password nor a signature is had once it is blocked.
    let certificate = Reader::new(&mut transport)
        .jpki_signing_certificate(&password("WRONG99"), LastTry::Force)
        .unwrap_err();
    let signature = Reader::new(&mut transport)
        .jpki_sign(&password(PASSWORD), &digest, LastTry::Force)
        .unwrap_err();
    for err in [certificate, signature] {
        common::assert_matches!(
            err,
            Error::PinBlocked {
                pin: PinId::JpkiSign
            }
        );
    }
}

#[test]
fn the_password_never_reaches_the_trace() {
    let mut transport = reader_with(samples::get("myna-licence").unwrap(), BOTH[0], Quirks::NONE);
    let mut log = TraceLog::default();
    let mut reader = Reader::new(&mut transport).with_trace(&mut log);
    reader
        .jpki_sign(
            &password(PASSWORD),
            &sha256_digest_info(b"x"),
            LastTry::Refuse,
        )
        .unwrap();
    let text = format!("{:?}", log.entries);
    assert!(
        text.contains("802A0080") || text.contains("80 2A 00 80"),
        "{text}"
    );
    let spaced = PASSWORD
        .bytes()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(" ");
    let hex = hex::encode_upper(PASSWORD);
    assert!(
        !text.contains(&spaced) && !text.contains(&hex) && !text.contains(PASSWORD),
        "{text}"
    );
    let masked = vec!["**"; PASSWORD.len()].join(" ");
    let verify = log
        .entries
        .iter()
        .find(|e| e.command.starts_with("00 20") && e.command.contains("| Lc"))
        .expect("a VERIFY with data in the trace");
    assert!(verify.command.ends_with(&masked), "{}", verify.command);
}
