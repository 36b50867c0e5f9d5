//! Every kind of file content the tools decode on its own, by name (`ic-record`,
//! `myna-record` …), with a guess from the bytes when the kind is not given.

use std::fmt;

use serde::{Serialize, Serializer};

use super::item_specs::{self, Format};
use super::tlv_dump::{BerDump, SimpleDump};
use super::{
    BasicInfo, ChangeRecords, ChangesFile, CommonData, Decoded, ExternalCharacters, GaijiFile,
    JpkiToken, LicenceApPinSetting, LicenceApRecord, LicenceApSecurity, LicenceClass,
    LicenceRecord, MyNumber, Photo, PinSetting, RegisteredDomicile, Signature,
};
use crate::tlv::Mode;
use crate::Error;

macro_rules! kinds {
    ($($variant:ident = $name:literal;)*) => {
        /// A kind of file content.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum RecordKind {
            $(
                #[doc = concat!("`", $name, "`.")]
                $variant,
            )*
        }

        impl RecordKind {
            /// Every kind.
            pub const ALL: &'static [RecordKind] = &[$(RecordKind::$variant),*];

            /// The name the tools use (`ic-record`).
            pub fn name(self) -> &'static str {
                match self { $(RecordKind::$variant => $name,)* }
            }
        }
    };
}

kinds! {
    IcCommon = "ic-common";
    IcPinSetting = "ic-pin-setting";
    IcRecord = "ic-record";
    IcDomicile = "ic-domicile";
    IcExternalCharacters = "ic-external-characters";
    IcChanges = "ic-changes";
    IcChangeExternalCharacters = "ic-change-external-characters";
    IcChangeDomicile = "ic-change-domicile";
    IcSignature = "ic-signature";
    IcPhoto = "ic-photo";
    MynaPinSetting = "myna-pin-setting";
    MynaRecord = "myna-record";
    MynaSecurity = "myna-security";
    MyNumber = "my-number";
    BasicInfo = "basic-info";
    JpkiToken = "jpki-token";
    Tlv = "tlv";
    SimpleTlv = "simple-tlv";
}

/// How a kind's bytes are framed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// Simple TLV: one-byte tags.
    Simple,
    /// BER-TLV: one- or two-byte tags.
    Ber,
    /// No TLV: fixed bytes.
    Plain,
}

impl RecordKind {
    /// The file it is, as the spec names it (`DF1/EF01 記載事項(本籍除く)`), from the registry.
    pub fn file(self) -> String {
        match (self, crate::registry::file_of(self)) {
            (_, Some(file)) => file.to_string(),
            (RecordKind::SimpleTlv, None) => "any simple TLV of the licence files".to_owned(),
            (_, None) => "any BER-TLV (ISO/IEC 7816-4)".to_owned(),
        }
    }

