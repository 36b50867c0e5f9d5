//! Killing the card process at any moment never gives tries back: a child process sends wrong
//! PINs to a card bound to an image file and prints each answer; it is killed with SIGKILL at
//! a random moment; the image must then load and show at least as many tries spent as the
//! child saw answered (and at most one more: the write in flight).

use std::hash::{BuildHasher, RandomState};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use menkyo_emulator::{spec_cards, CardImage, Emulator};

/// Set in the child's environment: the image file to run the loop on.
const CHILD_IMAGE: &str = "MENKYO_CRASH_CHILD_IMAGE";
const CHILD_TEST: &str = "wrong_pin_loop_child";
const ROUNDS: usize = 24;
const PIN: &str = "LICENCE_AP";

/// The child: not a test of its own; run only by the test below, which sets [`CHILD_IMAGE`].
#[test]
#[ignore = "child process of killing_the_card_mid_verify_never_gives_tries_back"]
fn wrong_pin_loop_child() {
    let Some(path) = std::env::var_os(CHILD_IMAGE) else {
        return;
    };
    let mut card = Emulator::open(Path::new(&path)).expect("image loads");
    let select = hex::decode("00A4040C10A0000002310600000000000000000000").unwrap();
    assert_eq!(card.process(&select), [0x90, 0x00]);
    let wrong = hex::decode("002000860430303030").unwrap();
    let mut out = std::io::stdout().lock();
    // The test harness has printed the test's name without a line end.
    writeln!(out).unwrap();
    loop {
        let answer = card.process(&wrong);
        writeln!(out, "SW {}", hex::encode_upper(&answer)).unwrap();
        out.flush().unwrap();
        if answer == [0x69, 0x84] {
            break;
        }
    }
}

fn fresh_image(path: &Path) {
    spec_cards::image("spec-myna-licence")
        .unwrap()
        .save(path)
        .unwrap();
}

fn spawn_child(path: &Path) -> std::process::Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "--ignored",
            "--exact",
            CHILD_TEST,
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_IMAGE, path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Wrong-PIN answers the child printed in full.
fn answered_failures(stdout: &[u8]) -> usize {
    String::from_utf8_lossy(stdout)
        .lines()
        .filter(|line| line.len() == 7 && line.starts_with("SW 63C"))
        .count()
}

fn random_below(bound: u128) -> u64 {
    let random = RandomState::new().hash_one(Instant::now());
    (u128::from(random) % bound.max(1)) as u64
}

#[test]
fn killing_the_card_mid_verify_never_gives_tries_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("card.json");
    let max = spec_cards::image("spec-myna-licence").unwrap().pins[PIN].max_tries;

    // One uninterrupted run, to know how long the loop takes here.
    fresh_image(&path);
    let started = Instant::now();
    let output = spawn_child(&path).wait_with_output().unwrap();
    let full_run = started.elapsed();
    assert_eq!(answered_failures(&output.stdout), usize::from(max));
    assert_eq!(CardImage::load(&path).unwrap().pins[PIN].tries_left, 0);

    let mut spread = [0usize; 2];
    for round in 0..ROUNDS {
        fresh_image(&path);
        let mut child = spawn_child(&path);
        let delay = random_below(full_run.as_micros() * 11 / 10);
        std::thread::sleep(Duration::from_micros(delay));
        child.kill().unwrap();
        let output = child.wait_with_output().unwrap();
        let answered = answered_failures(&output.stdout);
        let image = CardImage::load(&path)
            .unwrap_or_else(|e| panic!("round {round}: image unreadable after kill: {e}"));
        let spent = usize::from(max - image.pins[PIN].tries_left);
        assert!(
            spent >= answered,
            "round {round}: {answered} failures answered but only {spent} tries spent on disk"
        );
        assert!(
            spent <= answered + 1,
            "round {round}: {spent} tries spent on disk for {answered} answered failures"
        );
        spread[usize::from(answered > 0 && answered < usize::from(max))] += 1;
    }
    assert!(spread[1] > 0, "no kill landed inside the loop: {spread:?}");
}
