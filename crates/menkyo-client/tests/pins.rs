//! PIN handling against the emulator: one wrong VERIFY costs one try and stops the read, the
//! last-try guard, blocked PINs, PIN status without spending tries, and masking.

mod common;

use common::{
    assert_wrong_pin, ic_pins, pin, reader_with, spec_image, spec_reader, tries_left, BOTH,
};
use menkyo_client::trace::Origin;
use menkyo_client::{
    CardKind, Error, IcPins, LastTry, PinId, PinState, Reader, SkipReason, TraceLog,
};
use menkyo_emulator::{CardImage, InProcessTransport, Quirks};
use menkyo_transport::Capabilities;

fn with_tries(mut image: CardImage, id: &str, tries: u8) -> CardImage {
    if let Some(state) = image.pins.get_mut(id) {
        state.tries_left = tries;
    }
    image
}

/// The spec IC licence with `tries` tries left on PIN `id`, in a reader without quirks.
fn ic_licence_with_tries(id: &str, tries: u8) -> InProcessTransport {
    let image = with_tries(spec_image("spec-ic-licence"), id, tries);
    reader_with(image, Capabilities::EXTENDED, Quirks::NONE)
}

/// Reads the IC licence's files in `transport` with PIN1 and PIN2, traced, and fails unless the
/// read fails: its error, the trace, and how many APDUs it sent.
fn failed_ic_read(
    transport: &mut InProcessTransport,
    (pin1, pin2): (&str, &str),
    last_try: LastTry,
) -> (Error, TraceLog, u64) {
    let mut log = TraceLog::default();
    let mut reader = Reader::new(transport).with_trace(&mut log);
    let read = reader.read_ic_licence_files(&ic_pins(pin1, pin2), last_try);
    let apdus = reader.apdu_count();
    drop(reader);
    (read.expect_err("the read fails"), log, apdus)
}

/// Like [`failed_ic_read`], and fails if the read sent the PIN with reference `p2` (hex): the
/// read's error.
fn refused_unsent(
    transport: &mut InProcessTransport,
    pins: (&str, &str),
    last_try: LastTry,
    p2: &str,
) -> Error {
    let (err, log, _) = failed_ic_read(transport, pins, last_try);
    assert_no_pin_sent(&log, p2);
    err
}

/// Fails unless PIN1 and PIN2 of the IC licence in `transport` have `(pin1, pin2)` tries left.
#[track_caller]
fn assert_ic_tries_left(transport: &InProcessTransport, (pin1, pin2): (u8, u8)) {
    assert_eq!(tries_left(transport, "PIN1"), pin1, "PIN1");
    assert_eq!(tries_left(transport, "PIN2"), pin2, "PIN2");
}

/// Fails unless the card status of `image` in a reader of `caps` says the card is a `kind` with
/// the PIN `states`; the transport.
#[track_caller]
fn assert_pin_states(
    image: CardImage,
    caps: Capabilities,
    kind: CardKind,
    states: &[(PinId, PinState)],
) -> InProcessTransport {
    let mut transport = reader_with(image, caps, Quirks::NONE);
    let status = Reader::new(&mut transport).card_status().expect("status");
    assert_eq!(status.card, kind);
    let pins: Vec<_> = status.pins.iter().map(|p| (p.id, p.state)).collect();
    assert_eq!(pins, states, "{kind:?}");
    transport
}

/// A PIN with `tries` tries left.
fn left(tries: u8) -> PinState {
    PinState::TriesLeft { tries }
}

/// Fails unless the last command of the trace is a VERIFY of the PIN with reference `p2`
/// (hex), its PIN masked.
fn assert_last_sent_masked_verify(log: &TraceLog, p2: &str) {
    let expected = format!("00 20 00 {p2} | Lc 04 | ** ** ** **");
    assert_eq!(commands(log).last(), Some(&expected.as_str()), "{log}");
}

/// Fails if the trace holds a VERIFY that sends a PIN with reference `p2` (hex).
fn assert_no_pin_sent(log: &TraceLog, p2: &str) {
    let verify = format!("00 20 00 {p2} | Lc");
    assert!(
        commands(log).iter().all(|c| !c.starts_with(&verify)),
        "{log}"
    );
}

