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
//! status word, one handler per command answers it, the file trees of both models live in one
//! place with the access rule next to each EF, and the state is split into a persistent half
//! (the image) and a volatile half (current files, verified PINs).

mod command;
mod emulator;
mod fs;
mod handlers;
pub mod image;
pub mod jpki;
pub mod licence_ap;
mod models;
pub mod persist;
pub mod pin_digest;
pub mod profile;
pub mod samples;
pub mod signing;
pub mod spec_cards;
mod state;
pub mod transcript;
mod transport;
pub mod vpcd;

pub use emulator::{Emulator, Quirks, VirtualCard};
pub use image::{CardImage, CardModel, ImageError};
pub use transport::{InProcessTransport, ReaderLimit};

/// Everything that can go wrong in this crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A card image could not be loaded, saved or used.
    #[error(transparent)]
    Image(#[from] ImageError),
    /// A transcript could not be read or did not play as written.
    #[error(transparent)]
    Transcript(#[from] transcript::TranscriptError),
}
