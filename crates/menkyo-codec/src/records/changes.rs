//! DF1/EF04 記載事項変更等(本籍除く) and DF1/EF06 記載事項変更(本籍) ([`ChangeRecords`]).
//!
//! EF04: `50` 追記の有無, then change records by tag range: `51`–`5F` new 公安委員会, `60`–`67`
//! new names, `68`–`6F` new readings, `70`–`77` new addresses, `78`–`7F` new conditions,
//! `80`–`87` lifted conditions, `88`–`8F` remarks, `90`–`97` reserve. EF06: `AA` 追記の有無,
//! then `AB`–`AF` new 本籍 \[S\]. Each record's value is a 1-byte edition (制定年番号), the
//! change date as 7 full-width digits (era digit + YYMMDD), the text and the 公安委員会 as 5
//! full-width characters \[S\]. A record that does not parse is kept as read.

use std::borrow::Cow;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::gaiji::{appended_flag, one_byte, NOTHING_APPENDED, SOMETHING_APPENDED};
use super::item_values::Text0208;
use super::json::unknown_entry;
use super::tag_id::TagId;
use super::wire::{read_simple, ItemLayout, Reader};
use super::Decoded;
use crate::date::Date7;
use crate::registry::{File, DF1_EF04, DF1_EF06};
use crate::tlv::Mode;
use crate::Error;

/// What a change record of DF1/EF04 or EF06 records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// 新住所地公安委員会名 (`51`–`5F`).
    Commission,
    /// 新氏名 (`60`–`67`).
    Name,
    /// 新呼び名 (`68`–`6F`).
    Reading,
    /// 新住所 (`70`–`77`).
    Address,
    /// 新条件 (`78`–`7F`).
    Conditions,
    /// 条件解除 (`80`–`87`).
    LiftedConditions,
    /// 備考 (`88`–`8F`).
    Remarks,
    /// 予備 (`90`–`97`).
    Reserve,
    /// 新本籍 (EF06 `AB`–`AF`).
    Domicile,
}

/// Each kind with its first and last tag, in tag order.
pub const CHANGE_KINDS: [(ChangeKind, u8, u8, &str); 9] = [
    (ChangeKind::Commission, 0x51, 0x5F, "新住所地公安委員会名"),
    (ChangeKind::Name, 0x60, 0x67, "新氏名"),
    (ChangeKind::Reading, 0x68, 0x6F, "新呼び名"),
    (ChangeKind::Address, 0x70, 0x77, "新住所"),
    (ChangeKind::Conditions, 0x78, 0x7F, "新条件"),
    (ChangeKind::LiftedConditions, 0x80, 0x87, "条件解除"),
    (ChangeKind::Remarks, 0x88, 0x8F, "備考"),
    (ChangeKind::Reserve, 0x90, 0x97, "予備"),
    (ChangeKind::Domicile, 0xAB, 0xAF, "新本籍"),
];

impl ChangeKind {
    /// The kind of a record tag in `file`.
    pub fn of(file: ChangesFile, tag: u8) -> Option<Self> {
        // The ranges of `CHANGE_KINDS` as one match (a test holds them equal): every item of a
        // file asks.
        let kind = match tag {
            0x51..=0x5F => ChangeKind::Commission,
            0x60..=0x67 => ChangeKind::Name,
            0x68..=0x6F => ChangeKind::Reading,
            0x70..=0x77 => ChangeKind::Address,
            0x78..=0x7F => ChangeKind::Conditions,
            0x80..=0x87 => ChangeKind::LiftedConditions,
            0x88..=0x8F => ChangeKind::Remarks,
            0x90..=0x97 => ChangeKind::Reserve,
            0xAB..=0xAF => ChangeKind::Domicile,
            _ => return None,
        };
        ((kind == ChangeKind::Domicile) == (file == ChangesFile::Ef06)).then_some(kind)
    }

    /// The spec's name.
    pub fn name(self) -> &'static str {
        CHANGE_KINDS
            .iter()
            .find(|(kind, ..)| *kind == self)
            .map_or("", |(.., name)| name)
    }

    fn tags(self) -> (u8, u8) {
        CHANGE_KINDS
            .iter()
            .find(|(kind, ..)| *kind == self)
            .map_or((0, 0), |(_, first, last, _)| (*first, *last))
    }
}

