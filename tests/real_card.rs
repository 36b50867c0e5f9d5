//! DANGER, opt-in: reads a real card on a real USB reader. Ignored (a run says so) unless run
//! with `--ignored` and `MENKYO_DANGER_REAL_CARD=1`; never done by `scripts/test` or CI.
//!
//! Without PINs it only reads the ATR, tells the card kind with SELECT probes and asks each
//! PIN's tries left with VERIFY without data: no PIN try is spent. With PINs it reads the card's
//! files, guarded: a PIN with one try left is not sent. Nothing read is printed, only file
//! names and sizes.
//!
//! ```sh
//! MENKYO_DANGER_REAL_CARD=1 cargo test -p menkyo --test real_card -- --ignored --nocapture
//! # optional: MENKYO_REAL_READER="RC-S300"  (part of the reader's name)
//! # optional, spends tries if wrong: MENKYO_REAL_PIN1, MENKYO_REAL_PIN2 (IC licence),
//! #   MENKYO_REAL_LICENCE_AP_PIN (マイナ免許証)
//! ```
//!
//! Readers and cards it was tried with: none yet. Add yours here: reader, card, date, outcome.

use menkyo::client::{CardKind, IcPins, LastTry, MynaPins, Reader};
use menkyo::codec::secret::Pin;
use menkyo::pcsc::{ConnectOptions, LengthMode, Pcsc};
use menkyo::transport::CardTransport;

fn pin_from(variable: &str) -> Option<Pin> {
    let value = std::env::var(variable).ok()?;
    Some(Pin::licence(value.trim()).unwrap_or_else(|_| panic!("{variable} is not a 4-digit PIN")))
}

#[test]
#[ignore = "DANGER: reads a real card on a real reader; run with MENKYO_DANGER_REAL_CARD=1 and --ignored"]
fn reads_a_real_card_on_a_real_reader() {
    assert_eq!(
        std::env::var("MENKYO_DANGER_REAL_CARD").as_deref(),
        Ok("1"),
        "set MENKYO_DANGER_REAL_CARD=1 to read a real card (see the file's doc)"
    );
    let pcsc = Pcsc::establish().unwrap_or_else(|e| panic!("PC/SC: {e}"));
    let options = ConnectOptions {
        lengths: if std::env::var("MENKYO_REAL_SHORT_APDU").as_deref() == Ok("1") {
            LengthMode::Short
        } else {
            LengthMode::Auto
        },
    };
    let mut card = match std::env::var("MENKYO_REAL_READER") {
        Ok(reader) => pcsc.connect(&reader, options),
        Err(_) => pcsc.connect_any(options),
    }
    .unwrap_or_else(|e| panic!("connecting: {e}"));
    let atr = card.atr().unwrap_or_else(|e| panic!("ATR: {e}"));
    println!("reader: {}", card.name());
    println!("capabilities: {:?}", card.capabilities());
    println!("ATR: {}", hex::encode_upper(&atr));

    let mut reader = Reader::new(&mut card);
    let status = reader
        .card_status()
        .unwrap_or_else(|e| panic!("card kind and PIN tries: {e}"));
    println!("card: {}", status.card.describe());
    for pin in &status.pins {
        println!("PIN {}: {:?}", pin.name, pin.state);
    }
    assert_ne!(
        status.card,
        CardKind::Unknown,
        "not a licence or My Number card"
    );

    // Each read runs only with the PIN it needs given: no try is spent otherwise.
    let read = match status.card {
        CardKind::IcLicence => {
            let pins = IcPins {
                pin1: pin_from("MENKYO_REAL_PIN1"),
                pin2: pin_from("MENKYO_REAL_PIN2"),
            };
            (pins.pin1.is_some()).then(|| reader.read_ic_licence_files(&pins, LastTry::Refuse))
        }
        CardKind::MyNumberWithLicence => {
            let pins = MynaPins {
                licence: pin_from("MENKYO_REAL_LICENCE_AP_PIN"),
                basic_info: None,
            };
            (pins.licence.is_some()).then(|| reader.read_myna_licence_files(&pins, LastTry::Refuse))
        }
        other => {
            println!("{}: nothing more to read", other.describe());
            return;
        }
    };
    let Some(read) = read else {
        println!("no PIN given: reading stops here (no try spent)");
        return;
    };
    let files = read
        .unwrap_or_else(|e| panic!("reading the {}: {e}", status.card.describe()))
        .files;
    for file in &files {
        println!("{}: {} bytes", file.ef.path, file.bytes.len());
    }
    assert!(!files.is_empty());
    println!("APDUs: {}", reader.apdu_count());
}
