//! One module per subcommand.

pub mod card_lifecycle;
mod decode;
pub mod jpki;

use crate::cli::Command;
use crate::error::CliError;

/// Runs a subcommand.
pub fn run(command: Command) -> Result<(), CliError> {
    match command {
        Command::Decode(args) => decode::run(&args),
        Command::Jpki(args) => jpki::run(&args),
        Command::Card(args) => card_lifecycle::run(&args),
    }
}
