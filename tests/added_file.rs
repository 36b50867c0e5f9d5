//! Adding a file to a card is a change to the registry (and to its record type) only: a card
//! declared with one more EF in DF1 is served by the emulator, read by the client, covered by
//! the signature, given its record kind and shown by what `menkyo dump` prints (its JSON entry
//! and its hex dump), with no other code changed.

use menkyo::auth::covered::{as_covered, hash_covered};
use menkyo::client::dump_document::DumpEntry;
use menkyo::client::{LastTry, Pins, Reader, SkipReason};
use menkyo::codec::records::RecordKind;
use menkyo::codec::registry::{self, Access, Application, Card, File, Pin, Signed};
use menkyo::codec::secret::Pin as Secret;
use menkyo::emulator::image::HexBytes;
use menkyo::emulator::{samples, Emulator, InProcessTransport};

/// DF1/EF08, a file the real card does not have: 40 bytes after PIN1, signed, read by a
/// licence read, decoded as simple TLV.
const DF1_EF08: File = File {
    sfi: registry::sfi(0x0008),
    size: Some(40),
    access: Access::Pins(&[Pin::IcPin1]),
    record: Some(RecordKind::SimpleTlv),
    signed: Signed::Covered,
    in_licence_read: true,
    ..File::new(
        "DF1/EF08",
        "試験用ファイル",
        "test file (synthetic)",
        0x0008,
    )
};

/// The IC licence of the registry with DF1/EF08 added after DF1/EF07.
fn card_with_ef08() -> &'static Card {
    let applications: Vec<Application> = registry::IC_LICENCE
        .applications
        .iter()
        .map(|app| {
            if app.id != "DF1" {
                return *app;
            }
            let mut files = app.files.to_vec();
            files.push(DF1_EF08);
            Application {
                files: Vec::leak(files),
                ..*app
            }
        })
        .collect();
    Box::leak(Box::new(Card {
        applications: Vec::leak(applications),
        ..registry::IC_LICENCE
    }))
}

fn pins(pin1: bool) -> Pins {
    Pins {
        pin1: pin1.then(|| Secret::licence("1234").unwrap()),
        pin2: Some(Secret::licence("5678").unwrap()),
        ..Pins::default()
    }
}

/// A sample IC licence with DF1/EF08 holding `content`, behind the emulator built on `card`.
fn emulated(card: &Card, content: &[u8]) -> InProcessTransport<Emulator> {
    let mut image = samples::get("ic-licence").unwrap();
    image
        .files
        .insert(DF1_EF08.path.to_owned(), HexBytes(content.to_vec()));
    InProcessTransport::new(Emulator::with_spec(image, card))
}

#[test]
fn the_emulator_serves_it_and_the_client_reads_it_where_the_registry_says() {
    let card = card_with_ef08();
    let content = [0x61, 0x03, 0x41, 0x42, 0x43];
    let mut transport = emulated(card, &content);
    let read = Reader::new(&mut transport)
        .read_card_files(card, &pins(true), LastTry::Refuse)
        .unwrap();
    let paths: Vec<&str> = read.files.iter().map(|f| f.ef.path).collect();
    let at = paths.iter().position(|p| *p == "DF1/EF08").unwrap();
    assert_eq!(paths[at - 1..=at + 1], ["DF1/EF07", "DF1/EF08", "DF2/EF01"]);
    let ef08 = &read.files[at];
    assert_eq!(ef08.ef, DF1_EF08);
    // The emulator hands out the whole fixed size: the content, then unwritten FF.
    assert_eq!(ef08.bytes.len(), 40);
    assert_eq!(&ef08.bytes[..5], &content);
    assert!(ef08.bytes[5..].iter().all(|b| *b == 0xFF));
    assert!(read.skipped.is_empty(), "{:?}", read.skipped);
}

