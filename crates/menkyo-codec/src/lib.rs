#![forbid(unsafe_code)]
//! Pure codecs for the IC chip of Japanese driving licences: the ICカード運転免許証 and the
//! 免許AP of the マイナ免許証 (My Number card). No I/O happens here.

pub mod apdu;
pub mod apdu_script;
pub mod atr;
pub mod date;
mod error;
pub mod hex_text;
pub mod layout;
pub mod records;
pub mod registry;
pub mod secret;
pub mod status;
pub mod text;
pub mod tlv;
pub mod trace;

pub use error::Error;

/// The example of the crate's README, run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
