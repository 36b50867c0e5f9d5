//! `menkyo apdu` and `menkyo script`: answers with their meaning, expectations, exit 6, and
//! GET RESPONSE / 6Cxx re-sends in the trace.

mod common;

use common::{
    assert_fields, assert_stdout_has, fails_with, json, menkyo, run, run_on, run_with_stdin,
    stderr, stdout, succeeded,
};
use tempfile::TempDir;

const SELECT_LICENCE_AP: &str = "00A4040C10A0000002310600000000000000000000";

#[test]
fn apdu_prints_each_answer_with_its_meaning() {
    let out = run(&["apdu", SELECT_LICENCE_AP, "00B09A0003", "--emulator"]);
    assert_stdout_has(
        &succeeded(out),
        "> 00 B0 9A 00 | Le 03\n< C1 01 00 | 90 00 = 9000: success (正常終了)\n",
    );
}

#[test]
fn apdu_formats_json_and_hex() {
    let out = run(&[
        "apdu",
        "--format",
        "json",
        "--emulator",
        "ic-licence",
        "00A40000",
        "00B08A0003",
    ]);
    assert!(out.status.success());
    let doc = json(&out);
    assert_fields(
        &doc,
        &[
            ("/kind", "apdu-exchanges"),
            ("/exchanges/1/data", "050101"),
            ("/exchanges/1/sw", "9000"),
        ],
    );
    let out = run(&[
        "apdu",
        "--format",
        "hex",
        "--emulator",
        "ic-licence",
        "00A40000",
        "00B08A0003",
    ]);
    assert_eq!(stdout(&out), "9000\n050101 9000\n");
}

#[test]
fn an_error_status_word_is_exit_6() {
    let out = run(&["apdu", "00A4040C02DEAD", "--emulator"]);
    assert_eq!(out.status.code(), Some(6));
    assert!(stdout(&out).contains("6A82"));
    assert_eq!(stderr(&out).lines().count(), 1);
}

#[test]
fn bad_hex_is_exit_2() {
    for apdu in ["00A4Z0", "00"] {
        menkyo()
            .args(["apdu", "--emulator", "myna-licence", apdu])
            .assert()
            .code(2);
    }
}

#[test]
fn get_response_and_resends_show_in_the_trace() {
    let out = run(&[
        "apdu",
        "--emulator",
        "ic-licence",
        "--emulator-t0",
        "--trace",
        "00A40000",
        "00B08A0000",
    ]);
    let out = succeeded(out);
    let err = stderr(&out);
    assert!(err.contains("< 6C 03"), "{err}");
    assert!(err.contains("> 00 B0 8A 00 | Le 03 (after 6Cxx)"), "{err}");
    assert!(err.contains("> 00 C0 00 00 | Le 03 (after 61xx)"), "{err}");
    assert_stdout_has(&out, "< 05 01 01 | 90 00");
}

#[test]
fn a_script_can_be_a_test() {
    let dir = TempDir::new().unwrap();
    let good = dir.path().join("good.script");
    std::fs::write(
        &good,
        "# IC licence: PIN setting, tries, a read before VERIFY\n\
         00 A4 00 00 => 9000\n\
         00B08A0003\n\
         reset\n\
         00 20 00 81 => 63Cx\n\
         00 A4 04 0C 10 A0 00 00 02 31 01 00 \\\n\
         00 00 00 00 00 00 00 00 00 => 9000\n\
         00 B0 81 00 FF => 6982   # needs PIN1\n\
         exit\n\
         00 A4 04 0C 02 DE AD\n",
    )
    .unwrap();
    let out = run_on(&["script", "--emulator", "ic-licence"], &good);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("> RESET\n< ATR 3B888001000000009181C100D8"),
        "{text}"
    );
    assert!(text.contains("(as expected: 63Cx)"), "{text}");
    assert!(!text.contains("DE AD"), "{text}");

    let out = run_with_stdin(
        &[
            "script",
            "--emulator",
            "ic-licence",
            "--format",
            "json",
            "-",
        ],
        "00A40000 => 6A82\n00A40000\n",
    );
    assert_eq!(out.status.code(), Some(6));
    let doc = json(&out);
    assert_eq!(doc["exchanges"][0]["as_expected"], false);
    assert_eq!(doc["exchanges"][0]["expected"], "6A82");
    assert_eq!(doc["exchanges"][1]["as_expected"], true);
    assert!(stderr(&out).contains("1 of 2 answers"), "{}", stderr(&out));
}

#[test]
fn a_bad_script_line_is_exit_2_naming_the_line() {
    let out = run_with_stdin(
        &["script", "--emulator", "ic-licence", "-"],
        "00A40000\n00A40000 => 90\n",
    );
    fails_with(&out, 2, "line 2");
    fails_with(
        &run(&["script", "--emulator", "ic-licence", "/no/such/script"]),
        2,
        "",
    );
}

#[test]
fn a_command_that_may_change_a_real_card_is_not_sent_without_the_unsafe_option() {
    // Refused before any reader is looked for: the reader named here does not exist.
    common::menkyo()
        .args([
            "apdu",
            "00A40000",
            "0026008100",
            "--reader",
            "no such reader",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "APDU argument 2: INS 26 is not sent to a card in a real reader",
        ));
    // The emulator takes anything.
    common::menkyo()
        .args(["apdu", "0026008100", "--emulator"])
        .assert()
        .stdout(predicates::str::contains("> 00 26 00 81"));
}

#[test]
fn a_bad_command_line_apdu_is_named_by_its_argument_not_a_line() {
    common::menkyo()
        .args(["apdu", "00A40000", "00ZZ", "--emulator"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "APDU argument 2: not an APDU in hex",
        ))
        .stderr(predicates::prelude::PredicateBooleanExt::not(
            predicates::str::contains("line"),
        ));
}
