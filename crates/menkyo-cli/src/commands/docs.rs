//! `menkyo completions` and `menkyo man`: generated from the clap definitions at run time, so
//! they always match the binary and need no build script. Every man page ends with the EXIT
//! STATUS section of the one exit-status table.

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
    let command = Cli::command().after_help(PIN_HELP);
    match &args.out {
        Some(dir) => {
            let failed = |source| Error::WriteFile {
                path: dir.clone(),
                source,
            };
            std::fs::create_dir_all(dir).map_err(failed)?;
            let mut command = command.disable_help_subcommand(true);
            command.build();
            write_pages(command, dir).map_err(failed)
        }
        None => output::print(&String::from_utf8_lossy(&page(command)?)),
    }
}

/// The page of `command` and of each of its subcommands, named as `clap_mangen` names them
/// (`menkyo-pin-status.1`).
fn write_pages(command: clap::Command, dir: &Path) -> std::io::Result<()> {
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_pages(sub.clone(), dir)?;
    }
    let man = clap_mangen::Man::new(command.clone());
    let bytes = page(command).map_err(|e| match e {
        Error::Output(io) => io,
        other => std::io::Error::other(other.to_string()),
    })?;
    std::fs::write(dir.join(man.get_filename()), bytes)
}

/// One man page in roff: what `clap_mangen` renders, then EXIT STATUS.
fn page(command: clap::Command) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut out)
        .map_err(Error::Output)?;
    out.extend_from_slice(ExitStatus::man_section().as_bytes());
    Ok(out)
}
