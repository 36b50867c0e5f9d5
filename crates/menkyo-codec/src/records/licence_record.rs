//! DF1/EF01 記載事項(本籍除く): 880 bytes of simple TLV, tags 11–33, then `FF` filler.

use std::borrow::Cow;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::item_specs::{self, LICENCE_RECORD_ITEMS};
use super::item_values::{Digits, Text0208};
use super::json::{date7_entry, text_entry, unknown_entry};
use super::licence_class::{ClassEntry, ClassGroup, LicenceClass, LicensedOn};
use super::tag_id::TagId;
use super::wire::{read_simple, ItemLayout, ReadItem, Reader};
use super::Decoded;
use crate::date::Date7;
use crate::registry::DF1_EF01;
use crate::tlv::Mode;
use crate::Error;

const FILE: &str = "DF1/EF01 記載事項(本籍除く)";
/// Digits of 免許証の番号.
pub const LICENCE_NUMBER_LEN: usize = 12;

/// DF1/EF01 記載事項(本籍除く). Every item is optional: a field is `None` when its tag is
/// absent (an older card has no 準中型, tag 33).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LicenceRecord {
    /// 11 JIS X 0208 制定年番号: the byte as written, e.g. `0x78` for the 1978 edition.
    pub jis_x0208_edition: Option<u8>,
    /// 12 氏名.
    pub name: Option<Text0208>,
    /// 13 呼び名.
    pub name_reading: Option<Text0208>,
    /// 14 通称名.
    pub alias: Option<Text0208>,
    /// 15 統一氏名(カナ).
    pub name_kana: Option<Text0208>,
    /// 16 生年月日.
    pub birth_date: Option<Date7>,
    /// 17 住所.
    pub address: Option<Text0208>,
    /// 18 交付年月日.
    pub issued_on: Option<Date7>,
    /// 19 照会番号.
    pub reference_number: Option<Digits>,
    /// 1A 免許証の色区分.
    pub color_class: Option<Text0208>,
    /// 1B 有効期間の末日.
    pub expires_on: Option<Date7>,
    /// 1C–1F 免許の条件1–4.
    pub conditions: [Option<Text0208>; 4],
    /// 20 公安委員会名.
    pub commission: Option<Text0208>,
    /// 21 免許証の番号 (12 digits).
    pub number: Option<Digits>,
    /// 22–24 免許の年月日 (二・小・原, 他, 二種).
    pub licensed_on: LicensedOn,
    /// 25–33 the date of each class, indexed by [`LicenceClass::index`].
    pub classes: [Option<Date7>; 15],
    /// Item order, length forms, unknown items and filler as read.
    pub layout: ItemLayout,
}

