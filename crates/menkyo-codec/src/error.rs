//! The crate-level error: every module error of the codec, wrapped.

use crate::apdu::ApduError;

/// Any error of `menkyo-codec`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A malformed APDU or one that does not fit its encoding.
    #[error("invalid APDU")]
    Apdu(#[from] ApduError),
}
