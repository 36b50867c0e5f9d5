//! Whole cards: every file of an IC licence or a My Number card decoded into its record, for
//! the JSON document of a full read.

use serde::Serialize;

use super::{
    BasicInfo, ChangeRecords, ChangesFile, CommonData, Decoded, ExternalCharacters, GaijiFile,
    ItemLayout, JpkiToken, LicenceApPinSetting, LicenceApRecord, LicenceApSecurity, LicenceRecord,
    MyNumber, Photo, PinSetting, RegisteredDomicile, Signature,
};
use crate::registry::{self, File};
use crate::tlv::Mode;
use crate::Error;

/// A whole ICカード運転免許証; a file is `None` when it was not read.
///
/// Its JSON: one key per file, holding that file's record (`null` when not read).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct IcLicenceCard {
    /// MF/EF01 共通データ要素.
    pub common: Option<CommonData>,
    /// MF/EF02 暗証番号設定.
    pub pin_setting: Option<PinSetting>,
    /// DF1/EF01 記載事項(本籍除く).
    pub record: Option<LicenceRecord>,
    /// DF1/EF02 記載事項(本籍).
    pub domicile: Option<RegisteredDomicile>,
    /// DF1/EF03 外字.
    pub external_characters: Option<ExternalCharacters>,
    /// DF1/EF04 記載事項変更等(本籍除く).
    pub changes: Option<ChangeRecords>,
    /// DF1/EF05 記載事項変更(外字).
    pub change_external_characters: Option<ExternalCharacters>,
    /// DF1/EF06 記載事項変更(本籍).
    pub change_domicile: Option<ChangeRecords>,
    /// DF1/EF07 電子署名.
    pub signature: Option<Signature>,
    /// DF2/EF01 写真.
    pub photo: Option<Photo>,
}

/// The 免許AP of a My Number card.
///
/// Its JSON: `{"pin_setting", "record", "security"}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct LicenceAp {
    /// WEF01 PIN設定.
    pub pin_setting: Option<LicenceApPinSetting>,
    /// WEF02 免許情報.
    pub record: Option<LicenceApRecord>,
    /// WEF03 セキュリティデータ.
    pub security: Option<LicenceApSecurity>,
}

/// The 券面事項入力補助AP of a My Number card.
///
/// Its JSON: `{"my_number", "basic_info"}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct BasicInfoAp {
    /// EF0001 個人番号.
    pub my_number: Option<MyNumber>,
    /// EF0002 基本4情報.
    pub basic_info: Option<BasicInfo>,
}

/// A whole My Number card; an application is `None` when it is absent or was not read.
///
/// Its JSON: `{"licence_ap", "basic_info_ap", "jpki_token"}`, `null` for an absent
/// application.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct MyNumberCard {
    /// 免許AP.
    pub licence_ap: Option<LicenceAp>,
    /// 券面事項入力補助AP.
    pub basic_info_ap: Option<BasicInfoAp>,
    /// JPKI AP EF0006 token.
    pub jpki_token: Option<JpkiToken>,
}

/// The files of one card as `read` returns them, each decoded if it was read, the lenient
/// warnings of all collected.
struct CardFiles<'r, 'a> {
    read: &'r dyn Fn(&'static File) -> Option<&'a [u8]>,
    mode: Mode,
    warnings: Vec<Error>,
}

impl<'r, 'a> CardFiles<'r, 'a> {
    fn new(read: &'r dyn Fn(&'static File) -> Option<&'a [u8]>, mode: Mode) -> Self {
        Self {
            read,
            mode,
            warnings: Vec::new(),
        }
    }

    /// Decodes `file` with `decode` in the card's mode; `None` when it was not read.
    fn lenient<R>(
        &mut self,
        file: &'static File,
        decode: impl FnOnce(&[u8], Mode) -> Result<Decoded<R>, Error>,
    ) -> Result<Option<R>, Error> {
        let Some(bytes) = (self.read)(file) else {
            return Ok(None);
        };
        let decoded = decode(bytes, self.mode)?;
        self.warnings.extend(decoded.warnings);
        Ok(Some(decoded.record))
    }

    /// Decodes `file` with `decode`, which has no lenient form.
    fn strict<R>(
        &mut self,
        file: &'static File,
        decode: fn(&[u8]) -> Result<R, Error>,
    ) -> Result<Option<R>, Error> {
        self.lenient(file, |bytes, _| {
            decode(bytes).map(|record| Decoded {
                record,
                warnings: Vec::new(),
            })
        })
    }

    /// The card decoded, with the warnings of its files.
    fn finish<C>(self, record: C) -> Decoded<C> {
        Decoded {
            record,
            warnings: self.warnings,
        }
    }
}

impl IcLicenceCard {
    /// The `kind` of its JSON document.
    pub const KIND: &'static str = "ic-licence";

    /// Decodes the files `read` returns; a file it has not is left `None`.
    pub fn decode<'a>(
        read: impl Fn(&'static File) -> Option<&'a [u8]>,
        mode: Mode,
    ) -> Result<Decoded<Self>, Error> {
        let gaiji = |file| move |b: &[u8], m| ExternalCharacters::decode_with(file, b, m);
        let changes = |file| move |b: &[u8], m| ChangeRecords::decode_with(file, b, m);
        let mut files = CardFiles::new(&read, mode);
        let card = Self {
            common: files.strict(&registry::MF_EF01, CommonData::decode)?,
            pin_setting: files.strict(&registry::MF_EF02, PinSetting::decode)?,
            record: files.lenient(&registry::DF1_EF01, LicenceRecord::decode_with)?,
            domicile: files.lenient(&registry::DF1_EF02, RegisteredDomicile::decode_with)?,
            external_characters: files.lenient(&registry::DF1_EF03, gaiji(GaijiFile::Ef03))?,
            changes: files.lenient(&registry::DF1_EF04, changes(ChangesFile::Ef04))?,
            change_external_characters: files
                .lenient(&registry::DF1_EF05, gaiji(GaijiFile::Ef05))?,
            change_domicile: files.lenient(&registry::DF1_EF06, changes(ChangesFile::Ef06))?,
            signature: files.lenient(&registry::DF1_EF07, Signature::decode_with)?,
            photo: files.lenient(&registry::DF2_EF01, Photo::decode_with)?,
        };
        Ok(files.finish(card))
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
    ) -> Result<Decoded<Self>, Error> {
        let mut files = CardFiles::new(&read, mode);
        let licence_ap = LicenceAp {
            pin_setting: files.strict(&registry::LICENCE_AP_WEF01, LicenceApPinSetting::decode)?,
            record: files.lenient(&registry::LICENCE_AP_WEF02, LicenceApRecord::decode_with)?,
            security: files.lenient(&registry::LICENCE_AP_WEF03, LicenceApSecurity::decode_with)?,
        };
        let basic_info_ap = BasicInfoAp {
            my_number: files.lenient(&registry::BASIC_INFO_EF0001, MyNumber::decode_with)?,
            basic_info: files.lenient(&registry::BASIC_INFO_EF0002, BasicInfo::decode_with)?,
        };
        let card = Self {
            licence_ap: (licence_ap != LicenceAp::default()).then_some(licence_ap),
            basic_info_ap: (basic_info_ap != BasicInfoAp::default()).then_some(basic_info_ap),
            jpki_token: files.strict(&registry::JPKI_EF0006, JpkiToken::decode)?,
        };
        Ok(files.finish(card))
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
