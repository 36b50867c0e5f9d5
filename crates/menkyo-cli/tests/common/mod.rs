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

/// A temporary directory holding the image of `sample` (see [`image`]), and the image's path.
pub fn temp_image(sample: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = image(dir.path(), sample);
    (dir, path)
}

/// Makes a named pipe (FIFO) `name` in `dir` with `mkfifo` and returns its path.
pub fn fifo(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let status = std::process::Command::new("mkfifo").arg(&path).status();
    assert!(status.is_ok_and(|s| s.success()), "mkfifo {path:?}");
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

/// Runs `menkyo` with `args` and then `path` as its last argument.
pub fn run_on(args: &[&str], path: &Path) -> std::process::Output {
    menkyo().args(args).arg(path).output().unwrap()
}

/// `out`, after failing with its standard error unless the command succeeded.
pub fn succeeded(out: std::process::Output) -> std::process::Output {
    assert!(out.status.success(), "{}", stderr(&out));
    out
}

/// Standard output parsed as JSON, after failing unless the command succeeded.
pub fn ok_json(out: &std::process::Output) -> serde_json::Value {
    assert!(out.status.success(), "{}", stderr(out));
    json(out)
}

/// Fails unless the command exited with `code` and its standard error contains `needle`.
pub fn fails_with(out: &std::process::Output, code: i32, needle: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(code), "{err}");
    assert!(err.contains(needle), "expected {needle:?} in: {err}");
}

/// Fails unless standard output contains `needle`.
pub fn assert_stdout_has(out: &std::process::Output, needle: &str) {
    let text = stdout(out);
    assert!(text.contains(needle), "expected {needle:?} in: {text}");
}

/// The width, height and pixels of the PNG `bytes`.
pub fn png_pixels(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

/// The PIN variables that open every file of the synthetic IC licence.
pub const IC_PINS: [(&str, &str); 2] = [("MENKYO_PIN1", "1234"), ("MENKYO_PIN2", "5678")];

/// Runs `menkyo` with `args` and the PIN variables `pins` set.
pub fn run_with_pins<S: AsRef<std::ffi::OsStr>>(
    args: impl IntoIterator<Item = S>,
    pins: &[(&str, &str)],
) -> std::process::Output {
    menkyo()
        .args(args)
        .envs(pins.iter().copied())
        .output()
        .unwrap()
}

/// The path as text, for argument lists (the tests' temporary paths are UTF-8).
pub fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Runs `menkyo read --emulator SAMPLE --format json` for the built-in `sample`, then `args`.
pub fn read_sample_json(sample: &str, args: &[&str]) -> std::process::Output {
    menkyo()
        .args(["read", "--emulator", sample, "--format", "json"])
        .args(args)
        .output()
        .unwrap()
}

/// Fails unless each JSON pointer of `fields` names the string beside it in `doc`.
pub fn assert_fields(doc: &serde_json::Value, fields: &[(&str, &str)]) {
    for (pointer, expected) in fields {
        let found = doc.pointer(pointer);
        assert_eq!(found.and_then(|v| v.as_str()), Some(*expected), "{pointer}");
    }
}
