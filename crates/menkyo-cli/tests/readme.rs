//! The examples of the README, of docs/lifecycle.md and of the menkyo-cli crate's README are
//! what the command prints.
//!
//! Every ```` ```console ```` block of such a document whose commands run on the emulator is run with
//! bash, in order, in one temporary directory (so `card new` in one block makes the image a later
//! block reads), and each command's output (standard output and error as a terminal shows them)
//! must be the output printed under it. A block showing `$ cat FILE` writes FILE instead.
//! Blocks that need a PC/SC reader or service are left to the end-to-end tests.

use std::path::Path;
use std::process::Command;

const NEEDS_PCSC: [&str; 4] = [
    "menkyo readers",
    "menkyo emulate",
    "--reader",
    "forged.json",
];

struct Step {
    command: String,
    output: String,
}

fn blocks(readme: &str) -> Vec<Vec<Step>> {
    let mut blocks = Vec::new();
    let mut rest = readme;
    while let Some(start) = rest.find("```console\n") {
        let body = &rest[start + "```console\n".len()..];
        let end = body.find("```").expect("a closed console block");
        let mut steps: Vec<Step> = Vec::new();
        for line in body[..end].lines() {
            match line.strip_prefix("$ ") {
                Some(command) => steps.push(Step {
                    command: command.to_owned(),
                    output: String::new(),
                }),
                None => {
                    let step = steps.last_mut().expect("output after a command");
                    step.output.push_str(line);
                    step.output.push('\n');
                }
            }
        }
        blocks.push(steps);
        rest = &body[end + 3..];
    }
    blocks
}

fn runs_here(block: &[Step]) -> bool {
    block.iter().all(|step| {
        step.command != "menkyo read" && !NEEDS_PCSC.iter().any(|n| step.command.contains(n))
    })
}

#[test]
fn the_readme_examples_are_what_menkyo_prints() {
    let checked = check_document("README.md");
    assert!(checked >= 15, "only {checked} README commands were checked");
}

#[test]
fn the_lifecycle_examples_are_what_menkyo_prints() {
    let checked = check_document("docs/lifecycle.md");
    assert!(
        checked >= 15,
        "only {checked} docs/lifecycle.md commands were checked"
    );
}

#[test]
fn the_cli_crate_readme_examples_are_what_menkyo_prints() {
    let checked = check_document("crates/menkyo-cli/README.md");
    assert_eq!(checked, 2, "crates/menkyo-cli/README.md");
}

/// Runs the document's examples; returns how many commands were checked.
fn check_document(document: &str) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let readme = std::fs::read_to_string(root.join(document)).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("menkyo");
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(root.join("fixtures"), dir.path().join("fixtures")).unwrap();
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut checked = 0;
    for block in blocks(&readme).iter().filter(|b| runs_here(b)) {
        let mut script = String::new();
        for (i, step) in block.iter().enumerate() {
            // The marker keeps the last command's status for a following `echo $?`.
            script.push_str(&format!("s=$?; echo '@@{i}'; (exit $s)\n"));
            match step.command.strip_prefix("cat ") {
                Some(file) => {
                    std::fs::write(dir.path().join(file), &step.output).unwrap();
                    script.push_str(&format!("cat {file}\n"));
                }
                None => script.push_str(&format!("{}\n", step.command)),
            }
        }
        let out = Command::new("bash")
            .arg("-c")
            .arg(format!("exec 2>&1\n{script}"))
            .current_dir(dir.path())
            .env("PATH", &path)
            .env("NO_COLOR", "1")
            .env_remove("MENKYO_PIN1")
            .env_remove("MENKYO_PIN2")
            .env_remove("MENKYO_PIN")
            .env_remove("MENKYO_BASIC_INFO_PIN")
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let mut printed = text.split("@@").skip(1);
        for (i, step) in block.iter().enumerate() {
            let got = printed.next().unwrap_or_default();
            let got = got
                .strip_prefix(&format!("{i}\n"))
                .unwrap_or_else(|| panic!("no output for `{}`", step.command));
            assert_eq!(
                got.trim_end(),
                step.output.trim_end(),
                "{document}: `{}` printed something else",
                step.command
            );
            checked += 1;
        }
    }
    checked
}
