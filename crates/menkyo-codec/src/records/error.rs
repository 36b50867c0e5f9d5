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
        source: ValueError,
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

/// What is wrong with one value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ValueError {
    /// Not JIS X 0208 text.
    #[error("not JIS X 0208 text")]
    Text {
        /// What the text decoder or encoder found.
        #[source]
        source: Box<Error>,
    },
    /// Not UTF-8 text.
    #[error("not UTF-8 text (invalid byte at {valid_up_to})")]
    Utf8 {
        /// Length of the valid prefix.
        valid_up_to: usize,
    },
    /// A byte other than an ASCII digit where only digits may stand.
    #[error("byte {byte:#04X} at {position} is not an ASCII digit")]
    NotDigit {
        /// Index of the byte in the value.
        position: usize,
        /// The byte.
        byte: u8,
    },
    /// A value of the wrong size.
    #[error("{len} bytes where {expected} are expected")]
    Length {
        /// Size the format has.
        expected: usize,
        /// Size found.
        len: usize,
    },
    /// A value longer than its item (or the room left for it) can hold.
    #[error("{}", too_long(*.len, *.max))]
    TooLong {
        /// Size found.
        len: usize,
        /// Largest size.
        max: usize,
    },
    /// More entries than the card holds (conditions, glyphs).
    #[error("{count} entries, more than the {max} the card holds")]
    TooMany {
        /// Entries given.
        count: usize,
        /// Most entries the card holds.
        max: usize,
    },
    /// Not a date of the format the item uses.
    #[error("not a valid date")]
    Date {
        /// What the date decoder found.
        #[source]
        source: Box<Error>,
    },
    /// A flag byte other than the values the format defines.
    #[error("value {value:#04X} is none of {allowed}")]
    Flag {
        /// The byte.
        value: u8,
        /// The values allowed.
        allowed: &'static str,
    },
    /// Data that should start with a known signature does not.
    #[error("does not start with {expected}")]
    Signature {
        /// What it should start with.
        expected: &'static str,
    },
    /// A character or byte sequence that the card could not have written.
    #[error("character {ch:?} cannot be written")]
    Unwritable {
        /// The character.
        ch: char,
    },
    /// The value decodes, but encoding it again would not give the same bytes.
    #[error("does not re-encode to the same bytes")]
    NotCanonical,
}

impl ValueError {
    /// A text error as the reason a value is not text.
    pub(crate) fn text(source: Error) -> Self {
        Self::Text {
            source: Box::new(source),
        }
    }

    /// A date error as the reason a value is not a date.
    pub(crate) fn date(source: Error) -> Self {
        Self::Date {
            source: Box::new(source),
        }
    }
}

/// "2001 bytes, more than the 2000 the item can hold"; "1 byte where the item has no room".
fn too_long(len: usize, max: usize) -> String {
    let bytes = |n: usize| {
        if n == 1 {
            "1 byte".to_owned()
        } else {
            format!("{n} bytes")
        }
    };
    if max == 0 {
        format!("{} where the item has no room", bytes(len))
    } else {
        format!("{}, more than the {max} the item can hold", bytes(len))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_long_reads_well_for_every_room() {
        let message = |len, max| ValueError::TooLong { len, max }.to_string();
        assert_eq!(
            message(2001, 2000),
            "2001 bytes, more than the 2000 the item can hold"
        );
        assert_eq!(message(16, 0), "16 bytes where the item has no room");
        assert_eq!(message(1, 0), "1 byte where the item has no room");
        assert_eq!(
            ValueError::TooMany { count: 5, max: 4 }.to_string(),
            "5 entries, more than the 4 the card holds"
        );
    }

    #[test]
    fn tags_are_two_or_four_hex_digits() {
        assert_eq!(TagId(0x5F40).to_string(), "5F40");
        assert_eq!(TagId(0x0B).to_string(), "0B");
        assert_eq!(TagId(0x100).to_string(), "0100");
        assert_eq!(serde_json::to_string(&TagId(0xB1)).unwrap(), "\"B1\"");
    }
}
