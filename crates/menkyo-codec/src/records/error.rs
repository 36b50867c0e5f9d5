//! Errors of the record decoders.

use crate::Error;

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

/// A file's content that is not the record it should be. `file` is the spec's name of the file
/// (`DF1/EF01 記載事項(本籍除く)`); offsets count from the start of the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RecordError {
    /// The TLV structure itself is broken.
    #[error("{file}: malformed TLV")]
    Tlv {
        /// The file.
        file: &'static str,
        /// What the TLV decoder found.
        #[source]
        source: Box<Error>,
    },
    /// A fixed-size file or item of the wrong size.
    #[error("{file}: {len} bytes where {expected} are expected")]
    Length {
        /// The file.
        file: &'static str,
        /// Size the record has.
        expected: usize,
        /// Size given.
        len: usize,
    },
    /// The file does not start with the tag its record starts with.
    #[error("{file}: tag {expected} expected at offset {offset}, found {found}")]
    UnexpectedTag {
        /// The file.
        file: &'static str,
        /// Offset of the tag.
        offset: usize,
        /// The tag the record needs there.
        expected: TagId,
        /// The tag found.
        found: TagId,
    },
    /// An item the record cannot do without.
    #[error("{file}: item {tag} ({item}) is missing")]
    MissingItem {
        /// The file.
        file: &'static str,
        /// The spec's name of the item.
        item: &'static str,
        /// Its tag.
        tag: TagId,
    },
    /// An item that may appear once appears again.
    #[error("{file}: item {tag} appears again at offset {offset}")]
    DuplicateItem {
        /// The file.
        file: &'static str,
        /// The tag.
        tag: TagId,
        /// Offset of the second one.
        offset: usize,
    },
    /// An item whose value is not what its format says.
    #[error("{file}: item {tag} ({item}) at offset {offset} is malformed")]
    BadValue {
        /// The file.
        file: &'static str,
        /// The spec's name of the item.
        item: &'static str,
        /// Its tag.
        tag: TagId,
        /// Offset of the item.
        offset: usize,
        /// What is wrong with the value.
        #[source]
        source: Box<Error>,
    },
    /// Bytes after the record that are neither an item nor filler.
    #[error("{file}: {len} unexpected bytes at offset {offset}")]
    TrailingBytes {
        /// The file.
        file: &'static str,
        /// Offset of the first one.
        offset: usize,
        /// How many.
        len: usize,
    },
    /// The file is in the layout menkyo 0.1 wrote, not the card's; it decodes, with this
    /// warning (never an error, even when strict).
    #[error("{file}: menkyo 0.1 layout ({what}); the card's layout is {card}")]
    OldLayout {
        /// The file.
        file: &'static str,
        /// What the old layout has.
        what: &'static str,
        /// What the card has.
        card: &'static str,
    },
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
