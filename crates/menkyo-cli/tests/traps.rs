//! The command asks for output one way and sets no traps: `--format` lists only what a command
//! prints, short flags, the APDUs after a bare `--emulator`, error answers named as such, the
//! PIN length message, the man pages' ENVIRONMENT and the completions' sample names.

mod common;

use common::{assert_fields, fails_with, menkyo, ok_json, run_on, stderr, stdout};

fn help(args: &[&str]) -> String {
    let out = menkyo().args(args).arg("-h").output().unwrap();
    assert!(out.status.success());
    stdout(&out)
}

/// The `[possible values: …]` of `--format` in a command's help.
fn formats(args: &[&str]) -> String {
    let text = help(args);
    let at = text.find("--format").expect("a --format option");
    let rest = &text[at..];
    let start = rest.find("[possible values: ").expect("possible values") + 18;
    let end = rest[start..].find(']').unwrap();
    rest[start..start + end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn each_command_lists_the_formats_it_prints() {
    assert_eq!(formats(&["read"]), "text, json, hex, html");
    assert_eq!(formats(&["dump"]), "json, text, hex");
    assert_eq!(formats(&["pin", "status"]), "text, json");
    assert_eq!(formats(&["apdu"]), "text, json, hex");
    assert_eq!(formats(&["decode"]), "json, text, hex");
    fails_with(
        &common::run(&["pin", "status", "--emulator", "--format", "html"]),
        2,
        "possible values: text, json",
    );
}

#[test]
fn short_flags_for_reader_format_and_output() {
    let text = help(&["read"]);
    assert!(text.contains("-r, --reader"), "{text}");
    assert!(text.contains("-f, --format"), "{text}");
    assert!(help(&["dump"]).contains("-o, --out"));
    assert!(help(&["card", "new"]).contains("-o, --out"));
    let doc = ok_json(&common::run(&[
        "read",
        "--emulator",
        "-f",
        "json",
        "--today",
        "2026-12-01",
    ]));
    assert_eq!(doc["schema"], "menkyo/1");
}

#[test]
fn apdus_may_follow_a_bare_emulator_as_before() {
    let select = "00A4040C10A0000002310600000000000000000000";
    for args in [
        vec!["apdu", "--emulator", select],
        vec!["apdu", select, "--emulator"],
        vec!["apdu", "--emulator", "myna-licence", select],
        vec!["apdu", "--emulator=myna-licence", select],
    ] {
        let out = menkyo().args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert!(stdout(&out).contains("9000: success"), "{args:?}");
    }
    let out = menkyo().args(["apdu", "--emulator"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("give at least one command APDU"));
}

#[test]
fn an_error_answer_without_expectation_is_called_an_error() {
    let out = menkyo()
        .args(["apdu", "--emulator", "00B0000004"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6));
    let err = stderr(&out);
    assert!(
        err.contains("the card answered 1 of 1 commands with an error (last: 6986"),
        "{err}"
    );
    assert!(!err.contains("not as expected"), "{err}");
}

#[test]
fn a_pin_of_the_wrong_length_says_how_long_a_pin_is() {
    let out = menkyo()
        .args(["read", "--emulator", "ic-licence"])
        .env("MENKYO_PIN1", "12345")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("a PIN has 4 digits, not 5"), "{err}");
    assert!(!err.contains("4 to 4"), "{err}");
}

#[test]
fn man_pages_name_the_pin_variables_of_their_command() {
    let dir = tempfile::TempDir::new().unwrap();
    menkyo()
        .args(["man", "-o"])
        .arg(dir.path())
        .assert()
        .success();
    let page = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
    let read = page("menkyo-read.1");
    for var in [
        "MENKYO_PIN1",
        "MENKYO_PIN2",
        "MENKYO_PIN",
        "MENKYO_BASIC_INFO_PIN",
    ] {
        assert!(
            read.contains(&format!("\\fB{var}\\fR")),
            "menkyo-read.1 lacks {var}"
        );
    }
    assert!(page("menkyo-jpki-sign.1").contains("MENKYO_JPKI_PASSWORD"));
    assert!(page("menkyo-card-record.1").contains("MENKYO_LICENCE_AP_PIN"));
    let readers = page("menkyo-readers.1");
    assert!(readers.contains(".SH ENVIRONMENT") && !readers.contains("MENKYO_PIN"));
}

#[test]
fn completions_offer_the_sample_names_after_emulator() {
    for shell in ["bash", "zsh", "fish"] {
        let out = menkyo().args(["completions", shell]).output().unwrap();
        let script = stdout(&out);
        assert!(
            script.contains("ic-licence-no-pin") && script.contains("myna-licence"),
            "{shell} completion lacks the sample names"
        );
    }
}

#[test]
fn json_is_asked_with_format_everywhere_and_json_still_works() {
    for args in [
        &["card", "verify"][..],
        &["card", "status"],
        &["card", "receipt"],
        &["jpki", "cert"],
        &["jpki", "sign"],
        &["jpki", "verify"],
    ] {
        assert_eq!(formats(args), "text, json", "{args:?}");
        assert!(!help(args).contains("--json"), "{args:?} lists --json");
    }
    let dir = tempfile::TempDir::new().unwrap();
    let image = common::image(dir.path(), "myna-licence");
    let run = |flags: &[&str]| {
        let out = menkyo()
            .args(["card", "verify"])
            .arg(&image)
            .args(flags)
            .output()
            .unwrap();
        stdout(&out)
    };
    let json = run(&["--format", "json"]);
    assert_eq!(run(&["--json"]), json);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(doc.is_array() || doc.is_object(), "{json}");

    let doc = ok_json(&run_on(&["card", "status", "-f", "json"], &image));
    assert_eq!(doc["kind"], "licence-ap-status");
    assert_eq!(doc["installed"], true);
    assert_eq!(doc["recorded"]["number"], "012345678920");
    assert_eq!(doc["pin_tries_left"], 10);

    let doc = ok_json(&run_on(&["card", "receipt", "--format", "json"], &image));
    assert_fields(
        &doc,
        &[
            ("/kind", "licence-ap-receipt"),
            ("/record/number", "012345678920"),
            ("/signature/verdict", "valid"),
        ],
    );

    std::fs::write(dir.path().join("doc.txt"), "SYNTHETIC document\n").unwrap();
    let out = menkyo()
        .current_dir(dir.path())
        .args(["jpki", "sign", "--pin-stdin", "-f", "json", "--emulator"])
        .arg(&image)
        .arg("doc.txt")
        .write_stdin("MIHON2025\n")
        .output()
        .unwrap();
    let doc = ok_json(&out);
    assert_eq!(doc["kind"], "jpki-signature");
    assert_eq!(doc["signature"], "doc.txt.sig");
    assert!(dir.path().join("doc.txt.sig").is_file());
}
