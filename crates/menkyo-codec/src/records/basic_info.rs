//! 券面事項入力補助AP of the My Number card: EF0001 個人番号 ([`MyNumber`], `FF 10 0C` + 12
//! digits) and EF0002 基本4情報 ([`BasicInfo`], `FF20` holding `DF21`–`DF25`).

use std::borrow::Cow;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::item_values::{Digits, Utf8Text};
use super::json::unknown_entry;
use super::tag_id::TagId;
use super::wire::{
    decode_one_item, one_field_layout, read_ber_each, ItemLayout, Items, ReadItem, Reader,
};
use super::Decoded;
use crate::date::Date;
use crate::registry::BASIC_INFO_EF0001;

const SIZE_MY_NUMBER: usize = BASIC_INFO_EF0001.fixed_size();
use crate::tlv::simple::LengthForm;
use crate::tlv::Mode;
use crate::Error;

const BASIC_INFO_FILE: &str = "券面事項入力補助AP EF0002 基本4情報";
const MY_NUMBER_FILE: &str = "券面事項入力補助AP EF0001 個人番号";
const TAG_BASIC_INFO: u16 = 0xFF20;
const TAG_OFFSETS: u16 = 0xDF21;
const TAG_NAME: u16 = 0xDF22;
const TAG_ADDRESS: u16 = 0xDF23;
const TAG_BIRTH_DATE: u16 = 0xDF24;
const TAG_SEX: u16 = 0xDF25;
const TAG_MY_NUMBER: u16 = 0xFF10;
/// Digits of a 個人番号.
pub const MY_NUMBER_LEN: usize = 12;

/// 性別 (DF25): `1` male, `2` female, `3` not applicable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sex {
    /// `1` 男性.
    Male,
    /// `2` 女性.
    Female,
    /// `3` 適用不能.
    NotApplicable,
}

impl Sex {
    fn from_value(value: &[u8]) -> Result<Self, Error> {
        match value {
            b"1" => Ok(Sex::Male),
            b"2" => Ok(Sex::Female),
            b"3" => Ok(Sex::NotApplicable),
            [value] => Err(Error::Flag {
                value: *value,
                allowed: "'1' (male), '2' (female), '3' (not applicable)",
            }),
            _ => Err(Error::ValueLength {
                expected: 1,
                len: value.len(),
            }),
        }
    }

    fn code(self) -> u8 {
        match self {
            Sex::Male => b'1',
            Sex::Female => b'2',
            Sex::NotApplicable => b'3',
        }
    }

    /// The JSON name: `male`, `female`, `not_applicable`.
    pub fn as_str(self) -> &'static str {
        match self {
            Sex::Male => "male",
            Sex::Female => "female",
            Sex::NotApplicable => "not_applicable",
        }
    }
}

/// 券面事項入力補助AP EF0002 基本4情報.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BasicInfo {
    /// DF21: four 2-byte offsets, from the start of `FF20`'s value to `DF22`–`DF25`. \[P\]
    pub offsets: Option<[u16; 4]>,
    /// DF22 氏名 (UTF-8, U+3000 between family and given name).
    pub name: Option<Utf8Text>,
    /// DF23 住所 (UTF-8).
    pub address: Option<Utf8Text>,
    /// DF24 生年月日 (ASCII `YYYYMMDD`, Gregorian).
    pub birth_date: Option<Date>,
    /// DF25 性別.
    pub sex: Option<Sex>,
    /// The items inside `FF20` as read.
    pub layout: ItemLayout,
    /// `FF20` itself and what follows it, as read.
    pub outer: ItemLayout,
}

impl BasicInfo {
    /// The four items, with `DF21` pointing at them.
    pub fn new(name: Utf8Text, address: Utf8Text, birth_date: Date, sex: Sex) -> Self {
        let mut info = Self {
            offsets: Some([0; 4]),
            name: Some(name),
            address: Some(address),
            birth_date: Some(birth_date),
            sex: Some(sex),
            ..Self::default()
        };
        info.offsets = Some(info.computed_offsets());
        info
    }

