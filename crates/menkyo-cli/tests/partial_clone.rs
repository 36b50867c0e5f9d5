//! `menkyo read` of a partial clone (an IC licence cloned with PIN1 only, frozen in
//! `menkyo-emulator/tests/frozen-images/menkyo-card-image-2/ic-licence-pin1-only.json`): PIN1
//! reads every file the clone holds and names the files PIN2 guards as skipped; PIN2, whose
//! value the clone never saw, verifies with no value and loses a try like a wrong PIN.

mod common;

use std::path::PathBuf;

use common::{arg, fails_with, ok_json, run_with_pins, IC_PINS};

fn partial_clone(dir: &tempfile::TempDir) -> PathBuf {
    let frozen = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(
        "../menkyo-emulator/tests/frozen-images/menkyo-card-image-2/ic-licence-pin1-only.json",
    );
    let path = dir.path().join("clone.json");
    std::fs::copy(frozen, &path).unwrap();
    path
}

#[test]
fn pin1_reads_what_the_clone_holds_and_names_what_was_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let clone = partial_clone(&dir);
    let doc = ok_json(&run_with_pins(
        ["read", "--format", "json", "--emulator", arg(&clone)],
        &IC_PINS[..1],
    ));
    assert_eq!(doc["number"]["value"], "012345678900");
    assert_eq!(doc["pins"][1]["tries"], 3);
    let skipped: Vec<(String, String)> = doc["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["file"].to_string(), s["reason"].to_string()))
        .collect();
    let not_given = "\"pin-not-given\"".to_owned();
    assert_eq!(
        skipped,
        [
            ("\"DF1/EF02\"".to_owned(), not_given.clone()),
            ("\"DF1/EF06\"".to_owned(), not_given.clone()),
            ("\"DF2/EF01\"".to_owned(), not_given),
        ]
    );
}

#[test]
fn no_pin2_verifies_a_clone_made_without_it() {
    let dir = tempfile::tempdir().unwrap();
    let clone = partial_clone(&dir);
    fails_with(
        &run_with_pins(["read", "--emulator", arg(&clone)], &IC_PINS),
        5,
        "wrong 暗証番号2 (PIN2): 2 tries left",
    );
    let image: serde_json::Value = serde_json::from_slice(&std::fs::read(&clone).unwrap()).unwrap();
    assert_eq!(image["pins"]["PIN2"]["tries_left"], 2);
    assert_eq!(image["pins"]["PIN2"]["value_unknown"], true);
}
