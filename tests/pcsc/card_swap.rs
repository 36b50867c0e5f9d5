//! A card served to vpcd just after another was pulled in the middle of a session, before
//! pcscd polled vpcd again: by the vpcd bridge in this process, and by `menkyo emulate`.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use menkyo::emulator::vpcd::DEFAULT_PORT;
use menkyo::transport::CardTransport;

use crate::harness::{self, wait_for_card, ServedCard, READER, SELECT_MF};
use crate::read::sample;
use crate::support::menkyo_bin;

#[test]
fn a_card_served_just_after_one_pulled_mid_session_is_shown() {
    let stack = harness::stack_or_skip!();
    let (first, card) = stack.serve_licence();
    let first_atr = card.atr().expect("the first card's ATR");
    // Built before the first card goes, so that it reaches vpcd before pcscd's next poll.
    let second = sample("myna-licence");
    let second_atr = second.atr();
    assert_ne!(first_atr, second_atr, "two cards told apart by their ATRs");

    first.pull();
    // The reset on disconnect fails (the card is gone): pcscd marks the card mute, and the
    // second card is in vpcd's queue before pcscd polls vpcd again.
    drop(card);
    let served = ServedCard::start(&stack, second);

    assert_eq!(wait_for_card(&stack.pcsc, READER, true), Some(second_atr));
    // It answers as the second card does in process.
    let expected = sample("myna-licence").process(&SELECT_MF);
    let mut card = stack.connect();
    let mut tx = card.transaction().expect("a session");
    assert_eq!(tx.transmit(&SELECT_MF).expect("SELECT MF"), expected);
    drop(tx);
    drop(card);
    served.remove();
}

#[test]
fn menkyo_emulate_says_it_takes_a_card_pcscd_does_not_show_out_and_in() {
    let stack = harness::stack_or_skip!();
    let (first, card) = stack.serve_licence();
    // The second card waits in vpcd's queue while the first is served.
    let mut emulate = Command::new(menkyo_bin())
        .args(["emulate", "myna-licence"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("menkyo emulate");
    let (send, lines) = mpsc::channel();
    let stderr = emulate.stderr.take().expect("piped");
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = send.send(line);
        }
    });
    let queued = wait_until(|| connections_to_vpcd() >= 2);
    assert!(queued, "menkyo emulate did not connect to vpcd");

    first.pull();
    drop(card);

    let mut said = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match lines.recv_timeout(left) {
            Ok(line) => {
                let inserted = line.contains("the card is in the reader");
                said.push(line);
                if inserted {
                    break;
                }
            }
            Err(_) => break,
        }
    }
    let _ = emulate.kill();
    let _ = emulate.wait();
    let out_and_in = said.iter().position(|l| l.contains("out and in again"));
    let inserted = said
        .iter()
        .position(|l| l.contains("the card is in the reader"));
    assert!(
        matches!((out_and_in, inserted), (Some(a), Some(b)) if a < b),
        "{said:?}"
    );
    assert!(wait_for_card(&stack.pcsc, READER, false).is_none());
}

/// TCP connections of this machine to vpcd's first slot that are established, from the card
/// side (`/proc/net/tcp`: remote port [`DEFAULT_PORT`], state `01`).
fn connections_to_vpcd() -> usize {
    let table = std::fs::read_to_string("/proc/net/tcp").expect("/proc/net/tcp");
    let remote = format!(":{DEFAULT_PORT:04X}");
    table
        .lines()
        .skip(1)
        .filter(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            matches!(fields.get(2), Some(r) if r.ends_with(&remote)) && fields.get(3) == Some(&"01")
        })
        .count()
}

/// Checks `done` every 20 ms for up to 10 s.
fn wait_until(mut done: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    done()
}
