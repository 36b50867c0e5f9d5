//! How a software card is reached: in process behind the transport trait, through pcscd by
//! the vpcd bridge, and APDU transcripts played against it; reader profiles play a real
//! reader's limits on either path.

pub(crate) mod in_process;
pub mod reader_profile;
pub mod transcript;
pub mod vpcd;
