#![forbid(unsafe_code)]
//! Everything above the transport trait: typed commands, GET RESPONSE, extended length, whole-file
//! reads, card detection and the reading procedures of both cards.

pub mod adapt;
pub mod advice;
pub mod card_status;
pub mod commands;
pub mod decoded;
pub mod detect;
pub mod dump;
pub mod dump_document;
pub mod error;
pub mod exchange;
pub mod file_read;
pub mod files;
pub mod ic;
pub mod japan_date;
pub mod jpki;
pub mod licence;
pub mod myna;
pub mod pin;
pub mod pin_request;
pub mod pin_status;
pub mod plan;
pub mod raw;
pub mod reader;
pub mod trace;
pub mod view;

pub use adapt::{LengthMode, LinkReport};
pub use card_status::CardStatus;
pub use decoded::{IcLicence, MynaLicence};
pub use detect::{detect, CardKind};
pub use error::{Error, Step};
pub use exchange::Exchange;
pub use file_read::{RawFile, SkipReason, Skipped};
pub use files::EfRef;
pub use ic::{IcLicenceFiles, IcPins};
pub use licence::{LicenceFiles, LicenceRead, Pins, ReadOptions};
pub use myna::{MynaLicenceFiles, MynaPins};
pub use pin::{LastTry, PinId, PinState, PinStatus};
pub use pin_request::{PinNeed, PinProvider, PinRequest};
pub use plan::CardFiles;
pub use reader::Reader;
pub use trace::{TraceEntry, TraceLog, TraceSink};
pub use view::{LicenceView, PhotoSummary, Redactable, Sourced};

/// The example of the crate's README, run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