enum Slot<'a> {
    Byte(&'a mut Option<u8>),
    Text(&'a mut Option<Text0208>),
    Date(&'a mut Option<Date7>),
    Digits(&'a mut Option<Digits>, Option<usize>),
}

enum Value<'a> {
    Byte(Option<u8>),
    Text(Option<&'a Text0208>),
    Date(Option<Date7>),
    Digits(Option<&'a Digits>),
}

impl LicenceRecord {
    /// Decodes DF1/EF01. Lenient: malformed items are kept as read (they appear under
    /// `unknown`) and reported as warnings.
    pub fn decode_with(bytes: &[u8], mode: Mode) -> Result<Decoded<Self>, Error> {
        let mut reader = Reader::new(FILE, mode);
        let mut record = Self::default();
        for item in read_simple(&mut reader, bytes)? {
            record.read_item(&mut reader, &item)?;
        }
        Ok(reader.finish(|layout| Self { layout, ..record }))
    }

    strict_decode! {
        /// Decodes DF1/EF01 strictly.
    }

    fn read_item(&mut self, reader: &mut Reader, item: &ReadItem<'_>) -> Result<(), Error> {
        let tag = item.tag.0;
        let Some(slot) = u8::try_from(tag).ok().and_then(|t| self.slot(t)) else {
            reader.raw(item);
            return Ok(());
        };
        let name = item_name(tag);
        match slot {
            Slot::Byte(slot) => reader.set(slot, item, name, one_bcd_byte),
            Slot::Text(slot) => reader.set(slot, item, name, Text0208::from_bytes),
            Slot::Date(slot) => reader.set(slot, item, name, parse_date7),
            Slot::Digits(slot, len) => reader.set(slot, item, name, |v| {
                if let Some(expected) = len.filter(|&n| n != v.len()) {
                    return Err(Error::ValueLength {
                        expected,
                        len: v.len(),
                    });
                }
                Digits::from_bytes(v)
            }),
        }
    }

    fn slot(&mut self, tag: u8) -> Option<Slot<'_>> {
        Some(match tag {
            0x11 => Slot::Byte(&mut self.jis_x0208_edition),
            0x12 => Slot::Text(&mut self.name),
            0x13 => Slot::Text(&mut self.name_reading),
            0x14 => Slot::Text(&mut self.alias),
            0x15 => Slot::Text(&mut self.name_kana),
            0x16 => Slot::Date(&mut self.birth_date),
            0x17 => Slot::Text(&mut self.address),
            0x18 => Slot::Date(&mut self.issued_on),
            0x19 => Slot::Digits(&mut self.reference_number, None),
            0x1A => Slot::Text(&mut self.color_class),
            0x1B => Slot::Date(&mut self.expires_on),
            0x1C..=0x1F => Slot::Text(self.conditions.get_mut(usize::from(tag - 0x1C))?),
            0x20 => Slot::Text(&mut self.commission),
            0x21 => Slot::Digits(&mut self.number, Some(LICENCE_NUMBER_LEN)),
            0x22 => Slot::Date(self.licensed_on.get_mut(ClassGroup::TwoSmallMoped)),
            0x23 => Slot::Date(self.licensed_on.get_mut(ClassGroup::Other)),
            0x24 => Slot::Date(self.licensed_on.get_mut(ClassGroup::SecondClass)),
            _ => {
                let class = LicenceClass::from_tag(tag)?;
                Slot::Date(self.classes.get_mut(class.index())?)
            }
        })
    }

    fn value(&self, tag: u8) -> Option<Value<'_>> {
        Some(match tag {
            0x11 => Value::Byte(self.jis_x0208_edition),
            0x12 => Value::Text(self.name.as_ref()),
            0x13 => Value::Text(self.name_reading.as_ref()),
            0x14 => Value::Text(self.alias.as_ref()),
            0x15 => Value::Text(self.name_kana.as_ref()),
            0x16 => Value::Date(self.birth_date),
            0x17 => Value::Text(self.address.as_ref()),
            0x18 => Value::Date(self.issued_on),
            0x19 => Value::Digits(self.reference_number.as_ref()),
            0x1A => Value::Text(self.color_class.as_ref()),
            0x1B => Value::Date(self.expires_on),
            0x1C..=0x1F => Value::Text(self.conditions.get(usize::from(tag - 0x1C))?.as_ref()),
            0x20 => Value::Text(self.commission.as_ref()),
            0x21 => Value::Digits(self.number.as_ref()),
            0x22 => Value::Date(self.licensed_on.two_small_moped),
            0x23 => Value::Date(self.licensed_on.other),
            0x24 => Value::Date(self.licensed_on.second_class),
            _ => Value::Date(*self.classes.get(LicenceClass::from_tag(tag)?.index())?),
        })
    }

    /// Every tag of the record, in card order.
    fn tags() -> impl Iterator<Item = u8> {
        LICENCE_RECORD_ITEMS
            .iter()
            .filter_map(|spec| u8::try_from(spec.tag).ok())
            .chain(LicenceClass::ALL.iter().map(|c| c.tag()))
    }

    /// The 880 bytes of DF1/EF01 (more if the items do not fit).
    pub fn encode(&self) -> Vec<u8> {
        let fields: Vec<(TagId, Cow<'_, [u8]>)> = Self::tags()
            .filter_map(|tag| {
                let bytes: Cow<'_, [u8]> = match self.value(tag)? {
                    Value::Byte(b) => Cow::Owned(vec![b?]),
                    Value::Text(t) => Cow::Borrowed(t?.as_bytes()),
                    Value::Date(d) => Cow::Owned(d?.to_bytes().to_vec()),
                    Value::Digits(d) => Cow::Borrowed(d?.as_bytes()),
                };
                Some((TagId::from(tag), bytes))
            })
            .collect();
        self.layout.encode(&fields, DF1_EF01.fixed_size())
    }

    /// The date of a class, `None` when absent or not licensed.
    pub fn class_since(&self, class: LicenceClass) -> Option<crate::date::Date> {
        self.classes
            .get(class.index())
            .copied()
            .flatten()
            .and_then(Date7::date)
    }

    /// All 15 classes in card order.
    pub fn class_entries(&self) -> [ClassEntry; 15] {
        LicenceClass::ALL.map(|class| {
            let since = self.class_since(class);
            ClassEntry {
                name: class.name(),
                licensed: since.is_some(),
                since,
            }
        })
    }

    /// The 免許の条件 that are not empty, in order.
    pub fn conditions(&self) -> impl Iterator<Item = &Text0208> {
        self.conditions.iter().flatten().filter(|c| !c.is_empty())
    }

    /// JIS X 0208 edition year, when tag 11 holds two BCD digits (`78` → 1978).
    pub fn jis_x0208_edition_year(&self) -> Option<u16> {
        self.jis_x0208_edition.and_then(|b| bcd_year(b).ok())
    }
}

fn item_name(tag: u16) -> &'static str {
    if let Some(spec) = item_specs::find(&LICENCE_RECORD_ITEMS, tag) {
        return spec.name;
    }
    u8::try_from(tag)
        .ok()
        .and_then(LicenceClass::from_tag)
        .map_or("免許の年月日", LicenceClass::name)
}

fn bcd_year(byte: u8) -> Result<u16, Error> {
    let (hi, lo) = (byte >> 4, byte & 0x0F);
    if hi > 9 || lo > 9 {
        return Err(Error::Flag {
            value: byte,
            allowed: "two BCD digits of a year (78 = 1978)",
        });
    }
    Ok(1900 + u16::from(hi * 10 + lo))
}

fn one_bcd_byte(value: &[u8]) -> Result<u8, Error> {
    let &[byte] = value else {
        return Err(Error::ValueLength {
            expected: 1,
            len: value.len(),
        });
    };
    bcd_year(byte).map(|_| byte)
}

/// A date7 that encodes back to the same 7 bytes.
pub(crate) fn parse_date7(value: &[u8]) -> Result<Date7, Error> {
    let date = Date7::parse(value).map_err(Error::date)?;
    if date.to_bytes() != value {
        return Err(Error::NotCanonical);
    }
    Ok(date)
}

impl Serialize for LicenceRecord {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("jis_x0208_edition", &self.jis_x0208_edition_year())?;
        text_entry(&mut map, "name", self.name.as_ref())?;
        text_entry(&mut map, "name_reading", self.name_reading.as_ref())?;
        text_entry(&mut map, "alias", self.alias.as_ref())?;
        text_entry(&mut map, "name_kana", self.name_kana.as_ref())?;
        date7_entry(&mut map, "birth_date", self.birth_date.as_ref())?;
        text_entry(&mut map, "address", self.address.as_ref())?;
        date7_entry(&mut map, "issued_on", self.issued_on.as_ref())?;
        map.serialize_entry(
            "reference_number",
            &self.reference_number.as_ref().map(Digits::as_str),
        )?;
        text_entry(&mut map, "color_class", self.color_class.as_ref())?;
        date7_entry(&mut map, "expires_on", self.expires_on.as_ref())?;
        let conditions: Vec<&Text0208> = self.conditions().collect();
        map.serialize_entry(
            "conditions",
            &conditions.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
        )?;
        if conditions.iter().any(|c| !c.gaiji().is_empty()) {
            let gaiji: Vec<_> = conditions.iter().map(|c| c.gaiji()).collect();
            map.serialize_entry("conditions_gaiji", &gaiji)?;
        }
        text_entry(&mut map, "commission", self.commission.as_ref())?;
        map.serialize_entry("number", &self.number.as_ref().map(Digits::as_str))?;
        map.serialize_entry("licensed_on", &self.licensed_on)?;
        map.serialize_entry("classes", &self.class_entries())?;
        unknown_entry(&mut map, &self.layout)?;
        map.end()
    }
}

#[cfg(test)]
#[path = "licence_record_tests.rs"]
mod tests;
