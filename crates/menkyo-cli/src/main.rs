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
mod files;
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
