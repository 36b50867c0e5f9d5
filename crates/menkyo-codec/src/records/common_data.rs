//! MF/EF01 共通データ要素 (17 bytes): `45 0B` + 仕様書バージョン (3 ASCII characters) + 交付年月日
//! + 有効期間の末日 (BCD `YYYYMMDD`, Gregorian), then `46 02` + maker id + crypto id.

use serde::{Serialize, Serializer};

use super::tag_id::TagId;
use crate::date::Date;
use crate::registry::MF_EF01;
use crate::Error;

const SIZE_COMMON: usize = MF_EF01.fixed_size();

const FILE: &str = "MF/EF01 共通データ要素";
const TAG_CARD: u8 = 0x45;
const TAG_IDS: u8 = 0x46;
const CARD_LEN: u8 = 11;
const IDS_LEN: u8 = 2;

/// MF/EF01 共通データ要素.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommonData {
    /// 仕様書バージョン番号: three ASCII characters, e.g. `008`.
    pub spec_version: SpecVersion,
    /// 交付年月日 (of the card).
    pub issued_on: Date,
    /// 有効期間の末日 (of the card).
    pub expires_on: Date,
    /// 製造者識別子.
    pub maker_id: u8,
    /// 暗号関数識別子.
    pub crypto_id: u8,
}

/// 仕様書バージョン番号: three printable ASCII characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SpecVersion([u8; 3]);

impl Serialize for SpecVersion {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl SpecVersion {
    /// From three printable ASCII characters.
    pub fn new(text: &str) -> Result<Self, Error> {
        Self::from_bytes(text.as_bytes())
    }

    fn from_bytes(bytes: &[u8]) -> Result<Self, Error> {
        let raw = <[u8; 3]>::try_from(bytes).map_err(|_| Error::ValueLength {
            expected: 3,
            len: bytes.len(),
        })?;
        if let Some(&b) = raw.iter().find(|b| !b.is_ascii_graphic()) {
            return Err(Error::Unwritable { ch: char::from(b) });
        }
        Ok(Self(raw))
    }

    /// The characters.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

impl CommonData {
    /// Decodes the 17 bytes of MF/EF01.
    pub fn decode(bytes: &[u8]) -> Result<Self, Error> {
        let Ok(raw) = <[u8; SIZE_COMMON]>::try_from(bytes) else {
            return Err(Error::FileLength {
                file: FILE,
                expected: SIZE_COMMON,
                len: bytes.len(),
            });
        };
        let [t1, l1, v1, v2, v3, i1, i2, i3, i4, e1, e2, e3, e4, t2, l2, maker_id, crypto_id] = raw;
        expect_header(0, [t1, l1], [TAG_CARD, CARD_LEN])?;
        expect_header(13, [t2, l2], [TAG_IDS, IDS_LEN])?;
        let bad = |item, offset, source| Error::BadValue {
            file: FILE,
            item,
            tag: TagId::from(TAG_CARD),
            offset,
            source: Box::new(source),
        };
        let spec_version = SpecVersion::from_bytes(&[v1, v2, v3])
            .map_err(|e| bad("仕様書バージョン番号", 2, e))?;
        let issued_on =
            Date::parse_bcd(&[i1, i2, i3, i4]).map_err(|e| bad("交付年月日", 5, Error::date(e)))?;
        let expires_on = Date::parse_bcd(&[e1, e2, e3, e4])
            .map_err(|e| bad("有効期間の末日", 9, Error::date(e)))?;
        Ok(Self {
            spec_version,
            issued_on,
            expires_on,
            maker_id,
            crypto_id,
        })
    }

    /// The 17 bytes of MF/EF01.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(SIZE_COMMON);
        out.extend([TAG_CARD, CARD_LEN]);
        out.extend(self.spec_version.0);
        out.extend(self.issued_on.to_bcd());
        out.extend(self.expires_on.to_bcd());
        out.extend([TAG_IDS, IDS_LEN, self.maker_id, self.crypto_id]);
        out
    }
}

fn expect_header(offset: usize, found: [u8; 2], expected: [u8; 2]) -> Result<(), Error> {
    if found[0] != expected[0] {
        return Err(Error::UnexpectedTag {
            file: FILE,
            offset,
            expected: TagId::from(expected[0]),
            found: TagId::from(found[0]),
        });
    }
    if found[1] != expected[1] {
        return Err(Error::BadValue {
            file: FILE,
            item: if expected[0] == TAG_CARD {
                "カード発行者データ"
            } else {
                "識別子"
            },
            tag: TagId::from(expected[0]),
            offset,
            source: Box::new(Error::ValueLength {
                expected: usize::from(expected[1]),
                len: usize::from(found[1]),
            }),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 共通データ要素 of a synthetic card: version 008, issued 2012-03-05, expires 2017-04-06.
    const SAMPLE: [u8; 17] = [
        0x45, 0x0B, b'0', b'0', b'8', 0x20, 0x12, 0x03, 0x05, 0x20, 0x17, 0x04, 0x06, 0x46, 0x02,
        0x01, 0x02,
    ];

    #[test]
    fn decodes_and_encodes_the_same_bytes() {
        let common = CommonData::decode(&SAMPLE).unwrap();
        assert_eq!(common.spec_version.as_str(), "008");
        assert_eq!(common.issued_on.to_string(), "2012-03-05");
        assert_eq!(common.expires_on.to_string(), "2017-04-06");
        assert_eq!((common.maker_id, common.crypto_id), (1, 2));
        assert_eq!(common.encode(), SAMPLE);
    }

    #[test]
    fn refuses_wrong_length_tag_and_dates() {
        assert!(matches!(
            CommonData::decode(&SAMPLE[..16]),
            Err(Error::FileLength {
                expected: 17,
                len: 16,
                ..
            })
        ));
        let mut bad = SAMPLE;
        bad[13] = 0x47;
        assert!(matches!(
            CommonData::decode(&bad),
            Err(Error::UnexpectedTag { offset: 13, .. })
        ));
        let mut bad = SAMPLE;
        bad[7] = 0x13;
        assert!(matches!(
            CommonData::decode(&bad),
            Err(Error::BadValue {
                offset: 5,
                source,
                ..
            }) if matches!(source.as_ref(), Error::Date { .. })
        ));
        let mut bad = SAMPLE;
        bad[1] = 0x0C;
        assert!(matches!(
            CommonData::decode(&bad),
            Err(Error::BadValue { source, .. })
                if matches!(source.as_ref(), Error::ValueLength { .. })
        ));
    }

    #[test]
    fn serializes_iso_dates() {
        let json = serde_json::to_value(CommonData::decode(&SAMPLE).unwrap()).unwrap();
        assert_eq!(json["spec_version"], "008");
        assert_eq!(json["issued_on"], "2012-03-05");
        assert_eq!(json["expires_on"], "2017-04-06");
    }
}
