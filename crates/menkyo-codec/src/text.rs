//! Text items "0208": JIS X 0208 two-byte row/cell codes (each byte 21–7E), with the card's
//! 外字 (external characters, `FF F1`–`FF F7`) and 欠字 (missing character, `FF FA`).
//!
//! A 外字 or 欠字 becomes 〓 (U+3013, ゲタ記号) in the text and is listed in
//! [`JisText::gaiji`] with its position, so nothing is dropped and the bytes can be rebuilt.
//! Since 〓 is also the ordinary code `22 2E`, encoding tells the two apart by those positions.

pub mod jis0208;

use std::fmt;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::Error;

/// What a 外字 or 欠字 becomes in [`JisText::text`]: 〓 (U+3013 GETA MARK).
pub const GETA: char = '\u{3013}';
/// First byte of every 外字 and 欠字 code.
const GAIJI_PREFIX: u8 = 0xFF;
/// Second byte of 外字 1 (`FF F1`); 外字 k is `FF F0 + k`.
const EXTERNAL_BASE: u8 = 0xF0;
/// Highest 外字 number.
pub const MAX_EXTERNAL: u8 = 7;
/// Second byte of the 欠字 code `FF FA`.
const MISSING: u8 = 0xFA;

/// How to treat bytes that are not JIS X 0208.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextMode {
    /// Refuse them with an error.
    Strict,
    /// Put U+FFFD in their place and add a [`TextWarning`].
    Lenient,
}

/// Which character stands at a 〓 that came from a 外字 or 欠字 code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GaijiKind {
    /// 外字 1–7 (`FF F1`–`FF F7`); the glyph is in DF1/EF03 or EF05.
    External(u8),
    /// 欠字 (`FF FA`): a character the issuer could not record.
    Missing,
}

/// A 外字 or 欠字 in a decoded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Gaiji {
    /// Index of its 〓 among the `char`s of [`JisText::text`].
    pub position: usize,
    /// Which one.
    pub kind: GaijiKind,
}

impl Serialize for Gaiji {
    /// `{"position": n, "number": k}` for 外字 k, `{"position": n, "number": "missing"}` for 欠字.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Gaiji", 2)?;
        s.serialize_field("position", &self.position)?;
        match self.kind {
            GaijiKind::External(number) => s.serialize_field("number", &number)?,
            GaijiKind::Missing => s.serialize_field("number", "missing")?,
        }
        s.end()
    }
}

/// Something lenient decoding replaced with U+FFFD.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextWarning {
    /// Byte offset of the bad code in the input.
    pub offset: usize,
    /// What was wrong.
    pub problem: TextProblem,
}

/// What was wrong with the bytes a [`TextWarning`] points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextProblem {
    /// A two-byte code that is neither JIS X 0208 nor a 外字 or 欠字 code.
    InvalidCode(u16),
    /// A last byte without its pair.
    OddLength,
}

impl fmt::Display for TextWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problem {
            TextProblem::InvalidCode(code) => {
                write!(f, "invalid code {code:04X} at byte {}", self.offset)
            }
            TextProblem::OddLength => write!(f, "lone last byte at byte {}", self.offset),
        }
    }
}

impl Serialize for TextWarning {
    /// `{"offset": n, "message": "invalid code 2D21 at byte n"}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("TextWarning", 2)?;
        s.serialize_field("offset", &self.offset)?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}

/// Decoded "0208" text.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct JisText {
    /// The text; each 外字 and 欠字 is 〓.
    pub text: String,
    /// Where the 外字 and 欠字 are, in order.
    pub gaiji: Vec<Gaiji>,
    /// What lenient decoding replaced (always empty after strict decoding).
    pub warnings: Vec<TextWarning>,
}

