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