    /// Where `DF22`–`DF25` start in `FF20`'s value when written in card order.
    pub fn computed_offsets(&self) -> [u16; 4] {
        let inner = self.inner_bytes();
        let mut offsets = [0u16; 4];
        for (slot, tag) in offsets
            .iter_mut()
            .zip([TAG_NAME, TAG_ADDRESS, TAG_BIRTH_DATE, TAG_SEX])
        {
            let needle = tag.to_be_bytes();
            if let Some(at) = inner.windows(2).position(|w| w == needle) {
                *slot = u16::try_from(at).unwrap_or(u16::MAX);
            }
        }
        offsets
    }

    /// Decodes EF0002.
    pub fn decode_with(bytes: &[u8], mode: Mode) -> Result<Decoded<Self>, Error> {
        let mut outer = Reader::new(BASIC_INFO_FILE, mode);
        let mut inner = Reader::new(BASIC_INFO_FILE, mode);
        let mut info = Self::default();
        let mut found = false;
        read_ber_each(&mut outer, bytes, |outer, item| {
            if item.tag == TagId(TAG_BASIC_INFO) && !found {
                found = true;
                outer.field(&item);
                read_ber_each(&mut inner, item.value, |inner, child| {
                    info.read_item(inner, &child)
                })
            } else {
                let error = Error::UnexpectedTag {
                    file: BASIC_INFO_FILE,
                    offset: item.offset,
                    expected: TagId(TAG_BASIC_INFO),
                    found: item.tag,
                };
                outer.reject(&item, error)
            }
        })?;
        if !found {
            outer.problem(Error::MissingItem {
                file: BASIC_INFO_FILE,
                item: "基本4情報",
                tag: TagId(TAG_BASIC_INFO),
            })?;
        }
        info.layout = inner.layout;
        info.outer = outer.layout;
        let mut warnings = outer.warnings;
        warnings.extend(inner.warnings);
        Ok(Decoded {
            record: info,
            warnings,
        })
    }

    strict_decode! {
        /// Decodes EF0002 strictly.
    }

    fn read_item(&mut self, reader: &mut Reader, item: &ReadItem<'_>) -> Result<(), Error> {
        match item.tag.0 {
            TAG_OFFSETS => reader.set(&mut self.offsets, item, "オフセット", offsets),
            TAG_NAME => reader.set(&mut self.name, item, "氏名", Utf8Text::from_bytes),
            TAG_ADDRESS => reader.set(&mut self.address, item, "住所", Utf8Text::from_bytes),
            TAG_BIRTH_DATE => reader.set(&mut self.birth_date, item, "生年月日", yyyymmdd),
            TAG_SEX => reader.set(&mut self.sex, item, "性別", Sex::from_value),
            _ => {
                reader.raw(item);
                Ok(())
            }
        }
    }

    fn inner_bytes(&self) -> Vec<u8> {
        let mut fields: Vec<(TagId, Cow<'_, [u8]>)> = Vec::new();
        if let Some(offsets) = self.offsets {
            let bytes: Vec<u8> = offsets.iter().flat_map(|o| o.to_be_bytes()).collect();
            fields.push((TagId(TAG_OFFSETS), bytes.into()));
        }
        if let Some(name) = &self.name {
            fields.push((TagId(TAG_NAME), name.as_bytes().into()));
        }
        if let Some(address) = &self.address {
            fields.push((TagId(TAG_ADDRESS), address.as_bytes().into()));
        }
        if let Some(date) = self.birth_date {
            let text = format!("{:04}{:02}{:02}", date.year(), date.month(), date.day());
            fields.push((TagId(TAG_BIRTH_DATE), text.into_bytes().into()));
        }
        if let Some(sex) = self.sex {
            fields.push((TagId(TAG_SEX), vec![sex.code()].into()));
        }
        self.layout.encode(&fields, 0)
    }

    /// The bytes of EF0002. A record without items and with default layouts (as decoded from
    /// a file without `FF20`) has no `FF20`.
    pub fn encode(&self) -> Vec<u8> {
        let empty = self.offsets.is_none()
            && self.name.is_none()
            && self.address.is_none()
            && self.birth_date.is_none()
            && self.sex.is_none()
            && self.layout == ItemLayout::default();
        if empty {
            return self.outer.encode(&[], 0);
        }
        let inner = self.inner_bytes();
        self.outer
            .encode(&[(TagId(TAG_BASIC_INFO), inner.into())], 0)
    }
}

fn offsets(value: &[u8]) -> Result<[u16; 4], Error> {
    let bytes = <[u8; 8]>::try_from(value).map_err(|_| Error::ValueLength {
        expected: 8,
        len: value.len(),
    })?;
    let [a, b, c, d, e, f, g, h] = bytes;
    Ok([
        u16::from_be_bytes([a, b]),
        u16::from_be_bytes([c, d]),
        u16::from_be_bytes([e, f]),
        u16::from_be_bytes([g, h]),
    ])
}

fn yyyymmdd(value: &[u8]) -> Result<Date, Error> {
    let digits = Digits::from_bytes(value)?;
    let s = digits.as_str();
    match (s.get(0..4), s.get(4..6), s.get(6..8), s.len()) {
        (Some(y), Some(m), Some(d), 8) => Ok(format!("{y}-{m}-{d}")
            .parse::<Date>()
            .map_err(Error::date)?),
        _ => Err(Error::ValueLength {
            expected: 8,
            len: value.len(),
        }),
    }
}

impl Serialize for BasicInfo {
    /// `{"name", "address", "birth_date", "sex", "offsets"}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("name", &self.name.as_ref().map(Utf8Text::as_str))?;
        map.serialize_entry("address", &self.address.as_ref().map(Utf8Text::as_str))?;
        map.serialize_entry("birth_date", &self.birth_date)?;
        map.serialize_entry("sex", &self.sex.map(Sex::as_str))?;
        map.serialize_entry("offsets", &self.offsets)?;
        unknown_entry(&mut map, &self.layout)?;
        map.end()
    }
}

