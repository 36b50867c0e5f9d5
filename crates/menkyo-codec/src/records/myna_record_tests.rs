use proptest::prelude::*;

use super::*;
use crate::date::Date;
use crate::records::Tail;

fn date7(s: &str) -> Date7 {
    Date7::from_date(s.parse::<Date>().unwrap()).unwrap()
}

fn codestream() -> Vec<u8> {
    let mut bytes = vec![0xFF, 0x4F, 0xFF, 0x51];
    bytes.resize(300, 0x11);
    bytes
}

fn sample() -> LicenceApRecord {
    let mut classes = [false; 15];
    classes[LicenceClass::Ordinary.index()] = true;
    classes[LicenceClass::Moped.index()] = true;
    LicenceApRecord {
        career_c2: Some(Bytes::default()),
        career_c3: Some(Bytes::default()),
        expires_on: Some(date7("2030-04-01")),
        color_class: Some(Text0208::new("優良").unwrap()),
        number: Some(Digits::new("012345678920").unwrap()),
        conditions: vec![
            Text0208::new("眼鏡等").unwrap(),
            Text0208::new("ＡＴ車に限る").unwrap(),
        ],
        classes: Some(classes),
        licensed_on: LicensedOn {
            two_small_moped: Some(date7("2008-07-01")),
            other: Some(date7("2010-06-01")),
            second_class: None,
        },
        photo: Some(PhotoData::new(codestream()).unwrap()),
        layout: ItemLayout::default(),
    }
}

#[test]
fn the_table_puts_c2_c3_c5_first_and_the_photo_last() {
    let first: Vec<u16> = LICENCE_AP_ITEMS[..3].iter().map(|s| s.tag).collect();
    assert_eq!(first, [0xC2, 0xC3, 0xC5]);
    assert_eq!(LICENCE_AP_ITEMS.last().unwrap().tag, 0x5F40);
    assert!(LICENCE_AP_ITEMS[..10].iter().all(|spec| spec.tag <= 0xFF));
    assert_eq!(
        LICENCE_AP_ITEMS
            .iter()
            .filter(|s| s.confidence == Confidence::Provisional)
            .count(),
        8
    );
}

/// hmpow/JpDrvLicNfcCommand `jpdlc_mynumbercard.cpp` skips 4 bytes (`SKIP_C2_C3_TAG`) and
/// then walks 2-byte (tag, length) reads to `C5`.
#[test]
fn the_file_starts_c2_c3_then_c5() {
    let bytes = sample().encode();
    assert_eq!(&bytes[..13], b"\xC2\x00\xC3\x00\xC5\x075120401");
    let built = LicenceApRecord {
        career_c2: None,
        career_c3: None,
        ..sample()
    };
    assert_eq!(built.encode(), bytes);
}

#[test]
fn the_old_layout_without_c2_c3_decodes_with_a_warning_and_round_trips() {
    let bytes = b"\xC5\x075120401\xC7\x0C012345678920".to_vec();
    for mode in [Mode::Strict, Mode::Lenient] {
        let decoded = LicenceApRecord::decode_with(&bytes, mode).unwrap();
        assert!(matches!(
            decoded.warnings.as_slice(),
            [Error::OldLayout { .. }]
        ));
        assert_eq!(decoded.record.career_c2, None);
        assert_eq!(decoded.record.encode(), bytes);
    }
    assert!(
        LicenceApRecord::decode_with(&sample().encode(), Mode::Strict)
            .unwrap()
            .warnings
            .is_empty()
    );
}

#[test]
fn built_record_round_trips() {
    let record = sample();
    let bytes = record.encode();
    let mut back = LicenceApRecord::decode(&bytes).unwrap();
    assert_eq!(back.encode(), bytes);
    back.layout = ItemLayout::default();
    assert_eq!(back, record);
    let photo_at = bytes.len() - 300 - 5;
    assert_eq!(
        &bytes[photo_at..photo_at + 5],
        &[0x5F, 0x40, 0x82, 0x01, 0x2C]
    );
}

#[test]
fn json_lists_classes_and_groups() {
    let json = serde_json::to_value(sample()).unwrap();
    assert_eq!(json["expires_on"], "2030-04-01");
    assert_eq!(json["color_class"], "優良");
    assert_eq!(json["number"], "012345678920");
    assert_eq!(
        json["conditions"],
        serde_json::json!(["眼鏡等", "ＡＴ車に限る"])
    );
    assert_eq!(
        json["classes"][1],
        serde_json::json!({"name": "普通", "licensed": true, "since": null})
    );
    assert_eq!(json["classes"][0]["licensed"], false);
    assert_eq!(json["licensed_on"]["other"], "2010-06-01");
    assert_eq!(json["photo"]["length"], 300);
}

