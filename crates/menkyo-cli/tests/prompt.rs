//! The PIN prompt on a terminal: the typed PIN is not echoed and the read succeeds.
//!
//! rexpect turns echo off on its terminal; the commands run under `sh -c 'stty echo; exec …'`
//! so the terminal echoes as a user's does, and a control test shows that it does.
#![cfg(unix)]

use std::process::Command;
use std::time::Duration;

use rexpect::session::{spawn_command, PtySession};

fn with_echo(script: &str) -> PtySession {
    let mut command = Command::new("sh");
    command
        .args(["-c", &format!("stty echo; exec {script}")])
        .env("NO_COLOR", "1")
        .env_remove("MENKYO_BASIC_INFO_PIN");
    spawn_command(command, Some(20_000)).unwrap()
}

#[test]
fn the_terminal_of_these_tests_echoes() {
    let mut session = with_echo("sh -c 'printf \"say: \"; read line; echo done'");
    session.exp_string("say: ").unwrap();
    std::thread::sleep(Duration::from_millis(200));
    session.send_line("4321").unwrap();
    let rest = session.exp_eof().unwrap();
    assert!(rest.contains("4321"), "{rest}");
}

#[test]
fn the_prompt_does_not_echo_the_pin() {
    let menkyo = assert_cmd::cargo::cargo_bin("menkyo");
    let mut session = with_echo(&format!(
        "{} read --emulator --basic-info",
        menkyo.display()
    ));
    let before = latin1_to_utf8(&session.exp_string("(3 of 3 tries left): ").unwrap());
    assert!(before.ends_with("券面事項入力補助用暗証番号 "), "{before}");
    std::thread::sleep(Duration::from_millis(200));
    session.send_line("4321").unwrap();
    let rest = latin1_to_utf8(&session.exp_eof().unwrap());
    assert!(!rest.contains("4321"), "the PIN was echoed:\n{rest}");
    assert!(rest.contains("見本　花子"), "{rest}");
    assert!(rest.contains("架空県見本市見本町一丁目２番３号"), "{rest}");
}

/// rexpect hands the terminal's bytes over one `char` each; the UTF-8 text they are.
fn latin1_to_utf8(text: &str) -> String {
    let bytes: Vec<u8> = text
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect();
    String::from_utf8_lossy(&bytes).into_owned()
}
