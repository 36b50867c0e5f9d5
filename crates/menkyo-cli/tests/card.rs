//! `menkyo card new|show`, `menkyo dump`, `menkyo completions` and `menkyo man`.

mod common;

use common::{assert_fields, image, menkyo, ok_json, run_on, run_with_stdin, stderr, stdout};
use tempfile::TempDir;

#[test]
fn card_new_writes_an_image_that_card_show_reads() {
    let dir = TempDir::new().unwrap();
    let profile = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/profiles/ic-licence.toml"
    );
    let path = dir.path().join("card.json");
    menkyo()
        .args(["card", "new", profile, "--out"])
        .arg(&path)
        .assert()
        .success();
    let out = run_on(&["card", "show", "--format", "json"], &path);
    let doc = ok_json(&out);
    assert_fields(
        &doc,
        &[
            ("/kind", "card-image"),
            ("/model", "ic-licence"),
            ("/pins/0/id", "PIN1"),
            ("/records/record/name", "見本　花子"),
        ],
    );
    let text = stdout(&menkyo().args(["card", "show"]).arg(&path).output().unwrap());
    assert!(text.contains("PIN PIN1  3 of 3 tries left"), "{text}");
    assert!(text.contains("DF1/EF01 記載事項(本籍除く)"), "{text}");
}

#[test]
fn card_new_keeps_an_existing_image_unless_forced() {
    let dir = TempDir::new().unwrap();
    let path = image(dir.path(), "myna-licence");
    let before = std::fs::read(&path).unwrap();
    let out = run_on(&["card", "new", "ic-licence", "--out"], &path);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--force"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    menkyo()
        .args(["card", "new", "ic-licence", "--force", "--out"])
        .arg(&path)
        .assert()
        .success();
    assert_ne!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn card_errors_are_usage_errors() {
    let dir = TempDir::new().unwrap();
    let out = menkyo()
        .args(["card", "new", "no-such-profile", "--out"])
        .arg(dir.path().join("x.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{}").unwrap();
    let out = menkyo().args(["card", "show"]).arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out).lines().count(), 1);
}

#[test]
fn dump_lists_every_file_with_hex_and_tlv_and_writes_them() {
    let dir = TempDir::new().unwrap();
    let out = run_on(
        &["dump", "--emulator", "ic-licence-no-pin", "--out"],
        dir.path(),
    );
    let doc = ok_json(&out);
    assert_eq!(doc["kind"], "dump");
    let files = doc["files"].as_array().unwrap();
    assert_eq!(files.len(), 10);
    assert_fields(
        &doc["files"],
        &[
            ("/0/path", "MF/EF01"),
            ("/1/hex", "050100"),
            ("/1/tlv/items/0/tag", "05"),
        ],
    );
    let photo = files.iter().find(|f| f["path"] == "DF2/EF01").unwrap();
    assert_eq!(photo["tlv"]["objects"][0]["tag"], "5F40");
    for file in files {
        let name = file["path"].as_str().unwrap().replace('/', "_") + ".bin";
        let bytes = std::fs::read(dir.path().join(name)).unwrap();
        assert_eq!(hex::encode_upper(bytes), file["hex"].as_str().unwrap());
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            !e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".bin")
        })
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn dump_without_pins_holds_only_the_free_files() {
    let out = run_with_stdin(&["dump", "--emulator", "ic-licence", "--pin-stdin"], "");
    assert_eq!(out.status.code(), Some(2), "PIN1 is required");
    let out = menkyo()
        .args(["dump", "--emulator", "--basic-info", "--format", "hex"])
        .env("MENKYO_BASIC_INFO_PIN", "4321")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("BASIC_INFO/EF0002 基本4情報"));
}

#[test]
fn dump_to_an_unwritable_place_fails_with_1() {
    let dir = TempDir::new().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let out = run_on(&["dump", "--emulator", "--out"], &file.join("sub"));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out).lines().count(), 1);
}

#[test]
fn completions_and_man_come_from_the_command_definitions() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = menkyo().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let text = stdout(&out);
        assert!(
            text.contains("menkyo") && text.contains("pin-stdin"),
            "{shell}"
        );
    }
    let out = menkyo().arg("man").output().unwrap();
    let page = stdout(&out);
    assert!(page.contains(".TH menkyo 1"), "{page}");
    assert!(page.contains("read"), "{page}");
    let dir = TempDir::new().unwrap();
    menkyo()
        .args(["man", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    for page in [
        "menkyo.1",
        "menkyo-read.1",
        "menkyo-pin-status.1",
        "menkyo-script.1",
    ] {
        let text = std::fs::read_to_string(dir.path().join(page)).unwrap();
        assert!(text.contains(".SH \"EXIT STATUS\""), "{page}");
        assert!(text.contains("no reader, no card"), "{page}");
    }
}

#[test]
fn help_documents_the_exit_statuses() {
    let out = menkyo().arg("--help").output().unwrap();
    let text = stdout(&out);
    for line in [
        "3  no reader",
        "5  PIN wrong",
        "6  the card answered an error",
        "MENKYO_PIN1",
    ] {
        assert!(text.contains(line), "{line}");
    }
}
