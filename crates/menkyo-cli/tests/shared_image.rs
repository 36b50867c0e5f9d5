//! One card image used by many programs at once behaves like one card: the image is the single
//! source of truth for the retry counters, so parallel wrong PINs never get more wrong answers
//! than the PIN has tries, and `menkyo emulate --state` never gives a try back nor brings back
//! an application removed while it ran.

mod common;

use std::io::Read;
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::menkyo;
use menkyo_emulator::CardImage;

fn binary() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("menkyo")
}

fn tries(path: &Path, pin: &str) -> u8 {
    CardImage::load(path).unwrap().pins[pin].tries_left
}

/// Starts `processes` programs at once, each sending one wrong PIN1, and counts the answers
/// that were wrong-PIN answers (`63Cx`).
fn wrong_pins_in_parallel(image: &Path, processes: usize) -> usize {
    in_parallel(processes, || {
        let mut command = Command::new(binary());
        command
            .args(["apdu", "002000810439393939", "--emulator"])
            .arg(image);
        command
    })
    .into_iter()
    .filter(|out| String::from_utf8_lossy(&out.stdout).contains("< 63 C"))
    .count()
}

/// Starts `processes` commands made by `command` at once (no colour, output captured) and
/// returns what each did once all have ended.
fn in_parallel(processes: usize, command: impl Fn() -> Command) -> Vec<Output> {
    let children: Vec<_> = (0..processes)
        .map(|_| {
            command()
                .env("NO_COLOR", "1")
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    children
        .into_iter()
        .map(|child| child.wait_with_output().unwrap())
        .collect()
}

#[test]
fn parallel_wrong_pins_never_get_more_wrong_answers_than_the_pin_has_tries() {
    for processes in [2, 8, 20] {
        let dir = tempfile::tempdir().unwrap();
        let image = common::image(dir.path(), "ic-licence");
        let before = tries(&image, "PIN1");
        let wrong = wrong_pins_in_parallel(&image, processes);
        assert_eq!(
            wrong,
            usize::from(before).min(processes),
            "{processes} processes"
        );
        assert_eq!(
            tries(&image, "PIN1"),
            before.saturating_sub(u8::try_from(processes).unwrap()),
            "{processes} processes"
        );
    }
}

/// How many VERIFY commands with a PIN `trace` shows answered with `63Cx` (a wrong PIN).
fn wrong_pin_answers(trace: &str) -> usize {
    let lines: Vec<&str> = trace.lines().collect();
    lines
        .windows(2)
        .filter(|pair| pair[0].contains("00 20 00 81 | Lc 04") && pair[1].contains("63 C"))
        .count()
}

#[test]
fn parallel_reads_with_a_wrong_pin_spend_one_try_per_wrong_answer() {
    let dir = tempfile::tempdir().unwrap();
    let image = common::image(dir.path(), "ic-licence");
    let before = tries(&image, "PIN1");
    let wrong: usize = in_parallel(8, || {
        let mut command = Command::new(binary());
        command
            .args(["read", "--trace", "--emulator"])
            .arg(&image)
            .env("MENKYO_PIN1", "9999")
            .env_remove("MENKYO_PIN2");
        command
    })
    .into_iter()
    .map(|out| {
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        wrong_pin_answers(&all)
    })
    .sum();
    let after = tries(&image, "PIN1");
    // Each wrong answer cost exactly one try: none lost, none given back. (The last-try guard
    // asks before it sends, so two programs may both see two tries and both send.)
    assert_eq!(wrong, usize::from(before - after), "{after} tries left");
    assert!(wrong >= 2, "{wrong}");
}

/// A TCP listener that takes the connection and never sends a command, as a vpcd that never
/// inserts the card; `menkyo emulate` waits on it until stopped.
fn silent_vpcd() -> (TcpListener, u16) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    (listener, port)
}

fn stop(child: &mut std::process::Child) -> String {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "emulate did not stop");
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut err = String::new();
    if let Some(mut stderr) = child.stderr.take() {
        let _ = stderr.read_to_string(&mut err);
    }
    err
}

#[test]
fn emulate_state_never_gives_back_a_try_nor_restores_a_removed_application() {
    let dir = tempfile::tempdir().unwrap();
    let image = common::image(dir.path(), "myna-licence");
    let (listener, port) = silent_vpcd();
    let mut emulate = Command::new(binary())
        .args(["emulate", "--vpcd", &format!("127.0.0.1:{port}"), "--state"])
        .arg(&image)
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    listener.set_nonblocking(false).unwrap();
    let (_connection, _) = listener.accept().unwrap();

    let before = tries(&image, "BASIC_INFO");
    menkyo()
        .args([
            "apdu",
            "00A4040C0AD3921000310001010408",
            "00A4020C020011",
            "002000800439393939",
            "--emulator",
        ])
        .arg(&image)
        .assert()
        .success();
    assert_eq!(tries(&image, "BASIC_INFO"), before - 1);
    menkyo()
        .args(["card", "remove-ap"])
        .arg(&image)
        .assert()
        .success();

    stop(&mut emulate);
    let after = CardImage::load(&image).unwrap();
    assert_eq!(after.pins["BASIC_INFO"].tries_left, before - 1);
    assert!(
        !after.applications.iter().any(|a| a == "licence-ap"),
        "{:?}",
        after.applications
    );
}
