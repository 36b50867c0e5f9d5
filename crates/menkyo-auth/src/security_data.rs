//! DF1/EF07 電子署名 of the IC licence and WEF03 (security data) of the 免許AP.
//!
//! Both files hold a flat list of simple-TLV items \[S\]: `B1` the signature value (length
//! always `82 HH LL`), `B2` the certificate's serial number, `B3` RFU, `B4` the issuer name and
//! `B5` the subject name as text, `B6` the subject key identifier; then `FF` filler. [`ITEMS`]
//! is that table, the one place to correct. What the text of `B2`, `B4` and `B5` looks like is
//! our model \[P\]. Files written by menkyo 0.1 nest `80`–`84` inside `B1` ([`NESTED_ITEMS`]);
//! they still decode, as [`ItemNesting::Nested`].

use menkyo_codec::layout::Confidence;
use menkyo_codec::tlv::simple::{self, LengthForm};
use menkyo_codec::tlv::Mode;

/// One item of the security data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Item {
    /// 電子署名: the signature value.
    Signature,
    /// シリアル番号: serial number of the signer's certificate.
    SerialNumber,
    /// RFU.
    Reserved,
    /// 発行者名: issuer of the signer's certificate.
    Issuer,
    /// 主体者名: subject of the signer's certificate.
    Subject,
    /// 主体者識別子: identifier of the signer's key.
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

/// The layout of DF1/EF07 and WEF03, tag by tag, in the order we write them; read in any
/// order.
pub const ITEMS: [ItemSpec; 6] = [
    ItemSpec {
        item: Item::Signature,
        tag: 0xB1,
        name: "電子署名",
        meaning: "RSA-2048 PKCS#1 v1.5 signature over SHA-256 of the covered files (256 bytes), length always written `82 HH LL`",
        confidence: Confidence::SingleSource,
    },
    ItemSpec {
        item: Item::SerialNumber,
        tag: 0xB2,
        name: "シリアル番号",
        meaning: "serial number of the signer's certificate, upper-case hex digits in ASCII",
        confidence: Confidence::SingleSource,
    },
    ItemSpec {
        item: Item::Reserved,
        tag: 0xB3,
        name: "RFU",
        meaning: "reserved; written empty",
        confidence: Confidence::SingleSource,
    },
    ItemSpec {
        item: Item::Issuer,
        tag: 0xB4,
        name: "発行者名",
        meaning: "issuer of the signer's certificate as text (RFC 4514 string, UTF-8)",
        confidence: Confidence::SingleSource,
    },
    ItemSpec {
        item: Item::Subject,
        tag: 0xB5,
        name: "主体者名",
        meaning: "subject of the signer's certificate as text (RFC 4514 string, UTF-8)",
        confidence: Confidence::SingleSource,
    },
    ItemSpec {
        item: Item::SubjectKeyIdentifier,
        tag: 0xB6,
        name: "主体者識別子",
        meaning: "subject key identifier of the signer's key (RFC 5280 §4.2.1.2, SHA-1 of the key)",
        confidence: Confidence::SingleSource,
    },
];

/// The layout menkyo 0.1 wrote: `80` signature, `81` serial number, `82` issuer (DER Name),
/// `83` subject (DER Name), `84` subject key identifier, all inside `B1`.
pub const NESTED_ITEMS: [(Item, u8); 5] = [
    (Item::Signature, 0x80),
    (Item::SerialNumber, 0x81),
    (Item::Issuer, 0x82),
    (Item::Subject, 0x83),
    (Item::SubjectKeyIdentifier, 0x84),
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
        .find(|spec| spec.tag == tag)
        .map(|spec| spec.item)
}

/// Which item a tag is, in one layout.
type ItemOf = fn(u8) -> Option<Item>;

fn nested_item_of(tag: u8) -> Option<Item> {
    NESTED_ITEMS
        .iter()
        .find(|(_, t)| *t == tag)
        .map(|(item, _)| *item)
}

/// Bytes of an RSA-2048 signature. \[P\]
pub const SIGNATURE_LEN: usize = 256;

/// Whether the items sit flat in the file (the card's layout) or nested inside `B1` (menkyo
/// 0.1's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ItemNesting {
    /// The card's: flat items `B1`–`B6`.
    #[default]
    Flat,
    /// menkyo 0.1's: `80`–`84` inside `B1`, names as DER.
    Nested,
}

