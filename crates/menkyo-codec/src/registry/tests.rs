use super::*;

#[test]
fn paths_are_unique_and_name_their_application() {
    let mut seen = std::collections::BTreeSet::new();
    for card in CARDS {
        for app in card.applications {
            for file in app.files {
                assert!(seen.insert(file.path), "{} twice", file.path);
                assert_eq!(file.application_id(), app.id, "{}", file.path);
                assert_eq!(card.application_of(file), Some(app));
            }
            if let Some(parent) = app.parent {
                assert!(card.application(parent).is_some(), "{}", app.id);
            }
        }
    }
}

#[test]
fn fids_are_unique_within_an_application_and_sfis_follow_the_rule() {
    for app in CARDS.iter().flat_map(|c| c.applications) {
        for (i, a) in app.files.iter().enumerate() {
            assert!(
                app.files[i + 1..].iter().all(|b| b.fid != a.fid),
                "{}",
                a.path
            );
            if let Some(s) = a.sfi {
                assert_eq!(sfi(a.fid), Some(s), "{}", a.path);
            }
        }
    }
    assert_eq!(sfi(0x0000), None);
    assert_eq!(sfi(0x001E), Some(0x1E));
    assert_eq!(sfi(0x001F), None);
    assert_eq!(sfi(0x2F01), None);
}

#[test]
fn every_pin_has_one_file_and_a_unique_image_id() {
    for pin in Pin::ALL {
        let holders = files()
            .filter(|f| f.access == Access::PinStore(pin))
            .count();
        assert_eq!(holders, 1, "{pin:?}");
        assert_eq!(Pin::from_image_id(pin.image_id()), Some(pin));
    }
    assert_eq!(Pin::IcPin1.verify_p2(), 0x81);
    assert_eq!(Pin::IcPin2.verify_p2(), 0x82);
    assert_eq!(Pin::LicenceAp.verify_p2(), 0x86);
    assert_eq!(Pin::BasicInfo.verify_p2(), 0x80);
}

#[test]
fn record_kinds_name_one_file_each() {
    for kind in RecordKind::ALL {
        let holders: Vec<_> = files().filter(|f| f.record == Some(*kind)).collect();
        assert!(holders.len() <= 1, "{kind} in {holders:?}");
    }
    assert_eq!(kind_of("DF1/EF07"), Some(RecordKind::IcSignature));
    assert_eq!(kind_of("DF9/EF01"), None);
}

#[test]
fn personal_items_are_masked_as_declared() {
    assert_eq!(DF1_EF01.personal.mask(0x12), Some(Mask::Jis));
    assert_eq!(DF1_EF01.personal.mask(0x21), Some(Mask::Ascii));
    assert_eq!(DF1_EF01.personal.mask(0x1B), None);
    assert_eq!(DF1_EF04.personal.mask(0x50), None);
    assert_eq!(DF1_EF04.personal.mask(0x51), Some(Mask::Jis));
    assert_eq!(JPKI_EF0006.personal.mask(0x00), None);
}

#[test]
fn personal_keys_are_the_registry_personal_tags_named_by_the_item_tables() {
    use crate::records::item_specs;
    for kind in RecordKind::ALL.iter().copied() {
        let keys = personal_keys(kind);
        let Some(file) = file_of(kind) else {
            assert!(keys.is_empty(), "{kind}");
            continue;
        };
        let table = item_specs::of(kind);
        // A row's key is personal exactly when the registry marks its tag (rows sharing a key,
        // such as the four 免許の条件, agree), and is masked as the registry says.
        for spec in table {
            let key = keys.iter().find(|k| k.key == spec.key);
            assert_eq!(
                key.map(|k| k.mask),
                file.personal.mask(spec.tag),
                "{kind} {:02X} {}",
                spec.tag,
                spec.key
            );
        }
        // Every personal tag has a row, so no personal item is left without a key.
        match file.personal {
            Personal::Nothing => assert!(keys.is_empty(), "{kind}"),
            Personal::Items(items) => {
                for (tag, _) in items {
                    assert!(
                        table.iter().any(|spec| spec.tag == *tag),
                        "{kind}: personal tag {tag:02X} has no row in its item table"
                    );
                }
            }
            Personal::AllBut(kept, _) => {
                for tag in kept {
                    assert!(
                        table.iter().any(|spec| spec.tag == *tag),
                        "{kind} {tag:02X}"
                    );
                }
                assert!(!keys.is_empty(), "{kind}");
            }
        }
    }
}

#[test]
fn the_change_records_of_a_file_are_personal_alike() {
    use crate::records::{ChangeKind, ChangesFile, CHANGE_KINDS};
    // The records of EF04 and EF06 are one JSON list under `entries`, listed in the item table
    // under the first tag of the range: every tag of the range must be masked the same.
    for (changes, kind, file) in [
        (ChangesFile::Ef04, RecordKind::IcChanges, &DF1_EF04),
        (ChangesFile::Ef06, RecordKind::IcChangeDomicile, &DF1_EF06),
    ] {
        let entries = crate::records::item_specs::of(kind)
            .iter()
            .find(|spec| spec.key == "entries")
            .unwrap();
        for (_, first, last, _) in CHANGE_KINDS {
            for tag in first..=last {
                if ChangeKind::of(changes, tag).is_some() {
                    assert_eq!(
                        file.personal.mask(u16::from(tag)),
                        file.personal.mask(entries.tag),
                        "{kind} {tag:02X}"
                    );
                }
            }
        }
    }
}

#[test]
fn personal_keys_of_each_record() {
    let keys = |kind| -> Vec<(&str, Mask)> {
        personal_keys(kind)
            .into_iter()
            .map(|k| (k.key, k.mask))
            .collect()
    };
    assert_eq!(
        keys(RecordKind::IcRecord),
        [
            ("name", Mask::Jis),
            ("name_reading", Mask::Jis),
            ("alias", Mask::Jis),
            ("name_kana", Mask::Jis),
            ("birth_date", Mask::Ascii),
            ("address", Mask::Jis),
            ("reference_number", Mask::Ascii),
            ("number", Mask::Ascii),
        ]
    );
    assert_eq!(
        keys(RecordKind::MynaRecord),
        [("number", Mask::Ascii), ("photo", Mask::Zero)]
    );
    assert_eq!(keys(RecordKind::IcChanges), [("entries", Mask::Jis)]);
    assert_eq!(keys(RecordKind::IcPhoto), [("photo", Mask::Zero)]);
    assert_eq!(keys(RecordKind::MyNumber), [("my_number", Mask::Ascii)]);
    assert_eq!(
        keys(RecordKind::BasicInfo),
        [
            ("name", Mask::Ascii),
            ("address", Mask::Ascii),
            ("birth_date", Mask::Ascii)
        ]
    );
    assert!(keys(RecordKind::IcSignature).is_empty());
    assert!(keys(RecordKind::Tlv).is_empty());
}

#[test]
fn a_tag_marked_personal_gives_its_key_with_no_other_change() {
    use crate::records::item_specs::LICENCE_RECORD_ITEMS;
    let personal = Personal::Items(&[(0x1B, Mask::Ascii), (0x23, Mask::Ascii)]);
    let keys: Vec<_> = personal::keys_of(personal, &LICENCE_RECORD_ITEMS)
        .into_iter()
        .map(|k| k.key)
        .collect();
    assert_eq!(keys, ["expires_on", "licensed_on.other"]);
}
