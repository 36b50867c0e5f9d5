//! `menkyo read` through pcscd and vpcd prints what it prints reading the same card in
//! process, and a card pulled off mid-read is a clear error, with no output file left behind.

use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use menkyo::codec::layout::ic;
use menkyo::emulator::vpcd::VpcdConfig;
use menkyo::emulator::{samples, Emulator};

use crate::harness::{self, ServedCard, READER};
use crate::support::{menkyo_bin, spawn_with_stdin};

/// Every built-in sample with the PINs `--pin-stdin` gives it (synthetic cards, test PINs).
const SAMPLES: [(&str, &str); 4] = [
    ("ic-licence", "1234\n5678\n"),
    ("ic-licence-no-pin", ""),
    ("myna-licence", ""),
    ("myna-card", ""),
];

pub fn sample(name: &str) -> Emulator {
    Emulator::new(samples::get(name).unwrap_or_else(|| panic!("the sample {name}")))
}

pub fn menkyo(args: &[&str], stdin: &str) -> Output {
    spawn_with_stdin(
        Command::new(menkyo_bin())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped()),
        stdin,
    )
    .wait_with_output()
    .expect("menkyo ends")
}

/// `args` with `--pin-stdin` when there are `pins` to give.
pub fn with_pins<'a>(mut args: Vec<&'a str>, pins: &str) -> Vec<&'a str> {
    if !pins.is_empty() {
        args.push("--pin-stdin");
    }
    args
}

fn read_args<'a>(source: &[&'a str], format: &'a str, pins: &str) -> Vec<&'a str> {
    let mut args = vec!["read"];
    args.extend_from_slice(source);
    args.extend(["--format", format]);
    with_pins(args, pins)
}

#[test]
fn read_through_pcscd_prints_what_the_in_process_read_prints() {
    let stack = harness::stack_or_skip!();
    for (name, pins) in SAMPLES {
        let served = ServedCard::start(&stack, sample(name));
        for format in ["text", "json"] {
            let emulated = menkyo(&read_args(&["--emulator", name], format, pins), pins);
            let through = menkyo(&read_args(&["--reader", READER], format, pins), pins);
            let context = format!(
                "{name} ({format}): in process: {}\nthrough pcscd: {}",
                String::from_utf8_lossy(&emulated.stderr),
                String::from_utf8_lossy(&through.stderr)
            );
            assert_eq!(through.status.code(), emulated.status.code(), "{context}");
            assert_eq!(
                String::from_utf8_lossy(&through.stdout),
                String::from_utf8_lossy(&emulated.stdout),
                "{context}"
            );
            if name != "myna-card" {
                assert_eq!(emulated.status.code(), Some(0), "{context}");
                assert!(!emulated.stdout.is_empty(), "{context}");
            }
        }
        served.remove();
    }
}

fn selects_df2(command: &[u8]) -> bool {
    command.get(..4) == Some(&[0x00, 0xA4, 0x04, 0x0C][..])
        && command.get(5..) == Some(&ic::AID_DF2[..])
}

#[test]
fn a_card_pulled_off_mid_read_is_a_clear_error_and_leaves_no_photo_file() {
    let stack = harness::stack_or_skip!();
    let served = ServedCard::start_snatched(&stack, sample("ic-licence"), selects_df2);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let photo = dir.path().join("photo.jp2");
    let photo_arg = photo.to_str().expect("UTF-8 path");
    let started = Instant::now();
    let out = menkyo(
        &[
            "read",
            "--reader",
            READER,
            "--pin-stdin",
            "--photo",
            photo_arg,
        ],
        "1234\n5678\n",
    );
    let took = started.elapsed();
    drop(served);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(took < Duration::from_secs(10), "took {took:?}: {err}");
    assert!(
        matches!(out.status.code(), Some(1..=100)),
        "{:?}: {err}",
        out.status
    );
    assert!(err.contains("removed"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert!(!photo.exists(), "a photo file was left: {err}");
    let left: Vec<_> = std::fs::read_dir(dir.path()).expect("listing").collect();
    assert!(left.is_empty(), "files left behind: {left:?}");
}

/// vpcd's second slot, on the port after the first one's.
const SECOND_READER: &str = "Virtual PCD 00 01";

#[test]
fn several_readers_with_a_card_are_listed_and_one_is_chosen_by_name_or_index() {
    let stack = harness::stack_or_skip!();
    let second = VpcdConfig {
        port: VpcdConfig::default().port + 1,
        ..VpcdConfig::default()
    };
    let _first = ServedCard::start(&stack, sample("ic-licence-no-pin"));
    let _second = ServedCard::start_on(
        stack.pcsc.clone(),
        SECOND_READER,
        second,
        sample("myna-licence"),
    );

    let unchosen = menkyo(&["read"], "");
    let err = String::from_utf8_lossy(&unchosen.stderr);
    assert_eq!(unchosen.status.code(), Some(2), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    for named in [READER, SECOND_READER, "--reader"] {
        assert!(err.contains(named), "{err}");
    }
    assert!(unchosen.stdout.is_empty());

    for (choice, name) in [
        (READER, "ic-licence-no-pin"),
        ("0", "ic-licence-no-pin"),
        (SECOND_READER, "myna-licence"),
        ("1", "myna-licence"),
    ] {
        let through = menkyo(&["read", "--reader", choice], "");
        let emulated = menkyo(&["read", "--emulator", name], "");
        let context = format!(
            "--reader {choice}: {}",
            String::from_utf8_lossy(&through.stderr)
        );
        assert_eq!(through.status.code(), Some(0), "{context}");
        assert_eq!(
            String::from_utf8_lossy(&through.stdout),
            String::from_utf8_lossy(&emulated.stdout),
            "{context}"
        );
    }
    let past = menkyo(&["read", "--reader", "2"], "");
    let err = String::from_utf8_lossy(&past.stderr);
    assert_eq!(past.status.code(), Some(2), "{err}");
    assert!(err.contains("no reader number 2"), "{err}");
}
