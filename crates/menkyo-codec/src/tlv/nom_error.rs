//! The failure type the TLV `nom` parsers run with, and its mapping to [`Error`].

use nom::error::{ErrorKind, ParseError};

use crate::Error;

/// What went wrong, at `input` (the unparsed rest where it was noticed).
#[derive(Debug)]
pub(crate) struct ParseFailure<'a> {
    pub(crate) input: &'a [u8],
    pub(crate) kind: Kind,
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind {
    /// The input ended. The only way the `complete` byte parsers used here fail.
    EndOfInput,
    /// A length field starts with this unsupported byte.
    BadLength(u8),
    /// BER length byte `80`.
    Indefinite,
    /// BER tag longer than `max`.
    TagTooLong { max: usize },
}

impl<'a> ParseError<&'a [u8]> for ParseFailure<'a> {
    fn from_error_kind(input: &'a [u8], _kind: ErrorKind) -> Self {
        Self {
            input,
            kind: Kind::EndOfInput,
        }
    }

    fn append(_input: &'a [u8], _kind: ErrorKind, other: Self) -> Self {
        other
    }
}

pub(crate) type IResult<'a, O> = nom::IResult<&'a [u8], O, ParseFailure<'a>>;

impl<'a> ParseFailure<'a> {
    pub(crate) fn new(input: &'a [u8], kind: Kind) -> nom::Err<Self> {
        nom::Err::Error(Self { input, kind })
    }

    /// The typed error for an object starting at `offset` whose header parse was given
    /// `window` (which starts at `offset`).
    pub(crate) fn into_tlv_error(self, offset: usize, window: &[u8]) -> Error {
        let at = offset + window.len().saturating_sub(self.input.len());
        match self.kind {
            Kind::EndOfInput => Error::TruncatedHeader { offset },
            Kind::BadLength(byte) => Error::BadLengthForm { offset: at, byte },
            Kind::Indefinite => Error::IndefiniteLength { offset: at },
            Kind::TagTooLong { max } => Error::TagTooLong { offset, max },
        }
    }
}

/// Unwraps the `Error`/`Failure` of a complete-input parser.
pub(crate) fn inner<'a>(err: nom::Err<ParseFailure<'a>>, at: &'a [u8]) -> ParseFailure<'a> {
    match err {
        nom::Err::Error(e) | nom::Err::Failure(e) => e,
        nom::Err::Incomplete(_) => ParseFailure {
            input: at,
            kind: Kind::EndOfInput,
        },
    }
}
