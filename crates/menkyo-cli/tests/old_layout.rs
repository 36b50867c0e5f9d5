//! `menkyo read` reads cards written by menkyo 0.1 (the frozen images of card image format 1):
//! WEF02 without the 経歴証明 items `C2`/`C3` with a warning, DF1/EF07 with `80`–`84` nested in
//! `B1` still verifying against the SYNTHETIC test issuer.

mod common;

use std::path::PathBuf;

use common::{json, menkyo, stderr};

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

#[test]
fn an_old_myna_licence_reads_with_a_warning_and_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let out = menkyo()
        .args(["read", "--format", "json", "--trust"])
        .arg(trust())
        .arg("--emulator")
        .arg(copy("myna-licence", &dir))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = json(&out);
    assert_eq!(doc["expires_on"]["value"], "2030-04-01");
    assert_eq!(doc["signature"]["verdict"], "valid");
    let warnings = doc["warnings"].to_string();
    assert!(warnings.contains("menkyo 0.1 layout"), "{warnings}");
}

#[test]
fn an_old_ic_licence_reads_and_its_nested_signature_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let out = menkyo()
        .args(["read", "--format", "json", "--trust"])
        .arg(trust())
        .arg("--emulator")
        .arg(copy("ic-licence", &dir))
        .env("MENKYO_PIN1", "1234")
        .env("MENKYO_PIN2", "5678")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = json(&out);
    assert_eq!(doc["number"]["value"], "012345678900");
    assert_eq!(doc["signature"]["verdict"], "valid");
    assert!(doc["signature"]["signer"]["issuer"]
        .as_str()
        .unwrap()
        .contains("menkyo SYNTHETIC licence issuer"));
}