/// Why a security data file does not follow [`ITEMS`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SecurityDataError {
    /// The file is empty or all `FF`: nothing was written to it.
    #[error("the file holds no security data (empty or all FF)")]
    Empty,
    /// The file is not simple TLV.
    #[error("the file is not simple TLV")]
    Tlv(#[source] menkyo_codec::Error),
    /// The first item is not the `B1` signature.
    #[error("the first item has tag {found:02X}, not B1")]
    NotContainer {
        /// The tag found.
        found: u8,
    },
    /// The old layout's `B1` value is not a sequence of simple-TLV items.
    #[error("the value of B1 is not a sequence of simple-TLV items")]
    Inner(#[source] menkyo_codec::Error),
    /// An item appears twice.
    #[error("item {tag:02X} appears twice")]
    Duplicate {
        /// Its tag.
        tag: u8,
    },
    /// The file holds no signature value.
    #[error("no signature value in B1")]
    NoSignature,
    /// The signature value is not an RSA-2048 signature.
    #[error("the signature in B1 is {len} bytes, not {SIGNATURE_LEN}")]
    SignatureLength {
        /// Its length.
        len: usize,
    },
    /// The data does not fit the file.
    #[error("{}", too_large(*.len, *.size))]
    TooLarge {
        /// Bytes needed.
        len: usize,
        /// The file's size.
        size: usize,
    },
}

/// "the security data takes 600 bytes, more than the file's 578"; for an empty file, that it
/// has no room.
fn too_large(len: usize, size: usize) -> String {
    if size == 0 {
        format!("the security data takes {len} bytes, and the file (size 0) has no room for it")
    } else {
        format!("the security data takes {len} bytes, more than the file's {size}")
    }
}

/// The content of DF1/EF07 or WEF03.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SecurityData {
    /// Which layout the file was read in (and is written in): flat or nested.
    pub nesting: ItemNesting,
    /// 電子署名.
    pub signature: Vec<u8>,
    /// シリアル番号: ASCII hex text ([`ItemNesting::Flat`]) or unsigned big-endian
    /// ([`ItemNesting::Nested`]).
    pub serial_number: Option<Vec<u8>>,
    /// RFU, as read.
    pub reserved: Option<Vec<u8>>,
    /// 発行者名: text ([`ItemNesting::Flat`]) or a DER Name ([`ItemNesting::Nested`]).
    pub issuer: Option<Vec<u8>>,
    /// 主体者名: text ([`ItemNesting::Flat`]) or a DER Name ([`ItemNesting::Nested`]).
    pub subject: Option<Vec<u8>>,
    /// 主体者識別子.
    pub subject_key_identifier: Option<Vec<u8>>,
    /// Items that [`ITEMS`] does not name, kept as read: tag and value.
    pub unknown: Vec<(u8, Vec<u8>)>,
}

impl SecurityData {
    /// Decodes the file as read (filler included), in either layout.
    pub fn decode(file: &[u8]) -> Result<Self, SecurityDataError> {
        if file.iter().all(|&b| b == simple::END_MARK) {
            return Err(SecurityDataError::Empty);
        }
        let outer = simple::parse(file, Mode::Strict).map_err(SecurityDataError::Tlv)?;
        let first = outer.items.first().ok_or(SecurityDataError::Empty)?;
        if first.tag != tag_of(Item::Signature) {
            return Err(SecurityDataError::NotContainer { found: first.tag });
        }
        let flat = outer.items.iter().skip(1).any(|i| item_of(i.tag).is_some());
        let nested = (!flat)
            .then(|| simple::parse(first.value, Mode::Strict).ok())
            .flatten()
            .filter(|inner| inner.items.first().map(|i| i.tag) == Some(NESTED_ITEMS[0].1));
        let (nesting, items, lookup): (_, Vec<(u8, &[u8])>, ItemOf) = match &nested {
            Some(inner) => (
                ItemNesting::Nested,
                inner.items.iter().map(|i| (i.tag, i.value)).collect(),
                nested_item_of,
            ),
            None => (
                ItemNesting::Flat,
                outer.items.iter().map(|i| (i.tag, i.value)).collect(),
                item_of,
            ),
        };
        let mut data = SecurityData {
            nesting,
            ..SecurityData::default()
        };
        let mut signature = None;
        for (tag, value) in items {
            let slot = match lookup(tag) {
                Some(Item::Signature) => &mut signature,
                Some(Item::SerialNumber) => &mut data.serial_number,
                Some(Item::Reserved) => &mut data.reserved,
                Some(Item::Issuer) => &mut data.issuer,
                Some(Item::Subject) => &mut data.subject,
                Some(Item::SubjectKeyIdentifier) => &mut data.subject_key_identifier,
                None => {
                    data.unknown.push((tag, value.to_vec()));
                    continue;
                }
            };
            if slot.is_some() {
                return Err(SecurityDataError::Duplicate { tag });
            }
            *slot = Some(value.to_vec());
        }
        data.signature = signature
            .filter(|s| !s.is_empty())
            .ok_or(SecurityDataError::NoSignature)?;
        if data.signature.len() != SIGNATURE_LEN {
            return Err(SecurityDataError::SignatureLength {
                len: data.signature.len(),
            });
        }
        Ok(data)
    }

