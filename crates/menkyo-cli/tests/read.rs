//! `menkyo read` against the emulator: the quick start, every format, both cards, the photo.

mod common;

use common::{
    assert_fields, image, json, menkyo, ok_json, read_sample_json, run, run_on, stderr, stdout,
};
use tempfile::TempDir;

#[test]
fn quick_start_reads_the_default_sample_without_asking() {
    let out = menkyo().args(["read", "--emulator"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("マイナ免許証"), "{text}");
    assert!(text.contains("012345678920"), "{text}");
    assert!(text.contains("2030-04-01"), "{text}");
    assert!(text.contains("普通, 普自二, 原付"), "{text}");
    assert!(
        text.contains("免許APの暗証番号: 10 of 10 tries left"),
        "{text}"
    );
}

#[test]
fn json_is_the_only_thing_on_stdout_and_follows_the_schema() {
    let out = read_sample_json("ic-licence-no-pin", &[]);
    let doc = ok_json(&out);
    assert_fields(
        &doc,
        &[
            ("/schema", "menkyo/1"),
            ("/kind", "licence"),
            ("/card", "ic-licence"),
            ("/name/value", "見本　太郎"),
            ("/name/source", "DF1/EF01"),
            ("/number/value", "012345678910"),
            ("/photo/source", "DF2/EF01"),
        ],
    );
    assert_eq!(doc["pins"][0]["tries"], 3);
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn hex_prints_every_file_read() {
    let out = run(&["read", "--emulator", "--format", "hex"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(
        text.contains("LICENCE_AP/WEF01 PIN設定, 3 bytes\n0000  C1 01 00\n"),
        "{text}"
    );
    assert!(text.contains("LICENCE_AP/WEF02 免許情報"), "{text}");
    assert!(text.contains("0000  C2 00 C3 00 C5 07"), "{text}");
}

#[test]
fn basic_info_adds_name_address_birth_date_and_sex() {
    let out = menkyo()
        .args(["read", "--emulator", "--basic-info", "--format", "json"])
        .env("MENKYO_BASIC_INFO_PIN", "4321")
        .output()
        .unwrap();
    let doc = ok_json(&out);
    assert_fields(
        &doc,
        &[
            ("/name/value", "見本　花子"),
            ("/name/source", "BASIC_INFO/EF0002"),
            ("/address/value", "架空県見本市見本町一丁目２番３号"),
            ("/birth_date/value", "1990-04-01"),
            ("/sex/value", "female"),
        ],
    );
    assert_eq!(doc["skipped"], serde_json::json!([]));
}

#[test]
fn a_card_without_a_licence_is_exit_4() {
    let out = run(&["read", "--emulator", "myna-card"]);
    assert_eq!(out.status.code(), Some(4));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("without the 免許AP"), "{err}");
}

#[test]
fn unknown_emulated_card_is_a_usage_error() {
    let out = run(&["read", "--emulator", "no-such-card"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("myna-licence, myna-card, ic-licence"));
}

#[test]
fn bad_arguments_are_exit_2() {
    menkyo().args(["read", "--no-such-flag"]).assert().code(2);
    menkyo()
        .args(["read", "--emulator", "--reader", "0"])
        .assert()
        .code(2);
}

#[test]
fn profiles_and_images_are_emulated_too() {
    let dir = TempDir::new().unwrap();
    let image = image(dir.path(), "ic-licence-no-pin");
    let out = run_on(&["read", "--format", "json", "--emulator"], &image);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json(&out)["number"]["value"], "012345678910");
    let profile = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/profiles/ic-licence.toml"
    );
    let out = menkyo()
        .args(["read", "--format", "json", "--emulator", profile])
        .env("MENKYO_PIN1", "1234")
        .env("MENKYO_PIN2", "5678")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        json(&out)["registered_domicile"]["value"],
        "架空県見本市本町１番地"
    );
}

#[test]
fn photo_is_written_as_stored_or_as_png() {
    let dir = TempDir::new().unwrap();
    let j2k = dir.path().join("face.j2k");
    let png = dir.path().join("face.png");
    menkyo()
        .args(["read", "--emulator", "--photo"])
        .arg(&j2k)
        .assert()
        .success();
    let stored = std::fs::read(&j2k).unwrap();
    let fixture = include_bytes!("../../../fixtures/photos/hanako.j2k");
    assert_eq!(stored, fixture);
    menkyo()
        .args(["read", "--emulator", "ic-licence-no-pin", "--photo"])
        .arg(&png)
        .assert()
        .success();
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert_eq!((width, height), (120, 160));
}

#[test]
fn photo_needs_a_known_extension_and_pin2() {
    let dir = TempDir::new().unwrap();
    let out = menkyo()
        .args(["read", "--emulator", "--photo"])
        .arg(dir.path().join("face.gif"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(".png"));
    let out = menkyo()
        .args(["read", "--emulator", "ic-licence", "--photo"])
        .arg(dir.path().join("face.png"))
        .env("MENKYO_PIN1", "1234")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("MENKYO_PIN2"), "{}", stderr(&out));
}

#[test]
fn a_truncated_photo_is_refused_and_nothing_is_written() {
    let dir = TempDir::new().unwrap();
    let path = image(dir.path(), "ic-licence-no-pin");
    let mut doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let file = hex::decode(doc["files"]["DF2/EF01"].as_str().unwrap()).unwrap();
    let len = usize::from(u16::from_be_bytes([file[3], file[4]]));
    let cut = len - 300;
    let mut truncated = vec![0x5F, 0x40, 0x82];
    truncated.extend_from_slice(&u16::try_from(cut).unwrap().to_be_bytes());
    truncated.extend_from_slice(&file[5..5 + cut]);
    doc["files"]["DF2/EF01"] = hex::encode_upper(&truncated).into();
    std::fs::write(&path, serde_json::to_vec(&doc).unwrap()).unwrap();
    for name in ["face.png", "face.j2k"] {
        let photo = dir.path().join(name);
        let out = menkyo()
            .args(["read", "--emulator"])
            .arg(&path)
            .arg("--photo")
            .arg(&photo)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{name}");
        let err = stderr(&out);
        assert!(err.contains("truncated"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(!photo.exists());
    }
}

#[test]
fn colour_follows_the_flag() {
    let out = run(&["read", "--emulator", "--color", "always"]);
    assert!(stdout(&out).contains("\x1b["));
    let out = run(&["read", "--emulator", "--color", "auto"]);
    assert!(!stdout(&out).contains("\x1b["));
}

#[test]
fn no_pcsc_service_is_exit_3_with_what_to_do() {
    let dir = TempDir::new().unwrap();
    for args in [
        &["read"][..],
        &["pin", "status"],
        &["dump"],
        &["apdu", "00A40000"],
    ] {
        let out = menkyo()
            .args(args)
            .env("PCSCLITE_CSOCK_NAME", dir.path().join("no-pcscd.comm"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("pcscd") && err.contains("--emulator"), "{err}");
    }
}
