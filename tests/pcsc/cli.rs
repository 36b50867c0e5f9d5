//! The `menkyo readers` and `menkyo emulate` commands through pcscd and vpcd.

use std::process::Command;
use std::time::{Duration, Instant};

use menkyo::codec::layout::ic;
use menkyo::emulator::CardImage;
use menkyo::transport::CardTransport;

use crate::harness::{
    self, send_all_ok, spec_licence, sw, wait_for_card, ServedCard, READER, SELECT_MF, VERIFY_PIN1,
};
use crate::support::{assert_one_line_error, menkyo_bin, run_menkyo, Running};

const WRONG_PIN1: [u8; 9] = [0x00, 0x20, 0x00, 0x81, 0x04, b'0', b'0', b'0', b'0'];
const TRIES_PIN1: [u8; 4] = [0x00, 0x20, 0x00, 0x81];

/// Sends `commands` in one transaction to the card in the vpcd reader; their status words.
fn exchange(stack: &harness::Stack, commands: &[&[u8]]) -> Vec<Vec<u8>> {
    let mut card = stack.connect();
    let mut tx = card.transaction().expect("a transaction");
    commands
        .iter()
        .map(|c| sw(&tx.transmit(c).expect("an answer")).to_vec())
        .collect()
}

#[test]
fn readers_lists_the_virtual_reader_with_its_card_and_atr() {
    let stack = harness::stack_or_skip!();
    let empty = run_menkyo(&["readers"]);
    let listing = String::from_utf8_lossy(&empty.stdout);
    assert_eq!(empty.status.code(), Some(0));
    assert!(listing.contains(&format!("{READER}: no card")), "{listing}");

    let _served = ServedCard::start(&stack, spec_licence());
    let full = run_menkyo(&["readers"]);
    let listing = String::from_utf8_lossy(&full.stdout);
    assert_eq!(full.status.code(), Some(0));
    let line =
        format!("{READER}: card, ATR 3B 88 80 01 00 00 00 00 91 81 C1 00 D8, IC driving licence");
    assert!(listing.contains(&line), "{listing}");

    let json = Command::new(menkyo_bin())
        .args(["readers", "--format", "json"])
        .output()
        .expect("menkyo readers --format json");
    assert_eq!(json.status.code(), Some(0));
    let text = String::from_utf8_lossy(&json.stdout);
    assert!(text.starts_with("{\n  \"schema\": \"menkyo/1\""), "{text}");
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(doc["kind"], "readers");
    let reader = doc["readers"]
        .as_array()
        .and_then(|r| r.iter().find(|r| r["name"] == READER))
        .unwrap_or_else(|| panic!("{READER} in {text}"));
    assert_eq!(reader["state"], "card");
    assert_eq!(reader["atr"], "3B888001000000009181C100D8");
    assert_eq!(reader["card_kind"], "ic-licence");
}

