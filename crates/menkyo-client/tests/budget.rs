//! APDU budgets of full reads of the built-in samples, with and without extended length.

mod common;

use common::{pin, reader_with, IcLicenceAtr};
use menkyo_client::{IcPins, LicenceRead, MynaPins, Pins, ReadOptions, Reader};
use menkyo_emulator::{samples, Emulator, InProcessTransport, Quirks};
use menkyo_transport::Capabilities;

fn sample(name: &str, caps: Capabilities) -> menkyo_emulator::InProcessTransport {
    let image = samples::get(name).expect("sample");
    reader_with(image, caps, Quirks::NONE)
}

fn ic_read_count(name: &str, caps: Capabilities) -> u64 {
    let mut transport = sample(name, caps);
    let mut reader = Reader::new(&mut transport);
    let pins = IcPins {
        pin1: Some(pin("1234")),
        pin2: Some(pin("5678")),
    };
    let read = reader
        .read_ic_licence(&pins, ReadOptions::default())
        .expect("full read");
    assert!(read.files.skipped.is_empty(), "{:?}", read.files.skipped);
    assert_eq!(read.files.files.len(), 10);
    reader.apdu_count()
}

/// SELECT MF, SELECT 2F01, READ, READ SFI 0A, 2 tries queries, 2 VERIFY, SELECT DF1, 7 reads,
/// SELECT DF2, 1 read.
#[test]
fn ic_licence_full_read_takes_18_apdus_extended_and_at_most_36_short() {
    for name in ["ic-licence", "ic-licence-no-pin"] {
        assert_eq!(ic_read_count(name, Capabilities::EXTENDED), 18, "{name}");
        // DF1/EF01 880 bytes: 4 reads, EF02: 1, EF03: 2, EF04: 3, EF05: 3, EF06: 1, EF07: 3,
        // DF2/EF01 2005 bytes: 8; plus the 10 other APDUs.
        assert_eq!(ic_read_count(name, Capabilities::SHORT_ONLY), 35, "{name}");
    }
}

fn both_ic_pins() -> Pins {
    Pins {
        pin1: Some(pin("1234")),
        pin2: Some(pin("5678")),
        ..Pins::default()
    }
}

/// `Reader::read_licence`, detection included: the IC licence's ATR lets the procedure's own
/// SELECT MF and SELECT 2F01 stand for the probe, so the budget is the procedure's.
#[test]
fn detecting_and_reading_an_ic_licence_stays_within_18_apdus_extended_and_36_short() {
    for name in ["ic-licence", "ic-licence-no-pin"] {
        let mut counts = Vec::new();
        for caps in [Capabilities::EXTENDED, Capabilities::SHORT_ONLY] {
            let mut transport = sample(name, caps);
            let mut reader = Reader::new(&mut transport);
            let read = reader
                .read_licence(&both_ic_pins(), ReadOptions::default())
                .expect("full read");
            let LicenceRead::Ic(ic) = read else {
                panic!("{name}: not read as an IC licence")
            };
            assert!(ic.files.skipped.is_empty(), "{:?}", ic.files.skipped);
            assert_eq!(ic.files.files.len(), 10);
            counts.push(reader.apdu_count());
        }
        assert_eq!(counts, [18, 35], "{name}");
    }
}

/// A card that shows the IC licence's ATR but is not one is still probed and read as what it
/// is, for one SELECT MF more.
#[test]
fn a_card_with_the_ic_licence_atr_that_is_not_one_is_probed() {
    let card = |name: &str| {
        let image = samples::get(name).expect("sample");
        InProcessTransport::new(IcLicenceAtr(Emulator::new(image)))
            .with_capabilities(Capabilities::EXTENDED)
    };
    let pins = Pins {
        basic_info: Some(pin("4321")),
        ..both_ic_pins()
    };

    let mut transport = card("myna-licence");
    let read = Reader::new(&mut transport)
        .read_licence(&pins, ReadOptions::default())
        .expect("read");
    let LicenceRead::Myna(myna) = read else {
        panic!("a マイナ免許証 with the IC licence's ATR was not read as one")
    };
    assert!(myna.files.skipped.is_empty(), "{:?}", myna.files.skipped);

    let mut transport = card("myna-card");
    let err = Reader::new(&mut transport)
        .read_licence(&pins, ReadOptions::default())
        .unwrap_err();
    common::assert_no_licence_ap(&err);
}

#[test]
fn a_reader_with_a_small_buffer_reads_in_its_largest_chunks() {
    let caps = Capabilities {
        extended_length: true,
        max_command_len: 261,
        max_response_len: 1026,
    };
    // The photo (2005 bytes) takes 2 reads of up to 1024 bytes; everything else fits in one.
    assert_eq!(ic_read_count("ic-licence", caps), 19);
}

/// SELECT 免許AP, READ SFI 1A, tries, VERIFY, READ SFI 1B, READ SFI 1C, then SELECT
/// 券面事項入力補助AP, SELECT EF0011, tries, VERIFY, SELECT EF0002, READ.
#[test]
fn myna_licence_full_read_takes_12_apdus_extended() {
    let pins = MynaPins {
        licence: None,
        basic_info: Some(pin("4321")),
    };
    let mut counts = Vec::new();
    for caps in [Capabilities::EXTENDED, Capabilities::SHORT_ONLY] {
        let mut transport = sample("myna-licence", caps);
        let mut reader = Reader::new(&mut transport);
        let read = reader
            .read_myna_licence(&pins, ReadOptions::default())
            .expect("full read");
        assert!(read.files.skipped.is_empty());
        counts.push(reader.apdu_count());
    }
    assert_eq!(counts[0], 12);
    // WEF02 (photo included) and WEF03 are read in 256-byte chunks to the first short answer.
    assert!(counts[1] > counts[0] && counts[1] <= 12 + 12, "{counts:?}");
}