/// Characters of the 公安委員会 at the end of a record.
const COMMISSION_CHARS: usize = 5;
/// Characters of the change date.
const DATE_CHARS: usize = 7;
/// JIS X 0208 row of the full-width digits `０`–`９` (`23 30`–`23 39`).
const FULL_WIDTH_DIGIT_ROW: u8 = 0x23;

/// One change record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeEntry {
    /// What changed.
    pub kind: ChangeKind,
    /// The tag (its place in the kind's range says which change it was).
    pub tag: u8,
    /// JIS X 0208 制定年番号 of the text.
    pub edition: u8,
    /// The date of the change.
    pub changed_on: Date7,
    /// The new value (or the remark).
    pub value: Text0208,
    /// The 公安委員会 that recorded it, 5 characters.
    pub commission: Text0208,
}

impl ChangeEntry {
    /// Parses a record's value.
    pub fn parse(kind: ChangeKind, tag: u8, value: &[u8]) -> Result<Self, Error> {
        let fixed = 1 + 2 * DATE_CHARS + 2 * COMMISSION_CHARS;
        if value.len() < fixed || value.len().is_multiple_of(2) {
            return Err(Error::ValueLength {
                expected: fixed,
                len: value.len(),
            });
        }
        let (edition, rest) = value.split_first().ok_or(Error::ValueLength {
            expected: fixed,
            len: 0,
        })?;
        let (date, rest) = rest.split_at(2 * DATE_CHARS);
        let (text, commission) = rest.split_at(rest.len() - 2 * COMMISSION_CHARS);
        let mut digits = [0u8; DATE_CHARS];
        for ((offset, pair), digit) in date.chunks(2).enumerate().zip(&mut digits) {
            match *pair {
                [FULL_WIDTH_DIGIT_ROW, d @ 0x30..=0x39] => *digit = d,
                [_, byte] | [byte] => {
                    return Err(Error::date(Error::DateNotDigit { offset, byte }))
                }
                _ => return Err(Error::date(Error::DateNotDigit { offset, byte: 0 })),
            }
        }
        Ok(Self {
            kind,
            tag,
            edition: *edition,
            changed_on: Date7::parse(&digits).map_err(Error::date)?,
            value: Text0208::from_bytes(text)?,
            commission: Text0208::from_bytes(commission)?,
        })
    }

    /// The record's value bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let value = self.value.as_bytes();
        let commission = self.commission.as_bytes();
        let mut out = Vec::with_capacity(1 + 2 * DATE_CHARS + value.len() + commission.len());
        out.push(self.edition);
        for digit in self.changed_on.to_bytes() {
            out.extend_from_slice(&[FULL_WIDTH_DIGIT_ROW, digit]);
        }
        out.extend_from_slice(value);
        out.extend_from_slice(commission);
        out
    }
}

impl Serialize for ChangeEntry {
    /// `{"kind", "kind_name", "tag", "edition", "changed_on", "value", "commission"}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(7))?;
        map.serialize_entry("kind", &self.kind)?;
        map.serialize_entry("kind_name", self.kind.name())?;
        map.serialize_entry("tag", &format!("{:02X}", self.tag))?;
        map.serialize_entry("edition", &format!("{:02X}", self.edition))?;
        map.serialize_entry("changed_on", &self.changed_on)?;
        map.serialize_entry("value", self.value.as_str())?;
        map.serialize_entry("commission", self.commission.as_str())?;
        map.end()
    }
}

/// Which file of change records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangesFile {
    /// DF1/EF04 記載事項変更等(本籍除く).
    Ef04,
    /// DF1/EF06 記載事項変更(本籍).
    Ef06,
}

impl ChangesFile {
    fn file(self) -> File {
        match self {
            ChangesFile::Ef04 => DF1_EF04,
            ChangesFile::Ef06 => DF1_EF06,
        }
    }

    fn name(self) -> &'static str {
        match self {
            ChangesFile::Ef04 => "DF1/EF04 記載事項変更等(本籍除く)",
            ChangesFile::Ef06 => "DF1/EF06 記載事項変更(本籍)",
        }
    }

    /// The tag of 追記の有無: `50` in EF04, `AA` in EF06 \[S\].
    pub fn appended_tag(self) -> u8 {
        match self {
            ChangesFile::Ef04 => 0x50,
            ChangesFile::Ef06 => 0xAA,
        }
    }
}

/// menkyo 0.1 wrote EF06's 追記の有無 under `50`.
const OLD_EF06_APPENDED: u8 = 0x50;

