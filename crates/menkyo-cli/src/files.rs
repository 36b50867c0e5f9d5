//! The card's files by path (`DF1/EF01`, `LICENCE_AP/WEF02` …) and the record kind of each.

use menkyo_codec::records::RecordKind;
use menkyo_codec::registry;

/// The record kind of the file at `path`, from the registry.
pub fn kind_of(path: &str) -> Option<RecordKind> {
    kind_on(&registry::CARDS, path)
}

/// The record kind of the file at `path` on one of `cards`.
fn kind_on(cards: &[&registry::Card], path: &str) -> Option<RecordKind> {
    cards.iter().find_map(|card| card.file(path))?.record
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
    fn every_file_with_a_record_has_its_kind() {
        for file in registry::files().filter(|f| f.record.is_some()) {
            let kind = kind_of(file.path).unwrap();
            assert!(kind.file().starts_with(file.path));
        }
        assert_eq!(kind_of("DF9/EF01"), None);
        assert_eq!(kind_of("MF/IEF01"), None);
        assert_eq!(file_name("LICENCE_AP/WEF02"), "LICENCE_AP_WEF02.bin");
    }

    #[test]
    fn a_file_added_to_a_card_has_its_kind() {
        let ef08 = registry::File {
            record: Some(RecordKind::SimpleTlv),
            ..registry::File::new("DF1/EF08", "試験用ファイル", "test file (synthetic)", 8)
        };
        let files = Box::leak(Box::new([ef08]));
        let df1 = registry::Application {
            files,
            ..registry::DF1
        };
        let card = registry::Card {
            applications: Box::leak(Box::new([df1])),
            ..registry::IC_LICENCE
        };
        assert_eq!(kind_on(&[&card], "DF1/EF08"), Some(RecordKind::SimpleTlv));
        assert_eq!(kind_of("DF1/EF08"), None);
    }
}
