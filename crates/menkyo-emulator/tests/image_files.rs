//! Loading card image files: every defect is a typed error, never a panic.

use menkyo_emulator::{spec_cards, CardImage, Emulator, Error};
use proptest::prelude::*;

fn load_text(text: &str) -> Result<CardImage, Error> {
    CardImage::from_json(text.as_bytes())
}

fn spec_json(name: &str) -> serde_json::Value {
    let image = spec_cards::image(name).unwrap();
    serde_json::from_slice(&image.to_json().unwrap()).unwrap()
}

/// Why the spec image `name` does not load once `change` is made to its JSON.
fn refused(name: &str, change: impl FnOnce(&mut serde_json::Value)) -> Error {
    let mut value = spec_json(name);
    change(&mut value);
    load_text(&value.to_string()).unwrap_err()
}

#[test]
fn every_spec_card_round_trips_through_a_file() {
    let dir = tempfile::tempdir().unwrap();
    for name in spec_cards::NAMES {
        let image = spec_cards::image(name).unwrap();
        let path = dir.path().join(format!("{name}.json"));
        image.save(&path).unwrap();
        assert_eq!(CardImage::load(&path).unwrap(), image, "{name}");
    }
}

#[test]
fn a_missing_file_is_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let err = Emulator::open(&dir.path().join("none.json")).unwrap_err();
    assert!(matches!(err, Error::ImageNotFound { .. }), "{err:?}");
}

#[test]
fn an_unknown_or_missing_format_is_refused_before_anything_else() {
    let err = refused("spec-ic-licence", |value| {
        value["format"] = "menkyo-card-image/9".into();
        value["files"] = 7.into();
    });
    assert!(
        matches!(&err, Error::UnknownFormat { found: Some(f) } if f == "menkyo-card-image/9"),
        "{err:?}"
    );
    let err = load_text("{}").unwrap_err();
    assert!(
        matches!(err, Error::UnknownFormat { found: None }),
        "{err:?}"
    );
    let err = load_text("[1, 2").unwrap_err();
    assert!(matches!(err, Error::ImageJson(_)), "{err:?}");
}

#[test]
fn bad_hex_names_the_field() {
    let err = refused("spec-ic-licence", |value| {
        value["files"]["DF1/EF02"] = "41ZZ".into();
    });
    assert!(
        matches!(&err, Error::BadHex { field, .. } if field == "files.DF1/EF02"),
        "{err:?}"
    );
    let err = refused("spec-ic-licence", |value| {
        value["pins"]["PIN2"]["digest"] = "ABC".into();
    });
    assert!(
        matches!(&err, Error::BadHex { field, .. } if field == "pins.PIN2.digest"),
        "{err:?}"
    );
}

#[test]
fn an_image_the_model_cannot_use_is_refused() {
    let mut value = spec_json("spec-ic-licence");
    value["files"].as_object_mut().unwrap().remove("DF2/EF01");
    assert!(matches!(load_text(&value.to_string()), Err(Error::MissingFile(p)) if p == "DF2/EF01"));

    let mut value = spec_json("spec-ic-licence");
    value["files"]["MF/EF02"] = "05010100".into();
    assert!(matches!(
        load_text(&value.to_string()),
        Err(Error::FileTooLarge {
            len: 4,
            size: 3,
            ..
        })
    ));

    let mut value = spec_json("spec-ic-licence");
    value["pins"].as_object_mut().unwrap().remove("PIN1");
    assert!(matches!(load_text(&value.to_string()), Err(Error::MissingPin(p)) if p == "PIN1"));

    assert!(matches!(
        refused("spec-ic-licence", |value| {
            value["pins"]["PIN1"]["tries_left"] = 4.into();
        }),
        Error::BadCounter { tries_left: 4, .. }
    ));

    assert!(matches!(
        refused("spec-ic-licence", |value| {
            value["applications"] = serde_json::json!(["licence-ap"]);
        }),
        Error::UnknownApplication(_)
    ));

    let mut value = spec_json("spec-myna-plain");
    value["applications"] = serde_json::json!(["basic-info", "jpki", "licence-ap"]);
    assert!(matches!(
        load_text(&value.to_string()),
        Err(Error::MissingFile(p)) if p == "LICENCE_AP/WEF01"
    ));
}

