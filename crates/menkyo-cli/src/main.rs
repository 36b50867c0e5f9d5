#![forbid(unsafe_code)]
//! The `menkyo` command.

mod advice;
mod args;
mod backend;
mod cli;
mod commands;
mod error;
mod exit_status;
mod feedback;
mod input;
mod output;
mod pins;
mod secret_input;
mod session;
mod style;
mod version;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // One rule for every command: arguments (paths included) are UTF-8, or the command stops
    // before doing anything, with the same message whatever the command.
    if let Some((index, arg)) = std::env::args_os()
        .enumerate()
        .skip(1)
        .find(|(_, arg)| arg.to_str().is_none())
    {
        eprintln!(
            "menkyo: argument {index} ({}) is not valid UTF-8; menkyo takes paths and names in \
             UTF-8 only: rename the file or use a link with a UTF-8 name",
            arg.to_string_lossy()
        );
        return ExitCode::from(exit_status::ExitStatus::Usage.code());
    }
    let cli = cli::Cli::parse();
    style::init(cli.color);
    match commands::run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("menkyo: {}", style::bad(&error.one_line()));
            ExitCode::from(error.exit_status().code())
        }
    }
}
