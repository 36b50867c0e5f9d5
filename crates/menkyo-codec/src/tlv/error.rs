//! Errors of the TLV codecs.

/// A malformed TLV input, or a value that cannot be encoded. Offsets count bytes from the start
/// of the input given to the decoder.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TlvError {
    /// The input ends inside a tag or length field.
    #[error("TLV header truncated at offset {offset}")]
    TruncatedHeader {
        /// Offset of the first byte of the object.
        offset: usize,
    },
    /// The length field asks for more bytes than remain.
    #[error("TLV at offset {offset} declares {declared} value bytes but only {available} remain")]
    TruncatedValue {
        /// Offset of the first byte of the object.
        offset: usize,
        /// Length given by the length field.
        declared: usize,
        /// Bytes left in the input (or the enclosing object).
        available: usize,
    },
    /// A first length byte that this TLV flavour does not define.
    #[error("unsupported length byte {byte:#04X} at offset {offset}")]
    BadLengthForm {
        /// Offset of the length byte.
        offset: usize,
        /// The first length byte.
        byte: u8,
    },
    /// BER indefinite length (`80`), which ISO/IEC 7816-4 does not use.
    #[error("indefinite length at offset {offset}")]
    IndefiniteLength {
        /// Offset of the length byte.
        offset: usize,
    },
    /// A BER tag longer than [`ber::Tag::MAX_LEN`](crate::tlv::ber::Tag::MAX_LEN) bytes.
    #[error("tag at offset {offset} is longer than {max} bytes")]
    TagTooLong {
        /// Offset of the first tag byte.
        offset: usize,
        /// Longest tag accepted.
        max: usize,
    },
    /// Simple TLV: a byte other than `FF` after the `FF` end mark.
    #[error("byte {byte:#04X} at offset {offset} follows the FF end mark")]
    NotFiller {
        /// Offset of the byte.
        offset: usize,
        /// The byte.
        byte: u8,
    },
    /// BER: constructed objects nested deeper than the configured limit.
    #[error("TLV nesting deeper than {limit} at offset {offset}")]
    TooDeep {
        /// Offset of the object that exceeds the limit.
        offset: usize,
        /// The configured limit.
        limit: usize,
    },
    /// A value too long for the chosen or any supported length form.
    #[error("value of {len} bytes is longer than the {max} bytes the length form allows")]
    ValueTooLong {
        /// Length of the value.
        len: usize,
        /// Longest value the form can describe.
        max: usize,
    },
    /// Simple TLV: tag `FF` cannot be encoded, it ends the data.
    #[error("simple TLV tag FF is the end mark and cannot be encoded")]
    ReservedTag,
    /// BER: bytes that do not form a tag this codec can read back.
    #[error("invalid BER tag: {0}")]
    InvalidTag(TagProblem),
    /// The encoded items do not fit in the file.
    #[error("{needed} bytes of TLV do not fit in a file of {size} bytes")]
    DoesNotFit {
        /// Encoded size.
        needed: usize,
        /// File size.
        size: usize,
    },
}

impl TlvError {
    /// The input offset the error refers to, for decoding errors.
    pub fn offset(&self) -> Option<usize> {
        match *self {
            Self::TruncatedHeader { offset }
            | Self::TruncatedValue { offset, .. }
            | Self::BadLengthForm { offset, .. }
            | Self::IndefiniteLength { offset }
            | Self::TagTooLong { offset, .. }
            | Self::NotFiller { offset, .. }
            | Self::TooDeep { offset, .. } => Some(offset),
            Self::ValueTooLong { .. }
            | Self::ReservedTag
            | Self::InvalidTag(_)
            | Self::DoesNotFit { .. } => None,
        }
    }
}

/// Why bytes are not a usable BER tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TagProblem {
    /// No bytes.
    #[error("empty")]
    Empty,
    /// Starts with `00`, or `FF` followed by `FF` or `00`: decoders skip these as padding.
    #[error("starts like padding (00, FF FF or FF 00)")]
    LooksLikePadding,
    /// The last byte still has the continuation bit (b8) set, or a multi-byte tag stops after
    /// its first byte.
    #[error("incomplete")]
    Incomplete,
    /// Bytes after the end of the tag.
    #[error("bytes after the end of the tag")]
    Trailing,
    /// Longer than [`ber::Tag::MAX_LEN`](crate::tlv::ber::Tag::MAX_LEN) bytes.
    #[error("too long")]
    TooLong,
}
