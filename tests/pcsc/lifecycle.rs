//! The マイナ免許証 life cycle through pcscd and vpcd: the 免許AP instance answers 6A82 before
//! it is installed and after it is removed; the card signs with its JPKI key; the PC/SC back end
//! refuses every write command.

use menkyo::auth::pkcs1::{sha256_digest_info, verify_sha256};
use menkyo::auth::Certificate;
use menkyo::client::{LastTry, Reader};
use menkyo::codec::layout::myna;
use menkyo::codec::secret::SigningPassword;
use menkyo::emulator::{licence_ap, samples, signing, CardImage, Emulator};
use menkyo::pcsc::write_guard::WRITE_INSTRUCTIONS;
use menkyo::pcsc::Error as PcscError;
use menkyo::transport::{CardTransport, TransportError};

use crate::harness::{self, ServedCard, Stack, READER};
use crate::read;

/// The status word of SELECT of the 免許AP instance on a card served from `image`.
fn select_instance(stack: &Stack, image: &CardImage) -> [u8; 2] {
    let served = ServedCard::start(stack, Emulator::new(image.clone()));
    let mut card = stack.connect();
    let command = [&[0x00, 0xA4, 0x04, 0x0C, 0x10][..], &myna::AID_LICENCE_AP].concat();
    let answer = card
        .transaction()
        .expect("a transaction")
        .transmit(&command)
        .expect("an answer");
    drop(card);
    served.remove();
    answer.try_into().expect("a bare status word")
}

#[test]
fn the_licence_ap_instance_appears_with_install_and_goes_with_removal() {
    let stack = harness::stack_or_skip!();
    let mut image = samples::get("myna-card").expect("the sample");
    assert_eq!(
        select_instance(&stack, &image),
        [0x6A, 0x82],
        "before install"
    );
    licence_ap::install(&mut image).expect("installing");
    let profile = samples::profile("ic-licence")
        .expect("the sample")
        .expect("the profile");
    let (licence, _) = licence_ap::record_from_profile(&profile).expect("the licence");
    let issuer = signing::test_issuer().expect("the test issuer");
    licence_ap::record(&mut image, &licence, None, &issuer).expect("recording");
    assert_eq!(
        select_instance(&stack, &image),
        [0x90, 0x00],
        "after install"
    );
    licence_ap::remove(&mut image).expect("removing");
    assert_eq!(
        select_instance(&stack, &image),
        [0x6A, 0x82],
        "after removal"
    );
}

#[test]
fn the_card_signs_with_its_jpki_key_through_pcscd() {
    let stack = harness::stack_or_skip!();
    let image = samples::get("myna-licence").expect("the sample");
    let served = ServedCard::start(&stack, Emulator::new(image));
    let mut card = stack.connect();
    let document = b"menkyo SYNTHETIC document signed through pcscd";
    let password = SigningPassword::new("MIHON2025").expect("a valid password");
    let signed = Reader::new(&mut card)
        .jpki_sign(&password, &sha256_digest_info(document), LastTry::Refuse)
        .expect("signing");
    let certificate = Certificate::from_der(&signed.certificate).expect("the certificate");
    assert!(verify_sha256(
        certificate.public_key(),
        document,
        &signed.signature
    ));
    drop(card);
    served.remove();
}

