//! TLV (tag–length–value) codecs. Both decoders borrow from their input.
//!
//! - [`simple`]: the simple TLV of the licence files (DF1/EF01 記載事項, the 免許AP's WEF02):
//!   one-byte tags, one- or three-byte lengths, `FF` filler after the data.
//! - [`ber`]: BER-TLV of ISO/IEC 7816-4 §5.2 (X.690 subset): multi-byte tags, definite lengths,
//!   constructed objects (the 券面事項入力補助AP's `FF20`, the photo's `5F40`).

pub mod ber;
mod nom_error;
pub mod simple;
mod tag_problem;

pub use tag_problem::TagProblem;

/// How a decoder treats malformed data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Malformed data is an error naming its offset.
    #[default]
    Strict,
    /// Keep what parsed completely and report the rest as warnings.
    Lenient,
}
