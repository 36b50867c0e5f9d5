//! BER tags (ISO/IEC 7816-4 §5.2.2.1, X.690 §8.1.2).

use std::fmt;

use crate::tlv::TagProblem;
use crate::Error;

/// Tag class: bits 8–7 of the first tag byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    /// `00`: universal.
    Universal,
    /// `01`: application (e.g. `5F40`, `7F21`).
    Application,
    /// `10`: context-specific (e.g. `B1`).
    ContextSpecific,
    /// `11`: private (e.g. `DF22`, `FF20`).
    Private,
}

/// A BER tag of one to [`Tag::MAX_LEN`] bytes, kept as its bytes.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tag {
    bytes: [u8; Tag::MAX_LEN],
    len: u8,
}

impl Tag {
    /// Longest tag accepted. ISO/IEC 7816-4 uses up to three bytes.
    pub const MAX_LEN: usize = 4;

    /// The tag whose bytes, big-endian without leading zero bytes, make `value`
    /// (`0x5F40` → `5F 40`). Usable in constants.
    pub const fn from_u32(value: u32) -> Result<Self, Error> {
        let all = value.to_be_bytes();
        let skip = (value.leading_zeros() / 8) as usize;
        let mut bytes = [0u8; Self::MAX_LEN];
        let mut i = 0;
        while i + skip < Self::MAX_LEN {
            bytes[i] = all[i + skip];
            i += 1;
        }
        Self::validate(bytes, i)
    }

    /// The tag made of exactly `bytes`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        if bytes.len() > Self::MAX_LEN {
            return Err(Error::InvalidTag(TagProblem::TooLong));
        }
        let mut buf = [0u8; Self::MAX_LEN];
        for (slot, &b) in buf.iter_mut().zip(bytes) {
            *slot = b;
        }
        Self::validate(buf, bytes.len())
    }

    /// Accepts what the decoder reads back as this exact tag.
    const fn validate(bytes: [u8; Self::MAX_LEN], len: usize) -> Result<Self, Error> {
        if len == 0 {
            return Err(Error::InvalidTag(TagProblem::Empty));
        }
        let first = bytes[0];
        if first == 0x00 || (first == 0xFF && len > 1 && (bytes[1] == 0xFF || bytes[1] == 0x00)) {
            return Err(Error::InvalidTag(TagProblem::LooksLikePadding));
        }
        let expected = if first & 0x1F != 0x1F {
            1
        } else {
            let mut i = 1;
            while i < len && bytes[i] & 0x80 != 0 {
                i += 1;
            }
            if i >= len {
                return Err(Error::InvalidTag(TagProblem::Incomplete));
            }
            i + 1
        };
        if len > expected {
            return Err(Error::InvalidTag(TagProblem::Trailing));
        }
        Ok(Self {
            bytes,
            len: len as u8,
        })
    }

    /// Builds a tag from bytes the decoder has already checked.
    pub(crate) fn from_parsed(bytes: &[u8]) -> Self {
        let mut buf = [0u8; Self::MAX_LEN];
        for (slot, &b) in buf.iter_mut().zip(bytes) {
            *slot = b;
        }
        Self {
            bytes: buf,
            len: bytes.len().min(Self::MAX_LEN) as u8,
        }
    }

    /// The tag bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..usize::from(self.len)).unwrap_or_default()
    }

    /// The tag bytes as a big-endian number (`5F 40` → `0x5F40`).
    pub fn to_u32(&self) -> u32 {
        self.as_bytes()
            .iter()
            .fold(0, |acc, &b| (acc << 8) | u32::from(b))
    }

    /// Class bits of the first byte.
    pub fn class(&self) -> Class {
        match self.bytes[0] >> 6 {
            0 => Class::Universal,
            1 => Class::Application,
            2 => Class::ContextSpecific,
            _ => Class::Private,
        }
    }

    /// Bit 6 of the first byte: the value is a sequence of BER-TLV objects.
    pub fn is_constructed(&self) -> bool {
        self.bytes[0] & 0x20 != 0
    }
}

impl fmt::Display for Tag {
    /// Upper-case hex, no spaces: `5F40`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.as_bytes() {
            write!(f, "{b:02X}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Tag({self})")
    }
}

impl TryFrom<u32> for Tag {
    type Error = Error;

    fn try_from(value: u32) -> Result<Self, Self::Error> {
        Self::from_u32(value)
    }
}

impl TryFrom<&[u8]> for Tag {
    type Error = Error;

    fn try_from(bytes: &[u8]) -> Result<Self, Self::Error> {
        Self::from_bytes(bytes)
    }
}
