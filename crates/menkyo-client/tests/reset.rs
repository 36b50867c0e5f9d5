//! A card reset during a read: the procedure restarts once from the start, re-verifies only
//! PINs that had succeeded, and a second reset is an error.

mod common;

use common::{assert_wrong_pin, ic_pins, resetting_reader, spec_image, ResetTiming, BOTH};
use menkyo_client::{Error, LastTry, PinId, Reader};
use menkyo_codec::registry;
use menkyo_transport::Capabilities;

fn undisturbed(caps: Capabilities) -> (menkyo_client::IcLicenceFiles, u64) {
    let mut card = resetting_reader(
        spec_image("spec-ic-licence"),
        caps,
        Vec::new(),
        ResetTiming::BeforeDelivery,
    );
    let mut reader = Reader::new(&mut card);
    let read = reader
        .read_ic_licence_files(&ic_pins("1234", "5678"), LastTry::Refuse)
        .expect("read");
    (read, reader.apdu_count())
}

#[test]
fn a_reset_anywhere_in_the_read_restarts_it_once() {
    for caps in BOTH {
        let (expected, apdus) = undisturbed(caps);
        for timing in [ResetTiming::BeforeDelivery, ResetTiming::AfterDelivery] {
            for at in 1..=apdus {
                let mut card =
                    resetting_reader(spec_image("spec-ic-licence"), caps, vec![at], timing);
                let mut reader = Reader::new(&mut card);
                let read = reader
                    .read_ic_licence_files(&ic_pins("1234", "5678"), LastTry::Refuse)
                    .unwrap_or_else(|e| panic!("reset at {at} ({timing:?}): {e}"));
                assert_eq!(read, expected, "reset at {at} ({timing:?})");
                assert_eq!(reader.restarts(), 1);
                assert_eq!(reader.apdu_count(), at + apdus);
                for id in ["PIN1", "PIN2"] {
                    assert_eq!(
                        card.card.image().pins[id].tries_left,
                        registry::Pin::IcPin1.max_tries()
                    );
                }
            }
        }
    }
}

#[test]
fn a_wrong_pin_answered_into_a_reset_is_not_sent_again() {
    // APDU 7 is VERIFY of PIN1: the card counts the wrong PIN, then the reset loses the answer.
    let mut card = resetting_reader(
        spec_image("spec-ic-licence"),
        Capabilities::EXTENDED,
        vec![7],
        ResetTiming::AfterDelivery,
    );
    let mut reader = Reader::new(&mut card);
    let err = reader
        .read_ic_licence_files(&ic_pins("9999", "5678"), LastTry::Refuse)
        .unwrap_err();
    assert_wrong_pin(&err, PinId::IcPin1, 2);
    // The restart re-reads up to the tries queries and stops there: 7 + 6 APDUs.
    assert_eq!(reader.apdu_count(), 13);
    assert_eq!(card.card.image().pins["PIN1"].tries_left, 2);
}

#[test]
fn a_second_reset_is_an_error() {
    let mut card = resetting_reader(
        spec_image("spec-ic-licence"),
        Capabilities::EXTENDED,
        vec![3, 20],
        ResetTiming::BeforeDelivery,
    );
    let mut reader = Reader::new(&mut card);
    let err = reader
        .read_ic_licence_files(&ic_pins("1234", "5678"), LastTry::Refuse)
        .unwrap_err();
    common::assert_matches!(err, Error::ResetAgain { .. });
}

#[test]
fn a_reset_during_the_my_number_read_restarts_it() {
    let pins = common::myna_pins("1234", "4321");
    let expected = {
        let mut card = resetting_reader(
            spec_image("spec-myna-licence"),
            Capabilities::SHORT_ONLY,
            Vec::new(),
            ResetTiming::BeforeDelivery,
        );
        Reader::new(&mut card)
            .read_myna_licence_files(&pins, LastTry::Refuse)
            .expect("read")
    };
    for at in [2, 4, 6, 9, 11] {
        let mut card = resetting_reader(
            spec_image("spec-myna-licence"),
            Capabilities::SHORT_ONLY,
            vec![at],
            ResetTiming::AfterDelivery,
        );
        let read = Reader::new(&mut card)
            .read_myna_licence_files(&pins, LastTry::Refuse)
            .unwrap_or_else(|e| panic!("reset at {at}: {e}"));
        assert_eq!(read, expected, "reset at {at}");
    }
}
