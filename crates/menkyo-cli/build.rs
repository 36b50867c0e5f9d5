//! Writes what `menkyo --version` prints after the version: the commit the command is built
//! from, when known, and the cargo features built in.
//!
//! The commit comes from git when this crate sits at `crates/menkyo-cli` of a checkout, else
//! from the `.cargo_vcs_info.json` that `cargo package` writes into a packaged crate, else it is
//! unknown. A failing or missing git is not an error: the build goes on quietly.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Where this crate sits in the repository, as `git rev-parse --show-prefix` prints it.
const PATH_IN_REPOSITORY: &str = "crates/menkyo-cli/";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let commit = git_commit(&manifest_dir).or_else(|| packaged_commit(&manifest_dir));
    // The features of this crate as its own cfg sees them (`cfg(feature = "…")`).
    let mut features: Vec<String> = std::env::var("CARGO_CFG_FEATURE")
        .unwrap_or_default()
        .split(',')
        .filter(|f| !f.is_empty() && *f != "default")
        .map(str::to_owned)
        .collect();
    features.sort();
    let long_version = format!(
        "{}\ncommit: {}\nfeatures: {}",
        std::env::var("CARGO_PKG_VERSION").unwrap_or_default(),
        commit.as_deref().unwrap_or("unknown"),
        if features.is_empty() {
            "none".to_owned()
        } else {
            features.join(", ")
        },
    );
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    if let Err(error) = std::fs::write(out.join("long_version.txt"), long_version) {
        println!("cargo:warning=could not write the version text: {error}");
    }
}

/// Runs git in `dir`; its trimmed output when it succeeds and prints something.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    let text = text.trim();
    (output.status.success() && !text.is_empty()).then(|| text.to_owned())
}

/// The abbreviated commit of HEAD, when this crate is the one of a menkyo checkout (not a copy
/// under `target/package/`, nor a download inside some other repository).
fn git_commit(dir: &Path) -> Option<String> {
    if git(dir, &["rev-parse", "--show-prefix"])? != PATH_IN_REPOSITORY {
        return None;
    }
    let commit = git(dir, &["rev-parse", "--short=12", "HEAD"])?;
    // Build again when HEAD moves: HEAD itself, the branch it points to, the packed refs.
    let mut watched = vec!["HEAD".to_owned(), "packed-refs".to_owned()];
    watched.extend(git(dir, &["symbolic-ref", "-q", "HEAD"]));
    for name in watched {
        if let Some(path) = git(dir, &["rev-parse", "--git-path", &name]) {
            let path = dir.join(path);
            // A path that does not exist would make cargo run this script on every build.
            if path.exists() {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
    }
    Some(commit)
}

/// The commit recorded by `cargo package` (`{"git": {"sha1": "…"}}`), abbreviated as git does.
fn packaged_commit(dir: &Path) -> Option<String> {
    let path = dir.join(".cargo_vcs_info.json");
    let text = std::fs::read_to_string(&path).ok()?;
    println!("cargo:rerun-if-changed={}", path.display());
    let after = text.split("\"sha1\"").nth(1)?;
    let sha1: String = after
        .trim_start_matches(|c: char| c == ':' || c == '"' || c.is_whitespace())
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    (sha1.len() == 40).then(|| sha1[..12].to_owned())
}
