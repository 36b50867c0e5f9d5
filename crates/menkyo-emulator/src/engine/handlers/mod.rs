//! One handler per command, each headed by the section of the card notes it follows. A handler
//! answers `Ok` with response data and a success or warning status word, or `Err` with the
//! status word of the error.

pub mod read_binary;
pub mod select;
pub mod sign;
pub mod verify;

use menkyo_codec::status::StatusWord;

use crate::command::Command;
use crate::fs::FileSystem;
use crate::image::CardImage;
use crate::state::{Persistent, Volatile};

/// A response: data, then the status word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// Response data.
    pub data: Vec<u8>,
    /// SW1 SW2.
    pub sw: StatusWord,
}

impl Reply {
    /// `9000` without data.
    pub fn ok() -> Self {
        Reply::status(StatusWord::Success)
    }

    /// A status word without data.
    pub fn status(sw: StatusWord) -> Self {
        Reply {
            data: Vec::new(),
            sw,
        }
    }

    /// Data with `9000`.
    pub fn data(data: Vec<u8>) -> Self {
        Reply {
            data,
            sw: StatusWord::Success,
        }
    }

    /// The raw response APDU.
    pub fn into_bytes(self) -> Vec<u8> {
        let mut bytes = self.data;
        bytes.extend_from_slice(&self.sw.to_bytes());
        bytes
    }
}

/// What a handler answers: a reply, or the status word it refuses the command with.
pub type HandlerResult = Result<Reply, StatusWord>;

/// The card proper: its file tree and its two halves of state.
#[derive(Debug)]
pub struct Card {
    /// The file tree of the card's model.
    pub fs: FileSystem,
    /// File contents and retry counters.
    pub persistent: Persistent,
    /// Current files and verified PINs.
    pub volatile: Volatile,
    /// [`crate::Quirks::reselect_keeps_security`].
    pub reselect_keeps_security: bool,
}

impl Card {
    /// A powered-on card on `persistent`.
    pub fn new(persistent: Persistent) -> Self {
        let fs = crate::models::file_system(persistent.image());
        Card::with_file_system(persistent, fs)
    }

    /// A powered-on card on `persistent` whose files are those `spec` declares.
    pub fn on_spec(persistent: Persistent, spec: &menkyo_codec::registry::Card) -> Self {
        let fs = crate::models::file_system_of(spec, persistent.image());
        Card::with_file_system(persistent, fs)
    }

    fn with_file_system(persistent: Persistent, fs: FileSystem) -> Self {
        let volatile = Volatile::power_on(&fs);
        Card {
            fs,
            persistent,
            volatile,
            reselect_keeps_security: false,
        }
    }

    /// The image.
    pub fn image(&self) -> &CardImage {
        self.persistent.image()
    }

    /// Forgets the volatile state, as at power-off or reset.
    pub fn clear_volatile(&mut self) {
        self.volatile = Volatile::power_on(&self.fs);
    }

    /// Runs one command (GET RESPONSE is the emulator's, not the card's).
    pub fn dispatch(&mut self, command: Command) -> HandlerResult {
        match command {
            Command::Select(select) => self.select(select),
            Command::ReadBinary(read) => self.read_binary(read),
            Command::Verify(verify) => self.verify(verify),
            Command::Sign(sign) => self.sign(sign),
            Command::GetResponse { .. } => Err(StatusWord::ConditionsNotSatisfied),
        }
    }
}
