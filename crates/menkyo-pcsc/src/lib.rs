#![forbid(unsafe_code)]
//! The PC/SC back end: card readers (ICカードリーダー) through pcscd, WinSCard or CryptoTokenKit.
//!
//! [`Pcsc`] lists readers and connects; [`PcscCard`] is a [`menkyo_transport::CardTransport`]
//! that connects shared with T=0 or T=1 and holds one PC/SC transaction per reading session;
//! [`Watcher`] reports readers and cards coming and going. Every failure is a
//! [`menkyo_transport::TransportError`], or an [`Error`] when no one reader can be chosen;
//! [`advice`] says what the user can do about a transport error.

mod capabilities;
mod card;
mod choose;
mod context;
pub mod doctor;
mod error;
mod keep_alive;
pub mod listing;
mod watch;
pub mod write_guard;

pub use card::{ConnectOptions, LengthMode, PcscCard};
pub use context::{CardState, Pcsc, Reader};
pub use error::{advice, Error};
pub use keep_alive::KeepAlive;
pub use watch::{Canceller, Event, Watcher};

/// The example of the crate's README, run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