    /// The kind with this name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.name() == name)
    }

    /// How its bytes are framed.
    pub fn framing(self) -> Framing {
        match self {
            RecordKind::IcPhoto
            | RecordKind::MynaRecord
            | RecordKind::MyNumber
            | RecordKind::BasicInfo
            | RecordKind::Tlv => Framing::Ber,
            RecordKind::JpkiToken => Framing::Plain,
            _ => Framing::Simple,
        }
    }

    /// Whether `bytes` look like this kind. Only kinds with a distinctive start say yes.
    fn looks_like(self, bytes: &[u8]) -> bool {
        match self {
            RecordKind::IcCommon => bytes.len() == 17 && bytes.starts_with(&[0x45, 0x0B]),
            RecordKind::IcPinSetting => bytes.len() == 3 && bytes.starts_with(&[0x05, 0x01]),
            RecordKind::MynaPinSetting => bytes.len() == 3 && bytes.starts_with(&[0xC1, 0x01]),
            RecordKind::IcRecord => bytes.starts_with(&[0x11, 0x01]),
            RecordKind::IcDomicile => bytes.first() == Some(&0x41),
            RecordKind::IcSignature | RecordKind::MynaSecurity => bytes.starts_with(&[0xB1, 0x82]),
            RecordKind::IcPhoto => bytes.starts_with(&[0x5F, 0x40]),
            RecordKind::MynaRecord => matches!(bytes.first(), Some(0xC2 | 0xC5)),
            RecordKind::MyNumber => bytes.starts_with(&[0xFF, 0x10, 0x0C]),
            RecordKind::BasicInfo => bytes.starts_with(&[0xFF, 0x20]),
            RecordKind::JpkiToken => bytes.len() == 32 && bytes.starts_with(b"JPKIAPICCTOKEN"),
            RecordKind::IcExternalCharacters
            | RecordKind::IcChanges
            | RecordKind::IcChangeExternalCharacters
            | RecordKind::IcChangeDomicile
            | RecordKind::Tlv
            | RecordKind::SimpleTlv => false,
        }
    }

    /// The kind `bytes` are, from how they start.
    pub fn guess(bytes: &[u8]) -> Result<Self, Error> {
        let candidates: Vec<RecordKind> = Self::ALL
            .iter()
            .copied()
            .filter(|k| k.looks_like(bytes))
            .collect();
        match candidates.as_slice() {
            [one] => Ok(*one),
            [] => Err(Error::Unknown),
            _ => Err(Error::Ambiguous(candidates)),
        }
    }

    /// Decodes `bytes` as this kind.
    pub fn decode(self, bytes: &[u8], mode: Mode) -> Result<Decoded<Record>, Error> {
        fn wrap<R>(
            decoded: Result<Decoded<R>, Error>,
            into: fn(R) -> Record,
        ) -> Result<Decoded<Record>, Error> {
            decoded.map(|d| Decoded {
                record: into(d.record),
                warnings: d.warnings,
            })
        }
        fn strict<R>(decoded: Result<R, Error>) -> Result<Decoded<R>, Error> {
            decoded.map(|record| Decoded {
                record,
                warnings: Vec::new(),
            })
        }
        // The two 外字 files and the two change files each decode alike, into one variant.
        let gaiji = |file| {
            wrap(
                ExternalCharacters::decode_with(file, bytes, mode),
                Record::IcExternalCharacters,
            )
        };
        let changes = |file| {
            wrap(
                ChangeRecords::decode_with(file, bytes, mode),
                Record::IcChanges,
            )
        };
        match self {
            RecordKind::IcCommon => wrap(strict(CommonData::decode(bytes)), Record::IcCommon),
            RecordKind::IcPinSetting => {
                wrap(strict(PinSetting::decode(bytes)), Record::IcPinSetting)
            }
            RecordKind::IcRecord => wrap(LicenceRecord::decode_with(bytes, mode), |r| {
                Record::IcRecord(Box::new(r))
            }),
            RecordKind::IcDomicile => wrap(
                RegisteredDomicile::decode_with(bytes, mode),
                Record::IcDomicile,
            ),
            RecordKind::IcExternalCharacters => gaiji(GaijiFile::Ef03),
            RecordKind::IcChanges => changes(ChangesFile::Ef04),
            RecordKind::IcChangeExternalCharacters => gaiji(GaijiFile::Ef05),
            RecordKind::IcChangeDomicile => changes(ChangesFile::Ef06),
            RecordKind::IcSignature => {
                wrap(Signature::decode_with(bytes, mode), Record::IcSignature)
            }
            RecordKind::IcPhoto => wrap(Photo::decode_with(bytes, mode), Record::IcPhoto),
            RecordKind::MynaPinSetting => wrap(
                strict(LicenceApPinSetting::decode(bytes)),
                Record::MynaPinSetting,
            ),
            RecordKind::MynaRecord => wrap(
                LicenceApRecord::decode_with(bytes, mode),
                Record::MynaRecord,
            ),
            RecordKind::MynaSecurity => wrap(
                LicenceApSecurity::decode_with(bytes, mode),
                Record::MynaSecurity,
            ),
            RecordKind::MyNumber => wrap(MyNumber::decode_with(bytes, mode), Record::MyNumber),
            RecordKind::BasicInfo => wrap(BasicInfo::decode_with(bytes, mode), Record::BasicInfo),
            RecordKind::JpkiToken => wrap(strict(JpkiToken::decode(bytes)), Record::JpkiToken),
            RecordKind::Tlv => wrap(BerDump::decode(bytes, mode), Record::Tlv),
            RecordKind::SimpleTlv => wrap(SimpleDump::decode(bytes, mode), Record::SimpleTlv),
        }
    }

    /// The spec's name of the item with this tag, in this kind of file: from the kind's item
    /// table ([`item_specs::of`]; a change record's tags are not one item and have none), else
    /// the names of tags no table lists (licence classes, the signature items, glyphs, the
    /// 基本4情報 container).
    pub fn tag_name(self, tag: u16) -> Option<&'static str> {
        let listed = item_specs::of(self)
            .iter()
            .find(|spec| spec.tag == tag && spec.format != Format::ChangeRecord)
            .map(|spec| spec.name);
        listed.or_else(|| match self {
            RecordKind::IcRecord => u8::try_from(tag)
                .ok()
                .and_then(LicenceClass::from_tag)
                .map(LicenceClass::name),
            RecordKind::IcSignature | RecordKind::MynaSecurity => match tag {
                0xB1 => Some("電子署名"),
                0xB2 => Some("シリアル番号"),
                0xB3 => Some("RFU"),
                0xB4 => Some("発行者名"),
                0xB5 => Some("主体者名"),
                0xB6 => Some("主体者識別子"),
                _ => None,
            },
            RecordKind::IcChangeExternalCharacters if tag == 0xA0 => Some("追記の有無"),
            RecordKind::IcExternalCharacters | RecordKind::IcChangeExternalCharacters => {
                matches!(tag, 0x48..=0x4E | 0xA1..=0xA5).then_some("外字")
            }
            RecordKind::BasicInfo => (tag == 0xFF20).then_some("基本4情報"),
            _ => None,
        })
    }
}

