//! The JPKI AP (card notes §3.2) at the APDU level: certificates, the signing password and the
//! 利用者証明用 PIN with their counters, and the signing command.

use menkyo_auth::pkcs1::{sha256_digest_info, verify_sha256};
use menkyo_auth::Certificate;
use menkyo_codec::registry;
use menkyo_codec::secret::{Pin, SigningPassword};
use menkyo_emulator::{jpki, spec_cards, CardImage, Emulator, Error};

const PASSWORD: &str = "MIHON2025";

fn image() -> CardImage {
    let mut image = spec_cards::image("spec-myna-plain").unwrap();
    let password = SigningPassword::new(PASSWORD).unwrap();
    jpki::issue_signing(&mut image, &jpki::synthetic::signing(), &password).unwrap();
    let pin = Pin::digits("2580").unwrap();
    jpki::issue_authentication(&mut image, &jpki::synthetic::authentication(), &pin).unwrap();
    image.validate().unwrap();
    image
}

fn hex(text: &str) -> Vec<u8> {
    hex::decode(text.replace(' ', "")).unwrap()
}

/// Sends `command` (hex) and returns (data, SW as hex).
fn send(card: &mut Emulator, command: &[u8]) -> (Vec<u8>, String) {
    let answer = card.process(command);
    let (data, sw) = answer.split_at(answer.len() - 2);
    (data.to_vec(), hex::encode_upper(sw))
}

fn sw(card: &mut Emulator, command: &str) -> String {
    send(card, &hex(command)).1
}

fn select_jpki(card: &mut Emulator) {
    assert_eq!(sw(card, "00 A4 04 0C 0A D392F000260100000001"), "9000");
}

/// The sample card with the JPKI AP selected.
fn jpki_selected() -> Emulator {
    let mut card = Emulator::new(image());
    select_jpki(&mut card);
    card
}

fn verify(card: &mut Emulator, fid: &str, secret: &[u8]) -> String {
    assert_eq!(sw(card, &format!("00 A4 02 0C 02 {fid}")), "9000");
    let mut command = hex("00 20 00 80");
    command.push(secret.len() as u8);
    command.extend_from_slice(secret);
    send(card, &command).1
}

fn read_whole(card: &mut Emulator, fid: &str) -> (Vec<u8>, String) {
    assert_eq!(sw(card, &format!("00 A4 02 0C 02 {fid}")), "9000");
    send(card, &hex("00 B0 00 00 00 00 00"))
}

fn sign_command(digest_info: &[u8]) -> Vec<u8> {
    let mut command = hex("80 2A 00 80");
    command.push(digest_info.len() as u8);
    command.extend_from_slice(digest_info);
    command.push(0x00);
    command
}

#[test]
fn the_signing_certificate_opens_with_the_password_and_the_key_signs() {
    let mut card = jpki_selected();
    let (_, status) = read_whole(&mut card, "0001");
    assert_eq!(status, "6982", "EF0001 before the password");
    let (ca, status) = read_whole(&mut card, "0002");
    assert_eq!(status, "9000");
    assert_eq!(ca, jpki::synthetic::signing().ca_certificate);

    assert_eq!(sw(&mut card, "00 A4 02 0C 02 001B"), "9000");
    assert_eq!(
        sw(&mut card, "00 20 00 80"),
        "63C5",
        "five tries, none spent"
    );
    assert_eq!(verify(&mut card, "001B", PASSWORD.as_bytes()), "9000");
    let (certificate, status) = read_whole(&mut card, "0001");
    assert_eq!(status, "9000");
    let certificate = Certificate::from_der(&certificate).unwrap();

    let document = b"menkyo SYNTHETIC: link the licence AP with Mynaportal";
    assert_eq!(sw(&mut card, "00 A4 02 0C 02 001A"), "9000");
    let (signature, status) = send(&mut card, &sign_command(&sha256_digest_info(document)));
    assert_eq!(status, "9000");
    assert_eq!(signature.len(), 256);
    assert!(verify_sha256(
        certificate.public_key(),
        document,
        &signature
    ));
    let (_, status) = send(&mut card, &hex("00 B0 00 00 10"));
    assert_eq!(status, "6981", "the key EF is never readable");
}