#[test]
fn digests_of_the_wrong_length_unknown_files_and_pins_and_twice_given_keys_are_refused() {
    let err = refused("spec-ic-licence", |value| {
        value["pins"]["PIN1"]["digest"] = "AB".into();
    });
    assert_eq!(
        err.to_string(),
        "pins.PIN1.digest holds 1 bytes; it must hold 32"
    );

    let err = refused("spec-ic-licence", |value| {
        value["pins"]["PIN1"]["salt"] = "0011".into();
    });
    assert_eq!(
        err.to_string(),
        "pins.PIN1.salt holds 2 bytes; it must hold 16"
    );

    let err = refused("spec-ic-licence", |value| {
        value["files"]["DF9/EF01"] = "00".into();
    });
    assert!(
        matches!(&err, Error::UnknownFile(p) if p == "DF9/EF01"),
        "{err:?}"
    );

    let err = refused("spec-ic-licence", |value| {
        value["pins"]["PIN9"] = value["pins"]["PIN1"].clone();
    });
    assert!(
        matches!(&err, Error::UnknownPin(p) if p == "PIN9"),
        "{err:?}"
    );

    let text = spec_json("spec-ic-licence").to_string();
    let twice = text.replacen(
        "\"PIN1\":",
        "\"PIN1\":{\"digest\":\"00\",\"tries_left\":3,\"max_tries\":3},\"PIN1\":",
        1,
    );
    let err = load_text(&twice).unwrap_err();
    assert!(err.to_string().contains("JSON"), "{err}");
    assert!(
        std::error::Error::source(&err)
            .unwrap()
            .to_string()
            .contains("\"PIN1\" is given twice"),
        "{err:?}"
    );
}

#[test]
fn each_image_salts_its_pins_afresh() {
    let a = spec_cards::image("spec-ic-licence").unwrap();
    let b = spec_cards::image("spec-ic-licence").unwrap();
    assert_ne!(a.pins["PIN1"].salt, b.pins["PIN1"].salt);
    assert_ne!(a.pins["PIN1"].digest, b.pins["PIN1"].digest);
    assert!(a.pins["PIN1"].matches("PIN1", b"1234"));
    assert!(b.pins["PIN1"].matches("PIN1", b"1234"));
    assert!(!a.pins["PIN1"].matches("PIN1", b"1235"));
}

proptest! {
    #[test]
    fn truncated_or_damaged_image_files_never_panic(cut in 0usize..4000, flip in 0usize..4000, byte in any::<u8>()) {
        static JSON: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
        let mut bytes = JSON
            .get_or_init(|| spec_cards::image("spec-myna-licence").unwrap().to_json().unwrap())
            .clone();
        if let Some(b) = bytes.get_mut(flip) {
            *b = byte;
        }
        bytes.truncate(cut);
        let _ = CardImage::from_json(&bytes);
    }
}

mod writes {
    use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
    use std::path::Path;

    use menkyo_emulator::{spec_cards, CardImage, Emulator};

    fn licence(path: &Path) {
        spec_cards::image("spec-ic-licence")
            .unwrap()
            .save(path)
            .unwrap();
    }

    fn wrong_pin(path: &Path) -> Vec<u8> {
        let mut card = Emulator::open(path).unwrap();
        card.process(&hex::decode("002000810430303030").unwrap())
    }

    #[test]
    fn a_symlinked_image_is_written_through_the_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        licence(&real);
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("real.json", &link).unwrap();
        assert_eq!(wrong_pin(&link), [0x63, 0xC2]);
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(CardImage::load(&real).unwrap().pins["PIN1"].tries_left, 2);
    }

    #[test]
    fn a_write_keeps_the_mode_and_owner() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("card.json");
        licence(&path);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        let before = std::fs::metadata(&path).unwrap();
        assert_eq!(wrong_pin(&path), [0x63, 0xC2]);
        let after = std::fs::metadata(&path).unwrap();
        assert_eq!(after.mode() & 0o7777, 0o640);
        assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
        assert_ne!(after.ino(), before.ino(), "written by rename");
    }

    /// Why saving the spec licence to `path` fails: the cause under the error.
    fn refused_save(path: &Path) -> String {
        let err = spec_cards::image("spec-ic-licence")
            .unwrap()
            .save(path)
            .unwrap_err();
        std::error::Error::source(&err).unwrap().to_string()
    }

    #[test]
    fn anything_but_a_regular_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        assert!(std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success());
        let cause = refused_save(&fifo);
        assert!(cause.contains("not a regular file"), "{cause}");
        assert!(std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo());
        let err = spec_cards::image("spec-ic-licence")
            .unwrap()
            .save(Path::new("/dev/null"))
            .unwrap_err();
        assert!(err.to_string().contains("/dev/null"), "{err}");
    }

    #[test]
    fn a_hard_linked_image_is_not_split() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("card.json");
        licence(&path);
        std::fs::hard_link(&path, dir.path().join("other.json")).unwrap();
        let cause = refused_save(&path);
        assert!(cause.contains("2 hard links"), "{cause}");
    }

    #[test]
    fn temporary_files_of_killed_writers_are_removed_on_the_next_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("card.json");
        licence(&path);
        let stale = [".card.json.menkyo-AbC123.tmp", ".menkyo-image-XyZ789.tmp"];
        for name in stale {
            std::fs::write(dir.path().join(name), b"{").unwrap();
        }
        let other = dir.path().join("notes.tmp");
        std::fs::write(&other, b"kept").unwrap();
        Emulator::open(&path).unwrap();
        for name in stale {
            assert!(!dir.path().join(name).exists(), "{name}");
        }
        assert!(other.exists());
    }
}