/// 券面事項入力補助AP EF0001 個人番号.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MyNumber {
    /// FF10 個人番号: 12 digits.
    pub number: Option<Digits>,
    /// `FF10`, its length form and what follows, as read.
    pub layout: ItemLayout,
}

impl MyNumber {
    /// `FF 10 0C` + the digits, then `FF` filler to 17 bytes.
    pub fn new(number: Digits) -> Self {
        Self {
            number: Some(number),
            layout: one_field_layout(TagId(TAG_MY_NUMBER), LengthForm::Short),
        }
    }

    /// Decodes EF0001.
    pub fn decode_with(bytes: &[u8], mode: Mode) -> Result<Decoded<Self>, Error> {
        decode_one_item(
            MY_NUMBER_FILE,
            Items::Ber,
            bytes,
            mode,
            (TagId(TAG_MY_NUMBER), "個人番号"),
            |reader, item, slot| {
                reader.set(slot, item, "個人番号", |v| {
                    if v.len() != MY_NUMBER_LEN {
                        return Err(Error::ValueLength {
                            expected: MY_NUMBER_LEN,
                            len: v.len(),
                        });
                    }
                    Digits::from_bytes(v)
                })
            },
            |number, layout| Self { number, layout },
        )
    }

    strict_decode! {
        /// Decodes EF0001 strictly.
    }

    /// The 17 bytes of EF0001.
    pub fn encode(&self) -> Vec<u8> {
        let fields: Vec<(TagId, Cow<'_, [u8]>)> = self
            .number
            .iter()
            .map(|n| (TagId(TAG_MY_NUMBER), n.as_bytes().into()))
            .collect();
        self.layout.encode(&fields, SIZE_MY_NUMBER)
    }

    /// Whether the last digit is the check digit of the first 11 (番号法施行令 第8条).
    pub fn check_digit_valid(&self) -> Option<bool> {
        let digits: Vec<u32> = self
            .number
            .as_ref()?
            .as_str()
            .chars()
            .filter_map(|c| c.to_digit(10))
            .collect();
        let (&check, body) = digits.split_last()?;
        let sum: u32 = body
            .iter()
            .rev()
            .zip(1u32..)
            .map(|(&p, n)| p * if n <= 6 { n + 1 } else { n - 5 })
            .sum();
        let expected = match sum % 11 {
            0 | 1 => 0,
            r => 11 - r,
        };
        Some(check == expected)
    }
}

impl Serialize for MyNumber {
    /// `{"my_number", "check_digit_valid"}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("my_number", &self.number.as_ref().map(Digits::as_str))?;
        map.serialize_entry("check_digit_valid", &self.check_digit_valid())?;
        unknown_entry(&mut map, &self.layout)?;
        map.end()
    }
}

#[cfg(test)]
#[path = "basic_info_tests.rs"]
mod tests;
