//! Third-party PC/SC programs (OpenSC's `opensc-tool`, pcsc-tools' `scriptor`) talk to the
//! emulated card through pcscd and vpcd and get the bytes the card gives in process.

use std::process::Command;

use crate::harness::{self, select_df1, spec_licence, ServedCard, Stack, READER};
use crate::support::spawn_with_stdin;

/// SELECT DF1, SELECT MF, SELECT MF/EF01, READ BINARY of its 17 bytes.
fn script() -> Vec<Vec<u8>> {
    vec![
        select_df1(),
        vec![0x00, 0xA4, 0x00, 0x00],
        vec![0x00, 0xA4, 0x02, 0x0C, 0x02, 0x2F, 0x01],
        vec![0x00, 0xB0, 0x00, 0x00, 0x11],
    ]
}

fn in_process_answers() -> Vec<Vec<u8>> {
    let mut card = spec_licence();
    script().iter().map(|c| card.process(c)).collect()
}

fn spaced(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `tool` is installed; when it is not, says so, naming its Debian `package` (or fails
/// where pcscd is required).
fn tool_there(tool: &str, package: &str) -> bool {
    let there = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !there {
        harness::skip_or_fail(&format!(
            "{tool} is not installed (Debian package {package})"
        ));
    }
    there
}

/// The spec licence served for `tool`, when `tool` is installed (see [`tool_there`]).
fn served_for(stack: &Stack, tool: &str, package: &str) -> Option<ServedCard> {
    tool_there(tool, package).then(|| ServedCard::start(stack, spec_licence()))
}

#[test]
fn opensc_tool_selects_and_reads() {
    let stack = harness::stack_or_skip!();
    let Some(served) = served_for(&stack, "opensc-tool", "opensc") else {
        return;
    };
    let mut command = Command::new("opensc-tool");
    command.args(["-r", READER, "-c", "default"]);
    for apdu in script() {
        command.args(["-s", &hex::encode_upper(apdu)]);
    }
    let output = command.output().expect("running opensc-tool");
    served.remove();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "opensc-tool failed:\n{stdout}\n{stderr}"
    );
    assert_eq!(
        parse_opensc_tool(&stdout),
        in_process_answers(),
        "opensc-tool printed:\n{stdout}"
    );
}

/// The answers in `opensc-tool -s` output: `Received (SW1=0x90, SW2=0x00)`, then, when there is
/// data, lines of 16 hex bytes in 48 columns followed by their ASCII.
fn parse_opensc_tool(stdout: &str) -> Vec<Vec<u8>> {
    let mut answers: Vec<Vec<u8>> = Vec::new();
    let mut data: Option<(Vec<u8>, [u8; 2])> = None;
    for line in stdout.lines() {
        if let Some(rest) = line.strip_prefix("Received (SW1=0x") {
            if let Some((mut bytes, sw)) = data.take() {
                bytes.extend_from_slice(&sw);
                answers.push(bytes);
            }
            let sw1 = rest.get(..2).and_then(|h| u8::from_str_radix(h, 16).ok());
            let sw2 = rest
                .split("SW2=0x")
                .nth(1)
                .and_then(|r| r.get(..2))
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            let (Some(sw1), Some(sw2)) = (sw1, sw2) else {
                panic!("unexpected line {line:?}");
            };
            data = Some((Vec::new(), [sw1, sw2]));
        } else if line.starts_with("Sending:") {
            continue;
        } else if let Some((bytes, _)) = data.as_mut() {
            let hex_part: String = line.chars().take(48).collect();
            bytes.extend(
                hex_part
                    .split_whitespace()
                    .filter_map(|t| u8::from_str_radix(t, 16).ok()),
            );
        }
    }
    if let Some((mut bytes, sw)) = data {
        bytes.extend_from_slice(&sw);
        answers.push(bytes);
    }
    answers
}

#[test]
fn scriptor_selects_and_reads() {
    let stack = harness::stack_or_skip!();
    let Some(served) = served_for(&stack, "scriptor", "pcsc-tools") else {
        return;
    };
    let input: String = script().iter().map(|c| spaced(c) + "\n").collect();
    let output = spawn_with_stdin(
        Command::new("scriptor")
            .args(["-r", READER])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped()),
        &input,
    )
    .wait_with_output()
    .expect("scriptor ends");
    served.remove();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "scriptor failed:\n{stdout}");
    assert_eq!(
        parse_scriptor(&stdout),
        in_process_answers(),
        "scriptor printed:\n{stdout}"
    );
}

/// The answers in `scriptor` output: `< ` and hex bytes, over several lines for long answers,
/// ending with ` : ` and the status word's meaning.
fn parse_scriptor(stdout: &str) -> Vec<Vec<u8>> {
    let mut answers = Vec::new();
    let mut current: Option<Vec<u8>> = None;
    for line in stdout.lines() {
        let body = match (line.strip_prefix("< "), current.is_some()) {
            (Some(rest), _) => {
                current = Some(Vec::new());
                rest
            }
            (None, true) => line,
            (None, false) => continue,
        };
        let (hex_part, ended) = match body.split_once(" : ") {
            Some((hex_part, _)) => (hex_part, true),
            None => (body, false),
        };
        if let Some(bytes) = current.as_mut() {
            bytes.extend(
                hex_part
                    .split_whitespace()
                    .filter_map(|t| u8::from_str_radix(t, 16).ok()),
            );
        }
        if ended {
            answers.extend(current.take());
        }
    }
    answers
}