/// DF1/EF04 or DF1/EF06: 追記の有無, then the change records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeRecords {
    /// Which file.
    pub file: ChangesFile,
    /// 追記の有無: the byte as written.
    pub appended: Option<u8>,
    /// The change records that parsed, in file order.
    pub entries: Vec<ChangeEntry>,
    /// Item order, records that did not parse, unknown items and filler as read.
    pub layout: ItemLayout,
}

impl ChangeRecords {
    /// Decodes EF04 or EF06 strictly.
    pub fn decode(file: ChangesFile, bytes: &[u8]) -> Result<Self, Error> {
        Self::decode_with(file, bytes, Mode::Strict).map(|d| d.record)
    }

    /// Decodes EF04 or EF06. Malformed change records are errors when strict and kept as read
    /// when lenient.
    pub fn decode_with(
        file: ChangesFile,
        bytes: &[u8],
        mode: Mode,
    ) -> Result<Decoded<Self>, Error> {
        let mut reader = Reader::new(file.name(), mode);
        let mut appended = None;
        let mut entries = Vec::new();
        for item in read_simple(&mut reader, bytes)? {
            let tag = u8::try_from(item.tag.0).unwrap_or(0xFF);
            if tag == file.appended_tag() {
                reader.set(&mut appended, &item, "追記の有無", one_byte)?;
            } else if file == ChangesFile::Ef06 && tag == OLD_EF06_APPENDED && appended.is_none() {
                reader.old_layout("追記の有無 under tag 50", "AA");
                reader.raw(&item);
            } else if let Some(kind) = ChangeKind::of(file, tag) {
                match ChangeEntry::parse(kind, tag, item.value) {
                    Ok(entry) => {
                        reader.field(&item);
                        entries.push(entry);
                    }
                    Err(source) => {
                        let error = reader.bad_value(&item, kind.name(), source);
                        reader.reject(&item, error)?;
                    }
                }
            } else {
                reader.raw(&item);
            }
        }
        Ok(reader.finish(|layout| Self {
            file,
            appended,
            entries,
            layout,
        }))
    }

    /// A file with 追記の有無 and these records, then `FF` filler.
    pub fn new(file: ChangesFile, entries: Vec<ChangeEntry>) -> Self {
        let appended = if entries.is_empty() {
            NOTHING_APPENDED
        } else {
            SOMETHING_APPENDED
        };
        Self {
            file,
            appended: Some(appended),
            entries,
            layout: ItemLayout::default(),
        }
    }

    /// Whether 追記の有無 says something was appended, or records are present.
    pub fn is_appended(&self) -> bool {
        !self.entries.is_empty() || self.appended.is_some_and(appended_flag)
    }

    /// The records of `kind`, in file order.
    pub fn of_kind(&self, kind: ChangeKind) -> impl Iterator<Item = &ChangeEntry> {
        self.entries.iter().filter(move |e| e.kind == kind)
    }

    /// The latest record of `kind`: the highest tag of its range (records fill a range in
    /// order), the last read among equal tags.
    pub fn latest(&self, kind: ChangeKind) -> Option<&ChangeEntry> {
        self.of_kind(kind).max_by_key(|e| e.tag)
    }

    /// The next free tag of `kind`, when its range has room.
    pub fn next_tag(&self, kind: ChangeKind) -> Option<u8> {
        let (first, last) = kind.tags();
        let next = self
            .latest(kind)
            .map_or(Some(first), |e| e.tag.checked_add(1))?;
        (next <= last).then_some(next)
    }

    /// The bytes of the file.
    pub fn encode(&self) -> Vec<u8> {
        let appended = self.appended.as_ref().map(std::slice::from_ref);
        let mut fields: Vec<(TagId, Cow<'_, [u8]>)> = Vec::with_capacity(self.entries.len() + 1);
        fields.extend(appended.map(|b| (TagId::from(self.file.appended_tag()), Cow::Borrowed(b))));
        fields.extend(
            self.entries
                .iter()
                .map(|e| (TagId::from(e.tag), Cow::Owned(e.to_bytes()))),
        );
        self.layout.encode(&fields, self.file.file().fixed_size())
    }
}

impl Serialize for ChangeRecords {
    /// `{"appended": bool or null, "entries": [...], "unknown": [...]}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("appended", &self.appended.map(|_| self.is_appended()))?;
        map.serialize_entry("entries", &self.entries)?;
        unknown_entry(&mut map, &self.layout)?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;

