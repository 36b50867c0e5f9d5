//! APDU budgets of full reads, against the emulator, with and without extended length.

mod common;

use common::{pin, reader_with, spec_image, BOTH};
use menkyo_client::{IcPins, LastTry, Reader};
use menkyo_emulator::Quirks;
use menkyo_transport::Capabilities;

#[test]
fn ic_licence_full_read_fits_the_budget() {
    for caps in BOTH {
        let mut transport = reader_with(spec_image("spec-ic-licence"), caps, Quirks::NONE);
        let mut reader = Reader::new(&mut transport);
        let pins = IcPins {
            pin1: Some(pin("1234")),
            pin2: Some(pin("5678")),
        };
        let read = reader
            .read_ic_licence_files(&pins, LastTry::Refuse)
            .expect("full read");
        assert!(read.skipped.is_empty(), "{:?}", read.skipped);
        assert_eq!(read.files.len(), 10);
        let budget = if caps.extended_length { 18 } else { 36 };
        let count = reader.apdu_count();
        assert!(count <= budget, "{count} APDUs with {caps:?}");
        if caps == Capabilities::EXTENDED {
            assert_eq!(count, 18);
        }
    }
}
