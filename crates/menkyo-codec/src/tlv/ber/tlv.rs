//! BER-TLV data objects and their encoder.

use super::Tag;
use crate::Error;

/// Longest value the encoder writes (`83 XX XX XX`).
pub const MAX_VALUE_LEN: usize = 0xFF_FFFF;

/// The value field of a BER-TLV data object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value<'a> {
    /// A primitive object's value bytes.
    Primitive(&'a [u8]),
    /// A constructed object's data objects (its value bytes: [`Tlv::value_bytes`]).
    Constructed(Vec<Tlv<'a>>),
}

/// A BER-TLV data object (ISO/IEC 7816-4 §5.2).
///
/// Equality compares tag and value only, not where an object was decoded from.
#[derive(Debug, Clone)]
pub struct Tlv<'a> {
    tag: Tag,
    value: Value<'a>,
    source: Option<Source<'a>>,
}

impl PartialEq for Tlv<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.tag == other.tag && self.value == other.value
    }
}

impl Eq for Tlv<'_> {}

/// Where a decoded object came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Source<'a> {
    offset: usize,
    raw: &'a [u8],
    header_len: usize,
}

impl<'a> Tlv<'a> {
    /// A primitive object to encode.
    pub fn primitive(tag: Tag, value: &'a [u8]) -> Self {
        Self {
            tag,
            value: Value::Primitive(value),
            source: None,
        }
    }

    /// A constructed object to encode.
    pub fn constructed(tag: Tag, children: Vec<Tlv<'a>>) -> Self {
        Self {
            tag,
            value: Value::Constructed(children),
            source: None,
        }
    }

    pub(super) fn decoded(
        tag: Tag,
        value: Value<'a>,
        offset: usize,
        raw: &'a [u8],
        header_len: usize,
    ) -> Self {
        Self {
            tag,
            value,
            source: Some(Source {
                offset,
                raw,
                header_len,
            }),
        }
    }

    /// The tag.
    pub fn tag(&self) -> Tag {
        self.tag
    }

    /// The value.
    pub fn value(&self) -> &Value<'a> {
        &self.value
    }

    /// Takes the value.
    pub fn into_value(self) -> Value<'a> {
        self.value
    }

    /// A primitive object's value bytes.
    pub fn primitive_value(&self) -> Option<&'a [u8]> {
        match self.value {
            Value::Primitive(bytes) => Some(bytes),
            Value::Constructed(_) => None,
        }
    }

    /// A constructed object's data objects; empty for a primitive object.
    pub fn children(&self) -> &[Tlv<'a>] {
        match &self.value {
            Value::Primitive(_) => &[],
            Value::Constructed(children) => children,
        }
    }

    /// The first direct child with this tag.
    pub fn find(&self, tag: Tag) -> Option<&Tlv<'a>> {
        find(self.children(), tag)
    }

    /// Offset of the tag in the decoded input; `None` for built objects.
    pub fn offset(&self) -> Option<usize> {
        self.source.map(|s| s.offset)
    }

    /// The exact bytes the object was decoded from (tag, length, value, with any padding
    /// inside a constructed value); `None` for built objects.
    pub fn raw(&self) -> Option<&'a [u8]> {
        self.source.map(|s| s.raw)
    }

    /// The value bytes as decoded, for primitive and constructed objects alike; for a built
    /// primitive object its value, for a built constructed object `None`.
    pub fn value_bytes(&self) -> Option<&'a [u8]> {
        match (self.source, &self.value) {
            (Some(s), _) => s.raw.get(s.header_len..),
            (None, Value::Primitive(bytes)) => Some(bytes),
            (None, Value::Constructed(_)) => None,
        }
    }

    /// Bytes of the value field when encoded with [`Tlv::to_bytes`].
    fn encoded_value_len(&self) -> usize {
        match &self.value {
            Value::Primitive(bytes) => bytes.len(),
            Value::Constructed(children) => children.iter().map(Tlv::encoded_len).sum(),
        }
    }

    /// Bytes the object takes when encoded with [`Tlv::to_bytes`].
    pub fn encoded_len(&self) -> usize {
        let value = self.encoded_value_len();
        self.tag.as_bytes().len() + length_len(value) + value
    }

    /// Encodes the object with minimal lengths and no padding.
    pub fn to_bytes(&self) -> Result<Vec<u8>, Error> {
        let mut out = Vec::with_capacity(self.encoded_len());
        self.write_to(&mut out)?;
        Ok(out)
    }

    /// Appends the encoding of [`Tlv::to_bytes`] to `out`.
    pub fn write_to(&self, out: &mut Vec<u8>) -> Result<(), Error> {
        out.extend_from_slice(self.tag.as_bytes());
        write_length(out, self.encoded_value_len())?;
        match &self.value {
            Value::Primitive(bytes) => out.extend_from_slice(bytes),
            Value::Constructed(children) => {
                for child in children {
                    child.write_to(out)?;
                }
            }
        }
        Ok(())
    }
}

/// The first object with this tag in `objects`.
pub fn find<'t, 'a>(objects: &'t [Tlv<'a>], tag: Tag) -> Option<&'t Tlv<'a>> {
    objects.iter().find(|object| object.tag == tag)
}

/// Encodes a primitive object with a minimal length.
pub fn encode(tag: Tag, value: &[u8]) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(tag.as_bytes().len() + length_len(value.len()) + value.len());
    out.extend_from_slice(tag.as_bytes());
    write_length(&mut out, value.len())?;
    out.extend_from_slice(value);
    Ok(out)
}

fn length_len(len: usize) -> usize {
    match len {
        0..=0x7F => 1,
        0x80..=0xFF => 2,
        0x100..=0xFFFF => 3,
        _ => 4,
    }
}

/// Appends a minimal definite length.
pub fn write_length(out: &mut Vec<u8>, len: usize) -> Result<(), Error> {
    let bytes = u32::try_from(len)
        .ok()
        .filter(|&l| l as usize <= MAX_VALUE_LEN)
        .ok_or(Error::ValueTooLong {
            len,
            max: MAX_VALUE_LEN,
        })?
        .to_be_bytes();
    match len {
        0..=0x7F => out.push(len as u8),
        0x80..=0xFF => out.extend([0x81, bytes[3]]),
        0x100..=0xFFFF => out.extend([0x82, bytes[2], bytes[3]]),
        _ => out.extend([0x83, bytes[1], bytes[2], bytes[3]]),
    }
    Ok(())
}
