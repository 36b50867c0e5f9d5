//! The crate-level error: every module error of the codec, wrapped.

use crate::apdu::ApduError;
use crate::tlv::TlvError;

/// Any error of `menkyo-codec`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A malformed APDU or one that does not fit its encoding.
    #[error("invalid APDU")]
    Apdu(#[from] ApduError),
    /// Malformed TLV data or a value that does not fit its encoding.
    #[error("invalid TLV")]
    Tlv(#[from] TlvError),
}
