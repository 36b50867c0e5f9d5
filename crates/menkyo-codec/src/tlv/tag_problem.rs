//! Why bytes are not a usable BER tag: the detail of [`Error::InvalidTag`](crate::Error::InvalidTag).

use std::fmt;

/// Why bytes are not a usable BER tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TagProblem {
    /// No bytes.
    Empty,
    /// Starts with `00`, or `FF` followed by `FF` or `00`: decoders skip these as padding.
    LooksLikePadding,
    /// The last byte still has the continuation bit (b8) set, or a multi-byte tag stops after
    /// its first byte.
    Incomplete,
    /// Bytes after the end of the tag.
    Trailing,
    /// Longer than [`ber::Tag::MAX_LEN`](crate::tlv::ber::Tag::MAX_LEN) bytes.
    TooLong,
}

impl fmt::Display for TagProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Empty => "empty",
            Self::LooksLikePadding => "starts like padding (00, FF FF or FF 00)",
            Self::Incomplete => "incomplete",
            Self::Trailing => "bytes after the end of the tag",
            Self::TooLong => "too long",
        })
    }
}
