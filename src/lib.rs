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

pub use menkyo_auth as auth;
pub use menkyo_client as client;
pub use menkyo_codec as codec;
#[cfg(feature = "emulator")]
pub use menkyo_emulator as emulator;
#[cfg(feature = "pcsc")]
pub use menkyo_pcsc as pcsc;
pub use menkyo_transport as transport;