#[test]
fn signing_needs_the_key_ef_and_the_password() {
    let mut card = Emulator::new(image());
    let digest_info = sha256_digest_info(b"x");
    select_jpki(&mut card);
    assert_eq!(send(&mut card, &sign_command(&digest_info)).1, "6986");
    assert_eq!(sw(&mut card, "00 A4 02 0C 02 001A"), "9000");
    assert_eq!(send(&mut card, &sign_command(&digest_info)).1, "6982");
    assert_eq!(verify(&mut card, "001B", PASSWORD.as_bytes()), "9000");
    assert_eq!(sw(&mut card, "00 A4 02 0C 02 0002"), "9000");
    assert_eq!(send(&mut card, &sign_command(&digest_info)).1, "6981");
    assert_eq!(sw(&mut card, "00 A4 02 0C 02 0017"), "9000");
    assert_eq!(
        send(&mut card, &sign_command(&digest_info)).1,
        "6982",
        "the 利用者証明用 key needs its own PIN"
    );
    assert_eq!(sw(&mut card, "00 A4 02 0C 02 001A"), "9000");
    assert_eq!(send(&mut card, &sign_command(&[0x30; 250])).1, "6A80");
    assert_eq!(sw(&mut card, "80 2A 00 81 01 00"), "6A86");
    assert_eq!(sw(&mut card, "80 2A 00 80"), "6700");
    assert_eq!(sw(&mut card, "80 B0 00 00 10"), "6E00");
    assert_eq!(send(&mut card, &sign_command(&digest_info)).1, "9000");

    select_jpki(&mut card);
    assert_eq!(sw(&mut card, "00 A4 02 0C 02 001A"), "9000");
    assert_eq!(
        send(&mut card, &sign_command(&digest_info)).1,
        "6982",
        "selecting the AP again ends the verified state"
    );
    card.reset();
    select_jpki(&mut card);
    assert_eq!(sw(&mut card, "00 A4 02 0C 02 001A"), "9000");
    assert_eq!(send(&mut card, &sign_command(&digest_info)).1, "6982");
}

#[test]
fn wrong_passwords_count_down_and_block_across_power_cycles() {
    let mut card = jpki_selected();
    assert_eq!(verify(&mut card, "001B", b"WRONG1"), "63C4");
    assert_eq!(
        verify(&mut card, "001B", PASSWORD.to_lowercase().as_bytes()),
        "63C3",
        "the card compares bytes: upper-casing is the client's job"
    );
    assert_eq!(verify(&mut card, "001B", b"ABC12"), "6700", "too short");
    assert_eq!(verify(&mut card, "001B", b"A1B2C3D4E5F6G7H8I"), "6700");
    assert_eq!(
        sw(&mut card, "00 20 00 80"),
        "63C3",
        "a wrong length costs no try"
    );
    assert_eq!(verify(&mut card, "001B", PASSWORD.as_bytes()), "9000");
    assert_eq!(sw(&mut card, "00 20 00 80"), "63C5", "counter back to 5");

    let image = card.image().clone();
    let mut card = Emulator::new(image);
    select_jpki(&mut card);
    for left in ["63C4", "63C3", "63C2", "63C1"] {
        assert_eq!(verify(&mut card, "001B", b"WRONG99"), left);
    }
    card.power_off();
    card.power_on();
    select_jpki(&mut card);
    assert_eq!(verify(&mut card, "001B", b"WRONG99"), "63C0");
    assert_eq!(verify(&mut card, "001B", PASSWORD.as_bytes()), "6984");
    assert_eq!(sw(&mut card, "00 20 00 80"), "6984");
    assert_eq!(sw(&mut card, "00 A4 02 0C 02 001A"), "9000");
    assert_eq!(
        send(&mut card, &sign_command(&sha256_digest_info(b"x"))).1,
        "6984"
    );
    let (_, status) = read_whole(&mut card, "0001");
    assert_eq!(status, "6982");
    assert_eq!(
        card.image().pins[registry::Pin::JpkiSign.image_id()].tries_left,
        0
    );
}

