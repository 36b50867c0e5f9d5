//! A moved holder's IC licence: the change records of DF1/EF04 and EF06 (written by a profile's
//! `[[changes.entries]]`) appear in `menkyo read`, as text and JSON, with the latest address
//! and conditions, and `--redact` masks them.

mod common;

use std::path::{Path, PathBuf};

use common::{menkyo, ok_json, stderr, stdout};

/// The change records of a moved holder (SYNTHETIC addresses), in profile form.
const MOVES: &str = include_str!("data/moves.toml");

/// The ic-licence profile (SYNTHETIC holder) with [`MOVES`], built into an image: the profile
/// and the image in `root/profiles`, the photos it names in `root/photos`.
fn moved_image(root: &Path) -> PathBuf {
    let dir = root.join("profiles");
    std::fs::create_dir_all(&dir).unwrap();
    let profiles = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/profiles");
    let text = std::fs::read_to_string(profiles.join("ic-licence.toml")).unwrap() + MOVES;
    for entry in std::fs::read_dir(profiles.join("../photos"))
        .unwrap()
        .flatten()
    {
        let _ = std::fs::create_dir_all(dir.join("../photos"));
        let _ = std::fs::copy(entry.path(), dir.join("../photos").join(entry.file_name()));
    }
    let profile = dir.join("moved.toml");
    std::fs::write(&profile, text).unwrap();
    let image = dir.join("moved.json");
    let out = menkyo()
        .args(["card", "new", "--out"])
        .arg(&image)
        .arg(&profile)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    image
}

fn read(image: &Path, args: &[&str]) -> std::process::Output {
    menkyo()
        .arg("read")
        .args(args)
        .arg("--emulator")
        .arg(image)
        .env("MENKYO_PIN1", "1234")
        .env("MENKYO_PIN2", "5678")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn the_latest_address_and_conditions_come_with_their_history() {
    let root = tempfile::tempdir().unwrap();
    let image = moved_image(root.path());

    let out = read(&image, &["--format", "json"]);
    let doc = ok_json(&out);
    assert_eq!(doc["latest_address"]["value"], "見本県見本市二丁目２番地");
    assert_eq!(doc["latest_address"]["source"], "DF1/EF04");
    assert_eq!(doc["latest_conditions"]["value"], serde_json::json!([]));
    assert_eq!(doc["changes"]["value"][0]["changed_on"], "2025-04-01");
    assert_eq!(doc["changes"]["value"][2]["kind"], "lifted_conditions");
    assert_eq!(
        doc["domicile_changes"]["value"][0]["value"],
        "見本県見本市三丁目"
    );
    assert_eq!(doc["address"]["source"], "DF1/EF01");

    let out = read(&image, &[]);
    let text = stdout(&out);
    assert!(
        text.contains("新住所 2026-10-02 見本県見本市二丁目２番地 (見本県公安)"),
        "{text}"
    );
    assert!(text.contains("住所(最新)"), "{text}");

    let out = read(&image, &["--format", "json", "--redact"]);
    let redacted = stdout(&out);
    assert!(!redacted.contains("見本市二丁目"), "{redacted}");
    assert!(!redacted.contains("見本市三丁目"), "{redacted}");
}
