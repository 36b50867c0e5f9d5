//! The APDU budget of `menkyo read`: the PINs are asked in the read's own card session, so the
//! command sends no more than the client's read (IC licence with both PINs: 18 extended, 36
//! short at most), counted from the `--trace` lines of the commands sent (`#N > …`).

mod common;

use common::{menkyo, stderr};

/// The APDUs sent by `menkyo read --trace` with `args` and the PIN variables `pins`.
fn apdus(args: &[&str], pins: &[(&str, &str)]) -> usize {
    let mut cmd = menkyo();
    cmd.args(["read", "--trace"]).args(args);
    for (variable, value) in pins {
        cmd.env(variable, value);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    stderr(&out)
        .lines()
        .filter(|line| {
            line.strip_prefix('#')
                .and_then(|rest| rest.split_once(" > "))
                .is_some_and(|(index, _)| index.chars().all(|c| c.is_ascii_digit()))
        })
        .count()
}

const IC_PINS: [(&str, &str); 2] = [("MENKYO_PIN1", "1234"), ("MENKYO_PIN2", "5678")];
const BASIC_INFO_PIN: [(&str, &str); 1] = [("MENKYO_BASIC_INFO_PIN", "4321")];

#[test]
fn ic_licence_with_both_pins_takes_at_most_18_apdus_extended() {
    let sent = apdus(&["--emulator", "ic-licence"], &IC_PINS);
    assert!(sent <= 18, "{sent} APDUs");
}

#[test]
fn ic_licence_with_both_pins_takes_at_most_36_short_apdus() {
    let sent = apdus(&["--emulator", "ic-licence", "--short-apdus"], &IC_PINS);
    assert!(sent <= 36, "{sent} APDUs");
}

#[test]
fn myna_licence_with_basic_info_takes_13_apdus_extended() {
    let sent = apdus(
        &["--emulator", "myna-licence", "--basic-info"],
        &BASIC_INFO_PIN,
    );
    assert_eq!(sent, 13);
}

#[test]
fn myna_licence_with_basic_info_takes_21_short_apdus() {
    let sent = apdus(
        &[
            "--emulator",
            "myna-licence",
            "--basic-info",
            "--short-apdus",
        ],
        &BASIC_INFO_PIN,
    );
    assert_eq!(sent, 21);
}
