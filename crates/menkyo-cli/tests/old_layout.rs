//! `menkyo read` reads cards written by menkyo 0.1 (the frozen images of card image format 1):
//! WEF02 without the 経歴証明 items `C2`/`C3` with a warning, DF1/EF07 with `80`–`84` nested in
//! `B1` still verifying against the SYNTHETIC test issuer.

mod common;

use std::path::PathBuf;

use common::{arg, ok_json, run_with_pins, IC_PINS};

fn frozen(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!(
        "../menkyo-emulator/tests/frozen-images/menkyo-card-image-1/{name}.json"
    ))
}

fn copy(name: &str, dir: &tempfile::TempDir) -> PathBuf {
    let path = dir.path().join(format!("{name}.json"));
    std::fs::copy(frozen(name), &path).unwrap();
    path
}

fn trust() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/test-issuer/issuer.cert.pem")
}

/// The JSON of a successful read of a copy of the frozen image `name`, checked against the
/// SYNTHETIC test issuer.
fn read_old(name: &str, dir: &tempfile::TempDir, pins: &[(&str, &str)]) -> serde_json::Value {
    let (trust, image) = (trust(), copy(name, dir));
    ok_json(&run_with_pins(
        [
            "read",
            "--format",
            "json",
            "--trust",
            arg(&trust),
            "--emulator",
            arg(&image),
        ],
        pins,
    ))
}

#[test]
fn an_old_myna_licence_reads_with_a_warning_and_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let doc = read_old("myna-licence", &dir, &[]);
    assert_eq!(doc["expires_on"]["value"], "2030-04-01");
    assert_eq!(doc["signature"]["verdict"], "valid");
    let warnings = doc["warnings"].to_string();
    assert!(warnings.contains("menkyo 0.1 layout"), "{warnings}");
}

#[test]
fn an_old_ic_licence_reads_and_its_nested_signature_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let doc = read_old("ic-licence", &dir, &IC_PINS);
    assert_eq!(doc["number"]["value"], "012345678900");
    assert_eq!(doc["signature"]["verdict"], "valid");
    assert!(doc["signature"]["signer"]["issuer"]
        .as_str()
        .unwrap()
        .contains("menkyo SYNTHETIC licence issuer"));
}