#[test]
fn unknown_tags_padding_and_filler_are_kept() {
    let mut bytes = b"\xC2\x00\xC3\x00\xC5\x075120401".to_vec();
    bytes.extend([0x00, 0x00]);
    bytes.extend([0xD0, 0x02, 0xAB, 0xCD]);
    bytes.extend([0xFF; 6]);
    let record = LicenceApRecord::decode(&bytes).unwrap();
    assert_eq!(record.encode(), bytes);
    assert_eq!(record.layout.tail, Tail::Filler(6));
    let json = serde_json::to_value(&record).unwrap();
    assert_eq!(
        json["unknown"],
        serde_json::json!([{"tag": "D0", "value": "ABCD"}])
    );
}

#[test]
fn strict_needs_c5_and_valid_flags() {
    assert!(matches!(
        LicenceApRecord::decode(&[0xC6, 0x00]),
        Err(Error::MissingItem {
            tag: TagId(0xC5),
            ..
        })
    ));
    let mut bytes = b"\xC2\x00\xC3\x00\xC5\x075120401\xC9\x0F".to_vec();
    bytes.extend([0x02; 15]);
    let err = LicenceApRecord::decode(&bytes).unwrap_err();
    assert!(matches!(
        &err,
        Error::BadValue { source, .. }
            if matches!(source.as_ref(), Error::Flag { value: 2, .. })
    ));
    let lenient = LicenceApRecord::decode_with(&bytes, Mode::Lenient).unwrap();
    assert_eq!(lenient.record.classes, None);
    assert_eq!(lenient.record.encode(), bytes);
}

proptest! {
    #[test]
    fn lenient_decoding_never_loses_a_byte(at in 0usize..344, byte in any::<u8>()) {
        let mut bytes = sample().encode();
        if let Some(b) = bytes.get_mut(at) {
            *b = byte;
        }
        if let Ok(decoded) = LicenceApRecord::decode_with(&bytes, Mode::Lenient) {
            prop_assert_eq!(decoded.record.encode(), bytes);
        }
    }
}

const CHARS: &[char] = &['眼', '鏡', '等', 'Ａ', 'Ｔ', '車', '優', '良', '〓', '　'];

fn arb_text() -> impl Strategy<Value = Text0208> {
    proptest::collection::vec(proptest::sample::select(CHARS), 0..30)
        .prop_map(|chars| Text0208::new(&chars.into_iter().collect::<String>()).unwrap())
}

fn arb_date7() -> impl Strategy<Value = Date7> {
    prop_oneof![
        (1900u16..2090, 1u8..=12, 1u8..=28)
            .prop_map(|(y, m, d)| Date7::from_date(Date::new(y, m, d).unwrap()).unwrap()),
        (0u8..=9).prop_map(|era_digit| Date7::NotLicensed { era_digit }),
    ]
}

prop_compose! {
    fn arb_record()(
        expires_on in proptest::option::of(arb_date7()),
        color_class in proptest::option::of(arb_text()),
        number in proptest::option::of(proptest::collection::vec(0u8..10, 12)),
        conditions in proptest::collection::vec(arb_text(), 0..5),
        classes in proptest::option::of(proptest::array::uniform15(any::<bool>())),
        dates in proptest::collection::vec(proptest::option::of(arb_date7()), 3),
        photo_len in proptest::option::of(2usize..2000),
    ) -> LicenceApRecord {
        LicenceApRecord {
            career_c2: Some(Bytes::default()),
            career_c3: Some(Bytes::default()),
            expires_on,
            color_class,
            number: number.map(|d| Digits::from_bytes(&d.iter().map(|x| b'0' + x).collect::<Vec<_>>()).unwrap()),
            conditions,
            classes,
            licensed_on: LicensedOn { two_small_moped: dates[0], other: dates[1], second_class: dates[2] },
            photo: photo_len.map(|len| {
                let mut bytes = vec![0xFF, 0x4F];
                bytes.resize(len, 0x5A);
                PhotoData::new(bytes).unwrap()
            }),
            layout: ItemLayout::default(),
        }
    }
}

proptest! {
    #[test]
    fn built_records_round_trip(record in arb_record()) {
        let bytes = record.encode();
        let decoded = LicenceApRecord::decode_with(&bytes, Mode::Lenient).unwrap();
        prop_assert_eq!(decoded.record.encode(), bytes.clone());
        let mut back = decoded.record;
        back.layout = ItemLayout::default();
        prop_assert_eq!(back, record.clone());
        prop_assert_eq!(LicenceApRecord::decode(&bytes).is_ok(), record.expires_on.is_some());
    }
}
