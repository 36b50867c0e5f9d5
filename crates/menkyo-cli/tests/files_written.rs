//! One rule for every file the command writes: a file that exists is replaced only with
//! `--force`; a symbolic link is written through; anything but a regular file is never
//! replaced.

mod common;

use std::path::Path;

use assert_cmd::assert::Assert;
use common::menkyo;
use predicates::prelude::*;

/// Writes `mine` into `file`, then checks that `write` (run with the extra flags it is given)
/// refuses to replace it without `--force`, saying each of `refusal`, and replaces it with it.
fn replaced_only_with_force(file: &Path, write: impl Fn(&[&str]) -> Assert, refusal: &[&str]) {
    std::fs::write(file, b"mine").unwrap();
    let mut refused = write(&[]).failure();
    for needle in refusal {
        refused = refused.stderr(predicate::str::contains(*needle));
    }
    assert_eq!(std::fs::read(file).unwrap(), b"mine");
    write(&["--force"]).success();
    assert_ne!(std::fs::read(file).unwrap(), b"mine");
}

/// `menkyo COMMAND… FLAGS… OPTION PATH` for the extra FLAGS it is given.
fn writing<'a>(
    command: &'a [&'a str],
    option: &'a str,
    path: &'a Path,
) -> impl Fn(&[&str]) -> Assert + 'a {
    move |flags| {
        menkyo()
            .args(command)
            .args(flags)
            .arg(option)
            .arg(path)
            .assert()
    }
}

#[test]
fn read_photo_does_not_replace_a_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let photo = dir.path().join("face.jp2");
    let read = writing(
        &["read", "--emulator", "ic-licence-no-pin"],
        "--photo",
        &photo,
    );
    replaced_only_with_force(&photo, read, &["exists", "--force"]);
}

#[test]
fn dump_out_does_not_replace_files_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("files");
    let dump = writing(&["dump", "--emulator", "ic-licence-no-pin"], "--out", &out);
    dump(&[]).success();
    let names: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let first = names.first().unwrap().clone();
    replaced_only_with_force(&first, dump, &["exists"]);
}

#[test]
fn card_new_form_does_not_replace_images_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let new = writing(
        &["card", "new", "--form", "ic-only", "ic-licence"],
        "--out",
        dir.path(),
    );
    replaced_only_with_force(&dir.path().join("ic-licence.json"), new, &["exists"]);
}

#[test]
fn a_fifo_or_device_is_never_replaced_even_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = common::fifo(dir.path(), "fifo.json");
    menkyo()
        .args(["card", "new", "ic-licence", "--force", "--out"])
        .arg(&fifo)
        .assert()
        .failure()
        .stderr(predicate::str::contains("not a regular file"));
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());
    menkyo()
        .args(["card", "new", "ic-licence", "--force", "--out", "/dev/null"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("not a regular file"));
    assert!(std::fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());
}

#[test]
fn a_symlinked_image_stays_a_link_and_its_target_takes_the_tries() {
    let dir = tempfile::tempdir().unwrap();
    let real = common::image(dir.path(), "ic-licence");
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    menkyo()
        .args(["apdu", "002000810439393939", "--emulator"])
        .arg(&link)
        .assert()
        .success();
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let image = menkyo_emulator::CardImage::load(&real).unwrap();
    assert_eq!(image.pins["PIN1"].tries_left, 2);
}

#[test]
fn verify_on_an_image_that_cannot_be_written_says_so_with_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let image = common::image(dir.path(), "ic-licence");
    // A second name for the image: replacing it would split the two, so it is not written.
    std::fs::hard_link(&image, dir.path().join("copy.json")).unwrap();
    menkyo()
        .args(["apdu", "002000810439393939", "--emulator"])
        .arg(&image)
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("cannot write the card image")
                .and(predicate::str::contains(image.display().to_string())),
        );
}

#[test]
fn jpki_sign_does_not_replace_a_signature_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cards");
    menkyo()
        .args(["card", "new", "--form", "myna-only", "ic-licence", "--out"])
        .arg(&out)
        .assert()
        .success();
    let card = out.join("my-number.json");
    let document = dir.path().join("request.txt");
    std::fs::write(&document, "menkyo SYNTHETIC request\n").unwrap();
    let signature = dir.path().join("request.txt.sig");
    // Refused before the card is asked: no try of the password was spent either way.
    let sign = |flags: &[&str]| {
        menkyo()
            .args(["jpki", "sign"])
            .args(flags)
            .arg("--emulator")
            .arg(&card)
            .arg(&document)
            .env("MENKYO_JPKI_PASSWORD", "MIHON2025")
            .assert()
    };
    replaced_only_with_force(&signature, sign, &["exists"]);
}
