//! The tags of the record items as the card notes write them.

/// A tag as it is written in the card notes: two hex digits for one byte, four for two.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TagId(pub u16);

impl TagId {
    /// The tag as text without going through `fmt`: a tag is written for every item of a JSON
    /// document.
    pub(crate) fn with_text<R>(self, f: impl FnOnce(&str) -> R) -> R {
        const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
        let [a, b] = self.0.to_be_bytes();
        let text = [
            DIGITS[usize::from(a >> 4)],
            DIGITS[usize::from(a & 0x0F)],
            DIGITS[usize::from(b >> 4)],
            DIGITS[usize::from(b & 0x0F)],
        ];
        let shown = if self.0 > 0xFF { &text[..] } else { &text[2..] };
        // Only hex digits were written.
        f(std::str::from_utf8(shown).unwrap_or_default())
    }
}

impl std::fmt::Display for TagId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.with_text(|text| f.write_str(text))
    }
}

impl serde::Serialize for TagId {
    /// The tag as in [`TagId`]'s `Display`: `"5F40"`, `"B1"`.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.with_text(|text| serializer.serialize_str(text))
    }
}

impl From<u8> for TagId {
    fn from(tag: u8) -> Self {
        Self(u16::from(tag))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_two_or_four_hex_digits() {
        assert_eq!(TagId(0x5F40).to_string(), "5F40");
        assert_eq!(TagId(0x0B).to_string(), "0B");
        assert_eq!(TagId(0x100).to_string(), "0100");
        assert_eq!(serde_json::to_string(&TagId(0xB1)).unwrap(), "\"B1\"");
    }
}
