//! The crate-level error: every module error of the codec, wrapped.

use crate::apdu::ApduError;
use crate::date::DateError;
use crate::secret::SecretError;
use crate::text::TextError;
use crate::tlv::TlvError;

/// Any error of `menkyo-codec`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A malformed APDU or one that does not fit its encoding.
    #[error("invalid APDU")]
    Apdu(#[from] ApduError),
    /// A malformed date7 or BCD date, or a date outside its era.
    #[error("invalid date")]
    Date(#[from] DateError),
    /// A PIN or password that breaks its rules.
    #[error("invalid PIN or password")]
    Secret(#[from] SecretError),
    /// Text that is not JIS X 0208, or a character without a JIS X 0208 code.
    #[error("invalid JIS X 0208 text")]
    Text(#[from] TextError),
    /// Malformed TLV data or a value that does not fit its encoding.
    #[error("invalid TLV")]
    Tlv(#[from] TlvError),
}
