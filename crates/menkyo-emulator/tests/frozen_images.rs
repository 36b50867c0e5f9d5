//! Card images written by earlier versions still load and answer as they did.
//!
//! `tests/frozen-images/<format>/` keeps images of the built-in samples as each image format
//! wrote them. They are never regenerated: a new format gets a new folder, and the old folders
//! stay so that every format this version claims to read is read in a test.

mod common;

use std::path::{Path, PathBuf};

use common::{converse, send, SELECT_DF1, SELECT_LICENCE_AP};
use menkyo_emulator::image::CardImage;
use menkyo_emulator::Emulator;

fn frozen(format: &str, name: &str) -> CardImage {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests",
        "frozen-images",
        format,
        name,
    ]
    .iter()
    .collect();
    CardImage::load(Path::new(&path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The card of `image`, powered on, after it answered `script` as written.
fn powered_conversing(image: CardImage, script: &[(&str, &str)]) -> Emulator {
    let mut card = Emulator::new(image);
    card.power_on();
    converse(&mut card, script);
    card
}

fn file_hex(image: &CardImage, path: &str) -> String {
    hex::encode_upper(&image.files[path].0)
}

#[test]
fn every_frozen_format_folder_is_read_here() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/frozen-images");
    let mut formats: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    formats.sort();
    assert_eq!(formats, ["menkyo-card-image-1", "menkyo-card-image-2"]);
}

#[test]
fn v1_ic_licence_opens_with_its_pins_and_reads_its_files() {
    let image = frozen("menkyo-card-image-1", "ic-licence.json");
    let record = file_hex(&image, "DF1/EF01");
    powered_conversing(
        image,
        &[
            ("00A4 0000", "9000"),
            ("0020 0081", "63C3"),
            ("0020 0081 04 31323334", "9000"),
            (SELECT_DF1, "9000"),
            ("00B0 8100 000370", &format!("{record}9000")),
        ],
    );
}

#[test]
fn v1_ic_licence_without_pin_opens_with_the_default_pin() {
    let image = frozen("menkyo-card-image-1", "ic-licence-no-pin.json");
    powered_conversing(
        image,
        &[
            ("00B0 8A00 03", "0501009000"),
            ("0020 0081 04 2A2A2A2A", "9000"),
            ("0020 0082 04 2A2A2A2A", "9000"),
        ],
    );
}

#[test]
fn v1_my_number_card_with_licence_ap_reads_wef02() {
    let image = frozen("menkyo-card-image-1", "myna-licence.json");
    let record = file_hex(&image, "LICENCE_AP/WEF02");
    powered_conversing(
        image,
        &[
            (SELECT_LICENCE_AP, "9000"),
            ("00B0 9A00 03", "C101009000"),
            ("0020 0086", "63CA"),
            ("0020 0086 04 2A2A2A2A", "9000"),
            ("00A4 020C 02 001B", "9000"),
            ("00B0 0000 000000", &format!("{record}9000")),
        ],
    );
}

#[test]
fn v1_my_number_card_without_licence_ap_keeps_its_basic_info() {
    let image = frozen("menkyo-card-image-1", "myna-card.json");
    let basic = file_hex(&image, "BASIC_INFO/EF0002");
    powered_conversing(
        image,
        &[
            (SELECT_LICENCE_AP, "6A82"),
            ("00A4 040C 0A D3921000310001010408", "9000"),
            ("00A4 020C 02 0011", "9000"),
            ("0020 0080 04 32343638", "9000"),
            ("00A4 020C 02 0002", "9000"),
            ("00B0 0000 000000", &format!("{basic}9000")),
        ],
    );
}

#[test]
fn v2_images_open_with_their_salted_pins() {
    let image = frozen("menkyo-card-image-2", "ic-licence.json");
    assert!(image.pins.values().all(|pin| pin.salt.is_some()));
    powered_conversing(
        image,
        &[
            ("0020 0081 04 31323335", "63C2"),
            ("0020 0081 04 31323334", "9000"),
            ("0020 0082 04 35363738", "9000"),
        ],
    );

    let image = frozen("menkyo-card-image-2", "myna-licence.json");
    powered_conversing(
        image,
        &[
            (SELECT_LICENCE_AP, "9000"),
            ("0020 0086 04 2A2A2A2A", "9000"),
        ],
    );
}

#[test]
fn a_v1_image_is_written_as_v2_and_keeps_its_old_digests() {
    let image = frozen("menkyo-card-image-1", "ic-licence.json");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("card.json");
    image.save(&path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\"menkyo-card-image/2\""), "{text}");
    let mut card = Emulator::open(&path).unwrap();
    assert_eq!(send(&mut card, "0020 0081 04 31323334"), "9000");
}

