//! `menkyo decode` on the files of the built-in sample cards: every kind in every format, the
//! guess, and every kind of bad input (one line on stderr, exit status 2, no panic).

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use menkyo_codec::records::RecordKind;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

/// The sample files, written to a temporary directory as raw bytes.
struct Samples {
    dir: TempDir,
}

impl Samples {
    fn new() -> Self {
        let dir = TempDir::new().unwrap();
        for name in menkyo_emulator::samples::names() {
            let image = menkyo_emulator::samples::get(name).unwrap();
            for (path, bytes) in &image.files {
                std::fs::write(dir.path().join(file_name(name, path)), &bytes.0).unwrap();
            }
        }
        Self { dir }
    }

    fn path(&self, sample: &str, file: &str) -> PathBuf {
        self.dir.path().join(file_name(sample, file))
    }

    fn bytes(&self, sample: &str, file: &str) -> Vec<u8> {
        std::fs::read(self.path(sample, file)).unwrap()
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

fn file_name(sample: &str, path: &str) -> String {
    format!("{sample}__{}.bin", path.replace('/', "_"))
}

fn menkyo() -> Command {
    Command::cargo_bin("menkyo").unwrap()
}

/// `menkyo decode --kind KIND FILE`.
fn decode_file(kind: &str, file: &Path) -> std::process::Output {
    menkyo()
        .args(["decode", "--kind", kind])
        .arg(file)
        .output()
        .unwrap()
}

fn run_with_stdin(args: &[&str], stdin: impl Into<Vec<u8>>) -> std::process::Output {
    menkyo().args(args).write_stdin(stdin).output().unwrap()
}

/// Every kind, a sample file of it, a JSON pointer into its document and the value there.
const CASES: &[(&str, &str, &str, &str, &str)] = &[
    ("ic-common", "ic-licence", "MF/EF01", "/spec_version", "009"),
    (
        "ic-pin-setting",
        "ic-licence",
        "MF/EF02",
        "/pin_set",
        "true",
    ),
    ("ic-record", "ic-licence", "DF1/EF01", "/name", "見本　花子"),
    (
        "ic-domicile",
        "ic-licence",
        "DF1/EF02",
        "/registered_domicile",
        "架空県見本市本町１番地",
    ),
    (
        "ic-external-characters",
        "ic-licence-no-pin",
        "DF1/EF03",
        "/glyphs/0/number",
        "1",
    ),
    ("ic-changes", "ic-licence", "DF1/EF04", "/appended", "false"),
    (
        "ic-change-external-characters",
        "ic-licence",
        "DF1/EF05",
        "/glyphs",
        "[]",
    ),
    (
        "ic-change-domicile",
        "ic-licence",
        "DF1/EF06",
        "/appended",
        "false",
    ),
    (
        "ic-signature",
        "ic-licence",
        "DF1/EF07",
        "/content/length",
        "256",
    ),
    (
        "ic-photo",
        "ic-licence",
        "DF2/EF01",
        "/photo/format",
        "jpeg2000-codestream",
    ),
    (
        "myna-pin-setting",
        "myna-licence",
        "LICENCE_AP/WEF01",
        "/pin_set",
        "false",
    ),
    (
        "myna-record",
        "myna-licence",
        "LICENCE_AP/WEF02",
        "/expires_on",
        "2030-04-01",
    ),
    (
        "myna-security",
        "myna-licence",
        "LICENCE_AP/WEF03",
        "/content/length",
        "256",
    ),
    (
        "my-number",
        "myna-licence",
        "BASIC_INFO/EF0001",
        "/my_number",
        "123456789018",
    ),
    (
        "basic-info",
        "myna-licence",
        "BASIC_INFO/EF0002",
        "/sex",
        "female",
    ),
    (
        "jpki-token",
        "myna-licence",
        "JPKI/EF0006",
        "/token",
        "JPKIAPICCTOKEN2",
    ),
    (
        "tlv",
        "myna-licence",
        "BASIC_INFO/EF0003",
        "/objects/0/tag",
        "FF30",
    ),
    ("simple-tlv", "ic-licence", "DF1/EF01", "/items/0/tag", "11"),
];

fn plain(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[test]
fn every_kind_is_covered() {
    let mut kinds: Vec<&str> = CASES.iter().map(|c| c.0).collect();
    kinds.sort();
    let mut all: Vec<&str> = RecordKind::ALL.iter().map(|k| k.name()).collect();
    all.sort();
    assert_eq!(kinds, all);
}

#[test]
fn every_kind_decodes_to_versioned_json() {
    let samples = Samples::new();
    for &(kind, sample, file, pointer, expected) in CASES {
        let output = decode_file(kind, &samples.path(sample, file));
        assert!(
            output.status.success(),
            "{kind}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(output.stderr.is_empty(), "{kind}");
        let json: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(json["schema"], "menkyo/1", "{kind}");
        assert_eq!(json["kind"], kind);
        let found = json
            .pointer(pointer)
            .unwrap_or_else(|| panic!("{kind}: no {pointer}"));
        assert_eq!(plain(found), expected, "{kind} {pointer}");
    }
}

#[test]
fn every_kind_prints_a_table_and_a_hex_listing() {
    let samples = Samples::new();
    for &(kind, sample, file, _, _) in CASES {
        let path = samples.path(sample, file);
        let parsed = RecordKind::from_name(kind).unwrap();
        menkyo()
            .args(["decode", "--format", "text", "--kind", kind])
            .arg(&path)
            .assert()
            .success()
            .stdout(predicate::str::starts_with(format!(
                "{} ({kind})\n",
                parsed.file()
            )));
        let bytes = samples.bytes(sample, file);
        menkyo()
            .args(["decode", "--format", "hex", "--kind", kind])
            .arg(&path)
            .assert()
            .success()
            .stdout(predicate::str::contains(format!("{} bytes\n", bytes.len())))
            .stdout(predicate::str::contains(format!("0000  {:02X}", bytes[0])));
    }
}

#[test]
fn the_table_has_japanese_and_english_labels() {
    let samples = Samples::new();
    menkyo()
        .args(["decode", "--format", "text"])
        .arg(samples.path("ic-licence", "DF1/EF01"))
        .assert()
        .success()
        .stdout(predicate::str::is_match("氏名 +name +見本　花子\n").unwrap())
        .stdout(
            predicate::str::is_match(
                "免許の種類 +classes +普通 2010-06-01, 普自二 2012-09-14, 原付 2008-07-01\n",
            )
            .unwrap(),
        )
        .stdout(predicate::str::is_match("有効期間の末日 +expires_on +2029-06-20\n").unwrap());
}

#[test]
fn the_hex_listing_names_items_and_filler() {
    let samples = Samples::new();
    menkyo()
        .args(["decode", "--format", "hex", "--kind", "ic-record"])
        .arg(samples.path("ic-licence", "DF1/EF01"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "0003  12 0A  氏名\n0005    38 2B 4B 5C 21 21 32 56 3B 52\n",
        ))
        .stdout(predicate::str::is_match("FF × [0-9]+ \\(filler\\)\n$").unwrap());
}

#[test]
fn hex_text_and_standard_input_are_read() {
    let samples = Samples::new();
    let bytes = samples.bytes("ic-licence", "MF/EF01");
    let hex_text = bytes
        .chunks(4)
        .map(hex::encode)
        .collect::<Vec<_>>()
        .join(" \n");
    let from_hex_file = decode_file(
        "ic-common",
        &samples.write("common.hex", hex_text.as_bytes()),
    );
    let from_stdin = run_with_stdin(&["decode", "--kind", "ic-common", "-"], bytes.clone());
    let from_raw = decode_file("ic-common", &samples.path("ic-licence", "MF/EF01"));
    assert!(from_raw.status.success());
    assert_eq!(from_hex_file.stdout, from_raw.stdout);
    assert_eq!(from_stdin.stdout, from_raw.stdout);
    menkyo()
        .args(["decode", "--input", "raw", "--kind", "simple-tlv"])
        .write_stdin(format!("A0{}", "0".repeat(48)))
        .assert()
        .success()
        .stdout(predicate::str::contains("\"tag\": \"41\""))
        .stdout(predicate::str::contains("\"length\": 48"));
}

#[test]
fn a_distinctive_start_is_guessed_and_said_on_stderr() {
    let samples = Samples::new();
    for (sample, file, kind) in [
        ("ic-licence", "DF1/EF01", "ic-record"),
        ("myna-licence", "LICENCE_AP/WEF02", "myna-record"),
        ("myna-licence", "BASIC_INFO/EF0002", "basic-info"),
        ("ic-licence", "DF2/EF01", "ic-photo"),
        ("ic-licence", "MF/EF02", "ic-pin-setting"),
    ] {
        menkyo()
            .arg("decode")
            .arg(samples.path(sample, file))
            .assert()
            .success()
            .stderr(predicate::str::contains(format!("guessed --kind {kind}")))
            .stdout(predicate::str::contains(format!("\"kind\": \"{kind}\"")));
    }
}

fn fails_with(command: &mut Command, message: &str) {
    let output = command.output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("menkyo: "), "{stderr}");
    assert!(stderr.contains(message), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn bad_input_is_one_line_and_status_2() {
    let samples = Samples::new();
    // Bad input on standard input: the arguments after `decode`, the input, the message.
    let on_stdin: [(&[&str], &str, &str); 7] = [
        (
            &["--kind", "ic-common"],
            "45 0B 3",
            "odd number of hex digits (5)",
        ),
        (
            &["--input", "hex"],
            "45 0B zz",
            "'z' at byte 6 is not a hex digit",
        ),
        (&[], "  \n", "the input is empty"),
        (
            &["--kind", "ic-record"],
            "11 01 78 12 0A 38 2B",
            "declares 10 value bytes but only 2 remain",
        ),
        (&[], "00 01 02", "cannot guess the kind"),
        (
            &["--kind", "ic-record"],
            "16 07 34 39 39 31 33 39 39",
            "生年月日",
        ),
        (&["--kind", "jpki-token"], "00", "32 are expected"),
    ];
    for (args, input, message) in on_stdin {
        fails_with(
            menkyo().arg("decode").args(args).write_stdin(input),
            message,
        );
    }
    fails_with(
        menkyo()
            .args(["decode", "--kind", "myna-record"])
            .arg(samples.path("ic-licence", "DF1/EF01")),
        "not a valid myna-record",
    );
    fails_with(
        menkyo()
            .arg("decode")
            .arg(samples.path("ic-licence", "DF1/EF07")),
        "could be any of: ic-signature, myna-security",
    );
}

#[test]
fn lenient_decoding_reports_warnings_in_the_document() {
    let output = run_with_stdin(
        &["decode", "--lenient", "--kind", "ic-record"],
        "16 07 34 39 39 31 33 39 39 FF FF",
    );
    assert!(output.status.success());
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["birth_date"], Value::Null);
    assert_eq!(json["unknown"][0]["tag"], "16");
    assert!(json["warnings"][0].as_str().unwrap().contains("生年月日"));
}

#[test]
fn usage_and_file_errors() {
    menkyo()
        .args(["decode", "--kind", "passport"])
        .write_stdin("00")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ic-record"));
    menkyo()
        .args(["decode", "--format", "xml"])
        .assert()
        .code(2);
    let missing = Path::new("/nonexistent/menkyo-file.bin");
    menkyo()
        .arg("decode")
        .arg(missing)
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "menkyo: cannot read /nonexistent/menkyo-file.bin: ",
        ));
}

#[test]
fn a_guessed_kind_that_does_not_decode_is_one_line_that_says_it_was_guessed() {
    fails_with(
        menkyo().arg("decode").write_stdin("5F 40 82 07 D0 FF 4F"),
        "not a valid ic-photo (the kind guessed",
    );
    fails_with(
        menkyo().arg("decode").write_stdin("C1 01 07"),
        "not a valid myna-pin-setting (the kind guessed",
    );
}
