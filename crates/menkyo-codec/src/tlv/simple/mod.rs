//! Simple TLV of the licence files: DF1/EF01 記載事項(本籍除く), DF1/EF02 本籍 and the
//! 免許AP's WEF02 免許情報.
//!
//! One tag byte; a length of one byte (`00`–`7F`), `81 LL` or `82 HH LL`; the value. Items may
//! be empty. A tag byte `FF` ends the data: the rest of the file is `FF` filler.

mod encode;

pub use encode::{encode, encode_item, encode_with_filler};

use super::Mode;
use crate::Error;

/// The tag byte that ends the data; the filler byte of the rest of the file.
pub const END_MARK: u8 = 0xFF;

/// How an item's length is written. Kept by decoded items so that a record re-encodes to the
/// exact bytes it was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LengthForm {
    /// One byte, `00`–`7F`.
    Short,
    /// `81 LL`.
    Long1,
    /// `82 HH LL` (big-endian).
    Long2,
}

impl LengthForm {
    /// The shortest form that can describe `len`.
    pub fn minimal(len: usize) -> Result<Self, Error> {
        match len {
            0..=0x7F => Ok(Self::Short),
            0x80..=0xFF => Ok(Self::Long1),
            0x100..=0xFFFF => Ok(Self::Long2),
            _ => Err(Error::ValueTooLong {
                len,
                max: Self::Long2.max_len(),
            }),
        }
    }

    /// The longest value this form can describe.
    pub fn max_len(self) -> usize {
        match self {
            Self::Short => 0x7F,
            Self::Long1 => 0xFF,
            Self::Long2 => 0xFFFF,
        }
    }

    /// Bytes the length field takes.
    pub fn encoded_len(self) -> usize {
        match self {
            Self::Short => 1,
            Self::Long1 => 2,
            Self::Long2 => 3,
        }
    }
}

/// One simple-TLV item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Item<'a> {
    /// Tag byte (never `FF`).
    pub tag: u8,
    /// Value bytes.
    pub value: &'a [u8],
    /// How the length was written.
    pub length_form: LengthForm,
    /// Offset of the tag byte in the decoded input; 0 for items built with [`Item::new`].
    pub offset: usize,
}

impl<'a> Item<'a> {
    /// An item to encode. Encoders ignore `offset`.
    pub fn new(tag: u8, value: &'a [u8], length_form: LengthForm) -> Self {
        Self {
            tag,
            value,
            length_form,
            offset: 0,
        }
    }

    /// Bytes the item takes when encoded: tag, length field and value.
    pub fn encoded_len(&self) -> usize {
        1 + self.length_form.encoded_len() + self.value.len()
    }
}

/// Where the data ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// An `FF` end mark at `offset`; `len` bytes from there to the end of the input.
    Filler {
        /// Offset of the `FF` end mark.
        offset: usize,
        /// Bytes from the end mark to the end of the input, the mark included.
        len: usize,
        /// Whether all of them are `FF`.
        all_ff: bool,
    },
    /// The last item ends exactly at the end of the input.
    Exhausted,
    /// [`Mode::Lenient`] only: an item at `offset` is malformed (see the warnings); the items
    /// before it are returned.
    Malformed {
        /// Offset of the malformed item.
        offset: usize,
    },
}

/// The result of [`parse`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed<'a> {
    /// The items, in file order.
    pub items: Vec<Item<'a>>,
    /// Where the data ended.
    pub end: End,
    /// [`Mode::Lenient`] only: what strict mode would have rejected.
    pub warnings: Vec<Error>,
}

impl<'a> Parsed<'a> {
    /// The first item with this tag.
    pub fn find(&self, tag: u8) -> Option<&Item<'a>> {
        self.items.iter().find(|item| item.tag == tag)
    }
}

/// Decodes one item from `window`, which starts at input offset `offset`. Written with slice
/// patterns rather than parser combinators: the record decoders run it for every item.
fn item(window: &[u8], offset: usize) -> Result<(Item<'_>, usize), Error> {
    let (tag, len, length_form, rest) = match *window {
        [tag, len @ 0x00..=0x7F, ref rest @ ..] => (tag, usize::from(len), LengthForm::Short, rest),
        [tag, 0x81, len, ref rest @ ..] => (tag, usize::from(len), LengthForm::Long1, rest),
        [tag, 0x82, high, low, ref rest @ ..] => (
            tag,
            usize::from(u16::from_be_bytes([high, low])),
            LengthForm::Long2,
            rest,
        ),
        [_, byte @ (0x80 | 0x83..=0xFF), ..] => {
            return Err(Error::BadLengthForm {
                offset: offset + 1,
                byte,
            })
        }
        _ => return Err(Error::TruncatedHeader { offset }),
    };
    let value = rest.get(..len).ok_or(Error::TruncatedValue {
        offset,
        declared: len,
        available: rest.len(),
    })?;
    let item = Item {
        tag,
        value,
        length_form,
        offset,
    };
    Ok((item, item.encoded_len()))
}

/// Index of the first byte of `bytes` other than `FF`. Compares blocks of 64 bytes at once
/// (one `memcmp` each) before looking at single bytes: files end in up to some kilobytes of
/// filler, checked on every decode.
pub(crate) fn first_not_filler(bytes: &[u8]) -> Option<usize> {
    const BLOCK: usize = 64;
    const FILLED: [u8; BLOCK] = [END_MARK; BLOCK];
    let mut start = 0;
    for block in bytes.chunks_exact(BLOCK) {
        if block != FILLED {
            break;
        }
        start += BLOCK;
    }
    let rest = bytes.get(start..).unwrap_or_default();
    rest.iter()
        .position(|&b| b != END_MARK)
        .map(|at| start + at)
}

/// Checks the filler from the end mark at `offset` to the end of `input`.
fn filler(
    input: &[u8],
    offset: usize,
    mode: Mode,
    warnings: &mut Vec<Error>,
) -> Result<End, Error> {
    let rest = input.get(offset..).unwrap_or_default();
    let bad = first_not_filler(rest);
    if let Some(at) = bad {
        let err = Error::NotFiller {
            offset: offset + at,
            byte: rest.get(at).copied().unwrap_or_default(),
        };
        match mode {
            Mode::Strict => return Err(err),
            Mode::Lenient => warnings.push(err),
        }
    }
    Ok(End::Filler {
        offset,
        len: rest.len(),
        all_ff: bad.is_none(),
    })
}

/// Decodes simple TLV up to the `FF` end mark or the end of `input`.
///
/// [`Mode::Strict`]: a truncated item, an unsupported length byte (`80`, `83`–`FF`) or a byte
/// other than `FF` after the end mark is an error naming its offset. [`Mode::Lenient`]: returns
/// the items that decoded completely, with those errors as warnings.
pub fn parse(input: &[u8], mode: Mode) -> Result<Parsed<'_>, Error> {
    let mut items = Vec::new();
    let mut warnings = Vec::new();
    let mut offset = 0;
    let end = loop {
        let window = input.get(offset..).unwrap_or_default();
        match window.first() {
            None => break End::Exhausted,
            Some(&END_MARK) => break filler(input, offset, mode, &mut warnings)?,
            Some(_) => match item(window, offset) {
                Ok((item, len)) => {
                    items.push(item);
                    offset += len;
                }
                Err(err) => match mode {
                    Mode::Strict => return Err(err),
                    Mode::Lenient => {
                        warnings.push(err);
                        break End::Malformed { offset };
                    }
                },
            },
        }
    };
    Ok(Parsed {
        items,
        end,
        warnings,
    })
}