/// A clone made with PIN1 only: the files PIN2 guards were never seen, PIN2's value is unknown.
#[test]
fn v2_partial_clone_serves_what_was_read_and_hides_what_was_not() {
    let image = frozen("menkyo-card-image-2", "ic-licence-pin1-only.json");
    assert!(image.pins["PIN2"].value_unknown);
    assert_eq!(
        image.unread.keys().collect::<Vec<_>>(),
        ["DF1/EF02", "DF1/EF06", "DF2/EF01"]
    );
    let record = file_hex(&image, "DF1/EF01");
    let common = file_hex(&image, "MF/EF01");
    let mut card = powered_conversing(
        image,
        &[
            ("00A4 020C 02 2F01", "9000"),
            ("00B0 0000 00", &format!("{common}9000")),
            ("00B0 8A00 03", "0501019000"),
            ("0020 0081 04 31323334", "9000"),
        ],
    );
    // PIN2 shows the tries the card showed, and no value verifies it: the card's own PIN
    // counts as a wrong one.
    converse(
        &mut card,
        &[
            ("0020 0082", "63C3"),
            ("0020 0082 04 35363738", "63C2"),
            (SELECT_DF1, "9000"),
            ("00B0 8100 000370", &format!("{record}9000")),
            ("00A4 020C 02 0002", "6A82"),
            ("00B0 8200 00", "6A82"),
            ("00B0 8600 00", "6A82"),
            ("00A4 040C 10 A0000002310200000000000000000000", "9000"),
            ("00A4 020C 02 0001", "6A82"),
            ("00B0 8100 00", "6A82"),
        ],
    );
}

#[test]
fn a_partial_clone_keeps_its_unread_files_and_unknown_pin_when_written() {
    let image = frozen("menkyo-card-image-2", "ic-licence-pin1-only.json");
    let text = String::from_utf8(image.to_json().unwrap()).unwrap();
    assert!(text.contains("\"value_unknown\": true"), "{text}");
    assert_eq!(CardImage::from_json(text.as_bytes()).unwrap(), image);

    let full = frozen("menkyo-card-image-2", "ic-licence.json");
    let text = String::from_utf8(full.to_json().unwrap()).unwrap();
    assert!(!text.contains("unread") && !text.contains("value_unknown"));
}

#[test]
fn an_unread_file_must_be_a_working_file_the_image_does_not_hold() {
    let mut image = frozen("menkyo-card-image-2", "ic-licence-pin1-only.json");
    image
        .unread
        .insert("DF1/EF01".to_owned(), "not read".to_owned());
    let err = image.validate().unwrap_err().to_string();
    assert_eq!(
        err,
        "the image holds DF1/EF01 and also lists it as not read"
    );

    let mut image = frozen("menkyo-card-image-2", "ic-licence-pin1-only.json");
    image
        .unread
        .insert("MF/IEF02".to_owned(), "not read".to_owned());
    let err = image.validate().unwrap_err().to_string();
    assert!(err.contains("MF/IEF02"), "{err}");

    let mut image = frozen("menkyo-card-image-2", "ic-licence-pin1-only.json");
    image.unread.clear();
    let err = image.validate().unwrap_err().to_string();
    assert_eq!(err, "the image lacks the file DF1/EF02");
}
