//! `menkyo read` shows the signature's status of the card it reads (DF1/EF07 電子署名 of the IC
//! licence, WEF03 of the 免許AP): `valid` against the SYNTHETIC test issuer, `invalid` after one
//! byte of DF1/EF01 changed (exit 7), `unverifiable` without `--trust` (exit 0).

mod common;

use std::path::{Path, PathBuf};

use common::{
    assert_fields, assert_stdout_has, fails_with, json, menkyo, read_sample_json, run, run_on,
    stderr, stdout,
};

fn issuer(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../../fixtures/test-issuer/{file}"))
}

/// `menkyo read` of the IC licence image at `path` with both PINs, then `args`.
fn read_ic(path: &Path, args: &[&str]) -> std::process::Output {
    menkyo()
        .args(["read", "--emulator"])
        .arg(path)
        .args(args)
        .env("MENKYO_PIN1", "1234")
        .env("MENKYO_PIN2", "5678")
        .output()
        .unwrap()
}

/// [`read_ic`] checked against the test issuer's certificate, with `args` after it.
fn read_ic_trusting_the_issuer(path: &Path, args: &[&str]) -> std::process::Output {
    let trust = issuer("issuer.cert.pem");
    let mut all = vec!["--trust", trust.to_str().unwrap()];
    all.extend_from_slice(args);
    read_ic(path, &all)
}

/// [`read_ic_trusting_the_issuer`] of the image at `path`, which must end with exit status
/// `code`, and its standard output.
#[track_caller]
fn trusting_read(path: &Path, code: i32) -> (std::process::Output, String) {
    let out = read_ic_trusting_the_issuer(path, &[]);
    assert_eq!(out.status.code(), Some(code), "{}", stderr(&out));
    let text = stdout(&out);
    (out, text)
}

/// Changes the last digit of 免許証の番号 (tag 21) in DF1/EF01 of the image at `path`: one byte.
fn change_one_byte_of_df1_ef01(path: &Path) {
    let mut image: serde_json::Value =
        serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let mut bytes = hex::decode(image["files"]["DF1/EF01"].as_str().unwrap()).unwrap();
    let at = bytes
        .windows(2)
        .position(|w| w == [0x21, 0x0C])
        .expect("tag 21 with 12 digits")
        + 13;
    bytes[at] ^= 0x01;
    image["files"]["DF1/EF01"] = hex::encode_upper(&bytes).into();
    std::fs::write(path, serde_json::to_vec_pretty(&image).unwrap()).unwrap();
}

