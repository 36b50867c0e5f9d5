//! What the command tests share: the binary with a clean environment, and card images made
//! with `menkyo card new` in a temporary directory. Every holder is synthetic.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The PIN variables the command reads.
pub const PIN_VARIABLES: [&str; 4] = [
    "MENKYO_PIN1",
    "MENKYO_PIN2",
    "MENKYO_PIN",
    "MENKYO_BASIC_INFO_PIN",
];

/// `menkyo` with no PIN variable set and no colour.
pub fn menkyo() -> Command {
    let mut cmd = Command::cargo_bin("menkyo").unwrap();
    for var in PIN_VARIABLES {
        cmd.env_remove(var);
    }
    cmd.env("NO_COLOR", "1");
    cmd
}

/// Writes the image of `sample` into `dir` with `menkyo card new` and returns its path.
pub fn image(dir: &Path, sample: &str) -> PathBuf {
    let path = dir.join(format!("{sample}.json"));
    menkyo()
        .args(["card", "new", sample, "--out"])
        .arg(&path)
        .assert()
        .success();
    path
}

/// Sets the tries left of PIN `id` in the image at `path`.
pub fn set_tries(path: &Path, id: &str, tries: u8) {
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    json["pins"][id]["tries_left"] = tries.into();
    std::fs::write(path, serde_json::to_vec_pretty(&json).unwrap()).unwrap();
}

/// The tries left of PIN `id` in the image at `path`.
pub fn tries(path: &Path, id: &str) -> u64 {
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    json["pins"][id]["tries_left"].as_u64().unwrap()
}

/// Standard output as text.
pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// Standard error as text.
pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// Standard output parsed as JSON; fails unless it is one JSON document and nothing else.
pub fn json(output: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).expect("standard output is one JSON document")
}

/// Runs `menkyo` (clean environment, no colour) with `args` and returns what it did.
pub fn run(args: &[&str]) -> std::process::Output {
    menkyo().args(args).output().unwrap()
}

/// Runs `menkyo` with `args` and `stdin` as its standard input.
pub fn run_with_stdin(args: &[&str], stdin: impl Into<Vec<u8>>) -> std::process::Output {
    menkyo().args(args).write_stdin(stdin).output().unwrap()
}
