//! `menkyo apdu` on a card in a real reader sends only commands that do not change the card,
//! and a raw VERIFY with data never spends the last try without `--force-last-try`.

use std::process::Command;

use menkyo::emulator::image::PinState;
use menkyo::emulator::{spec_cards, Emulator};

use crate::harness::{self, ServedCard, READER};
use crate::support::menkyo_bin;

/// The spec licence with PIN1 at one try left.
fn licence_at_last_try() -> Emulator {
    let mut image = spec_cards::image("spec-ic-licence").expect("the spec licence image");
    let pin: &mut PinState = image.pins.get_mut("PIN1").expect("PIN1");
    pin.tries_left = 1;
    Emulator::new(image)
}

fn apdu(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(menkyo_bin())
        .arg("apdu")
        .args(args)
        .args(["--reader", READER])
        .env("NO_COLOR", "1")
        .output()
        .expect("menkyo apdu");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn raw_commands_on_a_reader_pass_the_allow_list_and_the_last_try_guard() {
    let stack = harness::stack_or_skip!();
    let _served = ServedCard::start(&stack, licence_at_last_try());

    // Reads pass.
    let (code, out, _) = apdu(&["00A40000", "0020008100"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("< 63 C1"), "{out}");

    // Commands that may change a card are refused before anything is sent.
    for held in [
        "0026008100",
        "00DE000000",
        "00C2000000",
        "002D00810431323334",
        "00E5000000",
    ] {
        let (code, out, err) = apdu(&["00A40000", held]);
        assert_eq!(code, Some(2), "{held}: {err}");
        assert!(out.is_empty(), "{held}: {out}");
        assert!(
            err.contains("is not sent to a card in a real reader"),
            "{err}"
        );
        assert!(err.contains("--unsafe-any-command"), "{err}");
    }

    // A raw VERIFY at the last try is held back, and the try is still there.
    let (code, out, err) = apdu(&["002000810439393939"]);
    assert_eq!(code, Some(5), "{out}{err}");
    assert!(
        err.contains("one try left") && err.contains("--force-last-try"),
        "{err}"
    );
    let (_, out, _) = apdu(&["0020008100"]);
    assert!(out.contains("< 63 C1"), "{out}");

    // With --force-last-try it is sent, and a wrong PIN blocks the PIN.
    let (_, out, _) = apdu(&["--force-last-try", "002000810439393939"]);
    assert!(out.contains("< 63 C0"), "{out}");
}
