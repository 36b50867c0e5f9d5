//! menkyo's PC/SC back end against pcscd and vpcd: connecting, capabilities, transactions, and
//! each failure as its typed error.

use std::time::{Duration, Instant};

use menkyo::codec::layout::ic;
use menkyo::pcsc::{ConnectOptions, Event, LengthMode, Watcher};
use menkyo::transport::{Capabilities, CardTransport, TransportError};

use crate::harness::{
    self, open_df1, select_df1, send_all_ok, spec_licence, sw, ServedCard, CARD_TIMEOUT, READER,
    SELECT_MF,
};

/// READ BINARY of DF1/EF01 by SFI, 16 bytes: needs PIN1.
const READ_DF1_EF01: [u8; 5] = [0x00, 0xB0, 0x81, 0x00, 0x10];

#[test]
fn connects_with_the_readers_capabilities_and_the_cards_atr() {
    let stack = harness::stack_or_skip!();
    let (_served, card) = stack.serve_licence();
    assert_eq!(card.name(), READER);
    assert_eq!(card.atr().expect("the ATR"), ic::ATR);
    assert_eq!(
        card.capabilities(),
        Capabilities::EXTENDED,
        "vpcd reports dwMaxAPDUDataSize 65536"
    );
    drop(card);

    let short = ConnectOptions {
        lengths: LengthMode::Short,
    };
    let mut card = stack
        .pcsc
        .connect("virtual pcd 00 00", short)
        .expect("a unique part of the name, in any case, picks the reader");
    assert_eq!(card.capabilities(), Capabilities::SHORT_ONLY);
    let mut tx = card.transaction().expect("a transaction");
    let long = [&[0x00, 0xA4, 0x04, 0x0C, 0xFF][..], &[0u8; 255], &[0u8; 10]].concat();
    assert!(matches!(
        tx.transmit(&long),
        Err(TransportError::CommandTooLong { len: 270, max: 261 })
    ));
}

#[test]
fn an_extended_read_comes_back_whole() {
    let stack = harness::stack_or_skip!();
    let (_served, mut card) = stack.serve_licence();
    let mut tx = open_df1(&mut card);
    let answer = tx
        .transmit(&[0x00, 0xB0, 0x81, 0x00, 0x00, 0x03, 0x70])
        .expect("extended READ BINARY");
    assert_eq!(
        answer.len(),
        menkyo::codec::registry::DF1_EF01.fixed_size() + 2
    );
    assert_eq!(sw(&answer), [0x90, 0x00]);
}

#[test]
fn no_card_and_unknown_readers_are_told_apart() {
    let stack = harness::stack_or_skip!();
    let err = stack
        .pcsc
        .connect(READER, ConnectOptions::default())
        .expect_err("no card is served");
    assert!(matches!(err, TransportError::NoCard), "{err:?}");
    let err = stack
        .pcsc
        .connect("No Such Reader 99", ConnectOptions::default())
        .expect_err("no such reader");
    assert!(
        matches!(err, TransportError::UnknownReader(ref n) if n == "No Such Reader 99"),
        "{err:?}"
    );
    let err = stack
        .pcsc
        .connect("Virtual PCD", ConnectOptions::default())
        .expect_err("two readers match");
    assert!(err.to_string().contains("choosing a reader"), "{err}");
}

#[test]
fn a_card_held_exclusively_is_a_sharing_violation() {
    let stack = harness::stack_or_skip!();
    let _served = ServedCard::start(&stack, spec_licence());
    let other = pcsc::Context::establish(pcsc::Scope::User).expect("a second context");
    let name = std::ffi::CString::new(READER).expect("no NUL");
    let _exclusive = other
        .connect(&name, pcsc::ShareMode::Exclusive, pcsc::Protocols::ANY)
        .expect("an exclusive connection");
    let err = stack
        .pcsc
        .connect(READER, ConnectOptions::default())
        .expect_err("the card is held exclusively");
    assert!(matches!(err, TransportError::SharingViolation), "{err:?}");
    let advice = menkyo::pcsc::advice(&err).unwrap_or_default();
    assert!(advice.contains("transient"), "{advice}");
}

