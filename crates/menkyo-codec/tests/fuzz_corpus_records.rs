//! Replays the corpora of the record fuzz targets (`fuzz/corpus/record_*`) with the checks of
//! the targets, so every input the fuzzers kept stays covered by `cargo test`.

use std::path::PathBuf;

use menkyo_codec::records::{
    BasicInfo, ChangeRecords, ChangesFile, CommonData, Decoded, ExternalCharacters, GaijiFile,
    JpkiToken, LicenceApPinSetting, LicenceApRecord, LicenceApSecurity, LicenceRecord, MyNumber,
    Photo, PinSetting, RecordError, RegisteredDomicile, Signature,
};
use menkyo_codec::tlv::Mode;
use serde::Serialize;

fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "{} is empty", dir.display());
    inputs
}

/// The checks of a record target with a lenient mode.
fn check<R: PartialEq + std::fmt::Debug + Serialize>(
    data: &[u8],
    lenient: impl Fn(&[u8]) -> Result<Decoded<R>, RecordError>,
    strict: impl Fn(&[u8]) -> Result<R, RecordError>,
    encode: impl Fn(&R) -> Vec<u8>,
) {
    let lenient = lenient(data).expect("lenient never fails");
    assert_eq!(encode(&lenient.record), data);
    serde_json::to_string(&lenient.record).expect("serializes");
    match strict(data) {
        Ok(record) => {
            assert_eq!(record, lenient.record);
            assert!(lenient.warnings.is_empty());
        }
        Err(_) => assert!(!lenient.warnings.is_empty()),
    }
}

/// The checks of a fixed-form target.
fn check_fixed<R: Serialize>(
    data: &[u8],
    decode: impl Fn(&[u8]) -> Result<R, RecordError>,
    encode: impl Fn(&R) -> Vec<u8>,
) {
    if let Ok(record) = decode(data) {
        assert_eq!(encode(&record), data);
        serde_json::to_string(&record).expect("serializes");
    }
}

fn replay(target: &str, check: impl Fn(&[u8])) {
    for (path, data) in corpus(target) {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&data)));
        assert!(result.is_ok(), "{} fails", path.display());
    }
}

#[test]
fn record_licence() {
    replay("record_licence", |d| {
        check(
            d,
            |b| LicenceRecord::decode_with(b, Mode::Lenient),
            LicenceRecord::decode,
            LicenceRecord::encode,
        )
    });
}

#[test]
fn record_domicile() {
    replay("record_domicile", |d| {
        check(
            d,
            |b| RegisteredDomicile::decode_with(b, Mode::Lenient),
            RegisteredDomicile::decode,
            RegisteredDomicile::encode,
        )
    });
}

#[test]
fn record_external_characters() {
    replay("record_external_characters", |d| {
        for file in [GaijiFile::Ef03, GaijiFile::Ef05] {
            check(
                d,
                |b| ExternalCharacters::decode_with(file, b, Mode::Lenient),
                |b| ExternalCharacters::decode(file, b),
                ExternalCharacters::encode,
            );
        }
    });
}

#[test]
fn record_changes() {
    replay("record_changes", |d| {
        for file in [ChangesFile::Ef04, ChangesFile::Ef06] {
            check(
                d,
                |b| ChangeRecords::decode_with(file, b, Mode::Lenient),
                |b| ChangeRecords::decode(file, b),
                ChangeRecords::encode,
            );
        }
    });
}

#[test]
fn record_signature() {
    replay("record_signature", |d| {
        check(
            d,
            |b| Signature::decode_with(b, Mode::Lenient),
            Signature::decode,
            Signature::encode,
        );
        check(
            d,
            |b| LicenceApSecurity::decode_with(b, Mode::Lenient),
            LicenceApSecurity::decode,
            LicenceApSecurity::encode,
        );
    });
}

#[test]
fn record_photo() {
    replay("record_photo", |d| {
        check(
            d,
            |b| Photo::decode_with(b, Mode::Lenient),
            Photo::decode,
            Photo::encode,
        )
    });
}

#[test]
fn record_licence_ap() {
    replay("record_licence_ap", |d| {
        check(
            d,
            |b| LicenceApRecord::decode_with(b, Mode::Lenient),
            LicenceApRecord::decode,
            LicenceApRecord::encode,
        )
    });
}

#[test]
fn record_basic_info() {
    replay("record_basic_info", |d| {
        check(
            d,
            |b| BasicInfo::decode_with(b, Mode::Lenient),
            BasicInfo::decode,
            BasicInfo::encode,
        )
    });
}

#[test]
fn record_my_number() {
    replay("record_my_number", |d| {
        check(
            d,
            |b| MyNumber::decode_with(b, Mode::Lenient),
            MyNumber::decode,
            MyNumber::encode,
        )
    });
}

#[test]
fn record_fixed_forms() {
    replay("record_common", |d| {
        check_fixed(d, CommonData::decode, CommonData::encode)
    });
    replay("record_pin_setting", |d| {
        check_fixed(d, PinSetting::decode, PinSetting::encode);
        check_fixed(d, LicenceApPinSetting::decode, LicenceApPinSetting::encode);
    });
    replay("record_jpki_token", |d| {
        check_fixed(d, JpkiToken::decode, JpkiToken::encode)
    });
}