#[test]
fn without_its_pin_the_client_skips_it_and_the_emulator_refuses_it() {
    let card = card_with_ef08();
    let mut transport = emulated(card, &[0x61, 0x00]);
    let read = Reader::new(&mut transport)
        .read_card_files(card, &pins(false), LastTry::Refuse)
        .unwrap();
    let skipped = read.skipped.iter().find(|s| s.file == "DF1/EF08").unwrap();
    assert_eq!(skipped.reason, SkipReason::PinNotGiven { pin: Pin::IcPin1 });

    // Straight to the card: selected by the SFI the registry gives, refused before VERIFY.
    let emulator = Emulator::with_spec(samples::get("ic-licence").unwrap(), card);
    assert_eq!(read_ef08_by_sfi(emulator), [0x69, 0x82]);
}

/// SELECT of DF1 (which must answer `9000`), then READ BINARY of EF08 by its SFI: the
/// answer to the read.
fn read_ef08_by_sfi(mut emulator: Emulator) -> Vec<u8> {
    let mut apdu = |hex_apdu: &str| emulator.process(&hex::decode(hex_apdu).unwrap());
    assert_eq!(
        apdu("00A4040C10A0000002310100000000000000000000"),
        [0x90, 0x00]
    );
    apdu("00B0880000")
}

#[test]
fn the_card_without_it_knows_no_such_file() {
    let emulator = Emulator::new(samples::get("ic-licence").unwrap());
    assert_eq!(read_ef08_by_sfi(emulator), [0x6A, 0x82]);
}

#[test]
fn the_signature_covers_it_after_the_files_before_it() {
    let card = card_with_ef08();
    let covered: Vec<&'static File> = card.signed_files().collect();
    let paths: Vec<&str> = covered.iter().map(|f| f.path).collect();
    assert_eq!(paths, ["DF1/EF01", "DF1/EF02", "DF1/EF08", "DF2/EF01"]);
    let (with, parts) = hash_covered(&covered, &[&[], &[], &[0x61, 0x00], &[]]).unwrap();
    assert_eq!(parts[2].path, "DF1/EF08");
    assert_eq!(parts[2].len, 40);
    assert_eq!(
        as_covered(&DF1_EF08, &[0x61]).unwrap().len(),
        40,
        "FF-filled to its size"
    );
    let (changed, _) = hash_covered(&covered, &[&[], &[], &[0x61, 0x01], &[]]).unwrap();
    assert_ne!(with, changed);
}

#[test]
fn its_record_kind_and_names_come_from_the_registry() {
    let card = card_with_ef08();
    let file = card.file("DF1/EF08").unwrap();
    assert_eq!(file.record, Some(RecordKind::SimpleTlv));
    assert_eq!(file.to_string(), "DF1/EF08 試験用ファイル");
    assert_eq!(card.application_of(file).map(|a| a.id), Some("DF1"));
    // The registry's own card is untouched.
    assert_eq!(registry::file("DF1/EF08"), None);
}

#[test]
fn what_menkyo_dump_prints_names_it_and_walks_its_tlv() {
    let card = card_with_ef08();
    let mut transport = emulated(card, &[0x61, 0x03, 0x41, 0x42, 0x43]);
    let read = Reader::new(&mut transport)
        .read_card_files(card, &pins(true), LastTry::Refuse)
        .unwrap();
    let ef08 = read.files.iter().find(|f| f.ef.path == "DF1/EF08").unwrap();

    // The JSON entry of `menkyo dump --format json`.
    let entry = serde_json::to_value(DumpEntry::new(ef08, &ef08.bytes)).unwrap();
    assert_eq!(entry["path"], "DF1/EF08");
    assert_eq!(entry["name"], "試験用ファイル");
    assert_eq!(entry["record_kind"], RecordKind::SimpleTlv.name());
    assert_eq!(entry["length"], 40);
    assert_eq!(entry["tlv"]["items"][0]["tag"], "61");
    assert_eq!(entry["tlv"]["items"][0]["value"], "414243");

    // The text of `menkyo dump`: headed by the file's path and name, then its items.
    let text = menkyo::render::hexdump::render_file(&ef08.ef, RecordKind::SimpleTlv, &ef08.bytes);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("DF1/EF08 試験用ファイル (simple-tlv), 40 bytes")
    );
    assert_eq!(lines.next(), Some("0000  61 03"));
    assert_eq!(lines.next(), Some("0002    41 42 43"));
}
