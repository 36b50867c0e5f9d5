//! Full reads of every sample card through every reader profile of the emulator: the client
//! learns each reader's limits from its answers, and the APDU counts are pinned. A field drop
//! at any APDU of a read never costs a PIN try.

mod common;

use common::{pin, tries_left};
use menkyo_client::{Error, LengthMode, LicenceRead, Pins, ReadOptions, Reader, TraceLog};
use menkyo_emulator::reader_profile::{FieldDrop, ReaderProfile};
use menkyo_emulator::{samples, Emulator, InProcessTransport};

fn transport(sample: &str, profile: ReaderProfile) -> InProcessTransport {
    let image = samples::get(sample).expect("sample");
    InProcessTransport::new(Emulator::new(image)).with_reader_profile(profile)
}

fn pins() -> Pins {
    Pins {
        pin1: Some(pin("1234")),
        pin2: Some(pin("5678")),
        basic_info: Some(pin("4321")),
        ..Pins::default()
    }
}

/// What one full read did: APDUs, the length mode it ended in, its steps down, restarts.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Outcome {
    apdus: u64,
    length: LengthMode,
    fallbacks: usize,
    restarts: u64,
}

fn full_read(sample: &str, profile: ReaderProfile) -> (Result<LicenceRead, Error>, Outcome) {
    let mut transport = transport(sample, profile);
    let mut reader = Reader::new(&mut transport);
    let read = reader.read_licence(&pins(), ReadOptions::default());
    let report = reader.link_report();
    let outcome = Outcome {
        apdus: reader.apdu_count(),
        length: report.length,
        fallbacks: report.fallbacks.len(),
        restarts: report.restarts,
    };
    (read, outcome)
}

fn complete(sample: &str, read: &Result<LicenceRead, Error>) {
    match (sample, read) {
        ("myna-card", Err(Error::NotALicence { .. })) => {}
        (_, Ok(LicenceRead::Ic(ic))) => {
            assert!(
                ic.files.skipped.is_empty(),
                "{sample}: {:?}",
                ic.files.skipped
            );
            assert_eq!(ic.files.files.len(), 10, "{sample}");
        }
        (_, Ok(LicenceRead::Myna(myna))) => {
            assert!(
                myna.files.skipped.is_empty(),
                "{sample}: {:?}",
                myna.files.skipped
            );
        }
        (_, other) => panic!("{sample}: {other:?}"),
    }
}

use LengthMode::{Extended, Short};

fn o(apdus: u64, length: LengthMode, fallbacks: usize, restarts: u64) -> Outcome {
    Outcome {
        apdus,
        length,
        fallbacks,
        restarts,
    }
}

/// The outcomes in the order of `samples::names()`, from the マイナ免許証's and the IC
/// licence's: the My Number card without a 免許AP stops after two extended APDUs on every
/// reader, and the IC licence reads alike with or without its PIN set.
fn per_sample(myna_licence: Outcome, ic_licence: Outcome) -> [Outcome; 4] {
    [
        myna_licence,
        o(2, Extended, 0, 0),
        ic_licence.clone(),
        ic_licence,
    ]
}

/// Every profile, every sample: the read completes, with these APDU counts.
///
/// - unlimited: the budgets of `budget.rs` (18 for an IC licence, 13 for the マイナ免許証; the
///   My Number card without 免許AP stops after detection, 2).
/// - pasori: the IC licence's first extended READ BINARY (DF1/EF01, Ne 880) is refused with
///   `67 00`, then everything goes in 256-byte chunks as a short-only read does (35 + 1). The
///   免許AP's WEF01 of unknown size is asked with Ne 65 536, refused, asked with 1024, refused
///   (21 + 2).
/// - acr122u: one refusal more, of the first 256-byte answer, then 255-byte chunks (the IC
///   licence's photo takes one read more).
/// - scr3310 (T=0): as pasori, plus a `6Cxx` re-send for the last chunk of each 免許AP file of
///   unknown size.
#[test]
fn every_profile_reads_every_sample_with_pinned_apdu_counts() {
    // In the order of `samples::names()`: myna-licence, myna-card, ic-licence,
    // ic-licence-no-pin.
    let expected: [(&str, [Outcome; 4]); 4] = [
        (
            "unlimited",
            per_sample(o(13, Extended, 0, 0), o(18, Extended, 0, 0)),
        ),
        ("pasori", per_sample(o(23, Short, 2, 0), o(36, Short, 1, 0))),
        // WEF03 of the corrected layout (464 bytes) takes two 255-byte answers.
        (
            "acr122u",
            per_sample(o(24, Short, 3, 0), o(38, Short, 2, 0)),
        ),
        (
            "scr3310",
            per_sample(o(26, Short, 2, 0), o(36, Short, 1, 0)),
        ),
    ];
    let mut seen = Vec::new();
    for (profile, outcomes) in &expected {
        let profile = ReaderProfile::named(profile).expect("profile");
        for (sample, want) in samples::names().into_iter().zip(outcomes) {
            let (read, outcome) = full_read(sample, profile);
            complete(sample, &read);
            seen.push(format!("{} {sample}: {outcome:?}", profile.name));
            if &outcome != want {
                panic!(
                    "{} {sample}: {outcome:?}, expected {want:?}\n{}",
                    profile.name,
                    seen.join("\n")
                );
            }
        }
    }
}