/// The commands of the trace, as formatted.
fn commands(log: &TraceLog) -> Vec<&str> {
    log.entries.iter().map(|e| e.command.as_str()).collect()
}

#[test]
fn a_wrong_pin1_costs_one_try_and_ends_the_read() {
    for caps in BOTH {
        let mut transport = spec_reader("spec-ic-licence", caps);
        let (err, log, apdus) = failed_ic_read(&mut transport, ("9999", "5678"), LastTry::Refuse);
        assert_wrong_pin(&err, PinId::IcPin1, 2);
        assert_eq!(apdus, 7);
        let sent = commands(&log);
        assert_last_sent_masked_verify(&log, "81");
        assert_eq!(sent.iter().filter(|c| c.contains("| Lc 04 |")).count(), 1);
        assert_ic_tries_left(&transport, (2, 3));
    }
}

#[test]
fn a_wrong_pin2_costs_one_try_and_ends_the_read() {
    let mut transport = spec_reader("spec-ic-licence", Capabilities::EXTENDED);
    let (err, log, _) = failed_ic_read(&mut transport, ("1234", "0000"), LastTry::Refuse);
    assert_wrong_pin(&err, PinId::IcPin2, 2);
    assert_last_sent_masked_verify(&log, "82");
    assert_ic_tries_left(&transport, (3, 2));
}

#[test]
fn the_guard_refuses_the_last_try_unless_forced() {
    let mut transport = ic_licence_with_tries("PIN1", 1);
    let err = refused_unsent(&mut transport, ("9999", "5678"), LastTry::Refuse, "81");
    common::assert_matches!(err, Error::LastTryGuard { pin: PinId::IcPin1 });
    assert_eq!(tries_left(&transport, "PIN1"), 1);

    let mut reader = Reader::new(&mut transport);
    let read = reader
        .read_ic_licence_files(&ic_pins("1234", "5678"), LastTry::Force)
        .expect("forced read with the right PIN");
    assert!(read.skipped.is_empty());
    assert_eq!(tries_left(&transport, "PIN1"), 3);
}

#[test]
fn a_blocked_pin_is_never_sent() {
    let mut transport = ic_licence_with_tries("PIN2", 0);
    let err = refused_unsent(&mut transport, ("1234", "5678"), LastTry::Force, "82");
    common::assert_matches!(err, Error::PinBlocked { pin: PinId::IcPin2 });
}

#[test]
fn only_pin1_reads_the_pin1_files_and_says_what_it_skipped() {
    let mut transport = spec_reader("spec-ic-licence", Capabilities::EXTENDED);
    let mut reader = Reader::new(&mut transport);
    let pins = IcPins {
        pin1: Some(pin("1234")),
        pin2: None,
    };
    let read = reader
        .read_ic_licence_files(&pins, LastTry::Refuse)
        .expect("read with PIN1");
    let read_paths: Vec<&str> = read.files.iter().map(|f| f.ef.path).collect();
    assert_eq!(
        read_paths,
        ["MF/EF01", "MF/EF02", "DF1/EF01", "DF1/EF03", "DF1/EF04", "DF1/EF05", "DF1/EF07"]
    );
    let skipped: Vec<(&str, SkipReason)> =
        read.skipped.iter().map(|s| (s.file, s.reason)).collect();
    let pin2 = SkipReason::PinNotGiven { pin: PinId::IcPin2 };
    assert_eq!(
        skipped,
        [("DF1/EF02", pin2), ("DF1/EF06", pin2), ("DF2/EF01", pin2)]
    );
    assert_eq!(reader.apdu_count(), 6 + 1 + 1 + 5);
}

#[test]
fn no_pin_reads_the_free_files_only() {
    let mut transport = spec_reader("spec-ic-licence", Capabilities::EXTENDED);
    let mut reader = Reader::new(&mut transport);
    let read = reader
        .read_ic_licence_files(&IcPins::default(), LastTry::Refuse)
        .expect("read without PINs");
    assert_eq!(read.files.len(), 2);
    assert_eq!(read.skipped.len(), 8);
    assert!(read
        .skipped
        .iter()
        .all(|s| s.reason == SkipReason::PinNotGiven { pin: PinId::IcPin1 }));
    assert_eq!(reader.apdu_count(), 6);
    assert_eq!(
        read.pins.iter().map(|p| p.state).collect::<Vec<_>>(),
        [left(3); 2]
    );
}

