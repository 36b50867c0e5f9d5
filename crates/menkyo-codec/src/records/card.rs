//! Whole cards: every file of an IC licence or a My Number card decoded into its record, for
//! the JSON document of a full read.

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::{
    BasicInfo, ChangeRecords, ChangesFile, CommonData, Decoded, ExternalCharacters, GaijiFile,
    ItemLayout, JpkiToken, LicenceApPinSetting, LicenceApRecord, LicenceApSecurity, LicenceRecord,
    MyNumber, Photo, PinSetting, RecordError, RegisteredDomicile, Signature,
};
use crate::registry::{self, File};
use crate::tlv::Mode;

/// A whole card or one of its applications: a struct of records, each `Option` (`None`: not
/// read, or absent), serialized as a JSON object with one key per field, named as the field,
/// in this order.
macro_rules! whole_card {
    (
        $(#[$doc:meta])*
        pub struct $type:ident {
            $($(#[$field_doc:meta])* $field:ident: $record:ty,)+
        }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Default)]
        pub struct $type {
            $($(#[$field_doc])* pub $field: Option<$record>,)+
        }

        impl Serialize for $type {
            /// One key per field, in declaration order.
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(None)?;
                $(map.serialize_entry(stringify!($field), &self.$field)?;)+
                map.end()
            }
        }
    };
}

whole_card! {
    /// A whole ICカード運転免許証; a file is `None` when it was not read.
    ///
    /// Its JSON: one key per file, holding that file's record (`null` when not read).
    pub struct IcLicenceCard {
        /// MF/EF01 共通データ要素.
        common: CommonData,
        /// MF/EF02 暗証番号設定.
        pin_setting: PinSetting,
        /// DF1/EF01 記載事項(本籍除く).
        record: LicenceRecord,
        /// DF1/EF02 記載事項(本籍).
        domicile: RegisteredDomicile,
        /// DF1/EF03 外字.
        external_characters: ExternalCharacters,
        /// DF1/EF04 記載事項変更等(本籍除く).
        changes: ChangeRecords,
        /// DF1/EF05 記載事項変更(外字).
        change_external_characters: ExternalCharacters,
        /// DF1/EF06 記載事項変更(本籍).
        change_domicile: ChangeRecords,
        /// DF1/EF07 電子署名.
        signature: Signature,
        /// DF2/EF01 写真.
        photo: Photo,
    }
}

whole_card! {
    /// The 免許AP of a My Number card.
    ///
    /// Its JSON: `{"pin_setting", "record", "security"}`.
    pub struct LicenceAp {
        /// WEF01 PIN設定.
        pin_setting: LicenceApPinSetting,
        /// WEF02 免許情報.
        record: LicenceApRecord,
        /// WEF03 セキュリティデータ.
        security: LicenceApSecurity,
    }
}

whole_card! {
    /// The 券面事項入力補助AP of a My Number card.
    ///
    /// Its JSON: `{"my_number", "basic_info"}`.
    pub struct BasicInfoAp {
        /// EF0001 個人番号.
        my_number: MyNumber,
        /// EF0002 基本4情報.
        basic_info: BasicInfo,
    }
}

whole_card! {
    /// A whole My Number card; an application is `None` when it is absent or was not read.
    ///
    /// Its JSON: `{"licence_ap", "basic_info_ap", "jpki_token"}`, `null` for an absent
    /// application.
    pub struct MyNumberCard {
        /// 免許AP.
        licence_ap: LicenceAp,
        /// 券面事項入力補助AP.
        basic_info_ap: BasicInfoAp,
        /// JPKI AP EF0006 token.
        jpki_token: JpkiToken,
    }
}

/// Decodes one file if it was read, collecting lenient warnings.
fn file<R>(
    bytes: Option<&[u8]>,
    warnings: &mut Vec<RecordError>,
    decode: impl FnOnce(&[u8]) -> Result<Decoded<R>, RecordError>,
) -> Result<Option<R>, RecordError> {
    let Some(bytes) = bytes else {
        return Ok(None);
    };
    let decoded = decode(bytes)?;
    warnings.extend(decoded.warnings);
    Ok(Some(decoded.record))
}

fn strict<R>(
    decode: fn(&[u8]) -> Result<R, RecordError>,
) -> impl FnOnce(&[u8]) -> Result<Decoded<R>, RecordError> {
    move |bytes| {
        decode(bytes).map(|record| Decoded {
            record,
            warnings: Vec::new(),
        })
    }
}

impl IcLicenceCard {
    /// The `kind` of its JSON document.
    pub const KIND: &'static str = "ic-licence";

    /// Decodes the files `read` returns; a file it has not is left `None`.
    pub fn decode<'a>(
        read: impl Fn(&'static File) -> Option<&'a [u8]>,
        mode: Mode,
    ) -> Result<Decoded<Self>, RecordError> {
        let mut w = Vec::new();
        let card = Self {
            common: file(read(&registry::MF_EF01), &mut w, strict(CommonData::decode))?,
            pin_setting: file(read(&registry::MF_EF02), &mut w, strict(PinSetting::decode))?,
            record: file(read(&registry::DF1_EF01), &mut w, |b| {
                LicenceRecord::decode_with(b, mode)
            })?,
            domicile: file(read(&registry::DF1_EF02), &mut w, |b| {
                RegisteredDomicile::decode_with(b, mode)
            })?,
            external_characters: file(read(&registry::DF1_EF03), &mut w, |b| {
                ExternalCharacters::decode_with(GaijiFile::Ef03, b, mode)
            })?,
            changes: file(read(&registry::DF1_EF04), &mut w, |b| {
                ChangeRecords::decode_with(ChangesFile::Ef04, b, mode)
            })?,
            change_external_characters: file(read(&registry::DF1_EF05), &mut w, |b| {
                ExternalCharacters::decode_with(GaijiFile::Ef05, b, mode)
            })?,
            change_domicile: file(read(&registry::DF1_EF06), &mut w, |b| {
                ChangeRecords::decode_with(ChangesFile::Ef06, b, mode)
            })?,
            signature: file(read(&registry::DF1_EF07), &mut w, |b| {
                Signature::decode_with(b, mode)
            })?,
            photo: file(read(&registry::DF2_EF01), &mut w, |b| {
                Photo::decode_with(b, mode)
            })?,
        };
        Ok(Decoded {
            record: card,
            warnings: w,
        })
    }

    /// The same card with every record's layout reset: its typed values alone, to compare
    /// cards built and read in different ways (a profile's records carry the default layout,
    /// records decoded from a card the layout as read).
    #[must_use]
    pub fn without_layout(mut self) -> Self {
        let clear = |l: &mut ItemLayout| *l = ItemLayout::default();
        self.record.iter_mut().for_each(|r| clear(&mut r.layout));
        self.domicile.iter_mut().for_each(|r| clear(&mut r.layout));
        self.external_characters
            .iter_mut()
            .for_each(|r| clear(&mut r.layout));
        self.change_external_characters
            .iter_mut()
            .for_each(|r| clear(&mut r.layout));
        self.changes.iter_mut().for_each(|r| clear(&mut r.layout));
        self.change_domicile
            .iter_mut()
            .for_each(|r| clear(&mut r.layout));
        self.signature.iter_mut().for_each(|r| clear(&mut r.layout));
        self.photo.iter_mut().for_each(|r| clear(&mut r.layout));
        self
    }
}

impl MyNumberCard {
    /// The `kind` of its JSON document.
    pub const KIND: &'static str = "my-number-card";

    /// Decodes the files `read` returns. An application is present when any of its files is.
    pub fn decode<'a>(
        read: impl Fn(&'static File) -> Option<&'a [u8]>,
        mode: Mode,
    ) -> Result<Decoded<Self>, RecordError> {
        let mut w = Vec::new();
        let licence_ap = LicenceAp {
            pin_setting: file(
                read(&registry::LICENCE_AP_WEF01),
                &mut w,
                strict(LicenceApPinSetting::decode),
            )?,
            record: file(read(&registry::LICENCE_AP_WEF02), &mut w, |b| {
                LicenceApRecord::decode_with(b, mode)
            })?,
            security: file(read(&registry::LICENCE_AP_WEF03), &mut w, |b| {
                LicenceApSecurity::decode_with(b, mode)
            })?,
        };
        let basic_info_ap = BasicInfoAp {
            my_number: file(read(&registry::BASIC_INFO_EF0001), &mut w, |b| {
                MyNumber::decode_with(b, mode)
            })?,
            basic_info: file(read(&registry::BASIC_INFO_EF0002), &mut w, |b| {
                BasicInfo::decode_with(b, mode)
            })?,
        };
        let card = Self {
            licence_ap: (licence_ap != LicenceAp::default()).then_some(licence_ap),
            basic_info_ap: (basic_info_ap != BasicInfoAp::default()).then_some(basic_info_ap),
            jpki_token: file(
                read(&registry::JPKI_EF0006),
                &mut w,
                strict(JpkiToken::decode),
            )?,
        };
        Ok(Decoded {
            record: card,
            warnings: w,
        })
    }

    /// The same card with every record's layout reset (see
    /// [`IcLicenceCard::without_layout`]).
    #[must_use]
    pub fn without_layout(mut self) -> Self {
        if let Some(ap) = self.licence_ap.as_mut() {
            ap.record
                .iter_mut()
                .for_each(|r| r.layout = ItemLayout::default());
            ap.security
                .iter_mut()
                .for_each(|r| r.0.layout = ItemLayout::default());
        }
        if let Some(ap) = self.basic_info_ap.as_mut() {
            ap.my_number
                .iter_mut()
                .for_each(|r| r.layout = ItemLayout::default());
            ap.basic_info.iter_mut().for_each(|r| {
                r.layout = ItemLayout::default();
                r.outer = ItemLayout::default();
            });
        }
        self
    }
}