#[test]
fn the_pcsc_back_end_never_sends_a_write_command() {
    let stack = harness::stack_or_skip!();
    let served = ServedCard::start(
        &stack,
        Emulator::new(samples::get("myna-licence").expect("the sample")),
    );
    let mut card = stack.connect();
    let mut tx = card.transaction().expect("a transaction");
    // Every writing instruction of the guard's table, in the ISO and the proprietary class.
    for (ins, name) in WRITE_INSTRUCTIONS {
        for cla in [0x00, 0x80] {
            let command = [cla, ins, 0x00, 0x00, 0x01, 0x00];
            let err = tx.transmit(&command).expect_err("a write command");
            let TransportError::Backend { source, .. } = &err else {
                panic!("{command:02X?}: {err:?}");
            };
            assert!(
                matches!(
                    source.downcast_ref::<PcscError>(),
                    Some(PcscError::WriteRefused { ins: i, name: n }) if *i == ins && *n == name
                ),
                "{command:02X?}: {err:?}"
            );
        }
    }
    // Independently of that table: the writes a card tool sends, and those a review found let
    // through before (DISABLE/ENABLE VERIFICATION REQUIREMENT, UPDATE DATA, ERASE RECORD,
    // ENVELOPE, the odd-INS PIN changes), each refused as it would be written.
    for command in [
        &[0x00, 0xD6, 0x00, 0x00, 0x01, 0x00][..],
        &[0x00, 0xD0, 0x00, 0x00, 0x01, 0x00],
        &[0x00, 0xDA, 0x00, 0x01, 0x01, 0x00],
        &[0x80, 0xE6, 0x0C, 0x00, 0x00],
        &[0x80, 0xE4, 0x00, 0x00, 0x00],
        &[0x00, 0x26, 0x00, 0x81, 0x00],
        &[0x00, 0x28, 0x00, 0x81, 0x00],
        &[0x00, 0xDE, 0x00, 0x00, 0x01, 0x00],
        &[0x00, 0x0C, 0x01, 0x04, 0x00],
        &[0x00, 0xC2, 0x00, 0x00, 0x04, 0x00, 0xD6, 0x00, 0x00],
        &[0x00, 0x25, 0x00, 0x81, 0x00],
        &[0x00, 0x2D, 0x00, 0x81, 0x00],
    ] {
        let err = tx.transmit(command).expect_err("a write command");
        let TransportError::Backend { source, .. } = &err else {
            panic!("{command:02X?}: {err:?}");
        };
        assert!(
            matches!(
                source.downcast_ref::<PcscError>(),
                Some(PcscError::WriteRefused { .. })
            ),
            "{command:02X?}: {err:?}"
        );
    }
    let select = [&[0x00, 0xA4, 0x04, 0x0C, 0x10][..], &myna::AID_LICENCE_AP].concat();
    assert_eq!(
        tx.transmit(&select).expect("a read command still passes"),
        [0x90, 0x00]
    );
    drop(tx);
    drop(card);
    served.remove();
}

#[test]
fn wrong_and_blocked_passwords_and_a_tampered_card_through_pcscd() {
    let stack = harness::stack_or_skip!();
    let image = samples::get("myna-licence").expect("the sample");
    let served = ServedCard::start(&stack, Emulator::new(image));
    let cert = ["jpki", "cert", "--pin-stdin", "--reader", READER];
    for left in ["4 tries left", "3 tries left", "2 tries left", "1 try left"] {
        let out = read::menkyo(&cert, "WRONG99\n");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(5), "{err}");
        assert!(err.contains(left), "{err}");
        assert!(!err.contains("WRONG99"), "{err}");
    }
    let out = read::menkyo(&cert, "MIHON2025\n");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(5), "{err}");
    assert!(err.contains("--force-last-try"), "{err}");
    let forced = [&cert[..], &["--force-last-try"]].concat();
    for password in ["WRONG99\n", "MIHON2025\n"] {
        let out = read::menkyo(&forced, password);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(5), "{err}");
        assert!(err.contains("is blocked"), "{err}");
    }
    served.remove();

    let mut forged = samples::get("ic-licence").expect("the sample");
    let ef01 = &mut forged.files.get_mut("DF1/EF01").expect("DF1/EF01").0;
    if let Some(byte) = ef01.get_mut(10) {
        *byte ^= 0x01;
    }
    let trust = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/test-issuer/issuer.cert.pem"
    );
    let read_trusting = ["read", "--pin-stdin", "--trust", trust, "--reader", READER];
    for (image, status, verdict) in [
        (
            samples::get("ic-licence").expect("the sample"),
            0,
            "valid (DF1/EF07)",
        ),
        (forged, 7, "invalid (DF1/EF07)"),
    ] {
        let served = ServedCard::start(&stack, Emulator::new(image));
        let out = read::menkyo(&read_trusting, "1234\n5678\n");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(status), "{err}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains(verdict),
            "{err}"
        );
        served.remove();
    }
}
