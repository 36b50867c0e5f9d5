//! DF1/EF07 電子署名 and the 免許AP's WEF03 security data: a flat list of items, `B1` the
//! signature value (length `82 HH LL`), `B2` シリアル番号, `B3` RFU, `B4` 発行者名, `B5`
//! 主体者名, `B6` 主体者識別子 \[S\]. Values are kept as read; `menkyo_auth::security_data`
//! interprets them.

use std::borrow::Cow;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::item_values::Bytes;
use super::json::{hex, unknown_entry, BlobJson};
use super::tag_id::TagId;
use super::wire::{one_field_layout, read_simple, ItemLayout, Reader};
use super::Decoded;
use crate::registry::DF1_EF07;
use crate::tlv::simple::LengthForm;
use crate::tlv::Mode;
use crate::Error;

const TAG: u8 = 0xB1;
/// B2–B6, in order.
const ITEM_TAGS: [u8; 5] = [0xB2, 0xB3, 0xB4, 0xB5, 0xB6];
const ITEM_NAMES: [&str; 5] = [
    "シリアル番号",
    "RFU",
    "発行者名",
    "主体者名",
    "主体者識別子",
];
const ITEM_KEYS: [&str; 5] = [
    "serial_number",
    "reserved",
    "issuer",
    "subject",
    "subject_key_identifier",
];

/// Signed data of a file: DF1/EF07 電子署名, or 免許AP WEF03 (see [`LicenceApSecurity`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Signature {
    /// B1: the content as read.
    pub content: Option<Bytes>,
    /// B2–B6 シリアル番号, RFU, 発行者名, 主体者名, 主体者識別子, as read.
    pub items: [Option<Bytes>; 5],
    /// Length form, unknown items and filler as read.
    pub layout: ItemLayout,
}

/// 免許AP WEF03 セキュリティデータ (security data: signature, issuer identification); same form as DF1/EF07. \[P\]
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LicenceApSecurity(pub Signature);

impl Signature {
    const FILE: &'static str = "DF1/EF07 電子署名";

    /// Decodes DF1/EF07.
    pub fn decode_with(bytes: &[u8], mode: Mode) -> Result<Decoded<Self>, Error> {
        decode_in(Self::FILE, bytes, mode)
    }

    strict_decode! {
        /// Decodes DF1/EF07 strictly.
    }

    /// A `B1 82 HH LL` item holding `content`, then `FF` filler.
    pub fn new(content: Bytes) -> Self {
        Self {
            content: Some(content),
            items: Default::default(),
            layout: long_form_layout(),
        }
    }

    /// The 578 bytes of DF1/EF07 (more if the content does not fit).
    pub fn encode(&self) -> Vec<u8> {
        self.encode_to(DF1_EF07.fixed_size())
    }

    fn encode_to(&self, file_size: usize) -> Vec<u8> {
        let fields: Vec<(TagId, Cow<'_, [u8]>)> = self
            .content
            .iter()
            .map(|c| (TagId::from(TAG), Cow::Borrowed(c.as_slice())))
            .chain(ITEM_TAGS.iter().zip(&self.items).filter_map(|(tag, v)| {
                v.as_ref()
                    .map(|v| (TagId::from(*tag), Cow::Borrowed(v.as_slice())))
            }))
            .collect();
        self.layout.encode(&fields, file_size)
    }
}

impl LicenceApSecurity {
    const FILE: &'static str = "免許AP WEF03 セキュリティデータ";

    /// Decodes WEF03.
    pub fn decode_with(bytes: &[u8], mode: Mode) -> Result<Decoded<Self>, Error> {
        decode_in(Self::FILE, bytes, mode).map(|d| Decoded {
            record: Self(d.record),
            warnings: d.warnings,
        })
    }

    strict_decode! {
        /// Decodes WEF03 strictly.
    }

