//! `menkyo completions` and `menkyo man`: generated from the clap definitions at run time, so
//! they always match the binary and need no build script. Each manual page gets an
//! ENVIRONMENT section naming the variables that command reads, and ends with the EXIT STATUS
//! section of the one exit-status table.

use std::path::Path;

use clap::CommandFactory;

use crate::args::{CompletionsArgs, ManArgs, PIN_HELP};
use crate::cli::Cli;
use crate::error::Error;
use crate::exit_status::ExitStatus;
use crate::output;

pub fn completions(args: &CompletionsArgs) -> Result<(), Error> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "menkyo", &mut out);
    output::print(&String::from_utf8_lossy(&out))
}

pub fn man(args: &ManArgs) -> Result<(), Error> {
    let mut command = Cli::command()
        .after_help(PIN_HELP)
        .disable_help_subcommand(true);
    command.build();
    match &args.out {
        Some(dir) => {
            let failed = |source| Error::WriteFile {
                path: dir.clone(),
                source,
            };
            std::fs::create_dir_all(dir).map_err(failed)?;
            write_pages(&command, dir).map_err(failed)
        }
        None => output::print(&String::from_utf8_lossy(
            &page(&command).map_err(Error::Output)?,
        )),
    }
}

/// Writes the page of `command` and of each of its subcommands into `dir`, named as
/// `clap_mangen` names them (`menkyo-pin-status.1`).
fn write_pages(command: &clap::Command, dir: &Path) -> std::io::Result<()> {
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_pages(sub, dir)?;
    }
    let man = clap_mangen::Man::new(command.clone());
    output::write_atomically(&dir.join(man.get_filename()), &page(command)?)
        .map_err(|e| std::io::Error::other(e.to_string()))
}

/// One man page in roff: what `clap_mangen` renders with the ENVIRONMENT section before
/// VERSION, then EXIT STATUS.
fn page(command: &clap::Command) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut out)?;
    let text = String::from_utf8_lossy(&out).into_owned();
    let section = environment_section(command);
    let mut text = match text.find(".SH VERSION") {
        Some(at) => format!("{}{section}{}", &text[..at], &text[at..]),
        None => format!("{text}{section}"),
    };
    text.push_str(&ExitStatus::man_section());
    Ok(text.into_bytes())
}

/// The PINs of a licence read, in the order they are asked.
const LICENCE_PINS: [(&str, &str); 4] = [
    ("MENKYO_PIN1", "暗証番号1 (PIN1) of the IC licence."),
    (
        "MENKYO_PIN2",
        "暗証番号2 (PIN2) of the IC licence: 本籍 and the photo.",
    ),
    (
        "MENKYO_PIN",
        "the 免許AP PIN of the マイナ免許証, when the holder set one.",
    ),
    (
        "MENKYO_BASIC_INFO_PIN",
        "the 券面事項入力補助用暗証番号 of the My Number card (with --basic-info).",
    ),
];
const JPKI_PASSWORD: (&str, &str) = (
    "MENKYO_JPKI_PASSWORD",
    "the JPKI 署名用パスワード (6 to 16 letters and digits).",
);
const LICENCE_AP_PIN: (&str, &str) = (
    "MENKYO_LICENCE_AP_PIN",
    "the 免許AP PIN that card record --set-pin sets.",
);
const NO_COLOR: (&str, &str) = (
    "NO_COLOR",
    "set and not empty: no colour, unless --color always.",
);

/// The variables `command` reads: the PINs or password it asks for, and `NO_COLOR`.
fn variables(command: &clap::Command) -> Vec<(&'static str, &'static str)> {
    let asks = command.get_arguments().any(|a| a.get_id() == "pin_stdin");
    let bin = command.get_bin_name().unwrap_or(command.get_name());
    let mut out = Vec::new();
    if bin == "menkyo" {
        out.extend(LICENCE_PINS);
        out.extend([JPKI_PASSWORD, LICENCE_AP_PIN]);
    } else if asks && bin.starts_with("menkyo jpki") {
        out.push(JPKI_PASSWORD);
    } else if asks && bin.starts_with("menkyo card") {
        out.push(LICENCE_AP_PIN);
    } else if asks {
        out.extend(LICENCE_PINS);
    }
    out.push(NO_COLOR);
    out
}

/// `.SH ENVIRONMENT` with one `.TP` per variable.
fn environment_section(command: &clap::Command) -> String {
    let mut out = String::from(".SH ENVIRONMENT\n");
    let asks = variables(command).len() > 1;
    if asks {
        out.push_str(
            "A PIN or password comes from its variable, else from standard input with \
             \\-\\-pin\\-stdin, else from a prompt without echo; never from an argument.\n",
        );
    }
    for (name, what) in variables(command) {
        out.push_str(&format!(".TP\n\\fB{name}\\fR\n{what}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built() -> clap::Command {
        let mut command = Cli::command().disable_help_subcommand(true);
        command.build();
        command
    }

    fn names(command: &clap::Command) -> Vec<&'static str> {
        variables(command).into_iter().map(|(n, _)| n).collect()
    }

    #[test]
    fn each_page_names_the_variables_of_its_command() {
        let top = built();
        let sub = |path: &[&str]| {
            let mut c = &top;
            for p in path {
                c = c.find_subcommand(p).unwrap();
            }
            c.clone()
        };
        assert_eq!(
            names(&sub(&["read"])),
            [
                "MENKYO_PIN1",
                "MENKYO_PIN2",
                "MENKYO_PIN",
                "MENKYO_BASIC_INFO_PIN",
                "NO_COLOR"
            ]
        );
        assert_eq!(names(&sub(&["dump"])), names(&sub(&["read"])));
        assert_eq!(
            names(&sub(&["jpki", "sign"])),
            ["MENKYO_JPKI_PASSWORD", "NO_COLOR"]
        );
        assert_eq!(
            names(&sub(&["card", "record"])),
            ["MENKYO_LICENCE_AP_PIN", "NO_COLOR"]
        );
        assert_eq!(names(&sub(&["readers"])), ["NO_COLOR"]);
        assert_eq!(names(&top).len(), 7);
    }

    #[test]
    fn the_section_comes_before_version() {
        let page = String::from_utf8(page(&built()).unwrap()).unwrap();
        let env = page.find(".SH ENVIRONMENT").unwrap();
        assert!(env < page.find(".SH VERSION").unwrap());
        assert!(page.contains("\\fBMENKYO_BASIC_INFO_PIN\\fR"));
    }
}
