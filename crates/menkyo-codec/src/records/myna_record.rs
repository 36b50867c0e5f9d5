//! 免許AP WEF02 免許情報 of the マイナ免許証.
//!
//! Public: the file starts with the 経歴証明 items `C2` and `C3` (`C2 00 C3 00` on a real card),
//! then `C5` (有効期間の末日). The rest of the tag list is in annex 別添3-1 of spec 010, which is
//! not available: [`LICENCE_AP_ITEMS`] is our provisional layout of the items the police say are
//! recorded, in one table so that a correction is a one-line change. The two-byte photo tag
//! `5F40` comes last, because public readers walk WEF02 with 2-byte (tag, length) reads until
//! they meet `C5`. Every item is found by walking the TLV, never by offset; a WEF02 without
//! `C2`/`C3` (menkyo 0.1's layout) decodes with a warning.

use std::borrow::Cow;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::item_specs::{self, item, Format, ItemSpec};
use super::item_values::{Bytes, Digits, Text0208};
use super::json::{date7_entry, hex, text_entry, unknown_entry};
use super::licence_class::{ClassEntry, LicenceClass, LicensedOn};
use super::licence_record::{parse_date7, LICENCE_NUMBER_LEN};
use super::photo::{self, PhotoData, PHOTO_TAG};
use super::tag_id::TagId;
use super::wire::{read_ber_each, ItemLayout, ReadItem, Reader};
use super::Decoded;
use crate::date::Date7;
use crate::layout::Confidence;
use crate::tlv::Mode;
use crate::Error;

const FILE: &str = "免許AP WEF02 免許情報";

const fn provisional(tag: u16, name: &'static str, key: &'static str, format: Format) -> ItemSpec {
    ItemSpec {
        confidence: Confidence::Provisional,
        ..item(tag, name, key, format)
    }
}

/// The tags of WEF02, in the order we write them: `C2`, `C3`, `C5` first, `5F40` last.
pub const LICENCE_AP_ITEMS: [ItemSpec; 11] = [
    ItemSpec {
        confidence: Confidence::SingleSource,
        ..item(TAG_CAREER_C2, "経歴証明 (C2)", "career.c2", Format::Bytes)
    },
    ItemSpec {
        confidence: Confidence::SingleSource,
        ..item(TAG_CAREER_C3, "経歴証明 (C3)", "career.c3", Format::Bytes)
    },
    ItemSpec {
        confidence: Confidence::SingleSource,
        ..item(0xC5, "有効期間の末日", "expires_on", Format::Date7)
    },
    provisional(0xC6, "免許証の色区分", "color_class", Format::Text0208),
    provisional(0xC7, "免許証の番号", "number", Format::Digits),
    ItemSpec {
        repeated: true,
        ..provisional(0xC8, "免許の条件", "conditions", Format::Text0208)
    },
    provisional(0xC9, "免許の種類", "classes", Format::ClassFlags),
    provisional(
        0xCA,
        "免許の年月日(二・小・原)",
        "licensed_on.two_small_moped",
        Format::Date7,
    ),
    provisional(0xCB, "免許の年月日(他)", "licensed_on.other", Format::Date7),
    provisional(
        0xCC,
        "免許の年月日(二種)",
        "licensed_on.second_class",
        Format::Date7,
    ),
    provisional(PHOTO_TAG, "写真", "photo", Format::Jpeg2000),
];

const TAG_CAREER_C2: u16 = 0xC2;
const TAG_CAREER_C3: u16 = 0xC3;
const TAG_EXPIRES: u16 = 0xC5;
const TAG_COLOR: u16 = 0xC6;
const TAG_NUMBER: u16 = 0xC7;
const TAG_CONDITION: u16 = 0xC8;
const TAG_CLASSES: u16 = 0xC9;
const TAG_TWO_SMALL_MOPED: u16 = 0xCA;
const TAG_OTHER: u16 = 0xCB;
const TAG_SECOND_CLASS: u16 = 0xCC;

const NOT_LICENSED: u8 = 0x00;
const LICENSED: u8 = 0x01;