    #[test]
    fn the_kind_of_a_tag_is_the_tables() {
        for file in [ChangesFile::Ef04, ChangesFile::Ef06] {
            for tag in 0..=u8::MAX {
                let listed = CHANGE_KINDS
                    .iter()
                    .find(|(_, first, last, _)| (*first..=*last).contains(&tag))
                    .map(|(kind, ..)| *kind)
                    .filter(|kind| (*kind == ChangeKind::Domicile) == (file == ChangesFile::Ef06));
                assert_eq!(ChangeKind::of(file, tag), listed, "{file:?} {tag:02X}");
            }
        }
    }

    fn entry(kind: ChangeKind, tag: u8, date: &str, value: &str) -> ChangeEntry {
        ChangeEntry {
            kind,
            tag,
            edition: 0x78,
            changed_on: Date7::from_date(date.parse::<Date>().unwrap()).unwrap(),
            value: Text0208::new(value).unwrap(),
            commission: Text0208::new("見本県公安").unwrap(),
        }
    }

    #[test]
    fn records_decode_round_trip_and_give_the_latest() {
        let record = ChangeRecords::new(
            ChangesFile::Ef04,
            vec![
                entry(
                    ChangeKind::Address,
                    0x70,
                    "2020-04-01",
                    "見本県見本市一丁目",
                ),
                entry(
                    ChangeKind::Address,
                    0x71,
                    "2023-10-02",
                    "見本県見本市二丁目",
                ),
                entry(ChangeKind::Conditions, 0x78, "2023-10-02", "眼鏡等"),
            ],
        );
        let bytes = record.encode();
        assert_eq!(bytes.len(), DF1_EF04.fixed_size());
        assert_eq!(&bytes[..3], &[0x50, 0x01, SOMETHING_APPENDED]);
        assert_eq!(bytes[3], 0x70);
        // edition, then ４３２０４０１ in full width
        assert_eq!(&bytes[5..9], &[0x78, 0x23, 0x35, 0x23]);
        let back = ChangeRecords::decode(ChangesFile::Ef04, &bytes).unwrap();
        assert_eq!(back.encode(), bytes);
        assert_eq!(back.entries, record.entries);
        let latest = back.latest(ChangeKind::Address).unwrap();
        assert_eq!(latest.value.as_str(), "見本県見本市二丁目");
        assert_eq!(back.next_tag(ChangeKind::Address), Some(0x72));
        let json = serde_json::to_value(&back).unwrap();
        assert_eq!(json["appended"], true);
        assert_eq!(json["entries"][1]["changed_on"], "2023-10-02");
        assert_eq!(json["entries"][1]["kind"], "address");
        assert_eq!(json["entries"][1]["commission"], "見本県公安");
    }

    #[test]
    fn an_empty_ef06_starts_with_aa_11() {
        let bytes = ChangeRecords::new(ChangesFile::Ef06, Vec::new()).encode();
        assert_eq!(&bytes[..4], &[0xAA, 0x01, NOTHING_APPENDED, 0xFF]);
        assert_eq!(bytes.len(), DF1_EF06.fixed_size());
        let back = ChangeRecords::decode(ChangesFile::Ef06, &bytes).unwrap();
        assert!(!back.is_appended());
    }

    #[test]
    fn old_and_malformed_records_are_kept_as_read() {
        let mut old = vec![0x50, 0x01, 0x00];
        old.resize(DF1_EF06.fixed_size(), 0xFF);
        let decoded = ChangeRecords::decode_with(ChangesFile::Ef06, &old, Mode::Strict).unwrap();
        assert!(matches!(
            decoded.warnings.as_slice(),
            [Error::OldLayout { .. }]
        ));
        assert_eq!(decoded.record.encode(), old);

        let mut bad = vec![0x50, 0x01, 0x11, 0x70, 0x02, 0x30, 0x31];
        bad.resize(DF1_EF04.fixed_size(), 0xFF);
        assert!(ChangeRecords::decode(ChangesFile::Ef04, &bad).is_err());
        let lenient = ChangeRecords::decode_with(ChangesFile::Ef04, &bad, Mode::Lenient).unwrap();
        assert_eq!(lenient.warnings.len(), 1);
        assert_eq!(lenient.record.encode(), bad);
        assert!(lenient.record.entries.is_empty());
    }
}
