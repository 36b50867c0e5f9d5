#![forbid(unsafe_code)]
//! The `menkyo` command.

mod cli;
mod commands;
mod error;
mod input;
mod lifecycle_error;
mod receipt;
mod render;
mod secret_input;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("menkyo: {}", error.one_line());
            ExitCode::from(error.exit_code())
        }
    }
}
