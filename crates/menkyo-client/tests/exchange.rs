//! The exchange layer against the emulator's T=0 quirks: `61xx` answered with GET RESPONSE,
//! `6Cxx` with one re-send, every APDU counted and traced.

mod common;

use common::{pin, reader_with, spec_image, BOTH};
use menkyo_client::commands;
use menkyo_client::trace::Origin;
use menkyo_client::{EfRef, Exchange, IcPins, LastTry, Reader, Step, TraceLog};
use menkyo_codec::apdu::ResponseApdu;
use menkyo_codec::registry;
use menkyo_codec::status::StatusWord;
use menkyo_emulator::Quirks;
use menkyo_transport::{Capabilities, CardTransport};

/// MF/EF01 as a file of unknown size.
const COMMON: EfRef = EfRef {
    size: None,
    ..registry::MF_EF01
};

fn ic_pins() -> IcPins {
    IcPins {
        pin1: Some(pin("1234")),
        pin2: Some(pin("5678")),
    }
}

#[test]
fn get_response_gathers_the_same_files() {
    for caps in BOTH {
        let plain = {
            let mut transport = common::spec_reader("spec-ic-licence", caps);
            let mut reader = Reader::new(&mut transport);
            let read = reader.read_ic_licence_files(&ic_pins(), LastTry::Refuse);
            (read.expect("plain read"), reader.apdu_count())
        };
        let quirky = Quirks {
            get_response: true,
            ..Quirks::NONE
        };
        let mut transport = reader_with(spec_image("spec-ic-licence"), caps, quirky);
        let mut log = TraceLog::default();
        let mut reader = Reader::new(&mut transport).with_trace(&mut log);
        let read = reader
            .read_ic_licence_files(&ic_pins(), LastTry::Refuse)
            .expect("T=0 read");
        let count = reader.apdu_count();
        assert_eq!(read, plain.0);
        let get_responses = log
            .entries
            .iter()
            .filter(|e| e.origin == Origin::GetResponse)
            .count() as u64;
        assert!(get_responses >= 10, "{log}");
        assert_eq!(count, plain.1 + get_responses);
        assert_eq!(log.entries.len() as u64, count);
        assert!(log
            .entries
            .iter()
            .filter(|e| e.origin == Origin::GetResponse)
            .all(|e| e.command.starts_with("00 C0 00 00 | Le ")));
    }
}

/// SELECT MF and MF/EF01, then READ BINARY of 100 bytes, on the spec IC licence in a reader
/// with `caps` and `quirks`: what the read gave, how many APDUs were sent, and the trace.
fn read_common(
    caps: Capabilities,
    quirks: Quirks,
) -> (Result<ResponseApdu, menkyo_client::Error>, u64, TraceLog) {
    let mut transport = reader_with(spec_image("spec-ic-licence"), caps, quirks);
    let mut tx = transport.transaction().expect("transaction");
    let mut log = TraceLog::default();
    let mut ex = Exchange::new(&mut *tx, caps).with_trace(&mut log);
    ex.select_mf().expect("MF");
    ex.select_ef(&COMMON).expect("EF01");
    let read = ex.send(&commands::read_binary(0, 100), Step::Read(&COMMON));
    let apdus = ex.apdu_count();
    drop(ex);
    (read, apdus, log)
}

#[test]
fn wrong_le_is_resent_once_with_the_exact_length() {
    let quirky = Quirks {
        wrong_le: true,
        ..Quirks::NONE
    };
    let (read, apdus, log) = read_common(Capabilities::SHORT_ONLY, quirky);
    let answer = read.expect("read");
    assert_eq!(answer.sw, StatusWord::Success);
    assert_eq!(answer.data.len(), registry::MF_EF01.fixed_size());
    assert_eq!(apdus, 4);
    let last = &log.entries[3];
    assert_eq!(last.origin, Origin::Resend);
    assert_eq!(last.command, "00 B0 00 00 | Le 11");
    assert!(log.entries[2].response.starts_with("6C 11"), "{log}");
}

#[test]
fn both_quirks_together_read_unknown_sizes_in_short_chunks() {
    let pins = common::myna_pins("1234", "4321");
    let plain = {
        let mut transport = common::spec_reader("spec-myna-licence", Capabilities::SHORT_ONLY);
        Reader::new(&mut transport)
            .read_myna_licence_files(&pins, LastTry::Refuse)
            .expect("plain read")
    };
    let mut transport = reader_with(
        spec_image("spec-myna-licence"),
        Capabilities::SHORT_ONLY,
        Quirks::T0,
    );
    let mut log = TraceLog::default();
    let read = Reader::new(&mut transport)
        .with_trace(&mut log)
        .read_myna_licence_files(&pins, LastTry::Refuse)
        .expect("T=0 read");
    assert_eq!(read, plain);
    assert!(
        log.entries.iter().any(|e| e.origin == Origin::Resend),
        "{log}"
    );
    assert!(log.entries.iter().any(|e| e.origin == Origin::GetResponse));
}

