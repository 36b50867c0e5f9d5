//! DF1/EF07 電子署名 of the IC licence and WEF03 (security data) of the 免許AP.
//!
//! Both files hold one simple-TLV item `B1 82 HH LL` \[S\], then `FF` filler. What is inside is
//! not public: the card notes name a signature, a serial number, an issuer, a subject and a
//! subject key identifier \[P\]. [`ITEMS`] is our model of it, the one place to correct.

use menkyo_codec::layout::Confidence;
use menkyo_codec::tlv::simple::{self, LengthForm};
use menkyo_codec::tlv::{Mode, TlvError};

/// One item of the security data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Item {
    /// The container of everything else.
    Container,
    /// 署名: the signature value.
    Signature,
    /// シリアル番号: serial number of the signer's certificate.
    SerialNumber,
    /// 発行者: issuer of the signer's certificate.
    Issuer,
    /// 主体者: subject of the signer's certificate.
    Subject,
    /// 主体者鍵識別子: identifier of the signer's key.
    SubjectKeyIdentifier,
}

/// Where an item sits and what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemSpec {
    /// Which item.
    pub item: Item,
    /// Its one-byte simple-TLV tag.
    pub tag: u8,
    /// What the card notes call it.
    pub name: &'static str,
    /// What its value is.
    pub meaning: &'static str,
    /// How sure we are.
    pub confidence: Confidence,
}

/// The layout of DF1/EF07 and WEF03, tag by tag. The container comes first; the other items
/// are inside its value, in this order when we write them, in any order when we read them.
pub const ITEMS: [ItemSpec; 6] = [
    ItemSpec {
        item: Item::Container,
        tag: 0xB1,
        name: "電子署名",
        meaning: "the items below, length always written `82 HH LL`; `FF` filler after it",
        confidence: Confidence::SingleSource,
    },
    ItemSpec {
        item: Item::Signature,
        tag: 0x80,
        name: "署名",
        meaning: "RSA-2048 PKCS#1 v1.5 signature over SHA-256 of the covered files (256 bytes)",
        confidence: Confidence::Provisional,
    },
    ItemSpec {
        item: Item::SerialNumber,
        tag: 0x81,
        name: "シリアル番号",
        meaning: "serial number of the signer's certificate, unsigned big-endian",
        confidence: Confidence::Provisional,
    },
    ItemSpec {
        item: Item::Issuer,
        tag: 0x82,
        name: "発行者",
        meaning: "issuer of the signer's certificate, a DER-encoded X.501 Name",
        confidence: Confidence::Provisional,
    },
    ItemSpec {
        item: Item::Subject,
        tag: 0x83,
        name: "主体者",
        meaning: "subject of the signer's certificate, a DER-encoded X.501 Name",
        confidence: Confidence::Provisional,
    },
    ItemSpec {
        item: Item::SubjectKeyIdentifier,
        tag: 0x84,
        name: "主体者鍵識別子",
        meaning: "subject key identifier of the signer's key (RFC 5280 §4.2.1.2, SHA-1 of the key)",
        confidence: Confidence::Provisional,
    },
];

/// The tag of an item.
pub fn tag_of(item: Item) -> u8 {
    ITEMS
        .iter()
        .find(|spec| spec.item == item)
        .map_or(0, |spec| spec.tag)
}

fn item_of(tag: u8) -> Option<Item> {
    ITEMS
        .iter()
        .find(|spec| spec.tag == tag && spec.item != Item::Container)
        .map(|spec| spec.item)
}

/// Why a security data file does not follow [`ITEMS`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LayoutError {
    /// The file is empty or all `FF`: nothing was written to it.
    #[error("the file holds no security data (empty or all FF)")]
    Empty,
    /// The file is not simple TLV.
    #[error("the file is not simple TLV")]
    Tlv(#[source] TlvError),
    /// The first item is not the `B1` container.
    #[error("the first item has tag {found:02X}, not B1")]
    NotContainer {
        /// The tag found.
        found: u8,
    },
    /// The container's value is not a sequence of simple-TLV items.
    #[error("the value of B1 is not a sequence of simple-TLV items")]
    Inner(#[source] TlvError),
    /// An item appears twice.
    #[error("item {tag:02X} appears twice")]
    Duplicate {
        /// Its tag.
        tag: u8,
    },
    /// The container holds no signature item.
    #[error("no signature item ({tag:02X}) inside B1", tag = tag_of(Item::Signature))]
    NoSignature,
    /// The data does not fit the file.
    #[error("the security data takes {len} bytes, more than the file's {size}")]
    TooLarge {
        /// Bytes needed.
        len: usize,
        /// The file's size.
        size: usize,
    },
}

/// The content of DF1/EF07 or WEF03.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SecurityData {
    /// 署名.
    pub signature: Vec<u8>,
    /// シリアル番号, unsigned big-endian.
    pub serial_number: Option<Vec<u8>>,
    /// 発行者, DER Name.
    pub issuer: Option<Vec<u8>>,
    /// 主体者, DER Name.
    pub subject: Option<Vec<u8>>,
    /// 主体者鍵識別子.
    pub subject_key_identifier: Option<Vec<u8>>,
    /// Items inside `B1` that [`ITEMS`] does not name, kept as read: tag and value.
    pub unknown: Vec<(u8, Vec<u8>)>,
}

