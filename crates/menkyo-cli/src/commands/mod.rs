//! One module per subcommand.

mod decode;

use crate::cli::Command;
use crate::error::CliError;

/// Runs a subcommand.
pub fn run(command: Command) -> Result<(), CliError> {
    match command {
        Command::Decode(args) => decode::run(&args),
    }
}
