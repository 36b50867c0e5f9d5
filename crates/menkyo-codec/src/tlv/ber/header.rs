//! `nom` parsers for the BER tag and length fields.

use nom::number::complete::{be_u16, be_u24, be_u8};
use nom::Parser;

use super::Tag;
use crate::tlv::nom_error::{IResult, Kind, ParseFailure};

/// Tag field: one byte, or `xxx11111` followed by bytes with b8 set and a last byte with b8
/// clear.
pub(super) fn tag(input: &[u8]) -> IResult<'_, Tag> {
    let (mut rest, first) = be_u8(input)?;
    let mut len = 1;
    if first & 0x1F == 0x1F {
        loop {
            let (after, byte) = be_u8(rest)?;
            rest = after;
            len += 1;
            if len > Tag::MAX_LEN {
                return Err(ParseFailure::new(
                    input,
                    Kind::TagTooLong { max: Tag::MAX_LEN },
                ));
            }
            if byte & 0x80 == 0 {
                break;
            }
        }
    }
    let bytes = input.get(..len).unwrap_or_default();
    Ok((rest, Tag::from_parsed(bytes)))
}

/// Definite length: `00`–`7F`, `81 XX`, `82 XXXX`, `83 XXXXXX`.
pub(super) fn length(input: &[u8]) -> IResult<'_, usize> {
    let (rest, first) = be_u8(input)?;
    match first {
        0x00..=0x7F => Ok((rest, usize::from(first))),
        0x80 => Err(ParseFailure::new(input, Kind::Indefinite)),
        0x81 => be_u8.map(usize::from).parse(rest),
        0x82 => be_u16.map(usize::from).parse(rest),
        0x83 => be_u24.map(|len| len as usize).parse(rest),
        other => Err(ParseFailure::new(input, Kind::BadLength(other))),
    }
}

/// Tag and length; the number of bytes they took.
pub(super) fn header(input: &[u8]) -> IResult<'_, (Tag, usize, usize)> {
    let (rest, (tag, len)) = (tag, length).parse(input)?;
    let header_len = input.len() - rest.len();
    Ok((rest, (tag, len, header_len)))
}