#[test]
fn the_authentication_pin_has_three_tries_and_opens_its_key() {
    let mut card = jpki_selected();
    let (certificate, status) = read_whole(&mut card, "000A");
    assert_eq!(status, "9000", "the 利用者証明用電子証明書 is free");
    let certificate = Certificate::from_der(&certificate).unwrap();
    assert_eq!(sw(&mut card, "00 A4 02 0C 02 0018"), "9000");
    assert_eq!(sw(&mut card, "00 20 00 80"), "63C3");
    assert_eq!(verify(&mut card, "0018", b"0000"), "63C2");
    assert_eq!(verify(&mut card, "0018", b"2580"), "9000");
    assert_eq!(sw(&mut card, "00 A4 02 0C 02 0017"), "9000");
    let (signature, status) = send(&mut card, &sign_command(&sha256_digest_info(b"login")));
    assert_eq!(status, "9000");
    assert!(verify_sha256(
        certificate.public_key(),
        b"login",
        &signature
    ));
    for left in ["63C2", "63C1", "63C0"] {
        assert_eq!(verify(&mut card, "0018", b"1111"), left);
    }
    assert_eq!(verify(&mut card, "0018", b"2580"), "6984");
}

#[test]
fn a_card_without_the_signing_set_has_no_such_files() {
    let mut card = Emulator::new(spec_cards::image("spec-myna-plain").unwrap());
    select_jpki(&mut card);
    for fid in ["0001", "0002", "001A", "001B", "000A", "0017", "0018"] {
        assert_eq!(
            sw(&mut card, &format!("00 A4 02 0C 02 {fid}")),
            "6A82",
            "{fid}"
        );
    }
    assert_eq!(sw(&mut card, "00 A4 02 0C 02 0006"), "9000");
}

#[test]
fn issuing_checks_the_credentials_and_the_image_round_trips() {
    let mut ic = spec_cards::image("spec-ic-licence").unwrap();
    let password = SigningPassword::new(PASSWORD).unwrap();
    assert!(matches!(
        jpki::issue_signing(&mut ic, &jpki::synthetic::signing(), &password),
        Err(Error::JpkiNotMyNumberCard)
    ));
    let mut mixed = jpki::synthetic::signing();
    mixed.private_key = jpki::synthetic::authentication().private_key;
    let mut card = spec_cards::image("spec-myna-plain").unwrap();
    assert!(matches!(
        jpki::issue_signing(&mut card, &mixed, &password),
        Err(Error::JpkiCredentials(menkyo_auth::Error::KeyMismatch))
    ));

    let image = image();
    let json = image.to_json().unwrap();
    let text = String::from_utf8(json.clone()).unwrap();
    assert!(!text.contains(PASSWORD) && !text.contains(&hex::encode_upper(PASSWORD)));
    let back = CardImage::from_json(&json).unwrap();
    assert_eq!(back, image);

    let mut without_key = image.clone();
    without_key.files.remove(registry::JPKI_EF001A.path);
    assert!(matches!(
        without_key.validate(),
        Err(Error::MissingFile(path)) if path == registry::JPKI_EF001A.path
    ));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    #[test]
    fn any_command_to_the_jpki_ap_gets_a_status_word(
        commands in proptest::collection::vec(
            (proptest::sample::select(vec![0x00u8, 0x80]),
             proptest::sample::select(vec![0xA4u8, 0xB0, 0x20, 0x2A]),
             proptest::array::uniform2(proptest::num::u8::ANY),
             proptest::collection::vec(proptest::num::u8::ANY, 0..60)),
            1..12,
        )
    ) {
        let mut card = jpki_selected();
        for (cla, ins, [p1, p2], body) in commands {
            let command = [vec![cla, ins, p1, p2], body].concat();
            proptest::prop_assert!(card.process(&command).len() >= 2);
        }
    }
}