impl SecurityData {
    /// Decodes the file as read (filler included).
    pub fn decode(file: &[u8]) -> Result<Self, LayoutError> {
        if file.iter().all(|&b| b == simple::END_MARK) {
            return Err(LayoutError::Empty);
        }
        let outer = simple::parse(file, Mode::Strict).map_err(LayoutError::Tlv)?;
        let container = outer.items.first().ok_or(LayoutError::Empty)?;
        if container.tag != tag_of(Item::Container) {
            return Err(LayoutError::NotContainer {
                found: container.tag,
            });
        }
        let inner = simple::parse(container.value, Mode::Strict).map_err(LayoutError::Inner)?;
        let mut data = SecurityData::default();
        let mut signature = None;
        for item in &inner.items {
            let slot = match item_of(item.tag) {
                Some(Item::Signature) => &mut signature,
                Some(Item::SerialNumber) => &mut data.serial_number,
                Some(Item::Issuer) => &mut data.issuer,
                Some(Item::Subject) => &mut data.subject,
                Some(Item::SubjectKeyIdentifier) => &mut data.subject_key_identifier,
                Some(Item::Container) | None => {
                    data.unknown.push((item.tag, item.value.to_vec()));
                    continue;
                }
            };
            if slot.is_some() {
                return Err(LayoutError::Duplicate { tag: item.tag });
            }
            *slot = Some(item.value.to_vec());
        }
        data.signature = signature.ok_or(LayoutError::NoSignature)?;
        Ok(data)
    }

    /// The `B1 82 HH LL` item, without filler.
    pub fn encode(&self) -> Result<Vec<u8>, LayoutError> {
        let known = [
            (Item::Signature, Some(&self.signature)),
            (Item::SerialNumber, self.serial_number.as_ref()),
            (Item::Issuer, self.issuer.as_ref()),
            (Item::Subject, self.subject.as_ref()),
            (
                Item::SubjectKeyIdentifier,
                self.subject_key_identifier.as_ref(),
            ),
        ];
        let mut inner = Vec::new();
        let items = known
            .iter()
            .filter_map(|(item, value)| value.map(|v| (tag_of(*item), v.as_slice())))
            .chain(self.unknown.iter().map(|(tag, v)| (*tag, v.as_slice())));
        for (tag, value) in items {
            let form = LengthForm::minimal(value.len()).map_err(LayoutError::Inner)?;
            simple::encode_item(&mut inner, tag, value, form).map_err(LayoutError::Inner)?;
        }
        let mut out = Vec::with_capacity(inner.len() + 4);
        simple::encode_item(&mut out, tag_of(Item::Container), &inner, LengthForm::Long2)
            .map_err(LayoutError::Tlv)?;
        Ok(out)
    }

    /// The whole file of `size` bytes: the item, then `FF` filler.
    pub fn encode_padded(&self, size: usize) -> Result<Vec<u8>, LayoutError> {
        let mut out = self.encode()?;
        if out.len() > size {
            return Err(LayoutError::TooLarge {
                len: out.len(),
                size,
            });
        }
        out.resize(size, simple::END_MARK);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> SecurityData {
        SecurityData {
            signature: vec![0x5A; 256],
            serial_number: Some(vec![0x01, 0x02]),
            issuer: Some(vec![0x30, 0x00]),
            subject: Some(vec![0x30, 0x00]),
            subject_key_identifier: Some(vec![0xAB; 20]),
            unknown: vec![(0x90, vec![1, 2, 3])],
        }
    }

    #[test]
    fn round_trips_with_the_long_form_container_and_filler() {
        let data = sample();
        let file = data.encode_padded(578).unwrap();
        assert_eq!(file.len(), 578);
        let inner_len = (3 + 1 + 256) + (2 + 2) + (2 + 2) + (2 + 2) + (2 + 20) + (2 + 3);
        assert_eq!(file[..4], [0xB1, 0x82, 0x01, (inner_len - 256) as u8]);
        assert_eq!(file[4..8], [0x80, 0x82, 0x01, 0x00]);
        assert!(file[4 + inner_len..].iter().all(|&b| b == 0xFF));
        assert_eq!(SecurityData::decode(&file).unwrap(), data);
    }

    #[test]
    fn malformed_files_are_typed_errors() {
        assert_eq!(SecurityData::decode(&[]), Err(LayoutError::Empty));
        assert_eq!(SecurityData::decode(&[0xFF; 578]), Err(LayoutError::Empty));
        assert_eq!(
            SecurityData::decode(&[0x41, 0x01, 0x00]),
            Err(LayoutError::NotContainer { found: 0x41 })
        );
        assert_eq!(
            SecurityData::decode(&[0xB1, 0x82, 0x00, 0x03, 0x81, 0x01, 0x07]),
            Err(LayoutError::NoSignature)
        );
        assert_eq!(
            SecurityData::decode(&[0xB1, 0x82, 0x00, 0x06, 0x80, 0x01, 0x07, 0x80, 0x01, 0x07]),
            Err(LayoutError::Duplicate { tag: 0x80 })
        );
        assert!(matches!(
            SecurityData::decode(&[0xB1, 0x82, 0x00, 0x03, 0x80, 0x05, 0x07]),
            Err(LayoutError::Inner(_))
        ));
        assert!(matches!(
            SecurityData::decode(&[0xB1, 0x82, 0x02]),
            Err(LayoutError::Tlv(_))
        ));
        let placeholder = b"\xB1\x82\x00\x10menkyo SYNTHETIC";
        assert!(SecurityData::decode(placeholder).is_err());
        assert!(matches!(
            sample().encode_padded(100),
            Err(LayoutError::TooLarge { size: 100, .. })
        ));
    }

    #[test]
    fn the_table_has_one_row_per_tag() {
        for (i, a) in ITEMS.iter().enumerate() {
            for b in &ITEMS[i + 1..] {
                assert_ne!(a.tag, b.tag);
                assert_ne!(a.item, b.item);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn decoding_any_bytes_never_panics(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..700)) {
            let _ = SecurityData::decode(&bytes);
        }
    }
}
