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
mod pin;
mod raw;
mod read;
mod read_watch;
mod readers;

use crate::cli::Command;
use crate::error::Error;

/// Runs a subcommand.
pub fn run(command: Command) -> Result<(), Error> {
    match command {
        Command::Decode(args) => decode::run(&args),
        Command::Read(args) => read::run(&args),
        Command::Dump(args) => dump::run(&args),
        Command::Pin(command) => pin::run(&command),
        Command::Apdu(args) => raw::apdu(&args),
        Command::Script(args) => raw::script(&args),
        Command::Card(command) => card::run(&command),
        Command::Jpki(args) => jpki::run(&args),
        Command::Completions(args) => docs::completions(&args),
        Command::Man(args) => docs::man(&args),
        Command::Readers(args) => readers::run(&args),
        Command::Doctor(args) => doctor::run(&args),
        Command::Emulate(args) => emulate::run(&args),
    }
}
