//! Every input has a size cap, checked while reading: an endless file (`/dev/zero`) or an
//! endless standard input ends at once with the limit in a one-line message, and sizes beyond
//! what the card holds are refused with the card's limit.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::menkyo;

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(path)
}

/// Writes `text` as a profile in `dir`, runs `menkyo card new` on it; its standard error,
/// after checking that it failed.
fn card_new_fails(dir: &Path, text: &str) -> String {
    let profile = dir.join("profile.toml");
    std::fs::write(&profile, text).unwrap();
    let out = menkyo()
        .args(["card", "new"])
        .arg(&profile)
        .arg("--out")
        .arg(dir.join("card.json"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn refused_with_the_limit(args: &[&str], limit: &str) {
    let out = menkyo().args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{args:?}");
    assert!(
        err.contains(&format!("limit of {limit} bytes")),
        "{args:?}: {err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
}

#[test]
fn endless_files_end_at_their_cap() {
    refused_with_the_limit(&["decode", "/dev/zero"], "1048576");
    refused_with_the_limit(&["script", "/dev/zero", "--emulator"], "1048576");
    refused_with_the_limit(&["card", "show", "/dev/zero"], "4194304");
    refused_with_the_limit(
        &[
            "read",
            "--trust",
            "/dev/zero",
            "--emulator",
            "ic-licence-no-pin",
        ],
        "262144",
    );
}

#[test]
fn a_profile_photo_ends_at_what_the_ef_can_hold() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("profiles/ic-licence.toml")).unwrap();
    let text = text.replace("\"../photos/hanako.j2k\"", "\"/dev/zero\"");
    let err = card_new_fails(dir.path(), &text);
    assert!(err.contains("limit of 32768 bytes"), "{err}");
}

#[test]
fn endless_standard_input_ends_at_the_script_cap() {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("menkyo"))
        .args(["script", "-", "--emulator"])
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let line = b"00A40000\n".repeat(1000);
        // Stops when menkyo closes its end.
        while stdin.write_all(&line).is_ok() {}
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("limit of 1048576 bytes"), "{err}");
}

#[test]
fn a_wef03_size_beyond_the_card_is_refused_with_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("profiles/myna-licence.toml")).unwrap();
    let text = text.replace("../photos/", &format!("{}/", fixture("photos").display()))
        + "\n[licence_ap.security]\ntext = \"SYNTHETIC\"\nsize = 4294967295\n";
    let err = card_new_fails(dir.path(), &text);
    assert!(
        err.contains("4294967295") && err.contains("32768 bytes at most"),
        "{err}"
    );
}

#[test]
fn a_wef03_without_room_for_its_text_says_so_in_the_profiles_words() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("profiles/myna-licence.toml")).unwrap();
    let text = text.replace("../photos/", &format!("{}/", fixture("photos").display()));
    let with_size = |size: u32| {
        format!("{text}\n[licence_ap.security]\ntext = \"SYNTHETIC MARKER\"\nsize = {size}\n")
    };
    let err = card_new_fails(dir.path(), &with_size(0));
    assert!(
        err.contains(
            "licence_ap.security.text takes 16 bytes, and licence_ap.security.size = 0 leaves \
             no room for it: the B1-B6 headers take 14 bytes, so the file needs at least 30"
        ),
        "{err}"
    );
    assert!(!err.contains("more than the 0"), "{err}");
    let err = card_new_fails(dir.path(), &with_size(20));
    assert!(
        err.contains(
            "licence_ap.security.text takes 16 bytes, and licence_ap.security.size = 20 has \
             room for 6 after the 14 bytes of the B1-B6 headers"
        ),
        "{err}"
    );
}

#[test]
fn a_toml_error_is_one_line_with_the_line_number() {
    let dir = tempfile::tempdir().unwrap();
    let err = card_new_fails(dir.path(), "[card]\nkind = \"ic-licence\"\nlabel = \n");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("line 3"), "{err}");
}

#[test]
fn a_non_utf8_path_gets_the_same_message_from_every_command() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"card-\xFF.json");
    let path = dir.path().join(name);
    let commands: [&[&str]; 4] = [
        &["card", "show"],
        &["decode"],
        &["card", "new", "ic-licence", "--out"],
        &["read", "--emulator"],
    ];
    for args in commands {
        let out = menkyo().args(args).arg(&path).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("is not valid UTF-8; menkyo takes paths and names in UTF-8 only"),
            "{args:?}: {err}"
        );
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
    }
}
