//! The value formats of the items: "0208" text, "0201" digits. Each type only holds values the
//! card could have written, so encoding a record never fails.

use std::fmt;

use crate::text::{self, Gaiji, JisText, TextMode};
use crate::Error;

/// Longest value an item can hold: the `82 HH LL` length form.
pub const MAX_VALUE_LEN: usize = 0xFFFF;

fn check_len(len: usize) -> Result<(), Error> {
    if len > MAX_VALUE_LEN {
        return Err(Error::TooLong {
            len,
            max: MAX_VALUE_LEN,
        });
    }
    Ok(())
}

/// "0208" text: JIS X 0208 row/cell codes with the card's 外字 and 欠字 codes.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Text0208 {
    text: JisText,
    bytes: Vec<u8>,
}

impl Text0208 {
    /// Decodes the bytes of an item; they must decode strictly and encode back the same.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        check_len(bytes.len())?;
        let text = text::decode(bytes, TextMode::Strict).map_err(Error::text)?;
        let again = text.to_bytes().map_err(Error::text)?;
        if again != bytes {
            return Err(Error::NotCanonical);
        }
        Ok(Self { text, bytes: again })
    }

    /// Text with its 外字 and 欠字; fails on a character without a JIS X 0208 code.
    pub fn from_jis(text: JisText) -> Result<Self, Error> {
        let bytes = text.to_bytes().map_err(Error::text)?;
        check_len(bytes.len())?;
        Ok(Self {
            text: JisText {
                warnings: Vec::new(),
                ..text
            },
            bytes,
        })
    }

    /// Text without 外字.
    pub fn new(text: &str) -> Result<Self, Error> {
        Self::from_jis(JisText::new(text))
    }

    /// The text; each 外字 and 欠字 is 〓 (see [`Self::gaiji`]).
    pub fn as_str(&self) -> &str {
        &self.text.text
    }

    /// The 外字 and 欠字, with their positions in [`Self::as_str`].
    pub fn gaiji(&self) -> &[Gaiji] {
        &self.text.gaiji
    }

    /// The decoded text.
    pub fn as_jis(&self) -> &JisText {
        &self.text
    }

    /// The bytes on the card.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

impl fmt::Debug for Text0208 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.as_str())?;
        if !self.gaiji().is_empty() {
            write!(f, " gaiji {:?}", self.gaiji())?;
        }
        Ok(())
    }
}

impl fmt::Display for Text0208 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// For a value held as a `String`: `as_str` (documented as `$what`), `as_bytes` (the bytes on the
/// card), and `Debug`/`Display` as the string's own.
macro_rules! string_value {
    ($type:ident, $what:literal) => {
        impl $type {
            #[doc = $what]
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The bytes on the card.
            pub fn as_bytes(&self) -> &[u8] {
                self.0.as_bytes()
            }
        }

        impl fmt::Debug for $type {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{:?}", self.0)
            }
        }

        impl fmt::Display for $type {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

/// "0201" digits: ASCII `0`–`9`.
#[derive(Clone, PartialEq, Eq, Default, Hash)]
pub struct Digits(String);

impl Digits {
    /// The digits of an item.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        check_len(bytes.len())?;
        if let Some((position, &byte)) = bytes.iter().enumerate().find(|(_, b)| !b.is_ascii_digit())
        {
            return Err(Error::ValueNotDigit { position, byte });
        }
        Ok(Self(bytes.iter().map(|&b| char::from(b)).collect()))
    }

    /// Digits from text.
    pub fn new(digits: &str) -> Result<Self, Error> {
        Self::from_bytes(digits.as_bytes())
    }

    /// Digits from text that must have exactly `len` of them.
    pub fn with_len(digits: &str, len: usize) -> Result<Self, Error> {
        if digits.len() != len {
            return Err(Error::ValueLength {
                expected: len,
                len: digits.len(),
            });
        }
        Self::new(digits)
    }
}

string_value!(Digits, "The digits.");

/// UTF-8 text of the 券面事項入力補助AP.
#[derive(Clone, PartialEq, Eq, Default, Hash)]
pub struct Utf8Text(String);

impl Utf8Text {
    /// The text of an item.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        check_len(bytes.len())?;
        std::str::from_utf8(bytes)
            .map(|s| Self(s.to_owned()))
            .map_err(|e| Error::Utf8 {
                valid_up_to: e.valid_up_to(),
            })
    }

    /// Text.
    pub fn new(text: &str) -> Result<Self, Error> {
        Self::from_bytes(text.as_bytes())
    }
}

string_value!(Utf8Text, "The text.");

/// Raw bytes of at most [`MAX_VALUE_LEN`], the value of an item not modelled further.
#[derive(Clone, PartialEq, Eq, Default, Hash)]
pub struct Bytes(Vec<u8>);

impl Bytes {
    /// Bytes of an item.
    pub fn new(bytes: Vec<u8>) -> Result<Self, Error> {
        check_len(bytes.len())?;
        Ok(Self(bytes))
    }

    /// The bytes.
    pub fn as_slice(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hex::encode_upper(&self.0))
    }
}
