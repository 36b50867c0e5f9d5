//! JPKI AP EF0006: the token, 32 bytes of ASCII padded with spaces (`JPKIAPICCTOKEN2` on a My
//! Number card).

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::tag_id::TagId;
use crate::registry::JPKI_EF0006;
use crate::Error;

const SIZE_JPKI_TOKEN: usize = JPKI_EF0006.fixed_size();

const FILE: &str = "JPKI AP EF0006 token";
const PAD: u8 = b' ';

/// JPKI AP EF0006 token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JpkiToken {
    token: String,
}

impl JpkiToken {
    /// The token of a My Number card.
    pub const MY_NUMBER_CARD: &'static str = "JPKIAPICCTOKEN2";

    /// A token of at most 32 printable ASCII characters, not ending in a space.
    pub fn new(token: &str) -> Result<Self, Error> {
        if token.len() > SIZE_JPKI_TOKEN {
            return Err(Error::TooLong {
                len: token.len(),
                max: SIZE_JPKI_TOKEN,
            });
        }
        if let Some(ch) = token.chars().find(|c| !(c.is_ascii_graphic() || *c == ' ')) {
            return Err(Error::Unwritable { ch });
        }
        if token.ends_with(' ') {
            return Err(Error::Unwritable { ch: ' ' });
        }
        Ok(Self {
            token: token.to_owned(),
        })
    }

    /// Decodes the 32 bytes of EF0006.
    pub fn decode(bytes: &[u8]) -> Result<Self, Error> {
        if bytes.len() != SIZE_JPKI_TOKEN {
            return Err(Error::FileLength {
                file: FILE,
                expected: SIZE_JPKI_TOKEN,
                len: bytes.len(),
            });
        }
        let end = bytes.iter().rposition(|&b| b != PAD).map_or(0, |i| i + 1);
        let text = bytes.get(..end).unwrap_or_default();
        let bad = |source| Error::BadValue {
            file: FILE,
            item: "トークン",
            tag: TagId(0),
            offset: 0,
            source: Box::new(source),
        };
        let text = std::str::from_utf8(text).map_err(|e| {
            bad(Error::Utf8 {
                valid_up_to: e.valid_up_to(),
            })
        })?;
        Self::new(text).map_err(bad)
    }

    /// The 32 bytes of EF0006.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = self.token.as_bytes().to_vec();
        out.resize(SIZE_JPKI_TOKEN, PAD);
        out
    }

    /// The token without its padding.
    pub fn as_str(&self) -> &str {
        &self.token
    }
}

impl Serialize for JpkiToken {
    /// `{"token"}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("token", &self.token)?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_round_trips() {
        let token = JpkiToken::new(JpkiToken::MY_NUMBER_CARD).unwrap();
        let bytes = token.encode();
        assert_eq!(bytes, b"JPKIAPICCTOKEN2                 ");
        assert_eq!(JpkiToken::decode(&bytes).unwrap(), token);
    }

    #[test]
    fn wrong_tokens_are_refused() {
        assert!(matches!(
            JpkiToken::decode(b"JPKI"),
            Err(Error::FileLength { .. })
        ));
        let mut bytes = JpkiToken::new("X").unwrap().encode();
        bytes[5] = 0x00;
        assert!(matches!(
            JpkiToken::decode(&bytes),
            Err(Error::BadValue { .. })
        ));
        assert!(JpkiToken::new(&"A".repeat(33)).is_err());
    }
}
