//! `menkyo --version` names the version, the commit the binary was built from and the features
//! built in; `menkyo -V` the version alone.

mod common;

use std::process::Command;

use common::menkyo;

/// The commit of this checkout as the build script abbreviates it, when git can tell.
fn head_commit() -> Option<String> {
    let out = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?.trim().to_owned();
    (out.status.success() && !text.is_empty()).then_some(text)
}

#[test]
fn long_version_names_the_version_the_commit_and_the_features() {
    let out = menkyo().arg("--version").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines.first().copied(),
        Some(concat!("menkyo ", env!("CARGO_PKG_VERSION")))
    );
    // Built inside this checkout, the binary knows its commit; without git it says so.
    let commit = head_commit().unwrap_or_else(|| "unknown".to_owned());
    assert_eq!(
        lines.get(1).copied(),
        Some(format!("commit: {commit}").as_str())
    );
    let features = lines.get(2).and_then(|l| l.strip_prefix("features: "));
    assert!(features.is_some(), "no features line in {text:?}");
    assert_eq!(lines.len(), 3, "{text:?}");
}

#[test]
fn short_version_is_one_line() {
    let out = menkyo().arg("-V").output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        concat!("menkyo ", env!("CARGO_PKG_VERSION"), "\n")
    );
}
