//! PIN input and the last-try guard: environment, `--pin-stdin`, missing, wrong, blocked, one
//! try left; and `menkyo pin status`, which spends no try.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{
    fails_with, json, menkyo, ok_json, run, run_on, run_with_pins, run_with_stdin, set_tries,
    stderr, tries, IC_PINS,
};
use tempfile::TempDir;

#[test]
fn pins_from_the_environment_open_every_file() {
    let doc = ok_json(&run_with_pins(
        ["read", "--emulator", "ic-licence", "--format", "json"],
        &IC_PINS,
    ));
    assert_eq!(
        doc["registered_domicile"]["value"],
        "架空県見本市本町１番地"
    );
    assert_eq!(doc["photo"]["source"], "DF2/EF01");
    assert_eq!(doc["skipped"], serde_json::json!([]));
}

/// The JSON of a successful `menkyo read` with `args` and the PINs `pins` on standard input.
fn read_pins_from_stdin(args: &[&str], pins: &str) -> serde_json::Value {
    let mut all = vec!["read", "--format", "json", "--pin-stdin"];
    all.extend_from_slice(args);
    ok_json(&run_with_stdin(&all, pins))
}

#[test]
fn pins_from_stdin_in_prompt_order() {
    assert_eq!(
        read_pins_from_stdin(&["--emulator", "ic-licence"], "1234\n5678\n")["registered_domicile"]
            ["value"],
        "架空県見本市本町１番地"
    );
    assert_eq!(
        read_pins_from_stdin(&["--emulator", "--basic-info"], "4321\r\n")["name"]["value"],
        "見本　花子"
    );
}

#[test]
fn pin2_may_be_left_out() {
    let doc = read_pins_from_stdin(&["--emulator", "ic-licence"], "1234\n");
    assert_eq!(doc["name"]["value"], "見本　花子");
    assert_eq!(doc["registered_domicile"], serde_json::Value::Null);
    assert_eq!(doc["skipped"][0]["file"], "DF1/EF02");
    assert_eq!(doc["skipped"][0]["pin"], "ic-pin2");
}

#[test]
fn a_missing_pin_is_a_usage_error_naming_its_variable() {
    let out = run(&["read", "--emulator", "ic-licence"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("MENKYO_PIN1") && err.contains("--pin-stdin"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
}

/// `menkyo read` of the card image at `path` with PIN1 from the environment.
fn read_with_pin1(path: &Path, pin1: &str) -> Output {
    menkyo()
        .args(["read", "--emulator"])
        .arg(path)
        .env("MENKYO_PIN1", pin1)
        .output()
        .unwrap()
}

#[test]
fn a_malformed_pin_is_refused_before_the_card_sees_it() {
    let (_dir, path) = common::temp_image("ic-licence");
    let out = read_with_pin1(&path, "12a4");
    assert_eq!(out.status.code(), Some(2));
    assert!(!stderr(&out).contains("12a4"));
    assert_eq!(tries(&path, "PIN1"), 3);
}

#[test]
fn a_wrong_pin_is_exit_5_and_spends_one_try() {
    let (_dir, path) = common::temp_image("ic-licence");
    for (left, said) in [(2, "2 tries left;"), (1, "1 try left;")] {
        let out = read_with_pin1(&path, "9999");
        assert_eq!(out.status.code(), Some(5));
        let err = stderr(&out);
        assert!(
            err.contains(&format!("wrong 暗証番号1 (PIN1): {said}")),
            "{err}"
        );
        assert!(!err.contains("9999"));
        assert_eq!(tries(&path, "PIN1"), left);
    }
}

/// The image of the ic-licence sample in a temporary directory, with `tries` tries left on PIN1.
fn ic_licence_with_pin1_tries(tries: u8) -> (TempDir, PathBuf) {
    let (dir, path) = common::temp_image("ic-licence");
    set_tries(&path, "PIN1", tries);
    (dir, path)
}

#[test]
fn the_guard_refuses_the_last_try_unless_forced() {
    let (_dir, path) = ic_licence_with_pin1_tries(1);
    let out = read_with_pin1(&path, "9999");
    assert_eq!(out.status.code(), Some(5));
    let err = stderr(&out);
    assert!(
        err.contains("one try left") && err.contains("--force-last-try"),
        "{err}"
    );
    assert_eq!(tries(&path, "PIN1"), 1, "the guard spent a try");

    let out = menkyo()
        .args(["read", "--force-last-try", "--format", "json", "--emulator"])
        .arg(&path)
        .env("MENKYO_PIN1", "1234")
        .env("MENKYO_PIN2", "5678")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("warning"), "{}", stderr(&out));
    assert_eq!(json(&out)["name"]["value"], "見本　花子");
    assert_eq!(tries(&path, "PIN1"), 3);
}

#[test]
fn a_blocked_pin_is_exit_5_and_never_asked() {
    let (_dir, path) = ic_licence_with_pin1_tries(0);
    let out = read_with_pin1(&path, "1234");
    fails_with(&out, 5, "blocked");
    assert!(stderr(&out).contains("police"), "{}", stderr(&out));
}

#[test]
fn pin_status_lists_every_pin_and_spends_none() {
    let (_dir, path) = common::temp_image("ic-licence");
    set_tries(&path, "PIN2", 2);
    let out = run_on(&["pin", "status", "--format", "json", "--emulator"], &path);
    let doc = ok_json(&out);
    assert_eq!(doc["kind"], "pin-status");
    assert_eq!(doc["pin_set"], true);
    assert_eq!(doc["pins"][0]["id"], "ic-pin1");
    assert_eq!(doc["pins"][0]["tries"], 3);
    assert_eq!(doc["pins"][1]["tries"], 2);
    assert_eq!(tries(&path, "PIN1"), 3);
    assert_eq!(tries(&path, "PIN2"), 2);

    let out = run(&["pin", "status", "--emulator", "myna-card"]);
    assert!(out.status.success());
    let text = common::stdout(&out);
    for (pin, state) in [
        ("券面事項入力補助用暗証番号", "3 of 3 tries left"),
        ("署名用パスワード", "5 of 5 tries left"),
    ] {
        assert!(
            text.lines()
                .any(|l| l.starts_with(pin) && l.ends_with(state)),
            "{text}"
        );
    }
    assert!(!text.contains("免許APの暗証番号"), "{text}");
}
