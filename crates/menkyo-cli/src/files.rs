//! The card's files by path (`DF1/EF01`, `LICENCE_AP/WEF02` …) and the record kind of each.

use menkyo_codec::records::{CardFile, RecordKind};

/// The record kind of the file at `path`.
pub fn kind_of(path: &str) -> Option<RecordKind> {
    let file = CardFile::IC_LICENCE
        .iter()
        .chain(CardFile::MY_NUMBER_CARD.iter())
        .find(|f| f.path() == path)?;
    Some(match file {
        CardFile::IcCommon => RecordKind::IcCommon,
        CardFile::IcPinSetting => RecordKind::IcPinSetting,
        CardFile::IcRecord => RecordKind::IcRecord,
        CardFile::IcDomicile => RecordKind::IcDomicile,
        CardFile::IcExternalCharacters => RecordKind::IcExternalCharacters,
        CardFile::IcChanges => RecordKind::IcChanges,
        CardFile::IcChangeExternalCharacters => RecordKind::IcChangeExternalCharacters,
        CardFile::IcChangeDomicile => RecordKind::IcChangeDomicile,
        CardFile::IcSignature => RecordKind::IcSignature,
        CardFile::IcPhoto => RecordKind::IcPhoto,
        CardFile::LicenceApPinSetting => RecordKind::MynaPinSetting,
        CardFile::LicenceApRecord => RecordKind::MynaRecord,
        CardFile::LicenceApSecurity => RecordKind::MynaSecurity,
        CardFile::MyNumber => RecordKind::MyNumber,
        CardFile::BasicInfo => RecordKind::BasicInfo,
        CardFile::JpkiToken => RecordKind::JpkiToken,
    })
}

/// The bytes of the file at `path` with its personal items masked (as they are when the path
/// names no known file).
pub fn redacted(path: &str, bytes: &[u8]) -> Vec<u8> {
    match kind_of(path) {
        Some(kind) => menkyo_render::redaction::record(kind, bytes),
        None => bytes.to_vec(),
    }
}

/// A file name for the EF at `path`: `DF1_EF01.bin`.
pub fn file_name(path: &str) -> String {
    let mut name: String = path
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    name.push_str(".bin");
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_card_file_has_a_kind() {
        for file in CardFile::IC_LICENCE.iter().chain(&CardFile::MY_NUMBER_CARD) {
            let kind = kind_of(file.path()).unwrap();
            assert!(kind
                .file()
                .contains(file.path().rsplit('/').next().unwrap()));
        }
        assert_eq!(kind_of("DF9/EF01"), None);
        assert_eq!(file_name("LICENCE_AP/WEF02"), "LICENCE_AP_WEF02.bin");
    }
}
