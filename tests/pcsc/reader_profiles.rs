//! Every reader profile through pcscd and vpcd: the emulator plays the reader's limits on the
//! card side, pcscd reports extended length (vpcd's `dwMaxAPDUDataSize`), and the client
//! learns the limits from the answers. Each read sends exactly what the same read sends in
//! process, and a lost field costs no PIN try.

use menkyo::client::{LicenceRead, Pins, ReadOptions, Reader};
use menkyo::codec::secret::Pin;
use menkyo::emulator::reader_profile::{FieldDrop, ReaderProfile};
use menkyo::emulator::vpcd::{VpcdConfig, VpcdServer};
use menkyo::emulator::{samples, Emulator, InProcessTransport};

use crate::harness::{self, ServedCard, READER};

fn pins() -> Pins {
    let pin = |digits: &str| Pin::licence(digits).expect("test PIN");
    Pins {
        pin1: Some(pin("1234")),
        pin2: Some(pin("5678")),
        basic_info: Some(pin("4321")),
        ..Pins::default()
    }
}

/// APDUs, steps down and restarts of one read, and whether it brought every file.
fn summary(reader: &Reader<'_>, read: &Result<LicenceRead, menkyo::client::Error>) -> String {
    let report = reader.link_report();
    let complete = match read {
        Ok(LicenceRead::Ic(ic)) => ic.files.skipped.is_empty(),
        Ok(LicenceRead::Myna(myna)) => myna.files.skipped.is_empty(),
        Err(menkyo::client::Error::NotALicence { .. }) => true,
        Err(_) => false,
    };
    format!(
        "{} APDUs, {:?} Le {}, {} steps down, {} restarts, complete: {complete}",
        reader.apdu_count(),
        report.length,
        report.max_ne,
        report.fallbacks.len(),
        report.restarts
    )
}

fn in_process(sample: &str, profile: ReaderProfile) -> String {
    let image = samples::get(sample).expect("sample");
    let mut transport = InProcessTransport::new(Emulator::new(image)).with_reader_profile(profile);
    let mut reader = Reader::new(&mut transport);
    let read = reader.read_licence(&pins(), ReadOptions::default());
    summary(&reader, &read)
}

#[test]
fn every_reader_profile_reads_every_sample_through_pcscd_as_in_process() {
    let stack = harness::stack_or_skip!();
    let drop_at_verify = FieldDrop::AtApdu {
        apdu: 7,
        after_card: true,
    };
    let profiles = [
        ReaderProfile::PASORI,
        ReaderProfile::ACR122U,
        ReaderProfile::SCR3310,
        ReaderProfile::PASORI_FLAKY,
        ReaderProfile::PASORI.with_field_drop(drop_at_verify),
    ];
    for profile in profiles {
        // The link model would only slow the test down; its time is the benchmark's business.
        let profile = profile.with_link(None);
        for sample in samples::names() {
            let image = samples::get(sample).expect("sample");
            let tries_before: Vec<u8> = image.pins.values().map(|p| p.tries_left).collect();
            let server = VpcdServer::new(VpcdConfig::default()).with_reader_profile(profile);
            let served = ServedCard::start_with(&stack, server, Emulator::new(image));
            let mut card = stack.connect();
            let mut reader = Reader::new(&mut card);
            let read = reader.read_licence(&pins(), ReadOptions::default());
            let through = summary(&reader, &read);
            // Read again: the PIN tries the card reports before any VERIFY are all still there.
            let again = reader.read_licence(&Pins::default(), ReadOptions::default());
            drop(reader);
            drop(card);
            served.remove();
            let expected = in_process(sample, profile);
            assert_eq!(through, expected, "{} {sample}", profile.name);
            assert!(
                through.ends_with("complete: true"),
                "{} {sample}: {through}",
                profile.name
            );
            if let Ok(read) = again {
                let tries: Vec<u8> = read
                    .view()
                    .pins
                    .iter()
                    .filter_map(|p| p.state.tries_left())
                    .collect();
                assert!(
                    tries.iter().all(|t| tries_before.contains(t)),
                    "{} {sample}: tries {tries:?}, before {tries_before:?}",
                    profile.name
                );
            }
        }
    }
}

/// `menkyo emulate --reader-profile pasori` and `menkyo read --reader --format json`: the read
/// steps down to short APDUs once, says so in `link`, and `--trace` marks the READ sent again.
#[test]
fn menkyo_emulate_plays_a_profile_and_menkyo_read_says_which_mode_it_used() {
    let stack = harness::stack_or_skip!();
    let emulate =
        crate::support::Running::start(&["emulate", "ic-licence", "--reader-profile", "pasori"]);
    assert!(harness::wait_for_card(&stack.pcsc, READER, true).is_some());
    let mut args = crate::support::read_json_args(READER);
    args.push("--trace");
    let out = crate::read::menkyo(&args, "1234\n5678\n");
    let (code, _, err) = emulate.terminate();
    assert_eq!(code, Some(0), "{err}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let link = &json["link"];
    assert_eq!(link["length"], "short", "{link}");
    assert_eq!(link["max_ne"], 256, "{link}");
    assert_eq!(link["restarts"], 0, "{link}");
    assert_eq!(link["fallbacks"][0]["refused_ne"], 880, "{link}");
    let refusal = link["fallbacks"][0]["refusal"].as_str().unwrap_or_default();
    assert!(refusal.starts_with("6700"), "{link}");
    assert!(
        stderr.contains("(asking for less: the reader refused the length)"),
        "{stderr}"
    );
    assert!(
        harness::wait_for_card(&stack.pcsc, READER, false).is_none(),
        "the card stayed after menkyo emulate ended"
    );
}
