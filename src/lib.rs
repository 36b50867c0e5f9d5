#![forbid(unsafe_code)]
//! menkyo: a toolkit for the IC chip of Japanese driving licences, the ICカード運転免許証 and the
//! マイナ免許証 (the 免許AP on the My Number card).
//!
//! This crate gathers the parts under one name; the workspace's end-to-end tests live beside it.
//! Two cargo features, both on by default, can be left out (`default-features = false`):
//! `pcsc` (real readers, [`pcsc`]; needs libpcsclite) and `emulator` (the software card,
//! [`emulator`]). Without them the codec, the transport trait, the client and the signatures
//! remain, for a program that brings its own transport.
//!
//! | Part | What it is |
//! |---|---|
//! | [`codec`] | APDUs, status words, TLV, JIS X 0208 text, era dates and the typed records of both cards; no I/O |
//! | [`transport`] | the one trait every back end implements: a transaction that moves raw APDUs |
//! | [`client`] | everything above it, written once: GET RESPONSE, extended length, detection, the reading procedures |
//! | [`emulator`] | a software card, byte-exact to the real chips, in process or behind pcscd through vpcd |
//! | [`pcsc`] | real readers (ICリーダー) through pcscd, WinSCard or CryptoTokenKit |
//! | [`auth`] | the cards' signatures: decoding, verification against a trust anchor |
//!
//! Reading the built-in sample マイナ免許証 through the emulator; a PC/SC reader is used the same
//! way, with [`pcsc::Pcsc::establish`] and [`pcsc::Pcsc::connect_any`] in place of the emulator:
//!
//! ```
//! use menkyo::client::{LicenceRead, Pins, ReadOptions, Reader};
//! use menkyo::emulator::{samples, Emulator, InProcessTransport};
//!
//! let image = samples::get("myna-licence").expect("a built-in sample");
//! let mut card = Emulator::new(image);
//! card.power_on();
//! let mut transport = InProcessTransport::new(card);
//! let read = Reader::new(&mut transport).read_licence(&Pins::default(), ReadOptions::default())?;
//! assert!(matches!(read, LicenceRead::Myna(_)));
//! let view = read.view();
//! assert_eq!(view.number.map(|n| n.value).as_deref(), Some("012345678920"));
//! # Ok::<(), menkyo::client::Error>(())
//! ```

//! One call does the same for the common case, and says which classes the licence holds:
//!
//! ```
//! use menkyo::client::Pins;
//!
//! let read = menkyo::read_sample("myna-licence", &Pins::default())?;
//! let view = read.view();
//! let held: Vec<&str> = view.classes_held().map(|class| class.name).collect();
//! assert_eq!(held, ["普通", "普自二", "原付"]);
//! # Ok::<(), menkyo::Error>(())
//! ```

#[cfg(feature = "emulator")]
use menkyo_client::{LicenceRead, Pins, ReadOptions, Reader};
#[cfg(feature = "emulator")]
use menkyo_emulator::{samples, Emulator, InProcessTransport};

pub use menkyo_auth as auth;
pub use menkyo_client as client;
pub use menkyo_codec as codec;
#[cfg(feature = "emulator")]
pub use menkyo_emulator as emulator;
#[cfg(feature = "pcsc")]
pub use menkyo_pcsc as pcsc;
pub use menkyo_render as render;
pub use menkyo_transport as transport;

/// Why a one-call read failed.
#[cfg(feature = "emulator")]
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No built-in sample has that name.
    #[error("{0:?} is not a built-in sample ({names})", names = samples::names().join(", "))]
    UnknownSample(String),
    /// The read failed on the card.
    #[error(transparent)]
    Read(#[from] menkyo_client::Error),
}

#[cfg(feature = "emulator")]
/// Reads the licence of the built-in sample card `name` (`myna-licence`, `ic-licence`, …) in
/// this process, through the same client as a PC/SC reader, with `pins` and the default
/// options (the last try refused, lenient decoding).
pub fn read_sample(name: &str, pins: &Pins) -> Result<LicenceRead, Error> {
    let image = samples::get(name).ok_or_else(|| Error::UnknownSample(name.to_owned()))?;
    let mut card = Emulator::new(image);
    card.power_on();
    let mut transport = InProcessTransport::new(card);
    Ok(Reader::new(&mut transport).read_licence(pins, ReadOptions::default())?)
}