/// 免許AP WEF02 免許情報.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LicenceApRecord {
    /// C2 経歴証明 item, as read (empty on the public real card; its meaning is not public).
    pub career_c2: Option<Bytes>,
    /// C3 経歴証明 item, as read (empty on the public real card).
    pub career_c3: Option<Bytes>,
    /// C5 有効期間の末日.
    pub expires_on: Option<Date7>,
    /// C6 免許証の色区分 (優良 / 一般 / 違反). \[P\]
    pub color_class: Option<Text0208>,
    /// C7 免許証の番号 (12 digits). \[P\]
    pub number: Option<Digits>,
    /// C8 免許の条件, one item each, in order. \[P\]
    pub conditions: Vec<Text0208>,
    /// C9 免許の種類: whether each class is held, in card order ([`LicenceClass::ALL`]). \[P\]
    pub classes: Option<[bool; 15]>,
    /// CA–CC 免許の年月日 (二・小・原, 他, 二種). \[P\]
    pub licensed_on: LicensedOn,
    /// 5F40 写真. \[P\]
    pub photo: Option<PhotoData>,
    /// Item order, length forms, unknown items and filler as read.
    pub layout: ItemLayout,
}

impl LicenceApRecord {
    /// Decodes WEF02.
    pub fn decode_with(bytes: &[u8], mode: Mode) -> Result<Decoded<Self>, Error> {
        let mut reader = Reader::new(FILE, mode);
        let mut record = Self::default();
        let mut first = None;
        read_ber_each(&mut reader, bytes, |reader, item| {
            first.get_or_insert(item.tag);
            record.read_item(reader, &item)
        })?;
        reader.require(&record.expires_on, "有効期間の末日", TagId(TAG_EXPIRES))?;
        if first.is_some() && first != Some(TagId(TAG_CAREER_C2)) {
            reader.old_layout("no 経歴証明 items C2, C3 first", "C2 C3 first");
        }
        Ok(reader.finish(|layout| Self { layout, ..record }))
    }

    strict_decode! {
        /// Decodes WEF02 strictly: `C5` must be present.
    }

    fn read_item(&mut self, reader: &mut Reader, item: &ReadItem<'_>) -> Result<(), Error> {
        let name = item_specs::find(&LICENCE_AP_ITEMS, item.tag.0).map_or("", |spec| spec.name);
        match item.tag.0 {
            TAG_CAREER_C2 => reader.set(&mut self.career_c2, item, name, bytes),
            TAG_CAREER_C3 => reader.set(&mut self.career_c3, item, name, bytes),
            TAG_EXPIRES => reader.set(&mut self.expires_on, item, name, parse_date7),
            TAG_COLOR => reader.set(&mut self.color_class, item, name, Text0208::from_bytes),
            TAG_NUMBER => reader.set(&mut self.number, item, name, licence_number),
            TAG_CONDITION => {
                let mut slot = None;
                reader.set(&mut slot, item, name, Text0208::from_bytes)?;
                self.conditions.extend(slot);
                Ok(())
            }
            TAG_CLASSES => reader.set(&mut self.classes, item, name, class_flags),
            TAG_TWO_SMALL_MOPED => reader.set(
                &mut self.licensed_on.two_small_moped,
                item,
                name,
                parse_date7,
            ),
            TAG_OTHER => reader.set(&mut self.licensed_on.other, item, name, parse_date7),
            TAG_SECOND_CLASS => {
                reader.set(&mut self.licensed_on.second_class, item, name, parse_date7)
            }
            PHOTO_TAG => photo::parse(reader, item, &mut self.photo),
            _ => {
                reader.raw(item);
                Ok(())
            }
        }
    }

