//! The one error of the crate: every malformed APDU, TLV, text, date, record, script line and
//! refused secret.

use crate::date::{Date, Era};
use crate::records::{RecordKind, TagId};
use crate::tlv::TagProblem;

/// Why bytes, text or values could not be decoded, encoded or used. Offsets count bytes from
/// the start of the input the failing function was given, unless a variant says otherwise.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    // APDUs (`apdu`).
    /// A command shorter than its 4-byte header.
    #[error("command APDU of {len} byte{} is shorter than its 4-byte header", plural(*len))]
    CommandTooShort {
        /// Length received.
        len: usize,
    },
    /// A response shorter than SW1 SW2.
    #[error("response APDU of {len} byte{} has no complete status word", plural(*len))]
    ResponseTooShort {
        /// Length received.
        len: usize,
    },
    /// `Lc` announces more data than the command holds.
    #[error("Lc announces {lc} data bytes but only {available} follow")]
    LcMismatch {
        /// The announced Nc.
        lc: usize,
        /// Bytes after the Lc field.
        available: usize,
    },
    /// An extended `Lc` of `00 00 00`.
    #[error("extended Lc is 0000")]
    ExtendedLcZero,
    /// A body starting with `00` (extended length) too short for an extended length field.
    #[error("extended length field is cut short")]
    TruncatedExtendedLength,
    /// An extended-length command whose `Le` is one byte instead of two.
    #[error("extended command ends with a 1-byte Le")]
    ShortLeAfterExtendedLc,
    /// Bytes after the last length field.
    #[error("{count} bytes after the end of the command")]
    CommandTrailingBytes {
        /// Number of extra bytes.
        count: usize,
    },
    /// Ne of 0 or above the encoding's maximum.
    #[error("Ne {ne} is outside 1..={max}")]
    NeOutOfRange {
        /// The Ne asked for.
        ne: usize,
        /// The encoding's maximum.
        max: usize,
    },
    /// More command data than the encoding can carry.
    #[error("{nc} data bytes exceed the maximum of {max}")]
    DataTooLong {
        /// Nc.
        nc: usize,
        /// The encoding's maximum.
        max: usize,
    },

    // APDU scripts (`apdu_script`).
    /// A script line that is not hex.
    #[error("line {line}: not an APDU in hex")]
    Hex {
        /// The line (from 1).
        line: usize,
        /// Why.
        #[source]
        source: Box<Error>,
    },
    /// A script line whose hex is no command APDU.
    #[error("line {line}: not a command APDU")]
    Apdu {
        /// The line.
        line: usize,
        /// Why.
        #[source]
        source: Box<Error>,
    },
    /// A script line with `=>` followed by something else than a status word.
    #[error("line {line}: {text:?} after => is not a status word (four hex digits, x for any)")]
    Pattern {
        /// The line.
        line: usize,
        /// What follows `=>`.
        text: String,
    },
    /// A command-line argument that is not hex.
    #[error("APDU argument {index}: not an APDU in hex")]
    ArgumentHex {
        /// The argument's number among the APDUs (from 1).
        index: usize,
        /// Why.
        #[source]
        source: Box<Error>,
    },
    /// A command-line argument that is no command APDU.
    #[error("APDU argument {index}: not a command APDU")]
    ArgumentApdu {
        /// The argument's number among the APDUs (from 1).
        index: usize,
        /// Why.
        #[source]
        source: Box<Error>,
    },
    /// The script ends in the middle of a continued line.
    #[error("line {line}: the script ends after a line continued with \\")]
    Continuation {
        /// The line.
        line: usize,
    },

    // Hex text (`hex_text`).
    /// Hex text (or bytes) with nothing to decode.
    #[error("the input is empty")]
    Empty,
    /// Hex text with an odd number of digits.
    #[error("odd number of hex digits ({digits})")]
    OddHex {
        /// How many digits.
        digits: usize,
    },
    /// A character that is neither a hex digit nor white space.
    #[error("{ch:?} at byte {offset} is not a hex digit")]
    NotHex {
        /// The character.
        ch: char,
        /// Its offset in the input.
        offset: usize,
    },

    // TLV (`tlv`).
    /// The input ends inside a tag or length field.
    #[error("TLV header truncated at offset {offset}")]
    TruncatedHeader {
        /// Offset of the first byte of the object.
        offset: usize,
    },
    /// The length field asks for more bytes than remain.
    #[error("TLV at offset {offset} declares {declared} value bytes but only {available} remain")]
    TruncatedValue {
        /// Offset of the first byte of the object.
        offset: usize,
        /// Length given by the length field.
        declared: usize,
        /// Bytes left in the input (or the enclosing object).
        available: usize,
    },
    /// A first length byte that this TLV flavour does not define.
    #[error("unsupported length byte {byte:#04X} at offset {offset}")]
    BadLengthForm {
        /// Offset of the length byte.
        offset: usize,
        /// The first length byte.
        byte: u8,
    },
    /// BER indefinite length (`80`), which ISO/IEC 7816-4 does not use.
    #[error("indefinite length at offset {offset}")]
    IndefiniteLength {
        /// Offset of the length byte.
        offset: usize,
    },
    /// A BER tag longer than [`ber::Tag::MAX_LEN`](crate::tlv::ber::Tag::MAX_LEN) bytes.
    #[error("tag at offset {offset} is longer than {max} bytes")]
    TagTooLong {
        /// Offset of the first tag byte.
        offset: usize,
        /// Longest tag accepted.
        max: usize,
    },
    /// Simple TLV: a byte other than `FF` after the `FF` end mark.
    #[error("byte {byte:#04X} at offset {offset} follows the FF end mark")]
    NotFiller {
        /// Offset of the byte.
        offset: usize,
        /// The byte.
        byte: u8,
    },
    /// BER: constructed objects nested deeper than the configured limit.
    #[error("TLV nesting deeper than {limit} at offset {offset}")]
    TooDeep {
        /// Offset of the object that exceeds the limit.
        offset: usize,
        /// The configured limit.
        limit: usize,
    },
    /// A value too long for the chosen or any supported length form.
    #[error("value of {len} bytes is longer than the {max} bytes the length form allows")]
    ValueTooLong {
        /// Length of the value.
        len: usize,
        /// Longest value the form can describe.
        max: usize,
    },
    /// Simple TLV: tag `FF` cannot be encoded, it ends the data.
    #[error("simple TLV tag FF is the end mark and cannot be encoded")]
    ReservedTag,
    /// BER: bytes that do not form a tag this codec can read back.
    #[error("invalid BER tag: {0}")]
    InvalidTag(TagProblem),
    /// The encoded items do not fit in the file.
    #[error("{needed} bytes of TLV do not fit in a file of {size} bytes")]
    DoesNotFit {
        /// Encoded size.
        needed: usize,
        /// File size.
        size: usize,
    },

    // JIS X 0208 text (`text`).
    /// JIS X 0208 text of an odd number of bytes.
    #[error("{len} bytes cannot be two-byte JIS X 0208 codes (odd length)")]
    OddLength {
        /// Length of the input.
        len: usize,
    },
    /// A code that is neither JIS X 0208 nor 外字/欠字.
    #[error("invalid JIS X 0208 code {code:04X} at byte {offset}")]
    InvalidCode {
        /// Byte offset.
        offset: usize,
        /// The two bytes.
        code: u16,
    },
    /// A character with no JIS X 0208 code.
    #[error("character {ch:?} (U+{:04X}) at position {position} has no JIS X 0208 code", u32::from(*ch))]
    Unencodable {
        /// The character.
        ch: char,
        /// Its index among the `char`s of the text.
        position: usize,
    },
    /// A [`Gaiji`](crate::text::Gaiji) whose position does not hold 〓.
    #[error("gaiji at position {position} does not point at a 〓 of the text")]
    GaijiNotOnGeta {
        /// The position.
        position: usize,
    },
    /// Two [`Gaiji`](crate::text::Gaiji) at the same position.
    #[error("two gaiji at position {position}")]
    DuplicateGaiji {
        /// The position.
        position: usize,
    },
    /// 外字 number outside 1–7.
    #[error("external character number {number} is outside 1-7")]
    ExternalNumber {
        /// The number.
        number: u8,
    },

    // Dates (`date`).
    /// A date of the wrong length.
    #[error("a {what} takes {expected} bytes, not {len}")]
    DateLength {
        /// Which form.
        what: &'static str,
        /// Bytes given.
        len: usize,
        /// Bytes needed.
        expected: usize,
    },
    /// A byte of a date7 that is not an ASCII digit.
    #[error("byte {offset} of a date7 is {byte:#04X}, not an ASCII digit")]
    DateNotDigit {
        /// Offset of the byte.
        offset: usize,
        /// The byte.
        byte: u8,
    },
    /// A BCD date nibble above 9.
    #[error("byte {offset} of a BCD date is {byte:#04X}: not two decimal digits")]
    BadNibble {
        /// Offset of the byte.
        offset: usize,
        /// The byte.
        byte: u8,
    },
    /// An era digit other than 1–5.
    #[error("era digit {digit} is not 1 (明治) to 5 (令和)")]
    UnknownEra {
        /// The digit.
        digit: u8,
    },
    /// Year 00 of an era (元年 is 01).
    #[error("year 00 of {era}")]
    EraYearZero {
        /// The era.
        era: Era,
    },
    /// A month or day that does not exist in that year.
    #[error("{year:04}-{month:02}-{day:02} is not a calendar date")]
    NotACalendarDate {
        /// Year.
        year: u16,
        /// Month.
        month: u8,
        /// Day.
        day: u8,
    },
    /// A date outside the era it is written in (e.g. 平成31年5月1日).
    #[error("{date} is outside {era}")]
    OutsideEra {
        /// The era written.
        era: Era,
        /// The Gregorian date it would be.
        date: Date,
    },
    /// A date a date7 cannot carry: before 明治 or beyond year 99 of its era.
    #[error("{date} cannot be written as a date7")]
    NotRepresentable {
        /// The date.
        date: Date,
    },
    /// Text that is not `YYYY-MM-DD`.
    #[error("a date must be written YYYY-MM-DD")]
    NotIso,

    // Item values (`records`).
    /// A value that is not JIS X 0208 text.
    #[error("not JIS X 0208 text")]
    Text {
        /// What the text decoder or encoder found.
        #[source]
        source: Box<Error>,
    },
    /// A value that is not UTF-8 text.
    #[error("not UTF-8 text (invalid byte at {valid_up_to})")]
    Utf8 {
        /// Length of the valid prefix.
        valid_up_to: usize,
    },
    /// A byte other than an ASCII digit where only digits may stand.
    #[error("byte {byte:#04X} at {position} is not an ASCII digit")]
    ValueNotDigit {
        /// Index of the byte in the value.
        position: usize,
        /// The byte.
        byte: u8,
    },
    /// A value of the wrong size.
    #[error("{len} bytes where {expected} are expected")]
    ValueLength {
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
    /// A value that is not a date of the format the item uses.
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
    /// A value that should start with a known signature does not.
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

    // Records (`records`): `file` is the spec's name of the file (`DF1/EF01 記載事項(本籍除く)`);
    // offsets count from the start of the file.
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
    FileLength {
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
    FileTrailingBytes {
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

    // Record kinds (`RecordKind::guess`).
    /// No record kind starts like the bytes.
    #[error("cannot tell what these bytes are")]
    Unknown,
    /// Several record kinds start like the bytes.
    #[error("these bytes could be any of: {}", names(.0))]
    Ambiguous(Vec<RecordKind>),

    // PINs and passwords (`secret`); never the value.
    /// A PIN or password with the wrong number of characters.
    #[error("{}", length_message(what, unit, *len, *min, *max))]
    SecretLength {
        /// What was being checked.
        what: &'static str,
        /// What is counted: `digits` or `characters`.
        unit: &'static str,
        /// Characters given.
        len: usize,
        /// Fewest allowed.
        min: usize,
        /// Most allowed.
        max: usize,
    },
    /// A PIN or password with a character outside the allowed set.
    #[error("{what} may contain only {allowed}; character {position} is not one of them")]
    InvalidCharacter {
        /// What was being checked.
        what: &'static str,
        /// What is allowed.
        allowed: &'static str,
        /// Zero-based position of the first bad character.
        position: usize,
    },
}

impl Error {
    /// A text error as the reason a value is not text ([`Error::Text`]).
    pub(crate) fn text(source: Error) -> Self {
        Self::Text {
            source: Box::new(source),
        }
    }

    /// A date error as the reason a value is not a date ([`Error::Date`]).
    pub(crate) fn date(source: Error) -> Self {
        Self::Date {
            source: Box::new(source),
        }
    }

    /// The input offset a TLV decoding error refers to; `None` for every other error.
    pub fn offset(&self) -> Option<usize> {
        match *self {
            Self::TruncatedHeader { offset }
            | Self::TruncatedValue { offset, .. }
            | Self::BadLengthForm { offset, .. }
            | Self::IndefiniteLength { offset }
            | Self::TagTooLong { offset, .. }
            | Self::NotFiller { offset, .. }
            | Self::TooDeep { offset, .. } => Some(offset),
            _ => None,
        }
    }
}

/// `s` after a count other than one.
fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `a PIN has 4 digits, not 5`; `… has 6 to 16 characters, not 3`.
fn length_message(what: &str, unit: &str, len: usize, min: usize, max: usize) -> String {
    if min == max {
        format!("{what} has {min} {unit}, not {len}")
    } else {
        format!("{what} has {min} to {max} {unit}, not {len}")
    }
}

/// `ic-signature, myna-security`: the tools' names of the kinds.
fn names(kinds: &[RecordKind]) -> String {
    kinds
        .iter()
        .map(|k| k.name())
        .collect::<Vec<_>>()
        .join(", ")
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
        let message = |len, max| Error::TooLong { len, max }.to_string();
        assert_eq!(
            message(2001, 2000),
            "2001 bytes, more than the 2000 the item can hold"
        );
        assert_eq!(message(16, 0), "16 bytes where the item has no room");
        assert_eq!(message(1, 0), "1 byte where the item has no room");
        assert_eq!(
            Error::TooMany { count: 5, max: 4 }.to_string(),
            "5 entries, more than the 4 the card holds"
        );
    }
}
