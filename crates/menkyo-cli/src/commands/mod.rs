//! One module per subcommand.

mod card;
mod card_clone;
pub mod card_lifecycle;
mod decode;
mod docs;
mod doctor;
mod dump;
mod emulate;
pub mod jpki;
mod pcsc_failure;
mod pin;
mod raw;
mod read;
mod read_watch;
mod readers;

pub use emulate::EmulateError;
pub use readers::ReadersError;

use crate::cli::Command;
use crate::error::CliError;

/// Runs a subcommand.
pub fn run(command: Command) -> Result<(), CliError> {
    match command {
        Command::Decode(args) => decode::run(&args),
        Command::Read(args) => Ok(read::run(&args)?),
        Command::Dump(args) => Ok(dump::run(&args)?),
        Command::Pin(command) => Ok(pin::run(&command)?),
        Command::Apdu(args) => Ok(raw::apdu(&args)?),
        Command::Script(args) => Ok(raw::script(&args)?),
        Command::Card(command) => Ok(card::run(&command)?),
        Command::Jpki(args) => Ok(jpki::run(&args).map_err(crate::failure::Failure::from)?),
        Command::Completions(args) => Ok(docs::completions(&args)?),
        Command::Man(args) => Ok(docs::man(&args)?),
        Command::Readers(args) => Ok(readers::run(&args)?),
        Command::Doctor(args) => Ok(doctor::run(&args)?),
        Command::Emulate(args) => Ok(emulate::run(&args)?),
    }
}