impl fmt::Display for RecordKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A decoded file of any kind.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Record {
    IcCommon(CommonData),
    IcPinSetting(PinSetting),
    IcRecord(Box<LicenceRecord>),
    IcDomicile(RegisteredDomicile),
    IcExternalCharacters(ExternalCharacters),
    IcChanges(ChangeRecords),
    IcSignature(Signature),
    IcPhoto(Photo),
    MynaPinSetting(LicenceApPinSetting),
    MynaRecord(LicenceApRecord),
    MynaSecurity(LicenceApSecurity),
    MyNumber(MyNumber),
    BasicInfo(BasicInfo),
    JpkiToken(JpkiToken),
    Tlv(BerDump),
    SimpleTlv(SimpleDump),
}

impl Record {
    /// The bytes of the file again.
    pub fn encode(&self) -> Vec<u8> {
        match self {
            Record::IcCommon(r) => r.encode(),
            Record::IcPinSetting(r) => r.encode(),
            Record::IcRecord(r) => r.encode(),
            Record::IcDomicile(r) => r.encode(),
            Record::IcExternalCharacters(r) => r.encode(),
            Record::IcChanges(r) => r.encode(),
            Record::IcSignature(r) => r.encode(),
            Record::IcPhoto(r) => r.encode(),
            Record::MynaPinSetting(r) => r.encode(),
            Record::MynaRecord(r) => r.encode(),
            Record::MynaSecurity(r) => r.encode(),
            Record::MyNumber(r) => r.encode(),
            Record::BasicInfo(r) => r.encode(),
            Record::JpkiToken(r) => r.encode(),
            Record::Tlv(r) => r.encode(),
            Record::SimpleTlv(r) => r.encode(),
        }
    }
}

impl Serialize for Record {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Record::IcCommon(r) => r.serialize(serializer),
            Record::IcPinSetting(r) => r.serialize(serializer),
            Record::IcRecord(r) => r.serialize(serializer),
            Record::IcDomicile(r) => r.serialize(serializer),
            Record::IcExternalCharacters(r) => r.serialize(serializer),
            Record::IcChanges(r) => r.serialize(serializer),
            Record::IcSignature(r) => r.serialize(serializer),
            Record::IcPhoto(r) => r.serialize(serializer),
            Record::MynaPinSetting(r) => r.serialize(serializer),
            Record::MynaRecord(r) => r.serialize(serializer),
            Record::MynaSecurity(r) => r.serialize(serializer),
            Record::MyNumber(r) => r.serialize(serializer),
            Record::BasicInfo(r) => r.serialize(serializer),
            Record::JpkiToken(r) => r.serialize(serializer),
            Record::Tlv(r) => r.serialize(serializer),
            Record::SimpleTlv(r) => r.serialize(serializer),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for kind in RecordKind::ALL {
            assert_eq!(RecordKind::from_name(kind.name()), Some(*kind));
        }
        assert_eq!(RecordKind::from_name("ic-nothing"), None);
    }

    #[test]
    fn guesses_distinctive_starts() {
        assert_eq!(
            RecordKind::guess(&[0x05, 0x01, 0x01]),
            Ok(RecordKind::IcPinSetting)
        );
        assert_eq!(
            RecordKind::guess(&[0xC1, 0x01, 0x00]),
            Ok(RecordKind::MynaPinSetting)
        );
        assert_eq!(RecordKind::guess(&[0xC5, 0x07]), Ok(RecordKind::MynaRecord));
        assert_eq!(RecordKind::guess(&[0xC2, 0x00]), Ok(RecordKind::MynaRecord));
        assert_eq!(
            RecordKind::guess(&[0xFF, 0x20, 0x00]),
            Ok(RecordKind::BasicInfo)
        );
        assert_eq!(
            RecordKind::guess(&[0xB1, 0x82, 0x00, 0x00]),
            Err(Error::Ambiguous(vec![
                RecordKind::IcSignature,
                RecordKind::MynaSecurity
            ]))
        );
        assert_eq!(RecordKind::guess(&[0x00]), Err(Error::Unknown));
        assert_eq!(RecordKind::guess(&[]), Err(Error::Unknown));
    }

    #[test]
    fn every_kind_decodes_what_it_encodes() {
        let bytes = [0x05, 0x01, 0x01];
        let decoded = RecordKind::IcPinSetting
            .decode(&bytes, Mode::Strict)
            .unwrap();
        assert_eq!(decoded.record.encode(), bytes);
        let err = RecordKind::MynaPinSetting
            .decode(&bytes, Mode::Strict)
            .unwrap_err();
        assert!(matches!(err, Error::UnexpectedTag { .. }));
    }
}
