#![forbid(unsafe_code)]
//! A software card: the ICカード運転免許証 and the My Number card carrying the 免許AP, answering
//! APDUs exactly as the real chips do.

pub mod image;
