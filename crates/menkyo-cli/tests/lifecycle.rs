//! `menkyo card …` and `menkyo jpki …` on emulated card images: the three holding forms, the
//! 免許AP install / record / receipt / remove, signature checks of untouched and tampered
//! images, and signing with the card (checked by `menkyo jpki verify` and by OpenSSL).

use std::path::{Path, PathBuf};

use assert_cmd::assert::Assert;
use assert_cmd::Command;
use menkyo_emulator::{CardImage, Emulator};
use predicates::prelude::*;
use tempfile::TempDir;

const PASSWORD: &str = "MIHON2025";

fn menkyo() -> Command {
    let mut command = Command::cargo_bin("menkyo").unwrap();
    command.env_remove("MENKYO_JPKI_PASSWORD");
    command.env_remove("MENKYO_LICENCE_AP_PIN");
    command
}

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(path)
}

fn new_cards(dir: &Path, form: &str) -> PathBuf {
    let out = dir.join(form);
    menkyo()
        .args(["card", "new", "--form", form, "ic-licence", "--out"])
        .arg(&out)
        .assert()
        .success();
    out
}

/// A temporary directory holding the My Number card of `--form myna-only`, and the card's image.
fn my_number_card() -> (TempDir, PathBuf) {
    let dir = TempDir::new().unwrap();
    let card = new_cards(dir.path(), "myna-only").join("my-number.json");
    (dir, card)
}

/// `menkyo jpki cert` of the card image `card` with `flags`, the password `password` given on
/// standard input.
fn jpki_cert(card: &Path, flags: &[&str], password: &str) -> Assert {
    menkyo()
        .args(["jpki", "cert", "--pin-stdin"])
        .args(flags)
        .arg("--emulator")
        .arg(card)
        .write_stdin(format!("{password}\n"))
        .assert()
}

/// `menkyo card` with `args` and then the card image `image`.
fn card(args: &[&str], image: &Path) -> Assert {
    menkyo().arg("card").args(args).arg(image).assert()
}

/// `menkyo card verify` of `image`, against the test issuer's file `trust` when one is named.
fn card_verify(image: &Path, trust: Option<&str>) -> Assert {
    let mut command = menkyo();
    command.args(["card", "verify"]);
    if let Some(file) = trust {
        command
            .arg("--trust")
            .arg(fixture(&format!("test-issuer/{file}")));
    }
    command.arg(image).assert()
}

fn select_instance(image: &Path) -> Vec<u8> {
    let mut card = Emulator::new(CardImage::load(image).unwrap());
    card.process(&hex::decode("00A4040C10A0000002310600000000000000000000").unwrap())
}

