//! The one error of the crate: every malformed APDU, TLV, text, date, record, script line and
//! refused secret.

/// Why bytes, text or values could not be decoded, encoded or used. Offsets count bytes from
/// the start of the input the failing function was given, unless a variant says otherwise.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    // JIS X 0208 text (`text`).
    /// An odd number of bytes.
    #[error("{len} bytes cannot be two-byte JIS X 0208 codes (odd length)")]
    OddLength {
        /// Length of the input.
        len: usize,
    },
    /// A code that is neither JIS X 0208 nor 外字/欠字.
    #[error("invalid JIS X 0208 code {code:04X} at byte {offset}")]
    InvalidCode {
        /// Byte offset.
        offset: usize,
        /// The two bytes.
        code: u16,
    },
    /// A character with no JIS X 0208 code.
    #[error("character {ch:?} (U+{:04X}) at position {position} has no JIS X 0208 code", u32::from(*ch))]
    Unencodable {
        /// The character.
        ch: char,
        /// Its index among the `char`s of the text.
        position: usize,
    },
    /// A [`Gaiji`](crate::text::Gaiji) whose position does not hold 〓.
    #[error("gaiji at position {position} does not point at a 〓 of the text")]
    GaijiNotOnGeta {
        /// The position.
        position: usize,
    },
    /// Two [`Gaiji`](crate::text::Gaiji) at the same position.
    #[error("two gaiji at position {position}")]
    DuplicateGaiji {
        /// The position.
        position: usize,
    },
    /// 外字 number outside 1–7.
    #[error("external character number {number} is outside 1-7")]
    ExternalNumber {
        /// The number.
        number: u8,
    },
}