    /// The bytes of WEF03: the item, without filler unless read with it.
    pub fn encode(&self) -> Vec<u8> {
        self.0.encode_to(0)
    }
}

fn long_form_layout() -> ItemLayout {
    one_field_layout(TagId::from(TAG), LengthForm::Long2)
}

fn decode_in(file: &'static str, bytes: &[u8], mode: Mode) -> Result<Decoded<Signature>, Error> {
    let mut reader = Reader::new(file, mode);
    let mut content = None;
    let mut items: [Option<Bytes>; 5] = Default::default();
    for item in read_simple(&mut reader, bytes)? {
        let slot = ITEM_TAGS
            .iter()
            .position(|t| item.tag == TagId::from(*t))
            .and_then(|i| items.get_mut(i).zip(ITEM_NAMES.get(i)));
        if item.tag == TagId::from(TAG) {
            reader.set(&mut content, &item, "電子署名", |v| {
                Bytes::new(v.to_vec())
            })?;
        } else if content.is_none() {
            let error = Error::UnexpectedTag {
                file,
                offset: item.offset,
                expected: TagId::from(TAG),
                found: item.tag,
            };
            reader.reject(&item, error)?;
        } else if let Some((slot, name)) = slot {
            reader.set(slot, &item, name, |v| Bytes::new(v.to_vec()))?;
        } else {
            reader.raw(&item);
        }
    }
    reader.require(&content, "電子署名", TagId::from(TAG))?;
    Ok(reader.finish(|layout| Signature {
        content,
        items,
        layout,
    }))
}

impl Serialize for Signature {
    /// `{"content": {"length", "sha256", "hex"}}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        let content = self.content.as_ref().map(|c| BlobJson {
            bytes: c.as_slice(),
            with_hex: true,
        });
        map.serialize_entry("content", &content)?;
        for ((key, value), tag) in ITEM_KEYS.iter().zip(&self.items).zip(ITEM_TAGS) {
            let Some(value) = value else { continue };
            let bytes = value.as_slice();
            match (tag, std::str::from_utf8(bytes)) {
                (0xB2 | 0xB4 | 0xB5, Ok(text)) => map.serialize_entry(*key, text)?,
                _ => map.serialize_entry(*key, &hex(bytes))?,
            }
        }
        unknown_entry(&mut map, &self.layout)?;
        map.end()
    }
}

impl Serialize for LicenceApSecurity {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_round_trips_with_its_long_form() {
        let content = Bytes::new(vec![0x5A; DF1_EF07.fixed_size() - 4]).unwrap();
        let record = Signature::new(content);
        let bytes = record.encode();
        assert_eq!(bytes.len(), DF1_EF07.fixed_size());
        assert_eq!(&bytes[..4], &[0xB1, 0x82, 0x02, 0x3E]);
        let back = Signature::decode(&bytes).unwrap();
        assert_eq!(back.encode(), bytes);
        assert_eq!(back.content, record.content);
        let json = serde_json::to_value(&back).unwrap();
        assert_eq!(json["content"]["length"], 574);
        assert_eq!(json["content"]["hex"].as_str().unwrap().len(), 574 * 2);
    }

    #[test]
    fn flat_items_b2_to_b6_are_read_and_written_back() {
        let mut bytes = vec![0xB1, 0x82, 0x00, 0x02, 0x5A, 0x5A];
        bytes.extend([0xB2, 0x02, b'0', b'1', 0xB3, 0x00]);
        bytes.extend([0xB4, 0x04, b'C', b'N', b'=', b'I', 0xB5, 0x01, b'S']);
        bytes.extend([0xB6, 0x02, 0xAB, 0xCD]);
        bytes.resize(DF1_EF07.fixed_size(), 0xFF);
        let record = Signature::decode(&bytes).unwrap();
        assert_eq!(record.encode(), bytes);
        assert!(record.layout.raw_items().next().is_none());
        let json = serde_json::to_value(&record).unwrap();
        assert_eq!(json["serial_number"], "01");
        assert_eq!(json["issuer"], "CN=I");
        assert_eq!(json["subject_key_identifier"], "ABCD");
        let mut built = Signature::new(Bytes::new(vec![0x5A; 2]).unwrap());
        built.items = record.items.clone();
        assert_eq!(built.encode(), bytes);
    }

    #[test]
    fn security_data_has_no_filler_of_its_own() {
        let record = LicenceApSecurity(Signature::new(Bytes::new(vec![1, 2, 3]).unwrap()));
        let bytes = record.encode();
        assert_eq!(bytes, [0xB1, 0x82, 0x00, 0x03, 1, 2, 3]);
        assert_eq!(
            LicenceApSecurity::decode(&bytes).unwrap().0.content,
            record.0.content
        );
    }

    #[test]
    fn another_first_tag_is_refused() {
        let err = Signature::decode(&[0x41, 0x01, 0x00]).unwrap_err();
        assert!(
            matches!(err, Error::UnexpectedTag { offset: 0, .. }),
            "{err:?}"
        );
        assert!(matches!(
            Signature::decode(&[0xFF; 10]),
            Err(Error::MissingItem { .. })
        ));
        let lenient = Signature::decode_with(&[0x41, 0x01, 0x00], Mode::Lenient).unwrap();
        assert_eq!(lenient.warnings.len(), 2);
        assert_eq!(lenient.record.encode(), [0x41, 0x01, 0x00]);
    }
}
