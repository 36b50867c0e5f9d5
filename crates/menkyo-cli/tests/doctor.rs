//! `menkyo doctor` without pcscd: the client is pointed at a PC/SC socket that does not exist.
//! (With pcscd, with and without a card: `tests/pcsc/cli.rs`.)

use assert_cmd::Command;

fn doctor(format: &str) -> std::process::Output {
    Command::cargo_bin("menkyo")
        .expect("the menkyo binary")
        .args(["doctor", "--format", format])
        .env("PCSCLITE_CSOCK_NAME", "/nonexistent/menkyo-doctor.sock")
        .output()
        .expect("menkyo doctor runs")
}

#[test]
fn without_pcscd_the_first_check_fails_and_says_what_to_do() {
    let out = doctor("text");
    assert_eq!(out.status.code(), Some(3));
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.starts_with("fail pcscd "), "{text}");
    assert!(text.contains("start pcscd"), "{text}");
}

#[test]
fn without_pcscd_the_json_has_one_failed_check() {
    let out = doctor("json");
    assert_eq!(out.status.code(), Some(3));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["kind"], "doctor");
    assert_eq!(json["checks"][0]["check"], "pcscd");
    assert_eq!(json["checks"][0]["verdict"], "fail");
    assert_eq!(json["checks"].as_array().map(Vec::len), Some(1));
}