/// The flaky PaSoRi's field drops (seed 11) strike the reads; each is resumed from the start
/// once, and no PIN try is lost.
#[test]
fn the_flaky_profile_loses_the_field_and_the_reads_still_complete() {
    let mut restarts = 0;
    for sample in samples::names() {
        let mut transport = transport(sample, ReaderProfile::PASORI_FLAKY);
        let before = transport.card().image().clone();
        let mut reader = Reader::new(&mut transport);
        let read = reader.read_licence(&pins(), ReadOptions::default());
        restarts += reader.link_report().restarts;
        let drops = transport.played_reader().map_or(0, |p| p.drops());
        complete(sample, &read);
        assert!(drops <= 1, "{sample}: {drops} drops");
        for (id, state) in &before.pins {
            assert_eq!(
                tries_left(&transport, id),
                state.tries_left,
                "{sample} {id}"
            );
        }
    }
    assert!(
        restarts >= 1,
        "seed 11 drops the field in at least one read"
    );
}

/// A field drop at each APDU of the IC licence read, the card having processed the command or
/// not: the read completes, and both PINs keep every try. A VERIFY whose answer was lost is
/// sent again only when the tries query shows it did not count.
#[test]
fn a_field_drop_at_any_apdu_of_a_read_costs_no_pin_try() {
    for sample in ["ic-licence", "myna-licence"] {
        let undisturbed = full_read(sample, ReaderProfile::PASORI).1.apdus;
        for after_card in [false, true] {
            for apdu in 1..=undisturbed {
                let drop = FieldDrop::AtApdu { apdu, after_card };
                let profile = ReaderProfile::PASORI.with_field_drop(drop);
                let mut transport = transport(sample, profile);
                let before = transport.card().image().clone();
                let mut log = TraceLog::default();
                let mut reader = Reader::new(&mut transport).with_trace(&mut log);
                let read = reader.read_licence(&pins(), ReadOptions::default());
                let restarts = reader.link_report().restarts;
                complete(sample, &read);
                assert_eq!(restarts, 1, "{sample} drop at {apdu} ({after_card})");
                for (id, state) in &before.pins {
                    assert_eq!(
                        tries_left(&transport, id),
                        state.tries_left,
                        "{sample} drop at {apdu} ({after_card}): {id}\n{log}"
                    );
                }
            }
        }
    }
}

/// The trace marks the READ BINARY sent again asking for less.
#[test]
fn the_trace_says_when_the_client_asks_for_less() {
    let mut transport = transport("ic-licence", ReaderProfile::PASORI);
    let mut log = TraceLog::default();
    let mut reader = Reader::new(&mut transport).with_trace(&mut log);
    reader
        .read_licence(&pins(), ReadOptions::default())
        .expect("read");
    let report = reader.link_report();
    drop(reader);
    let text = log.to_string();
    assert!(text.contains("#10 < 67 00"), "{text}");
    assert!(
        text.contains("> 00 B0 81 00 | Le 00 (asking for less: the reader refused the length)"),
        "{text}"
    );
    assert_eq!(report.fallbacks.len(), 1);
    assert_eq!(report.fallbacks[0].refused_ne, 880);
    assert_eq!(report.max_ne, 256);
}

/// Raw APDUs (`menkyo apdu`, `menkyo script`) go through an exchange that does not adapt: the
/// reader's `67 00` comes back as it is and nothing is sent again; a reset is the caller's.
#[test]
fn an_exchange_that_does_not_adapt_hands_back_the_readers_answers() {
    use menkyo_client::commands;
    use menkyo_client::{Exchange, Step};
    use menkyo_codec::status::StatusWord;
    use menkyo_transport::{Capabilities, CardTransport};

    let drop = FieldDrop::AtApdu {
        apdu: 2,
        after_card: false,
    };
    let mut transport = transport("ic-licence", ReaderProfile::PASORI.with_field_drop(drop));
    let mut tx = transport.transaction().expect("transaction");
    let mut ex = Exchange::new(&mut *tx, Capabilities::EXTENDED);
    let refused = ex
        .send(&commands::read_binary_sfi(0x0A, 1000), Step::Detect)
        .expect("an answer");
    assert_eq!(refused.sw, StatusWord::WrongLength);
    assert!(ex.fallbacks().is_empty());
    assert_eq!(ex.apdu_count(), 1);
    let dropped = ex.send(&commands::select_mf(), Step::SelectMf);
    assert!(dropped.is_err_and(|e| e.is_card_reset()));
}
