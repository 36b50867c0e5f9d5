//! Colour on a terminal: `--color auto` colours text output on a terminal unless `NO_COLOR`
//! is set (to anything but the empty string) or `TERM` is `dumb`.
#![cfg(unix)]

use std::process::Command;

use rexpect::session::spawn_command;

/// Everything `menkyo read --emulator` writes to a terminal, with `NO_COLOR` as given.
fn read_on_a_terminal(no_color: Option<&str>) -> String {
    read_on_a_terminal_with(no_color, "xterm")
}

/// The same, with `TERM` as given.
fn read_on_a_terminal_with(no_color: Option<&str>, term: &str) -> String {
    let mut command = Command::new(assert_cmd::cargo::cargo_bin("menkyo"));
    command.args(["read", "--emulator", "--color", "auto"]);
    command.env("TERM", term);
    match no_color {
        Some(value) => command.env("NO_COLOR", value),
        None => command.env_remove("NO_COLOR"),
    };
    let mut session = spawn_command(command, Some(20_000)).unwrap();
    session.exp_eof().unwrap()
}

#[test]
fn auto_colours_a_terminal() {
    let out = read_on_a_terminal(None);
    assert!(out.contains("012345678920"), "{out}");
    assert!(out.contains("\x1b["), "no colour on a terminal:\n{out}");
}

#[test]
fn no_color_turns_it_off() {
    for value in ["1", "true"] {
        let out = read_on_a_terminal(Some(value));
        assert!(out.contains("012345678920"), "{out}");
        assert!(
            !out.contains("\x1b["),
            "NO_COLOR={value} but colour:\n{out}"
        );
    }
}

#[test]
fn an_empty_no_color_is_not_set() {
    let out = read_on_a_terminal(Some(""));
    assert!(
        out.contains("\x1b["),
        "no colour with NO_COLOR empty:\n{out}"
    );
}

#[test]
fn term_dumb_turns_it_off() {
    let out = read_on_a_terminal_with(None, "dumb");
    assert!(out.contains("012345678920"), "{out}");
    assert!(!out.contains("\x1b["), "TERM=dumb but colour:\n{out}");
}