impl JisText {
    /// Text without 外字.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            ..Self::default()
        }
    }

    /// The JIS X 0208 bytes, with `FF Fx` at the positions of [`Self::gaiji`].
    pub fn to_bytes(&self) -> Result<Vec<u8>, Error> {
        let len = self.text.chars().count();
        let mut slots: Vec<Option<GaijiKind>> = vec![None; len];
        for g in &self.gaiji {
            let Some(slot) = slots.get_mut(g.position) else {
                return Err(Error::GaijiNotOnGeta {
                    position: g.position,
                });
            };
            if slot.replace(g.kind).is_some() {
                return Err(Error::DuplicateGaiji {
                    position: g.position,
                });
            }
        }
        let mut out = Vec::with_capacity(len * 2);
        for (position, (ch, slot)) in self.text.chars().zip(slots).enumerate() {
            match slot {
                Some(kind) if ch == GETA => out.extend_from_slice(&gaiji_bytes(kind)?),
                Some(_) => return Err(Error::GaijiNotOnGeta { position }),
                None => out.extend_from_slice(&encode_char(ch, position)?),
            }
        }
        Ok(out)
    }
}

impl fmt::Display for JisText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Decodes "0208" text.
pub fn decode(bytes: &[u8], mode: TextMode) -> Result<JisText, Error> {
    if mode == TextMode::Strict && !bytes.len().is_multiple_of(2) {
        return Err(Error::OddLength { len: bytes.len() });
    }
    let mut out = JisText {
        text: String::with_capacity(bytes.len() / 2 * 3),
        ..JisText::default()
    };
    for (index, pair) in bytes.chunks(2).enumerate() {
        let offset = index * 2;
        let problem = match *pair {
            [GAIJI_PREFIX, second] => match gaiji_kind(second) {
                Some(kind) => {
                    out.gaiji.push(Gaiji {
                        position: index,
                        kind,
                    });
                    out.text.push(GETA);
                    continue;
                }
                None => TextProblem::InvalidCode(u16::from_be_bytes([GAIJI_PREFIX, second])),
            },
            [hi, lo] => {
                let code = u16::from_be_bytes([hi, lo]);
                match jis0208::to_char(code) {
                    Some(c) => {
                        out.text.push(c);
                        continue;
                    }
                    None => TextProblem::InvalidCode(code),
                }
            }
            _ => TextProblem::OddLength,
        };
        match (mode, problem) {
            (TextMode::Strict, TextProblem::InvalidCode(code)) => {
                return Err(Error::InvalidCode { offset, code });
            }
            (TextMode::Strict, TextProblem::OddLength) => {
                return Err(Error::OddLength { len: bytes.len() });
            }
            (TextMode::Lenient, problem) => {
                out.text.push(char::REPLACEMENT_CHARACTER);
                out.warnings.push(TextWarning { offset, problem });
            }
        }
    }
    Ok(out)
}

/// Encodes text without 外字: every character, 〓 included, must have a JIS X 0208 code.
pub fn encode_str(s: &str) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(s.len());
    for (position, ch) in s.chars().enumerate() {
        out.extend_from_slice(&encode_char(ch, position)?);
    }
    Ok(out)
}

fn encode_char(ch: char, position: usize) -> Result<[u8; 2], Error> {
    jis0208::to_code(ch)
        .map(u16::to_be_bytes)
        .ok_or(Error::Unencodable { ch, position })
}

fn gaiji_kind(second: u8) -> Option<GaijiKind> {
    match second {
        MISSING => Some(GaijiKind::Missing),
        b if (EXTERNAL_BASE + 1..=EXTERNAL_BASE + MAX_EXTERNAL).contains(&b) => {
            Some(GaijiKind::External(b - EXTERNAL_BASE))
        }
        _ => None,
    }
}

fn gaiji_bytes(kind: GaijiKind) -> Result<[u8; 2], Error> {
    match kind {
        GaijiKind::Missing => Ok([GAIJI_PREFIX, MISSING]),
        GaijiKind::External(number @ 1..=MAX_EXTERNAL) => {
            Ok([GAIJI_PREFIX, EXTERNAL_BASE + number])
        }
        GaijiKind::External(number) => Err(Error::ExternalNumber { number }),
    }
}

#[cfg(test)]
mod tests;
