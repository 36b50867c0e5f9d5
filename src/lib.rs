#![forbid(unsafe_code)]
//! menkyo: a toolkit for the IC chip of Japanese driving licences, the ICカード運転免許証 and the
//! マイナ免許証 (the 免許AP on the My Number card).
//!
//! This crate gathers the parts under one name; the workspace's end-to-end tests live beside it.

pub use menkyo_auth as auth;
pub use menkyo_client as client;
pub use menkyo_codec as codec;
pub use menkyo_emulator as emulator;
pub use menkyo_pcsc as pcsc;
pub use menkyo_transport as transport;