    /// The items in [`ITEMS`] order (or the old nested `B1`), without filler.
    pub fn encode(&self) -> Result<Vec<u8>, SecurityDataError> {
        let known = [
            (Item::Signature, Some(&self.signature)),
            (Item::SerialNumber, self.serial_number.as_ref()),
            (Item::Reserved, self.reserved.as_ref()),
            (Item::Issuer, self.issuer.as_ref()),
            (Item::Subject, self.subject.as_ref()),
            (
                Item::SubjectKeyIdentifier,
                self.subject_key_identifier.as_ref(),
            ),
        ];
        let tag = |item: Item| match self.nesting {
            ItemNesting::Flat => Some(tag_of(item)),
            ItemNesting::Nested => NESTED_ITEMS
                .iter()
                .find(|(i, _)| *i == item)
                .map(|(_, t)| *t),
        };
        let mut items = Vec::new();
        let known = known
            .iter()
            .filter_map(|(item, value)| Some((tag(*item)?, (*value)?.as_slice())));
        for (tag, value) in known.chain(self.unknown.iter().map(|(t, v)| (*t, v.as_slice()))) {
            let form = if tag == tag_of(Item::Signature) {
                LengthForm::Long2
            } else {
                LengthForm::minimal(value.len()).map_err(SecurityDataError::Tlv)?
            };
            simple::encode_item(&mut items, tag, value, form).map_err(SecurityDataError::Tlv)?;
        }
        match self.nesting {
            ItemNesting::Flat => Ok(items),
            ItemNesting::Nested => {
                let mut out = Vec::with_capacity(items.len() + 4);
                simple::encode_item(&mut out, tag_of(Item::Signature), &items, LengthForm::Long2)
                    .map_err(SecurityDataError::Tlv)?;
                Ok(out)
            }
        }
    }

    /// The whole file of `size` bytes: the items, then `FF` filler.
    pub fn encode_padded(&self, size: usize) -> Result<Vec<u8>, SecurityDataError> {
        let mut out = self.encode()?;
        if out.len() > size {
            return Err(SecurityDataError::TooLarge {
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
            nesting: ItemNesting::Flat,
            signature: vec![0x5A; 256],
            serial_number: Some(b"0102".to_vec()),
            reserved: Some(Vec::new()),
            issuer: Some(b"CN=Issuer".to_vec()),
            subject: Some(b"CN=Subject".to_vec()),
            subject_key_identifier: Some(vec![0xAB; 20]),
            unknown: vec![(0x90, vec![1, 2, 3])],
        }
    }

    #[test]
    fn round_trips_as_flat_items_with_filler() {
        let data = sample();
        let file = data.encode_padded(578).unwrap();
        assert_eq!(file.len(), 578);
        assert_eq!(file[..4], [0xB1, 0x82, 0x01, 0x00]);
        assert_eq!(file[260..266], [0xB2, 0x04, b'0', b'1', b'0', b'2']);
        assert_eq!(file[266..268], [0xB3, 0x00]);
        assert_eq!(file[268..270], [0xB4, 0x09]);
        let used = 260 + 6 + 2 + 11 + 12 + 22 + 5;
        assert!(file[used..].iter().all(|&b| b == 0xFF));
        assert_eq!(SecurityData::decode(&file).unwrap(), data);
    }

    #[test]
    fn the_old_nested_layout_still_decodes_and_round_trips() {
        let old = SecurityData {
            nesting: ItemNesting::Nested,
            serial_number: Some(vec![0x01, 0x02]),
            reserved: None,
            issuer: Some(vec![0x30, 0x00]),
            subject: Some(vec![0x30, 0x00]),
            unknown: Vec::new(),
            ..sample()
        };
        let file = old.encode_padded(578).unwrap();
        assert_eq!(file[4..8], [0x80, 0x82, 0x01, 0x00]);
        assert_eq!(file[0..2], [0xB1, 0x82]);
        assert_eq!(SecurityData::decode(&file).unwrap(), old);
    }

    #[test]
    fn malformed_files_are_typed_errors() {
        assert_eq!(SecurityData::decode(&[]), Err(SecurityDataError::Empty));
        assert_eq!(
            SecurityData::decode(&[0xFF; 578]),
            Err(SecurityDataError::Empty)
        );
        assert_eq!(
            SecurityData::decode(&[0x41, 0x01, 0x00]),
            Err(SecurityDataError::NotContainer { found: 0x41 })
        );
        assert_eq!(
            SecurityData::decode(&[0xB1, 0x82, 0x00, 0x00, 0xB2, 0x01, 0x07]),
            Err(SecurityDataError::NoSignature)
        );
        assert_eq!(
            SecurityData::decode(&[0xB1, 0x01, 0x07, 0xB2, 0x01, 0x07, 0xB2, 0x01, 0x07]),
            Err(SecurityDataError::Duplicate { tag: 0xB2 })
        );
        assert!(matches!(
            SecurityData::decode(&[0xB1, 0x82, 0x02]),
            Err(SecurityDataError::Tlv(_))
        ));
        assert!(matches!(
            sample().encode_padded(100),
            Err(SecurityDataError::TooLarge { size: 100, .. })
        ));
    }

    #[test]
    fn too_large_says_how_much_room_the_file_has() {
        let len = sample().encode().unwrap().len();
        let too_small = sample().encode_padded(100).unwrap_err().to_string();
        assert_eq!(
            too_small,
            format!("the security data takes {len} bytes, more than the file's 100")
        );
        let empty = sample().encode_padded(0).unwrap_err().to_string();
        assert_eq!(
            empty,
            format!(
                "the security data takes {len} bytes, and the file (size 0) has no room for it"
            )
        );
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
