#![forbid(unsafe_code)]
//! A software card: the ICカード運転免許証 and the My Number card carrying the 免許AP, answering
//! APDUs exactly as the real chips do.
//!
//! An [`Emulator`] runs on a [`CardImage`] (file contents, PIN digests, retry counters), held in
//! memory or bound to a file that every counter change is written to before the card answers.
//! [`InProcessTransport`] puts it behind the project's transport trait; [`VirtualCard`] is what
//! other back ends (the vpcd bridge) serve.
//!
//! Inside, as on a real card: each APDU is parsed into a typed command whose parse error is the
//! status word, one handler per command answers it, the file trees of both models are built
//! from the card registry (`menkyo_codec::registry`) with the access rule of each EF, and the
//! state is split into a persistent half (the image) and a volatile half (current files,
//! verified PINs).
//!
//! The crate is in three parts that change for different reasons, with the image format
//! ([`image`]) between them:
//!
//! | Part | Modules | Changes when |
//! |---|---|---|
//! | the APDU engine (`src/engine/`) | [`Emulator`], commands, handlers, file trees, state | the cards' behaviour is better known |
//! | provisioning (`src/provision/`) | [`profile`], [`samples`], [`signing`], [`licence_ap`], [`jpki`], [`spec_cards`], [`clone`], [`synthetic`] | what goes on a card, and its life cycle |
//! | transports (`src/transports/`) | [`InProcessTransport`], [`vpcd`], [`transcript`], [`reader_profile`] | how a card is reached |

mod engine;
mod error;
mod error_area;
pub mod image;
pub mod image_summary;
pub mod persist;
pub mod pin_digest;
mod provision;
mod transports;

use engine::{command, emulator, fs, handlers, models, state};
pub use provision::{
    clone, jpki, licence_ap, lifecycle, named, profile, samples, signing, spec_cards, synthetic,
};
use transports::in_process as transport;
pub use transports::{reader_profile, transcript, vpcd};

pub use emulator::{Emulator, Quirks, VirtualCard};
pub use error::Error;
pub use error_area::ErrorArea;
pub use image::{CardImage, CardModel};
pub use transport::InProcessTransport;

/// The example of the crate's README, run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
