//! Whether the holder set a PIN: MF/EF02 暗証番号設定 of the IC licence (`05 01 00/01`) and
//! WEF01 PIN設定 of the 免許AP (`C1 01 00/01`). When no PIN is set the PIN is `****`.

use serde::Serialize;

use super::tag_id::TagId;
use crate::Error;

const NOT_SET: u8 = 0x00;
const SET: u8 = 0x01;

/// MF/EF02 暗証番号設定.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PinSetting {
    /// 暗証番号設定の有無: the holder set PIN1 and PIN2; otherwise both are `****`.
    pub pin_set: bool,
}

/// 免許AP WEF01 PIN設定.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LicenceApPinSetting {
    /// The holder set the 免許AP PIN; otherwise it is `****`.
    pub pin_set: bool,
}

/// `decode` and `encode` of a one-flag PIN設定 file: `$file` names it in errors, `$short` in
/// the docs, `$tag` is its one item.
macro_rules! flag_file {
    ($type:ident, $file:literal, $short:literal, $tag:literal) => {
        impl $type {
            const FILE: &'static str = $file;
            const TAG: u8 = $tag;

            #[doc = concat!("Decodes the 3 bytes of ", $short, ".")]
            pub fn decode(bytes: &[u8]) -> Result<Self, Error> {
                decode_flag(Self::FILE, Self::TAG, bytes).map(|pin_set| Self { pin_set })
            }

            #[doc = concat!("The 3 bytes of ", $short, ".")]
            pub fn encode(&self) -> Vec<u8> {
                encode_flag(Self::TAG, self.pin_set)
            }
        }
    };
}

flag_file!(PinSetting, "MF/EF02 暗証番号設定", "MF/EF02", 0x05);
flag_file!(LicenceApPinSetting, "免許AP WEF01 PIN設定", "WEF01", 0xC1);

fn decode_flag(file: &'static str, tag: u8, bytes: &[u8]) -> Result<bool, Error> {
    let &[found, len, value] = bytes else {
        return Err(Error::FileLength {
            file,
            expected: 3,
            len: bytes.len(),
        });
    };
    if found != tag {
        return Err(Error::UnexpectedTag {
            file,
            offset: 0,
            expected: TagId::from(tag),
            found: TagId::from(found),
        });
    }
    let bad = |source| Error::BadValue {
        file,
        item: "PIN設定",
        tag: TagId::from(tag),
        offset: 0,
        source: Box::new(source),
    };
    if len != 1 {
        return Err(bad(Error::ValueLength {
            expected: 1,
            len: usize::from(len),
        }));
    }
    match value {
        NOT_SET => Ok(false),
        SET => Ok(true),
        value => Err(bad(Error::Flag {
            value,
            allowed: "00 (not set), 01 (set)",
        })),
    }
}

fn encode_flag(tag: u8, set: bool) -> Vec<u8> {
    vec![tag, 0x01, if set { SET } else { NOT_SET }]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_values_round_trip() {
        for (bytes, set) in [([0x05, 0x01, 0x00], false), ([0x05, 0x01, 0x01], true)] {
            let setting = PinSetting::decode(&bytes).unwrap();
            assert_eq!(setting.pin_set, set);
            assert_eq!(setting.encode(), bytes);
        }
        for (bytes, set) in [([0xC1, 0x01, 0x00], false), ([0xC1, 0x01, 0x01], true)] {
            let setting = LicenceApPinSetting::decode(&bytes).unwrap();
            assert_eq!(setting.pin_set, set);
            assert_eq!(setting.encode(), bytes);
        }
    }

    #[test]
    fn refuses_other_bytes() {
        assert!(matches!(
            PinSetting::decode(&[0x05, 0x01]),
            Err(Error::FileLength { len: 2, .. })
        ));
        assert!(matches!(
            PinSetting::decode(&[0xC1, 0x01, 0x00]),
            Err(Error::UnexpectedTag { .. })
        ));
        assert!(matches!(
            LicenceApPinSetting::decode(&[0xC1, 0x01, 0x02]),
            Err(Error::BadValue { source, .. })
                if matches!(source.as_ref(), Error::Flag { value: 2, .. })
        ));
        assert!(matches!(
            LicenceApPinSetting::decode(&[0xC1, 0x02, 0x00]),
            Err(Error::BadValue { source, .. })
                if matches!(source.as_ref(), Error::ValueLength { .. })
        ));
    }

    #[test]
    fn json_says_pin_set() {
        let json = serde_json::to_string(&PinSetting { pin_set: true }).unwrap();
        assert_eq!(json, r#"{"pin_set":true}"#);
    }
}
