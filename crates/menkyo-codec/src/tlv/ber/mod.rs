//! BER-TLV of ISO/IEC 7816-4 §5.2 (the X.690 subset smart cards use): tags of one to four
//! bytes, definite lengths (`00`–`7F`, `81`, `82`, `83`), constructed objects decoded into
//! their data objects.
//!
//! **Padding.** ISO/IEC 7816-4 allows `00` and `FF` bytes before, between and after data
//! objects. The decoder skips every `00` there, and every `FF` that is followed by `FF`, `00` or
//! the end of the enclosing value. Any other `FF` is the first byte of a tag: the My Number
//! card's 券面事項入力補助AP uses `FF10`, `FF20` and `FF30`. A single `FF` padding byte directly
//! before an object is therefore misread; no card in scope writes one.
//!
//! **Depth.** Nesting of constructed objects is limited by [`Limits`]; the decoder is not
//! recursive, so no input exhausts the stack.

mod decode;
mod header;
mod tag;
mod tlv;

pub use tag::{Class, Tag};
pub use tlv::{encode, find, write_length, Tlv, Value, MAX_VALUE_LEN};

use super::Mode;
use crate::Error;

/// Resource limits of [`parse`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    max_depth: usize,
}

impl Limits {
    /// Default nesting limit.
    pub const DEFAULT_MAX_DEPTH: usize = 16;
    /// Highest nesting limit accepted; larger requests are lowered to it, so that dropping,
    /// printing and encoding a decoded tree (which recurse) stay shallow.
    pub const MAX_DEPTH: usize = 64;

    /// Constructed objects may nest `max_depth` deep (a top-level constructed object is depth
    /// 1), at most [`Limits::MAX_DEPTH`].
    pub fn with_max_depth(max_depth: usize) -> Self {
        Self {
            max_depth: max_depth.min(Self::MAX_DEPTH),
        }
    }

    /// The nesting limit.
    pub fn max_depth(&self) -> usize {
        self.max_depth
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self::with_max_depth(Self::DEFAULT_MAX_DEPTH)
    }
}

/// The result of [`parse_detailed`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed<'a> {
    /// The top-level data objects.
    pub objects: Vec<Tlv<'a>>,
    /// [`Mode::Lenient`] only: what strict mode would have rejected.
    pub warnings: Vec<Error>,
}

/// Decodes a sequence of BER-TLV data objects.
///
/// [`Mode::Strict`]: any malformed object is an error naming its offset. [`Mode::Lenient`]:
/// see [`parse_detailed`]. Nesting deeper than `limits` is an error in both modes.
pub fn parse(input: &[u8], mode: Mode, limits: Limits) -> Result<Vec<Tlv<'_>>, Error> {
    parse_detailed(input, mode, limits).map(|parsed| parsed.objects)
}

/// Like [`parse`], also returning the warnings of [`Mode::Lenient`].
///
/// Lenient: a constructed object whose value does not decode as data objects is returned as
/// [`Value::Primitive`] with its value bytes (the 個人番号 EF's `FF10` holds 12 digits under a
/// constructed tag), and decoding resumes after it; a malformed top-level object ends
/// decoding. Each becomes a warning.
pub fn parse_detailed(input: &[u8], mode: Mode, limits: Limits) -> Result<Parsed<'_>, Error> {
    decode::decode(input, mode, limits, true)
}

/// Decodes a sequence of data objects without looking inside constructed values: every
/// object's value is [`Value::Primitive`]. For values that are not BER-TLV despite a
/// constructed tag, such as the 個人番号 EF's `FF10`.
pub fn parse_flat(input: &[u8], mode: Mode) -> Result<Parsed<'_>, Error> {
    decode::decode(input, mode, Limits::default(), false)
}
