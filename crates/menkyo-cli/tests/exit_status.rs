//! The exit statuses follow the one table (`menkyo --help`, the man page, the README) on every
//! path: a missing input file is 2, a card image that cannot be written is 1, and standard
//! output closed early ends any command quietly with 0. (Every man page's EXIT STATUS section:
//! `card.rs`.)

mod common;

use std::path::Path;
use std::process::Stdio;

use common::{fails_with, image, menkyo, run_on, stderr};
use tempfile::TempDir;

#[test]
fn a_missing_input_file_is_an_input_error() {
    for args in [
        &["decode", "/nonexistent/menkyo-input.bin"][..],
        &["jpki", "verify", "/nonexistent/menkyo-document.txt"],
        &[
            "script",
            "/nonexistent/menkyo-script.txt",
            "--emulator",
            "ic-licence",
        ],
    ] {
        let out = menkyo().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("cannot read /nonexistent/"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

/// Runs menkyo with `args` and its standard output a pipe whose reading end is already closed.
fn with_stdout_closed(args: &[&std::ffi::OsStr]) -> std::process::Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    std::process::Command::new(assert_cmd::cargo::cargo_bin("menkyo"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

#[test]
fn standard_output_closed_early_ends_every_command_quietly() {
    let (dir, card) = common::temp_image("myna-licence");
    let record = dir.path().join("ef01.bin");
    let sample = menkyo_emulator::samples::get("ic-licence").unwrap();
    std::fs::write(&record, &sample.files["DF1/EF01"].0).unwrap();
    let runs: [&[&std::ffi::OsStr]; 4] = [
        &[
            "decode".as_ref(),
            "--kind".as_ref(),
            "ic-record".as_ref(),
            record.as_os_str(),
        ],
        &["card".as_ref(), "status".as_ref(), card.as_os_str()],
        &[
            "read".as_ref(),
            "--emulator".as_ref(),
            "ic-licence-no-pin".as_ref(),
        ],
        &["man".as_ref()],
    ];
    for args in runs {
        let out = with_stdout_closed(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{args:?}");
    }
}

/// Makes `dir` refuse new files, for root too (`chattr +i`), until dropped.
struct Frozen<'a>(&'a Path);

impl<'a> Frozen<'a> {
    fn new(dir: &'a Path) -> Self {
        let status = std::process::Command::new("chattr")
            .arg("+i")
            .arg(dir)
            .status()
            .expect("chattr (e2fsprogs) to make a folder immutable");
        assert!(status.success(), "chattr +i {}", dir.display());
        Frozen(dir)
    }
}

impl Drop for Frozen<'_> {
    fn drop(&mut self) {
        let _ = std::process::Command::new("chattr")
            .arg("-i")
            .arg(self.0)
            .status();
    }
}

#[test]
fn a_card_image_that_cannot_be_written_is_a_failure() {
    let dir = TempDir::new().unwrap();
    let folder = dir.path().join("cards");
    std::fs::create_dir(&folder).unwrap();
    let card = image(&folder, "myna-card");
    let before = std::fs::read(&card).unwrap();
    let out = {
        let _frozen = Frozen::new(&folder);
        run_on(&["card", "install-ap"], &card)
    };
    fails_with(&out, 1, "cannot write the card image");
    assert_eq!(
        std::fs::read(&card).unwrap(),
        before,
        "the image is unchanged"
    );
}
