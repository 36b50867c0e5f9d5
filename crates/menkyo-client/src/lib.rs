#![forbid(unsafe_code)]
//! Everything above the transport trait: typed commands, GET RESPONSE, extended length, whole-file
//! reads, card detection and the reading procedures of both cards.

pub mod ask;
pub mod commands;
pub mod decoded;
pub mod detect;
pub mod error;
pub mod exchange;
pub mod files;
pub mod ic;
pub mod jpki;
pub mod licence;
pub mod myna;
pub mod outcome;
pub mod pin;
pub mod pin_status;
pub mod plan;
pub mod reader;
pub mod trace;
pub mod view;

pub use ask::{PinNeed, PinProvider, PinRequest};
pub use decoded::{IcLicence, MynaLicence};
pub use detect::{detect, CardKind};
pub use error::{Error, Step};
pub use exchange::Exchange;
pub use files::EfRef;
pub use ic::{IcLicenceFiles, IcPins};
pub use licence::{LicenceFiles, LicenceRead, Pins, ReadOptions};
pub use myna::{MynaLicenceFiles, MynaPins};
pub use outcome::{RawFile, SkipReason, Skipped};
pub use pin::{LastTry, PinId, PinState, PinStatus};
pub use pin_status::CardPins;
pub use plan::CardFiles;
pub use reader::Reader;
pub use trace::{TraceEntry, TraceLog, TraceSink};
pub use view::{LicenceView, Sourced};
