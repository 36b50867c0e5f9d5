//! Opening the card: an emulated card in this process (`--emulator`) or a PC/SC reader
//! (`--reader`, or the only reader holding a card).

use std::path::Path;

use menkyo_emulator::{named, Emulator, InProcessTransport, Quirks};
use menkyo_pcsc::{ConnectOptions, LengthMode, Pcsc};
use menkyo_transport::{Capabilities, CardTransport};

use crate::args::CardArgs;
use crate::error::Error;

/// The card the arguments name, connected.
pub fn open(args: &CardArgs) -> Result<Box<dyn CardTransport>, Error> {
    match &args.emulator {
        Some(card) => {
            let mut emulator = emulated(card)?;
            if args.emulator_t0 {
                emulator = emulator.with_quirks(Quirks::T0);
            }
            let mut transport = InProcessTransport::new(emulator);
            if args.short_apdus {
                transport = transport.with_capabilities(Capabilities::SHORT_ONLY);
            }
            Ok(Box::new(transport))
        }
        None => {
            let options = ConnectOptions {
                lengths: if args.short_apdus {
                    LengthMode::Short
                } else {
                    LengthMode::Auto
                },
            };
            let pcsc = Pcsc::establish()?;
            let reader = pcsc.choose_reader(args.reader.as_deref())?;
            Ok(Box::new(pcsc.connect(&reader, options)?))
        }
    }
}

/// The emulated card `card` names: a built-in sample, a card profile (`.toml`) or a card image
/// (`.json`, bound so its retry counters are written back).
pub fn emulated(card: &str) -> Result<Emulator, Error> {
    let path = Path::new(card);
    if named::builtin(card).is_none() && path.is_file() && !named::is_profile(path) {
        return Emulator::open(path).map_err(Error::Emulator);
    }
    Ok(Emulator::new(named::image(card)?))
}
