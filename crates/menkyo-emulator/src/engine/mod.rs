//! The APDU engine: raw bytes parsed into typed commands, one handler per command, the file
//! trees built from the registry, and the card's persistent and volatile state.

pub(crate) mod command;
pub(crate) mod emulator;
pub(crate) mod fs;
pub(crate) mod handlers;
pub(crate) mod models;
pub(crate) mod state;