#[test]
fn a_card_without_pins_is_read_with_the_default_and_asks_for_none() {
    for caps in BOTH {
        let mut transport = spec_reader("spec-ic-licence-no-pin", caps);
        let mut reader = Reader::new(&mut transport);
        let read = reader
            .read_ic_licence_files(&IcPins::default(), LastTry::Refuse)
            .expect("read with ****");
        assert!(!read.pin_set);
        assert!(read.skipped.is_empty(), "{:?}", read.skipped);
        assert_eq!(read.files.len(), 10);
    }
}

#[test]
fn pin_status_spends_no_try() {
    let ic = with_tries(spec_image("spec-ic-licence"), "PIN2", 2);
    let states = [(PinId::IcPin1, left(3)), (PinId::IcPin2, left(2))];
    let transport = assert_pin_states(ic, Capabilities::SHORT_ONLY, CardKind::IcLicence, &states);
    assert_ic_tries_left(&transport, (3, 2));

    let blocked = with_tries(spec_image("spec-myna-licence"), "BASIC_INFO", 0);
    let states = [
        (PinId::LicenceAp, left(10)),
        (PinId::BasicInfo, PinState::Blocked),
    ];
    let kind = CardKind::MyNumberWithLicence;
    assert_pin_states(blocked, Capabilities::EXTENDED, kind, &states);

    let sample = menkyo_emulator::samples::get("myna-licence").expect("sample");
    let states = [
        (PinId::LicenceAp, left(10)),
        (PinId::BasicInfo, left(3)),
        (PinId::JpkiAuth, left(3)),
        (PinId::JpkiSign, left(5)),
    ];
    let transport = assert_pin_states(sample, Capabilities::SHORT_ONLY, kind, &states);
    let image = &transport.card().image().pins;
    assert!(
        image.values().all(|p| p.tries_left == p.max_tries),
        "{image:?}"
    );
}

#[test]
fn a_wrong_licence_ap_pin_costs_one_of_ten_tries() {
    let mut transport = spec_reader("spec-myna-licence", Capabilities::EXTENDED);
    let mut log = TraceLog::default();
    let err = Reader::new(&mut transport)
        .with_trace(&mut log)
        .read_myna_licence_files(&common::myna_pins("0000", "4321"), LastTry::Refuse)
        .unwrap_err();
    assert_wrong_pin(&err, PinId::LicenceAp, 9);
    assert_last_sent_masked_verify(&log, "86");
    assert_eq!(tries_left(&transport, "LICENCE_AP"), 9);
    assert_eq!(tries_left(&transport, "BASIC_INFO"), 3);
}

#[test]
fn pins_never_reach_a_trace_or_an_error() {
    let mut transport = reader_with(
        spec_image("spec-ic-licence"),
        Capabilities::SHORT_ONLY,
        Quirks::T0,
    );
    let mut log = TraceLog::default();
    let mut reader = Reader::new(&mut transport).with_trace(&mut log);
    reader
        .read_ic_licence_files(&ic_pins("1234", "5678"), LastTry::Refuse)
        .expect("read");
    let err = reader
        .read_ic_licence_files(&ic_pins("1234", "5679"), LastTry::Refuse)
        .unwrap_err();
    let text = format!("{log}\n{err}\n{err:?}");
    for secret in [
        "31 32 33 34",
        "35 36 37 38",
        "35 36 37 39",
        "1234",
        "5678",
        "5679",
    ] {
        assert!(!text.contains(secret), "{secret} in:\n{text}");
    }
    let verifies = log
        .entries
        .iter()
        .filter(|e| e.command.starts_with("00 20") && e.command.contains("| Lc"))
        .count();
    assert_eq!(verifies, 4);
    assert!(log
        .entries
        .iter()
        .filter(|e| e.command.starts_with("00 20") && e.command.contains("| Lc"))
        .all(|e| e.command.ends_with("| ** ** ** **") && e.origin == Origin::Procedure));
}
