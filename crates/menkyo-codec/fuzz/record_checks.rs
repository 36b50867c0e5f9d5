//! What each record fuzz target checks (`fuzz_targets/record_*.rs`); the corpus replay tests
//! include it too. Each function panics only when a record decoder breaks a promise: lenient
//! decoding never fails and encodes back to the input; strict decoding agrees with lenient
//! where it succeeds; a decoded record serializes to JSON.

use menkyo_codec::records::{
    BasicInfo, ChangeRecords, ChangesFile, CommonData, Decoded, ExternalCharacters, GaijiFile,
    JpkiToken, LicenceApPinSetting, LicenceApRecord, LicenceApSecurity, LicenceRecord, MyNumber,
    Photo, PinSetting, RegisteredDomicile, Signature,
};
use menkyo_codec::tlv::Mode;
use menkyo_codec::Error;
use serde::Serialize;

/// A record target: name and checks.
pub type Target = (&'static str, fn(&[u8]));

/// Every record target.
pub const TARGETS: &[Target] = &[
    ("record_common", record_common),
    ("record_pin_setting", record_pin_setting),
    ("record_licence", record_licence),
    ("record_domicile", record_domicile),
    ("record_external_characters", record_external_characters),
    ("record_changes", record_changes),
    ("record_signature", record_signature),
    ("record_photo", record_photo),
    ("record_licence_ap", record_licence_ap),
    ("record_basic_info", record_basic_info),
    ("record_my_number", record_my_number),
    ("record_jpki_token", record_jpki_token),
];

/// [`check`] of `$record`'s lenient and strict decoders and its encoder; `in $file` for a record
/// whose layout is that of the file it is in.
macro_rules! check_record {
    ($data:expr, $record:ident) => {
        check(
            $data,
            |b| $record::decode_with(b, Mode::Lenient),
            $record::decode,
            $record::encode,
        )
    };
    ($data:expr, $record:ident in $file:expr) => {
        check(
            $data,
            |b| $record::decode_with($file, b, Mode::Lenient),
            |b| $record::decode($file, b),
            $record::encode,
        )
    };
}

fn check<R: PartialEq + std::fmt::Debug + Serialize>(
    data: &[u8],
    lenient: impl Fn(&[u8]) -> Result<Decoded<R>, Error>,
    strict: impl Fn(&[u8]) -> Result<R, Error>,
    encode: impl Fn(&R) -> Vec<u8>,
) {
    let lenient = lenient(data).expect("lenient never fails");
    assert_eq!(encode(&lenient.record), data);
    serde_json::to_writer(std::io::sink(), &lenient.record).expect("serializes");
    match strict(data) {
        Ok(record) => {
            assert_eq!(record, lenient.record);
            // Only the note that the file is in menkyo 0.1's layout passes strict decoding.
            assert!(lenient
                .warnings
                .iter()
                .all(|w| matches!(w, Error::OldLayout { .. })));
        }
        Err(_) => assert!(lenient
            .warnings
            .iter()
            .any(|w| !matches!(w, Error::OldLayout { .. }))),
    }
}

fn check_fixed<R: Serialize>(
    data: &[u8],
    decode: impl Fn(&[u8]) -> Result<R, Error>,
    encode: impl Fn(&R) -> Vec<u8>,
) {
    if let Ok(record) = decode(data) {
        assert_eq!(encode(&record), data);
        serde_json::to_writer(std::io::sink(), &record).expect("serializes");
    }
}

/// MF/EF01 共通データ要素.
pub fn record_common(data: &[u8]) {
    check_fixed(data, CommonData::decode, CommonData::encode);
}

/// MF/EF02 暗証番号設定 and 免許AP WEF01 PIN設定.
pub fn record_pin_setting(data: &[u8]) {
    check_fixed(data, PinSetting::decode, PinSetting::encode);
    check_fixed(
        data,
        LicenceApPinSetting::decode,
        LicenceApPinSetting::encode,
    );
}

/// DF1/EF01 記載事項(本籍除く).
pub fn record_licence(data: &[u8]) {
    check_record!(data, LicenceRecord);
}

/// DF1/EF02 記載事項(本籍).
pub fn record_domicile(data: &[u8]) {
    check_record!(data, RegisteredDomicile);
}

/// DF1/EF03 外字 and EF05 記載事項変更(外字).
pub fn record_external_characters(data: &[u8]) {
    for file in [GaijiFile::Ef03, GaijiFile::Ef05] {
        check_record!(data, ExternalCharacters in file);
    }
}

/// DF1/EF04 記載事項変更等 and EF06 記載事項変更(本籍).
pub fn record_changes(data: &[u8]) {
    for file in [ChangesFile::Ef04, ChangesFile::Ef06] {
        check_record!(data, ChangeRecords in file);
    }
}

/// DF1/EF07 電子署名 and 免許AP WEF03.
pub fn record_signature(data: &[u8]) {
    check_record!(data, Signature);
    check_record!(data, LicenceApSecurity);
}

/// DF2/EF01 写真.
pub fn record_photo(data: &[u8]) {
    check_record!(data, Photo);
}

/// 免許AP WEF02 免許情報.
pub fn record_licence_ap(data: &[u8]) {
    check_record!(data, LicenceApRecord);
}

/// 券面事項入力補助AP EF0002 基本4情報.
pub fn record_basic_info(data: &[u8]) {
    check_record!(data, BasicInfo);
}

/// 券面事項入力補助AP EF0001 個人番号.
pub fn record_my_number(data: &[u8]) {
    check_record!(data, MyNumber);
}

/// JPKI AP EF0006 token.
pub fn record_jpki_token(data: &[u8]) {
    check_fixed(data, JpkiToken::decode, JpkiToken::encode);
}
