//! Reads you can keep, against the emulator: `read --from` a dump (JSON or folder) prints what
//! the live read printed, a dump of the first release still reads, `decode` knows dump file
//! names, `card clone` (and `--synthetic`), `card show` of a sample, and the photo outputs.
//! Every holder is synthetic.

mod common;

use std::path::{Path, PathBuf};

use common::{fails_with, json, menkyo, png_pixels, run_on, stderr, stdout};
use tempfile::TempDir;

/// The samples that hold a licence, with the PIN variables their reads take.
const SAMPLES: [(&str, &[(&str, &str)]); 4] = [
    (
        "ic-licence",
        &[("MENKYO_PIN1", "1234"), ("MENKYO_PIN2", "5678")],
    ),
    ("ic-licence-no-pin", &[]),
    ("myna-licence", &[]),
    ("myna-licence", &[("MENKYO_BASIC_INFO_PIN", "4321")]),
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn issuer() -> PathBuf {
    root().join("fixtures/test-issuer/issuer.cert.pem")
}

/// `menkyo ARGS` with `pins` set; standard output, after checking it succeeded.
fn run(args: &[&str], pins: &[(&str, &str)], extra: &[&Path]) -> String {
    let mut cmd = menkyo();
    cmd.args(args).args(extra);
    for (var, value) in pins {
        cmd.env(var, value);
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

fn basic_info(pins: &[(&str, &str)]) -> Vec<&'static str> {
    if pins.iter().any(|(v, _)| *v == "MENKYO_BASIC_INFO_PIN") {
        vec!["--basic-info"]
    } else {
        Vec::new()
    }
}

#[test]
fn read_from_a_fresh_dump_prints_what_the_live_read_printed() {
    let dir = TempDir::new().unwrap();
    for (i, (sample, pins)) in SAMPLES.iter().enumerate() {
        let extra = basic_info(pins);
        let dump = dir.path().join(format!("{i}.json"));
        let folder = dir.path().join(format!("{i}"));
        let mut args = vec!["dump", "--emulator", sample];
        args.extend(&extra);
        args.push("--out");
        let text = run(&args, pins, &[&folder]);
        std::fs::write(&dump, text).unwrap();
        for format in ["text", "json"] {
            let mut args = vec!["read", "--emulator", sample, "--format", format];
            args.extend(&extra);
            let live = run(&args, pins, &[]);
            let kept = run(&["read", "--format", format, "--from"], &[], &[&dump]);
            if format == "json" {
                // A dump talks to no reader: everything but how the reader was used (`link`).
                let mut live: serde_json::Value = serde_json::from_str(&live).unwrap();
                assert!(
                    live["link"].is_object(),
                    "{sample}: the live read names its link"
                );
                live.as_object_mut().unwrap().remove("link");
                let kept: serde_json::Value = serde_json::from_str(&kept).unwrap();
                assert_eq!(kept, live, "{sample} {format}");
            } else {
                assert_eq!(kept, live, "{sample} {format}");
            }
        }
        // A folder has no PINs' tries; everything else is as read.
        let mut args = vec!["read", "--emulator", sample, "--format", "json"];
        args.extend(&extra);
        let mut live: serde_json::Value = serde_json::from_str(&run(&args, pins, &[])).unwrap();
        let from_folder = run(&["read", "--format", "json", "--from"], &[], &[&folder]);
        let from_folder: serde_json::Value = serde_json::from_str(&from_folder).unwrap();
        live["pins"] = serde_json::json!([]);
        live.as_object_mut().unwrap().remove("link");
        assert_eq!(from_folder, live, "{sample} folder");
    }
}

#[test]
fn a_dump_of_the_first_release_still_reads_with_its_signature_valid() {
    for (file, number) in [
        ("dump-0.1.0-ic-licence.json", "012345678900"),
        ("dump-0.1.0-myna-licence.json", "012345678920"),
    ] {
        let dump = root().join("tests/data").join(file);
        let out = menkyo()
            .args(["read", "--format", "json", "--from"])
            .arg(&dump)
            .arg("--trust")
            .arg(issuer())
            .output()
            .unwrap();
        assert!(out.status.success(), "{file}: {}", stderr(&out));
        let doc = json(&out);
        assert_eq!(doc["number"]["value"], number, "{file}");
        assert_eq!(doc["signature"]["verdict"], "valid", "{file}");
        assert!(doc["name"]["value"].as_str().unwrap().contains("見本"));
    }
}

#[test]
fn read_from_refuses_what_is_not_a_dump() {
    let dir = TempDir::new().unwrap();
    let image = common::image(dir.path(), "ic-licence");
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    for (from, message) in [
        (image, "a card image is read with --emulator IMAGE"),
        (dir.path().join("missing.json"), ""),
        (empty, "holds neither MF/EF01"),
    ] {
        fails_with(&run_on(&["read", "--from"], &from), 2, message);
    }
}

#[test]
fn decode_guesses_the_kind_from_dump_file_names() {
    let dir = TempDir::new().unwrap();
    let pins = [("MENKYO_PIN1", "1234"), ("MENKYO_PIN2", "5678")];
    run(
        &["dump", "--emulator", "ic-licence", "--out"],
        &pins,
        &[dir.path()],
    );
    for (file, kind) in [
        ("DF1_EF07.bin", "ic-signature"),
        ("DF1_EF01.bin", "ic-record"),
        ("MF_EF02.bin", "ic-pin-setting"),
    ] {
        let out = menkyo()
            .arg("decode")
            .arg(dir.path().join(file))
            .output()
            .unwrap();
        assert!(out.status.success(), "{file}: {}", stderr(&out));
        assert_eq!(json(&out)["kind"], kind, "{file}");
        assert!(stderr(&out).contains("from the file name"));
    }
}

#[test]
fn card_show_takes_a_sample_name() {
    let text = run(&["card", "show", "ic-licence"], &[], &[]);
    assert!(text.contains("見本 花子: SYNTHETIC IC licence"), "{text}");
    let doc: serde_json::Value = serde_json::from_str(&run(
        &["card", "show", "myna-licence", "--format", "json"],
        &[],
        &[],
    ))
    .unwrap();
    assert_eq!(doc["model"], "my-number");
}

fn clone(dir: &Path, sample: &str, pins: &[(&str, &str)], synthetic: bool) -> PathBuf {
    let out = dir.join(format!("{sample}-{synthetic}.json"));
    let mut args = vec!["card", "clone", "--emulator", sample, "--out"];
    if synthetic {
        args.insert(2, "--synthetic");
    }
    run(&args, pins, &[&out]);
    out
}

#[test]
fn a_clone_reads_back_as_the_card() {
    let dir = TempDir::new().unwrap();
    for (sample, pins) in &SAMPLES[..3] {
        let image = clone(dir.path(), sample, pins, false);
        let args = ["read", "--format", "json", "--emulator"];
        let live = run(&args, pins, &[Path::new(sample)]);
        let cloned = run(&args, pins, &[&image]);
        assert_eq!(cloned, live, "{sample}");
    }
}

/// PIN1 of the IC licence sample only.
const PIN1_ONLY: [(&str, &str); 1] = [("MENKYO_PIN1", "1234")];

/// What PIN2 guards on an IC licence: 本籍, its changes and the photo.
const PIN2_FILES: [&str; 3] = ["DF1/EF02", "DF1/EF06", "DF2/EF01"];

fn image_json(image: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(image).unwrap()).unwrap()
}

#[test]
fn a_clone_with_pin1_only_is_partial_and_reads_back_with_pin1() {
    let dir = TempDir::new().unwrap();
    let image = clone(dir.path(), "ic-licence", &PIN1_ONLY, false);
    let json = image_json(&image);
    let unread: Vec<&String> = json["unread"].as_object().unwrap().keys().collect();
    assert_eq!(unread, PIN2_FILES);
    for path in PIN2_FILES {
        assert!(json["files"].get(path).is_none(), "{path}");
    }
    assert_eq!(json["pins"]["PIN2"]["value_unknown"], true);
    assert!(json["pins"]["PIN1"].get("value_unknown").is_none());
    let frozen = image_json(&root().join(
        "crates/menkyo-emulator/tests/frozen-images/menkyo-card-image-2/ic-licence-pin1-only.json",
    ));
    let paths = |image: &serde_json::Value| -> Vec<String> {
        image["files"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    };
    assert_eq!(paths(&json), paths(&frozen));
    assert_eq!(json["unread"], frozen["unread"]);
    assert_eq!(json["pins"]["PIN2"], frozen["pins"]["PIN2"]);

    let args = ["read", "--format", "json", "--emulator"];
    let live: serde_json::Value =
        serde_json::from_str(&run(&args, &PIN1_ONLY, &[Path::new("ic-licence")])).unwrap();
    let cloned: serde_json::Value =
        serde_json::from_str(&run(&args, &PIN1_ONLY, &[&image])).unwrap();
    assert_eq!(cloned["name"], live["name"]);
    assert_eq!(cloned["number"], live["number"]);
    let skipped: Vec<&str> = cloned["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["file"].as_str().unwrap())
        .collect();
    assert_eq!(skipped, PIN2_FILES, "{cloned}");
}

#[test]
fn a_pin_not_given_keeps_the_tries_the_card_showed() {
    let dir = TempDir::new().unwrap();
    let first = clone(dir.path(), "ic-licence", &PIN1_ONLY, false);
    // PIN2's value is unknown to the clone: any value is wrong and spends a try.
    let wrong = menkyo()
        .args(["read", "--emulator"])
        .arg(&first)
        .envs([("MENKYO_PIN1", "1234"), ("MENKYO_PIN2", "5678")])
        .output()
        .unwrap();
    assert_eq!(wrong.status.code(), Some(5), "{}", stderr(&wrong));
    let second = dir.path().join("second.json");
    let args = ["card", "clone", "--emulator"];
    run(&args, &PIN1_ONLY, &[&first, Path::new("--out"), &second]);
    let pin2 = &image_json(&second)["pins"]["PIN2"];
    assert_eq!(
        (pin2["tries_left"].as_u64(), pin2["max_tries"].as_u64()),
        (Some(2), Some(3))
    );
    assert_eq!(pin2["value_unknown"], true);
}

#[test]
fn a_partial_clone_made_synthetic_keeps_every_length() {
    let dir = TempDir::new().unwrap();
    let real = clone(dir.path(), "ic-licence", &PIN1_ONLY, false);
    let fake = clone(dir.path(), "ic-licence", &PIN1_ONLY, true);
    same_files_and_lengths(&real, &fake, "ic-licence PIN1 only");
    assert_eq!(image_json(&fake)["unread"], image_json(&real)["unread"]);
    let args = ["read", "--format", "json", "--emulator"];
    let read = |image: &Path| -> serde_json::Value {
        serde_json::from_str(&run(&args, &PIN1_ONLY, &[image])).unwrap()
    };
    let (real_doc, fake_doc) = (read(&real), read(&fake));
    for key in ["name", "address", "birth_date", "number"] {
        assert!(!real_doc[key].is_null(), "{key}");
        assert_ne!(real_doc[key], fake_doc[key], "{key}");
    }
    assert!(json_label(&fake).starts_with("SYNTHETIC"));
}

/// Asserts that the images `real` and `fake` hold the same files at the same lengths.
fn same_files_and_lengths(real: &Path, fake: &Path, what: &str) {
    let files = |image: &Path| image_json(image)["files"].as_object().unwrap().clone();
    let (real_files, fake_files) = (files(real), files(fake));
    assert_eq!(
        real_files.keys().collect::<Vec<_>>(),
        fake_files.keys().collect::<Vec<_>>(),
        "{what}"
    );
    for (path, hex) in &real_files {
        let len = |v: &serde_json::Value| v.as_str().unwrap().len();
        assert_eq!(len(hex), len(&fake_files[path]), "{what} {path}");
    }
}

#[test]
fn synthetic_keeps_every_length_and_changes_every_personal_item() {
    let dir = TempDir::new().unwrap();
    for (sample, pins) in &SAMPLES[..3] {
        let real = clone(dir.path(), sample, pins, false);
        let fake = clone(dir.path(), sample, pins, true);
        same_files_and_lengths(&real, &fake, sample);
        let read = |image: &Path| {
            let out = menkyo()
                .args(["read", "--format", "json", "--trust"])
                .arg(issuer())
                .arg("--emulator")
                .arg(image)
                .envs(pins.iter().copied())
                .output()
                .unwrap();
            (out.status.code(), json(&out))
        };
        let (real_status, real_doc) = read(&real);
        let (fake_status, fake_doc) = read(&fake);
        assert_eq!(fake_status, Some(7), "{sample}: the signature is not valid");
        if real_status == Some(0) {
            assert_eq!(fake_doc["signature"]["verdict"], "invalid", "{sample}");
        } else {
            // ic-licence-no-pin's sample signature has a layout the check does not know.
            assert_eq!(
                real_doc["signature"]["verdict"],
                fake_doc["signature"]["verdict"]
            );
        }
        let mut changed = 0;
        for key in [
            "name",
            "name_reading",
            "alias",
            "name_kana",
            "birth_date",
            "address",
            "registered_domicile",
            "number",
            "reference_number",
            "photo",
        ] {
            if real_doc[key].is_null() || real_doc[key]["value"] == "" {
                continue;
            }
            assert_ne!(real_doc[key], fake_doc[key], "{sample} {key}");
            changed += 1;
        }
        assert!(changed >= 2, "{sample}: {changed}");
        let label = json_label(&fake);
        assert!(label.starts_with("SYNTHETIC"), "{label}");
        assert!(label.contains("signature"), "{label}");
    }
}

fn json_label(image: &Path) -> String {
    image_json(image)["label"].as_str().unwrap().to_owned()
}

/// The photo of the IC licence sample with PIN1 and PIN2, written to `name` in `dir`.
fn photo(dir: &Path, name: &str) -> std::process::Output {
    menkyo()
        .args(["read", "--emulator", "ic-licence", "--photo"])
        .arg(if name == "-" {
            PathBuf::from("-")
        } else {
            dir.join(name)
        })
        .env("MENKYO_PIN1", "1234")
        .env("MENKYO_PIN2", "5678")
        .output()
        .unwrap()
}

#[test]
fn photo_as_codestream_jp2_png_and_on_standard_output() {
    let dir = TempDir::new().unwrap();
    for name in ["face.j2k", "face.jp2", "face.png"] {
        let out = photo(dir.path(), name);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
    }
    let j2k = std::fs::read(dir.path().join("face.j2k")).unwrap();
    assert!(j2k.starts_with(&[0xFF, 0x4F, 0xFF, 0x51]));
    let jp2 = std::fs::read(dir.path().join("face.jp2")).unwrap();
    assert!(jp2.starts_with(b"\0\0\0\x0CjP  \r\n\x87\n\0\0\0\x14ftypjp2 "));
    assert!(jp2.ends_with(&j2k));

    let out = photo(dir.path(), "-");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        out.stdout, j2k,
        "--photo - writes the codestream and nothing else"
    );

    let out = photo(dir.path(), "face.gif");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(".j2k") && err.contains(".jp2") && err.contains(".png"),
        "{err}"
    );
    assert!(!dir.path().join("face.gif").exists());
}

#[test]
fn the_jp2_file_decodes_with_openjpeg_to_the_pixels_of_the_png() {
    let dir = TempDir::new().unwrap();
    for name in ["face.jp2", "face.png"] {
        assert!(photo(dir.path(), name).status.success());
    }
    let decoded = dir.path().join("openjpeg.png");
    let status = std::process::Command::new("opj_decompress")
        .arg("-i")
        .arg(dir.path().join("face.jp2"))
        .arg("-o")
        .arg(&decoded)
        .output();
    let out = match status {
        Ok(out) => out,
        Err(e) => panic!("opj_decompress (libopenjp2-tools, scripts/install-deps): {e}"),
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ours = png_pixels(&std::fs::read(dir.path().join("face.png")).unwrap());
    let theirs = png_pixels(&std::fs::read(&decoded).unwrap());
    assert_eq!((ours.0, ours.1), (theirs.0, theirs.1));
    assert_eq!(ours.2, theirs.2);
}