#[test]
fn a_get_response_chain_that_hands_out_nothing_is_given_up() {
    let stalled = Quirks {
        get_response: true,
        stalled_get_response: true,
        ..Quirks::NONE
    };
    for caps in BOTH {
        let (read, apdus, log) = read_common(caps, stalled);
        let err = read.unwrap_err();
        assert!(
            matches!(
                err,
                menkyo_client::Error::GetResponseStalled {
                    step: Step::Read(&COMMON),
                    sw: StatusWord::MoreAvailable(0),
                }
            ),
            "{err}"
        );
        assert_eq!(apdus, 4, "{log}");
        assert!(log.entries[2].response.starts_with("61 11"), "{log}");
        assert_eq!(log.entries[3].origin, Origin::GetResponse);
        assert!(log.entries[3].response.starts_with("61 00"), "{log}");
    }
}

#[test]
fn a_stalled_get_response_ends_a_whole_read_with_an_error() {
    let stalled = Quirks {
        get_response: true,
        stalled_get_response: true,
        ..Quirks::NONE
    };
    // In a thread, so that a client that loops for ever fails the test instead of hanging it.
    let (done, outcome) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut transport = reader_with(
            spec_image("spec-ic-licence"),
            Capabilities::EXTENDED,
            stalled,
        );
        let mut reader = Reader::new(&mut transport);
        let result = reader.read_ic_licence_files(&ic_pins(), LastTry::Refuse);
        let _ = done.send((result.map(drop), reader.apdu_count()));
    });
    let (result, apdus) = outcome
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("the read ends");
    let err = result.unwrap_err();
    assert!(
        matches!(err, menkyo_client::Error::GetResponseStalled { .. }),
        "{err}"
    );
    assert!(apdus < 10, "{apdus} APDUs");
}

/// Runs `steps` on one exchange with the spec IC licence in a reader of `caps`.
fn on_spec_licence(caps: Capabilities, steps: impl FnOnce(&mut Exchange<'_>)) {
    let mut transport = common::spec_reader("spec-ic-licence", caps);
    let caps = transport.capabilities();
    let mut tx = transport.transaction().expect("transaction");
    steps(&mut Exchange::new(&mut *tx, caps));
}

#[test]
fn an_unexpected_status_names_the_step_and_the_status_word() {
    on_spec_licence(Capabilities::EXTENDED, |ex| {
        ex.select_mf().expect("MF");
        let err = ex.read_current_ef(&COMMON).unwrap_err();
        assert_eq!(err.status(), Some(StatusWord::NoCurrentEf));
        assert_eq!(
            err.to_string(),
            "reading MF/EF01 共通データ要素: the card answered 6986: no current EF (カレントEFがない)"
        );
    });
}

#[test]
fn extended_commands_are_refused_on_a_short_only_reader() {
    on_spec_licence(Capabilities::SHORT_ONLY, |ex| {
        let err = ex
            .send(&commands::read_binary(0, 880), Step::Read(&COMMON))
            .unwrap_err();
        assert!(matches!(
            err,
            menkyo_client::Error::NeedsExtendedLength { .. }
        ));
        assert_eq!(ex.apdu_count(), 0);
    });
}

#[test]
fn a_card_that_forgets_the_sfi_read_ef_gets_it_selected() {
    let image = menkyo_emulator::samples::get("ic-licence").expect("sample");
    let plain = {
        let mut transport = reader_with(image.clone(), Capabilities::SHORT_ONLY, Quirks::NONE);
        Reader::new(&mut transport)
            .read_ic_licence_files(&ic_pins(), LastTry::Refuse)
            .expect("plain read")
    };
    let mut transport = common::sfi_forgetful_reader(image, Capabilities::SHORT_ONLY);
    let mut log = TraceLog::default();
    let mut reader = Reader::new(&mut transport).with_trace(&mut log);
    let read = reader
        .read_ic_licence_files(&ic_pins(), LastTry::Refuse)
        .expect("read with SELECT fallback");
    assert_eq!(read, plain);
    // Six files need more than one chunk: each follow-up met 6986 once, then SELECT EF.
    assert_eq!(reader.apdu_count(), 35 + 6 * 2);
    let selects_after_6986 = log
        .entries
        .windows(2)
        .filter(|w| w[0].response.starts_with("69 86") && w[1].command.starts_with("00 A4 02 0C"))
        .count();
    assert_eq!(selects_after_6986, 6, "{log}");
}