#[test]
fn a_reset_by_another_program_costs_the_verified_state_and_nothing_else() {
    let stack = harness::stack_or_skip!();
    let (_served, mut card) = stack.serve_licence();
    {
        let mut tx = open_df1(&mut card);
        let read = tx.transmit(&READ_DF1_EF01).expect("READ BINARY");
        assert_eq!(sw(&read), [0x90, 0x00]);
    }

    let mut other = stack
        .pcsc
        .connect(READER, ConnectOptions::default())
        .expect("a second connection");
    other.reset().expect("a reset by the other connection");
    drop(other);

    let mut tx = card
        .transaction()
        .expect("the next session starts after a silent reconnect");
    assert_eq!(sw(&tx.transmit(&select_df1()).expect("DF1")), [0x90, 0x00]);
    let read = tx.transmit(&READ_DF1_EF01).expect("READ BINARY");
    assert_eq!(sw(&read), [0x69, 0x82], "the reset forgot the verified PIN");
}

#[test]
fn a_card_removed_mid_read_is_reported_as_removed_within_seconds() {
    let stack = harness::stack_or_skip!();
    let (served, mut card) = stack.serve_licence();
    let mut tx = card.transaction().expect("a transaction");
    send_all_ok(&mut *tx, &[("SELECT MF", &SELECT_MF)]);
    let _gone = served.snatch();
    harness::assert_card_removed(&mut *tx);
    drop(tx);
    assert!(matches!(card.atr(), Err(TransportError::CardRemoved)));
}

#[test]
fn the_watcher_reports_the_card_arriving_and_leaving() {
    let stack = harness::stack_or_skip!();
    let mut watcher = Watcher::new(stack.pcsc.clone()).expect("watching");
    assert!(watcher.readers().iter().any(|r| r.name == READER));
    let served = ServedCard::start(&stack, spec_licence());
    let inserted = Event::CardInserted {
        reader: READER.to_owned(),
        atr: ic::ATR.to_vec(),
    };
    wait_for_event(&mut watcher, &inserted);
    served.remove();
    let removed = Event::CardRemoved {
        reader: READER.to_owned(),
    };
    wait_for_event(&mut watcher, &removed);
}

fn wait_for_event(watcher: &mut Watcher, wanted: &Event) {
    let deadline = Instant::now() + CARD_TIMEOUT;
    while Instant::now() < deadline {
        let events = watcher
            .next(Some(deadline.saturating_duration_since(Instant::now())))
            .expect("watching");
        if events.contains(wanted) {
            return;
        }
    }
    panic!("no {wanted:?} within {CARD_TIMEOUT:?}");
}

#[test]
fn a_wait_ends_at_its_timeout_or_when_cancelled() {
    let stack = harness::stack_or_skip!();
    let mut watcher = Watcher::new(stack.pcsc.clone()).expect("watching");
    let timeout = Duration::from_millis(1200);
    let started = Instant::now();
    let events = watcher.next(Some(timeout)).expect("waiting");
    let waited = started.elapsed();
    assert!(events.is_empty(), "{events:?}");
    assert!(waited >= timeout, "returned after {waited:?}");
    assert!(waited < timeout + Duration::from_secs(3), "{waited:?}");

    let canceller = watcher.canceller();
    let cancelling = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        canceller.cancel();
    });
    let started = Instant::now();
    let events = watcher
        .next(Some(Duration::from_secs(60)))
        .expect("waiting");
    let waited = started.elapsed();
    cancelling.join().expect("the cancelling thread");
    assert!(events.is_empty(), "{events:?}");
    // A lost cancel waits the whole minute; the bound only tells the two apart.
    assert!(waited < Duration::from_secs(10), "cancel took {waited:?}");

    let canceller = watcher.canceller();
    canceller.cancel();
    let started = Instant::now();
    assert!(watcher.next(None).expect("waiting").is_empty());
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "a cancel before the wait was lost"
    );
}