#[test]
fn readers_watch_prints_a_line_per_insert_and_remove() {
    let stack = harness::stack_or_skip!();
    let mut watch = Running::start(&["readers", "--watch"]);
    watch.expect_line(&format!("{READER}: no card"));
    let served = ServedCard::start(&stack, spec_licence());
    let inserted = watch.expect_line(&format!("{READER}: card inserted"));
    assert!(
        inserted.contains("3B 88 80 01 00 00 00 00 91 81 C1 00 D8"),
        "{inserted}"
    );
    served.remove();
    watch.expect_line(&format!("{READER}: card removed"));
    let (code, _, err) = watch.terminate();
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn emulate_serves_until_stopped_and_masks_pins_in_its_trace() {
    let stack = harness::stack_or_skip!();
    assert!(wait_for_card(&stack.pcsc, READER, false).is_none());
    let mut emulate = Running::start(&["emulate", "spec-ic-licence", "--trace"]);
    assert_eq!(
        wait_for_card(&stack.pcsc, READER, true),
        Some(ic::ATR.to_vec())
    );
    let answers = exchange(&stack, &[&SELECT_MF, &VERIFY_PIN1]);
    assert_eq!(answers, [[0x90, 0x00], [0x90, 0x00]]);
    emulate.expect_line("00 20 00 81 | Lc 04 | ** ** ** **");
    let (code, rest, err) = emulate.terminate();
    assert_eq!(code, Some(0), "{err}");
    assert!(!rest.contains("31 32 33 34") && !err.contains("31 32 33 34"));
    assert!(
        wait_for_card(&stack.pcsc, READER, false).is_none(),
        "the card left the reader"
    );
}

#[test]
fn emulate_keeps_retry_counters_across_a_kill() {
    let stack = harness::stack_or_skip!();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let state = dir.path().join("card.json");
    let state_arg = state.to_str().expect("UTF-8 path");
    let args = ["emulate", "spec-ic-licence", "--state", state_arg];

    assert!(wait_for_card(&stack.pcsc, READER, false).is_none());
    let first = Running::start(&args);
    assert!(wait_for_card(&stack.pcsc, READER, true).is_some());
    let answers = exchange(&stack, &[&SELECT_MF, &WRONG_PIN1]);
    assert_eq!(answers, [vec![0x90, 0x00], vec![0x63, 0xC2]]);
    first.kill_hard();
    assert!(wait_for_card(&stack.pcsc, READER, false).is_none());

    let second = Running::start(&args);
    assert!(wait_for_card(&stack.pcsc, READER, true).is_some());
    let answers = exchange(&stack, &[&SELECT_MF, &TRIES_PIN1]);
    assert_eq!(
        answers,
        [vec![0x90, 0x00], vec![0x63, 0xC2]],
        "the counter survived SIGKILL"
    );
    let (code, _, err) = second.terminate();
    assert_eq!(code, Some(0), "{err}");
    assert!(wait_for_card(&stack.pcsc, READER, false).is_none());
    CardImage::load(&state).expect("the saved state is a valid card image");
}

#[test]
fn emulate_killed_mid_session_is_a_removed_card_within_seconds() {
    let stack = harness::stack_or_skip!();
    assert!(wait_for_card(&stack.pcsc, READER, false).is_none());
    let emulate = Running::start(&["emulate", "spec-ic-licence"]);
    assert!(wait_for_card(&stack.pcsc, READER, true).is_some());
    let mut card = stack.connect();
    let mut tx = card.transaction().expect("a transaction");
    send_all_ok(&mut *tx, &[("SELECT MF", &SELECT_MF)]);
    emulate.kill_hard();
    harness::assert_card_removed(&mut *tx);
}

#[test]
fn emulate_says_what_to_do_when_vpcd_is_not_there() {
    assert_one_line_error(
        &run_menkyo(&["emulate", "spec-ic-licence", "--vpcd", "127.0.0.1:9"]),
        3,
        &["vsmartcard-vpcd", "--vpcd"],
    );

    let usage = Command::new(menkyo_bin())
        .args(["emulate", "spec-ic-licence", "--vpcd", "nonsense"])
        .output()
        .expect("menkyo emulate");
    assert_eq!(usage.status.code(), Some(2));
    let unknown = Command::new(menkyo_bin())
        .args(["emulate", "no-such-card"])
        .output()
        .expect("menkyo emulate");
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn a_reader_name_matching_several_readers_is_a_usage_error() {
    let _stack = harness::stack_or_skip!();
    let out = Command::new(menkyo_bin())
        .args(["read", "--reader", "Virtual PCD"])
        .output()
        .expect("menkyo read");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("matches several readers"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

/// `menkyo emulate spec-ic-licence` started with its standard error piped to this test.
fn emulate_watching_stderr() -> std::process::Child {
    Command::new(menkyo_bin())
        .args(["emulate", "spec-ic-licence"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("menkyo emulate")
}

#[test]
fn emulate_says_the_card_is_in_the_reader_only_once_pc_sc_sees_it() {
    use std::io::BufRead;
    let stack = harness::stack_or_skip!();
    assert!(wait_for_card(&stack.pcsc, READER, false).is_none());
    let mut emulate = emulate_watching_stderr();
    let stderr = emulate.stderr.take().expect("piped");
    let mut lines = std::io::BufReader::new(stderr).lines();
    let said = lines
        .by_ref()
        .map_while(Result::ok)
        .any(|line| line.contains("the card is in the reader"));
    assert!(said, "emulate never said the card is in the reader");
    // At once, no waiting: a read started at that moment finds the card.
    let answers = exchange(&stack, &[&SELECT_MF]);
    assert_eq!(answers, [[0x90, 0x00]]);
    let _ = Command::new("kill")
        .args(["-TERM", &emulate.id().to_string()])
        .status();
    let status = emulate.wait().expect("emulate ends");
    assert_eq!(status.code(), Some(0));
    assert!(wait_for_card(&stack.pcsc, READER, false).is_none());
}

#[test]
fn a_second_emulate_on_a_port_in_use_is_an_error() {
    use std::io::Read;
    let stack = harness::stack_or_skip!();
    let _first = ServedCard::start(&stack, spec_licence());
    let started = Instant::now();
    let mut second = emulate_watching_stderr();
    // It gives up once vpcd stayed silent for 10 s; the bound only catches a hang, on a
    // machine however loaded.
    let status = loop {
        if let Some(status) = second.try_wait().expect("wait for menkyo emulate") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = second.kill();
            let _ = second.wait();
            panic!("a second emulate on a port in use was still running after 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let mut err = String::new();
    let _ = second
        .stderr
        .take()
        .expect("piped")
        .read_to_string(&mut err);
    assert_ne!(status.code(), Some(0), "{err}");
    assert!(err.contains("another program"), "{err}");
    assert!(err.contains("within 10 s"), "{err}");
    assert!(!err.contains("the card is in the reader"), "{err}");
}