#[test]
fn the_three_holding_forms() {
    let dir = TempDir::new().unwrap();
    let expected = [
        ("myna-only", vec!["my-number.json"]),
        ("both", vec!["ic-licence.json", "my-number.json"]),
        ("ic-only", vec!["ic-licence.json"]),
    ];
    for (form, files) in expected {
        let out = new_cards(dir.path(), form);
        let mut made: Vec<String> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        made.sort();
        assert_eq!(made, files, "{form}");
        for file in files {
            card_verify(&out.join(file), Some("issuer.cert.pem"))
                .success()
                .stdout(predicate::str::contains(": valid"));
        }
        if out.join("my-number.json").exists() {
            assert_eq!(select_instance(&out.join("my-number.json")), [0x90, 0x00]);
        }
    }
    menkyo()
        .args(["card", "new", "--form", "both", "myna-card", "--out"])
        .arg(dir.path().join("bad"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not an IC licence profile"));
}

#[test]
fn a_changed_byte_in_the_image_makes_the_signature_invalid() {
    let dir = TempDir::new().unwrap();
    let out = new_cards(dir.path(), "both");
    for (file, path) in [
        ("ic-licence.json", "DF1/EF01"),
        ("my-number.json", "LICENCE_AP/WEF02"),
    ] {
        let image_path = out.join(file);
        let mut image = CardImage::load(&image_path).unwrap();
        image.files.get_mut(path).unwrap().0[10] ^= 0x01;
        image.save(&image_path).unwrap();
        card_verify(&image_path, Some("issuer.pub.pem"))
            .code(7)
            .stdout(predicate::str::contains(": invalid"));
    }
    card_verify(&out.join("ic-licence.json"), None)
        .code(7)
        .stdout(predicate::str::contains("unverifiable"));
}

#[test]
fn install_record_receipt_and_remove() {
    let dir = TempDir::new().unwrap();
    let image = dir.path().join("card.json");
    menkyo_emulator::samples::get("myna-card")
        .unwrap()
        .save(&image)
        .unwrap();
    assert_eq!(select_instance(&image), [0x6A, 0x82]);
    card(&["status"], &image)
        .success()
        .stdout(predicate::str::contains("not installed"));
    menkyo()
        .args(["card", "record"])
        .arg(&image)
        .arg("ic-licence")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not installed"));
    card(&["install-ap"], &image).success();
    assert_eq!(select_instance(&image), [0x90, 0x00]);
    menkyo()
        .args(["card", "record", "--set-pin", "--pin-stdin"])
        .arg(&image)
        .arg("ic-licence")
        .write_stdin("1357\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("PIN set"));
    let json = std::fs::read_to_string(&image).unwrap();
    assert!(!json.contains("1357") && !json.contains("31333537"));
    let html = dir.path().join("receipt.html");
    menkyo()
        .args(["card", "receipt", "--html"])
        .arg(&html)
        .arg(&image)
        .assert()
        .success()
        .stdout(predicate::str::contains("免許証の番号: 012345678900"))
        .stdout(predicate::str::contains("設定あり"))
        .stdout(predicate::str::contains("電子署名 (WEF03): valid"))
        .stdout(predicate::str::contains("1357").not());
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("<style>"));
    assert!(page.contains("012345678900") && page.contains("見本　次郎"));
    for external in ["http:", "https:", "<link", "<script", "url("] {
        assert!(!page.contains(external), "{external}");
    }
    assert_eq!(
        page.matches("src=").count(),
        page.matches("src=\"data:image/png;base64,").count(),
        "only the inlined photo"
    );
    assert!(
        page.contains("data:image/png;base64,iVBORw0KGgo"),
        "the photo as PNG"
    );
    card(&["remove-ap"], &image).success();
    assert_eq!(select_instance(&image), [0x6A, 0x82]);
    card(&["remove-ap"], &image).code(2);
}

#[test]
fn sign_with_the_card_and_verify_with_menkyo_and_openssl() {
    let (dir, card) = my_number_card();
    let document = dir.path().join("link-request.txt");
    std::fs::write(&document, "menkyo SYNTHETIC link request\n").unwrap();
    jpki_cert(&card, &[], "mihon2025")
        .success()
        .stdout(predicate::str::contains("SYNTHETIC JPKI sign holder"))
        .stdout(predicate::str::contains("SHA-256:     2D:E6:85:42"));
    let signed = menkyo()
        .args(["jpki", "sign", "--trace", "--emulator"])
        .arg(&card)
        .arg(&document)
        .env("MENKYO_JPKI_PASSWORD", PASSWORD)
        .assert()
        .success();
    let output = signed.get_output();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        all.contains("802A0080") || all.contains("80 2A 00 80"),
        "{all}"
    );
    assert!(!all.contains(PASSWORD));
    let hex = hex::encode_upper(PASSWORD);
    assert!(!all.replace(' ', "").contains(&hex), "{all}");
    let signature = dir.path().join("link-request.txt.sig");
    assert_eq!(std::fs::read(&signature).unwrap().len(), 256);
    menkyo()
        .args(["jpki", "verify", "--ca"])
        .arg(fixture("test-issuer/jpki/sign-ca.cert.pem"))
        .arg(&document)
        .assert()
        .success()
        .stdout(predicate::str::contains(": valid"));

    let pubkey = dir.path().join("pub.pem");
    let extracted = std::process::Command::new("openssl")
        .args(["x509", "-pubkey", "-noout", "-in"])
        .arg(dir.path().join("link-request.txt.sig.cert.pem"))
        .output()
        .expect("openssl is installed");
    std::fs::write(&pubkey, extracted.stdout).unwrap();
    let checked = std::process::Command::new("openssl")
        .args(["dgst", "-sha256", "-verify"])
        .arg(&pubkey)
        .arg("-signature")
        .arg(&signature)
        .arg(&document)
        .output()
        .unwrap();
    assert!(checked.status.success(), "{checked:?}");
    assert_eq!(
        String::from_utf8_lossy(&checked.stdout).trim(),
        "Verified OK"
    );

    std::fs::write(&document, "menkyo SYNTHETIC link request, changed\n").unwrap();
    menkyo()
        .args(["jpki", "verify"])
        .arg(&document)
        .assert()
        .code(7)
        .stdout(predicate::str::contains("INVALID"));
    menkyo()
        .args(["jpki", "verify", "--ca"])
        .arg(fixture("test-issuer/jpki/auth-ca.cert.pem"))
        .arg(&document)
        .assert()
        .code(7)
        .stdout(predicate::str::contains("issued by the CA: NO"));
}

#[test]
fn wrong_and_blocked_passwords_and_no_password_argument() {
    let (_dir, card) = my_number_card();
    for left in ["4 tries", "3 tries", "2 tries", "1 try"] {
        jpki_cert(&card, &[], "WRONG99")
            .code(5)
            .stderr(predicate::str::contains(format!("{left} left")))
            .stderr(predicate::str::contains(
                "check the password before trying again",
            ));
    }
    jpki_cert(&card, &[], PASSWORD)
        .code(5)
        .stderr(predicate::str::contains("only one try left"))
        .stderr(predicate::str::contains("add --force-last-try"));
    jpki_cert(&card, &["--force-last-try"], "WRONG99")
        .code(5)
        .stderr(predicate::str::contains("blocked"));
    jpki_cert(&card, &["--force-last-try"], PASSWORD)
        .code(5)
        .stderr(predicate::str::contains("is blocked"))
        .stderr(predicate::str::contains("municipal office"));
    let image = CardImage::load(&card).unwrap();
    assert_eq!(image.pins["JPKI_SIGN"].tries_left, 0);
    jpki_cert(&card, &[], "ab-12")
        .code(2)
        .stderr(predicate::str::contains("ab-12").not());
    menkyo()
        .args(["jpki", "cert", "--password", PASSWORD, "--emulator"])
        .arg(&card)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unexpected argument"));
}
