//! A card bound to an image file: counters written before the answer, kept across power-off
//! and reopening, `6581` when the write fails.

mod common;

use std::path::Path;

use common::{converse, hex, send, SELECT_DF1, SELECT_LICENCE_AP};
use menkyo_emulator::{spec_cards, CardImage, Emulator};

fn saved_tries(path: &Path, pin: &str) -> u8 {
    CardImage::load(path).unwrap().pins[pin].tries_left
}

fn bound_licence(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("licence.json");
    spec_cards::image("spec-ic-licence")
        .unwrap()
        .save(&path)
        .unwrap();
    path
}

#[test]
fn a_wrong_pin_is_on_disk_before_the_answer_and_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = bound_licence(dir.path());
    let mut card = Emulator::open(&path).unwrap();
    assert_eq!(send(&mut card, "00 20 00 81 04 30303030"), "63C2");
    assert_eq!(saved_tries(&path, "PIN1"), 2);
    card.power_off();
    card.power_on();
    assert_eq!(send(&mut card, "00 20 00 81"), "63C2");
    drop(card);
    let mut card = Emulator::open(&path).unwrap();
    converse(
        &mut card,
        &[("00 20 00 81", "63C2"), ("00 20 00 81 04 31323334", "9000")],
    );
    assert_eq!(saved_tries(&path, "PIN1"), 3);
}

#[test]
fn a_query_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = bound_licence(dir.path());
    let mut card = Emulator::open(&path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let moved = dir.path().join("moved.json");
    std::fs::rename(&path, &moved).unwrap();
    std::fs::write(&path, &before).unwrap();
    assert_eq!(send(&mut card, "00 20 00 81"), "63C3");
    // The file is the one written above, not a replacement.
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(std::fs::read_dir(dir.path()).unwrap().count() == 2);
}

#[test]
fn the_image_file_is_the_truth_for_the_counters() {
    let dir = tempfile::tempdir().unwrap();
    let path = bound_licence(dir.path());
    let mut first = Emulator::open(&path).unwrap();
    let mut second = Emulator::open(&path).unwrap();
    assert_eq!(send(&mut first, "00 20 00 81 04 30303030"), "63C2");
    // The second card saw 3 tries when it opened; the file says 2.
    assert_eq!(send(&mut second, "00 20 00 81"), "63C2");
    assert_eq!(send(&mut second, "00 20 00 81 04 30303030"), "63C1");
    assert_eq!(send(&mut first, "00 20 00 81 04 30303030"), "63C0");
    assert_eq!(send(&mut second, "00 20 00 81 04 31323334"), "6984");
    assert_eq!(saved_tries(&path, "PIN1"), 0);
}

#[test]
fn a_failed_write_answers_6581_names_the_image_and_verifies_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("cards");
    std::fs::create_dir(&sub).unwrap();
    let path = bound_licence(&sub);
    let mut card = Emulator::open(&path).unwrap();
    assert_eq!(send(&mut card, "00 20 00 81 04 30303030"), "63C2");
    // A second hard link: the image cannot be replaced without splitting the two names.
    std::fs::hard_link(&path, sub.join("copy.json")).unwrap();
    assert_eq!(send(&mut card, "00 20 00 81 04 30303030"), "6581");
    let error = card.take_storage_error().expect("the failure is kept");
    let text = format!("{error}: {}", std::error::Error::source(&error).unwrap());
    assert!(text.contains(&path.display().to_string()), "{text}");
    assert!(text.contains("hard links"), "{text}");
    // The right PIN fails alike, so the answer tells nothing about the PIN.
    assert_eq!(send(&mut card, "00 20 00 81 04 31323334"), "6581");
    assert_eq!(saved_tries(&path, "PIN1"), 2);
    converse(
        &mut card,
        &[(SELECT_DF1, "9000"), ("00 B0 81 00 01", "6982")],
    );
    // Once the image is gone, every VERIFY answers 6581.
    std::fs::remove_dir_all(&sub).unwrap();
    assert_eq!(send(&mut card, "00 20 00 81"), "6581");
}

#[test]
fn an_in_memory_card_keeps_counters_across_power_off_but_not_security_state() {
    let mut card = Emulator::new(spec_cards::image("spec-myna-licence").unwrap());
    converse(
        &mut card,
        &[
            (SELECT_LICENCE_AP, "9000"),
            ("00 20 00 86 04 30303030", "63C9"),
            ("00 20 00 86 04 31323334", "9000"),
            ("00 20 00 86 04 30303030", "63C9"),
        ],
    );
    card.power_off();
    assert!(card.process(&hex("00 20 00 86")).is_empty());
    card.power_on();
    assert_eq!(card.image().pins["LICENCE_AP"].tries_left, 9);
    assert_eq!(send(&mut card, "00 B0 9A 00 03"), "6A82");
}
