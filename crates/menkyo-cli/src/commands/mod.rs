//! One module per subcommand.

mod decode;
mod emulate;
mod pcsc_failure;
mod readers;

pub use emulate::EmulateError;
pub use readers::ReadersError;

use crate::cli::Command;
use crate::error::CliError;

/// Runs a subcommand.
pub fn run(command: Command) -> Result<(), CliError> {
    match command {
        Command::Decode(args) => decode::run(&args),
        Command::Readers(args) => Ok(readers::run(&args)?),
        Command::Emulate(args) => Ok(emulate::run(&args)?),
    }
}
