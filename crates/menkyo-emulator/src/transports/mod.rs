//! How a software card is reached: in process behind the transport trait, through pcscd by
//! the vpcd bridge, and APDU transcripts played against it.

pub(crate) mod in_process;
pub mod transcript;
pub mod vpcd;