    /// The bytes of WEF02: the items, without filler unless read with it. A record built in
    /// code (no layout read) always starts `C2 C3`, empty unless given.
    pub fn encode(&self) -> Vec<u8> {
        let date = |d: Option<Date7>| d.map(|d| Cow::Owned(d.to_bytes().to_vec()));
        let mut fields: Vec<(TagId, Cow<'_, [u8]>)> = Vec::new();
        let built = self.layout == ItemLayout::default();
        for (tag, value) in [
            (TAG_CAREER_C2, &self.career_c2),
            (TAG_CAREER_C3, &self.career_c3),
        ] {
            let value = match value {
                Some(v) => Some(Cow::Borrowed(v.as_slice())),
                None => built.then_some(Cow::Borrowed(&[][..])),
            };
            push(&mut fields, tag, value);
        }
        push(&mut fields, TAG_EXPIRES, date(self.expires_on));
        push(
            &mut fields,
            TAG_COLOR,
            self.color_class.as_ref().map(|t| t.as_bytes().into()),
        );
        push(
            &mut fields,
            TAG_NUMBER,
            self.number.as_ref().map(|d| d.as_bytes().into()),
        );
        for condition in &self.conditions {
            push(
                &mut fields,
                TAG_CONDITION,
                Some(condition.as_bytes().into()),
            );
        }
        let flags = self.classes.map(|flags| {
            let bytes: Vec<u8> = flags
                .iter()
                .map(|&f| if f { LICENSED } else { NOT_LICENSED })
                .collect();
            Cow::Owned(bytes)
        });
        push(&mut fields, TAG_CLASSES, flags);
        push(
            &mut fields,
            TAG_TWO_SMALL_MOPED,
            date(self.licensed_on.two_small_moped),
        );
        push(&mut fields, TAG_OTHER, date(self.licensed_on.other));
        push(
            &mut fields,
            TAG_SECOND_CLASS,
            date(self.licensed_on.second_class),
        );
        push(
            &mut fields,
            PHOTO_TAG,
            self.photo.as_ref().map(|p| p.as_bytes().into()),
        );
        self.layout.encode(&fields, 0)
    }

    /// All 15 classes in card order; WEF02 records no date per class.
    pub fn class_entries(&self) -> [ClassEntry; 15] {
        LicenceClass::ALL.map(|class| ClassEntry {
            name: class.name(),
            licensed: self
                .classes
                .is_some_and(|flags| flags.get(class.index()).copied().unwrap_or(false)),
            since: None,
        })
    }
}

fn push<'a>(fields: &mut Vec<(TagId, Cow<'a, [u8]>)>, tag: u16, value: Option<Cow<'a, [u8]>>) {
    if let Some(value) = value {
        fields.push((TagId(tag), value));
    }
}

fn bytes(value: &[u8]) -> Result<Bytes, Error> {
    Bytes::new(value.to_vec())
}

fn licence_number(value: &[u8]) -> Result<Digits, Error> {
    if value.len() != LICENCE_NUMBER_LEN {
        return Err(Error::ValueLength {
            expected: LICENCE_NUMBER_LEN,
            len: value.len(),
        });
    }
    Digits::from_bytes(value)
}

fn class_flags(value: &[u8]) -> Result<[bool; 15], Error> {
    let bytes = <[u8; 15]>::try_from(value).map_err(|_| Error::ValueLength {
        expected: 15,
        len: value.len(),
    })?;
    let mut flags = [false; 15];
    for (flag, byte) in flags.iter_mut().zip(bytes) {
        *flag = match byte {
            NOT_LICENSED => false,
            LICENSED => true,
            value => {
                return Err(Error::Flag {
                    value,
                    allowed: "00 (not licensed), 01 (licensed)",
                })
            }
        };
    }
    Ok(flags)
}

impl Serialize for LicenceApRecord {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        let career = |b: &Option<Bytes>| b.as_ref().map(|b| hex(b.as_slice()));
        map.serialize_entry(
            "career",
            &serde_json::json!({"c2": career(&self.career_c2), "c3": career(&self.career_c3)}),
        )?;
        date7_entry(&mut map, "expires_on", self.expires_on.as_ref())?;
        text_entry(&mut map, "color_class", self.color_class.as_ref())?;
        map.serialize_entry("number", &self.number.as_ref().map(Digits::as_str))?;
        let conditions: Vec<&str> = self.conditions.iter().map(Text0208::as_str).collect();
        map.serialize_entry("conditions", &conditions)?;
        if self.conditions.iter().any(|c| !c.gaiji().is_empty()) {
            let gaiji: Vec<_> = self.conditions.iter().map(Text0208::gaiji).collect();
            map.serialize_entry("conditions_gaiji", &gaiji)?;
        }
        map.serialize_entry("classes", &self.class_entries())?;
        map.serialize_entry("licensed_on", &self.licensed_on)?;
        map.serialize_entry("photo", &self.photo)?;
        unknown_entry(&mut map, &self.layout)?;
        map.end()
    }
}

#[cfg(test)]
#[path = "myna_record_tests.rs"]
mod tests;