#[test]
fn the_samples_are_valid_against_the_test_issuer() {
    let (_dir, ic) = common::temp_image("ic-licence");
    let (_, text) = trusting_read(&ic, 0);
    assert!(
        text.contains("signature                    valid (DF1/EF07)"),
        "{text}"
    );
    for covered in [
        "DF1/EF01 記載事項(本籍除く), 880 bytes",
        "DF1/EF02",
        "DF2/EF01 写真",
    ] {
        assert!(text.contains(covered), "{text}");
    }
    assert!(
        text.contains(
            "signature.anchor             certificate CN=menkyo SYNTHETIC licence issuer"
        ),
        "{text}"
    );

    let out = run_on(
        &["read", "--emulator", "--format", "json", "--trust"],
        &issuer("issuer.pub.pem"),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let signature = &json(&out)["signature"];
    assert_fields(
        signature,
        &[
            ("/card", "licence-ap"),
            ("/file", "LICENCE_AP/WEF03"),
            ("/verdict", "valid"),
        ],
    );
    assert_eq!(signature["reason"], serde_json::Value::Null);
    assert_eq!(signature["covered"][0]["path"], "LICENCE_AP/WEF02");
    assert_eq!(
        signature["signer"]["subject_key_identifier"],
        "BB53B5449A87F226545BE555BD5A45CE9BDDBDF8"
    );
    assert_eq!(
        signature["anchor"],
        "public key with identifier BB53B5449A87F226545BE555BD5A45CE9BDDBDF8"
    );
}

#[test]
fn one_changed_byte_of_df1_ef01_is_invalid_and_exit_7() {
    let (_dir, ic) = common::temp_image("ic-licence");
    change_one_byte_of_df1_ef01(&ic);

    let (out, text) = trusting_read(&ic, 7);
    assert!(
        text.contains("012345678901"),
        "the licence is printed: {text}"
    );
    assert!(
        text.contains("invalid (DF1/EF07): the data does not match the signature"),
        "{text}"
    );
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("the signature of the IC licence (DF1/EF07 電子署名) is invalid"),
        "{err}"
    );
    assert!(err.contains("forged or altered"), "{err}");

    let out = read_ic_trusting_the_issuer(&ic, &["--format", "json"]);
    assert_eq!(out.status.code(), Some(7));
    let doc = json(&out);
    assert_eq!(doc["number"]["value"], "012345678901");
    assert_eq!(doc["signature"]["verdict"], "invalid");
    assert_eq!(doc["signature"]["reason"], serde_json::Value::Null);

    let out = read_ic_trusting_the_issuer(&ic, &["--format", "hex"]);
    assert_eq!(out.status.code(), Some(7), "whatever the format");

    let out = read_ic(&ic, &["--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json(&out)["signature"]["verdict"], "unverifiable");
}

#[test]
fn without_trust_the_signature_is_unverifiable_and_exit_0() {
    let out = menkyo().args(["read", "--emulator"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(
            "unverifiable (LICENCE_AP/WEF03): no trust anchor (issuer certificate or public key) \
             was given; check it with --trust FILE"
        ),
        "{text}"
    );
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));

    let out = run(&["read", "--emulator", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let signature = &json(&out)["signature"];
    assert_eq!(signature["verdict"], "unverifiable");
    assert_eq!(signature["reason"], "no-trust-anchor");
    assert_eq!(signature["anchor"], serde_json::Value::Null);
    assert_eq!(signature["covered"][0]["len"], 2024);
}

#[test]
fn with_trust_a_signature_that_cannot_be_checked_is_exit_7() {
    let (_dir, ic) = common::temp_image("ic-licence");
    let trust = issuer("issuer.cert.pem");
    let without_pin2 = |extra: &[&str]| {
        menkyo()
            .args(["read", "--emulator"])
            .arg(&ic)
            .args(["--pin-stdin", "--format", "json"])
            .args(extra)
            .write_stdin("1234\n\n")
            .output()
            .unwrap()
    };
    let out = without_pin2(&["--trust", trust.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
    let signature = &json(&out)["signature"];
    assert_eq!(signature["reason"], "files-not-read");
    assert_eq!(signature["detail"], "not read: DF1/EF02, DF2/EF01");
    assert!(stderr(&out).contains("PIN2"), "{}", stderr(&out));
    let out = without_pin2(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // The no-PIN sample carries a placeholder, not security data.
    let out = read_sample_json("ic-licence-no-pin", &["--trust", trust.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
    assert_eq!(json(&out)["signature"]["reason"], "unknown-layout");
}

#[test]
fn a_trust_file_that_is_no_key_is_refused_before_the_card_is_read() {
    let (_dir, ic) = common::temp_image("ic-licence");
    let out = menkyo()
        .args(["read", "--emulator"])
        .arg(&ic)
        .arg("--trust")
        .arg(issuer("README.md"))
        .env("MENKYO_PIN1", "9999")
        .output()
        .unwrap();
    fails_with(&out, 2, "cannot use the trust anchor");
    assert_eq!(common::tries(&ic, "PIN1"), 3, "no PIN was tried");
}

#[test]
fn help_names_exit_status_7() {
    let out = menkyo().args(["read", "--help"]).output().unwrap();
    let help = stdout(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(help.contains("--trust <FILE>"), "{help}");
    assert!(help.contains("ends with exit status 7"), "{help}");
    let out = menkyo().arg("--help").output().unwrap();
    assert_stdout_has(&out, "7  a signature is not valid: `read --trust`");
}
