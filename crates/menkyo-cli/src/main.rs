#![forbid(unsafe_code)]
//! The `menkyo` command.

mod args;
mod backend;
mod cli;
mod commands;
mod error;
mod failure;
mod feedback;
mod files;
mod input;
mod lifecycle_error;
mod output;
mod photo;
mod pins;
mod probe;
mod raw_guard;
mod receipt;
mod redact;
mod render;
mod script;
mod secret_input;
mod session;
mod style;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    style::init(cli.color);
    match commands::run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("menkyo: {}", style::bad(&error.one_line()));
            ExitCode::from(error.exit_code())
        }
    }
}
