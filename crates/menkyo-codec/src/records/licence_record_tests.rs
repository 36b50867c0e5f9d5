use proptest::prelude::*;

use super::*;
use crate::date::Date;
use crate::records::{Entry, Tail};
use crate::text::{self, Gaiji, GaijiKind, JisText};
use crate::tlv::simple::LengthForm;

fn text(s: &str) -> Text0208 {
    Text0208::new(s).unwrap()
}

fn jis(s: &str) -> Vec<u8> {
    text::encode_str(s).unwrap()
}

fn date7(s: &str) -> Date7 {
    Date7::from_date(s.parse::<Date>().unwrap()).unwrap()
}

fn item(out: &mut Vec<u8>, tag: u8, value: &[u8]) {
    out.push(tag);
    out.push(value.len() as u8);
    out.extend_from_slice(value);
}

/// A synthetic DF1/EF01 as a card writes it, with an `82 HH LL` address, a 外字, an unknown
/// tag 3A, a 準中型 written as not licensed with era digit 4, and FF filler.
fn sample() -> Vec<u8> {
    let mut out = Vec::new();
    item(&mut out, 0x11, &[0x78]);
    item(&mut out, 0x12, &jis("見本　花子"));
    item(&mut out, 0x13, &[]);
    item(&mut out, 0x14, &[]);
    item(&mut out, 0x15, &[]);
    item(&mut out, 0x16, b"4020401");
    let mut address = jis("架空県見本市");
    address.extend([0xFF, 0xF1]);
    address.extend(jis("町１番地"));
    out.extend([0x17, 0x82, 0x00, address.len() as u8]);
    out.extend(&address);
    item(&mut out, 0x18, b"5060520");
    item(&mut out, 0x19, b"00001");
    item(&mut out, 0x1A, &jis("優良"));
    item(&mut out, 0x1B, b"5110620");
    item(&mut out, 0x1C, &jis("眼鏡等"));
    item(&mut out, 0x1D, &[]);
    item(&mut out, 0x1E, &[]);
    item(&mut out, 0x1F, &[]);
    item(&mut out, 0x20, &jis("見本県公安委員会"));
    item(&mut out, 0x21, b"012345678900");
    item(&mut out, 0x22, b"4200701");
    item(&mut out, 0x23, b"4220601");
    item(&mut out, 0x24, b"0000000");
    for class in LicenceClass::ALL {
        let date: &[u8] = match class {
            LicenceClass::Ordinary => b"4220601",
            LicenceClass::Moped => b"4200701",
            LicenceClass::SemiMedium => b"4000000",
            _ => b"0000000",
        };
        item(&mut out, class.tag(), date);
    }
    item(&mut out, 0x3A, &[0xAB, 0xCD]);
    out.resize(DF1_EF01.fixed_size(), 0xFF);
    out
}

#[test]
fn sample_decodes_and_encodes_the_same_bytes() {
    let bytes = sample();
    let record = LicenceRecord::decode(&bytes).unwrap();
    assert_eq!(record.encode(), bytes);
    assert_eq!(record.name.as_ref().unwrap().as_str(), "見本　花子");
    assert_eq!(record.jis_x0208_edition_year(), Some(1978));
    let address = record.address.as_ref().unwrap();
    assert_eq!(address.as_str(), "架空県見本市〓町１番地");
    assert_eq!(
        address.gaiji(),
        [Gaiji {
            position: 6,
            kind: GaijiKind::External(1)
        }]
    );
    assert_eq!(
        record.birth_date.unwrap().date().unwrap().to_string(),
        "1990-04-01"
    );
    assert_eq!(
        record.expires_on.unwrap().date().unwrap().to_string(),
        "2029-06-20"
    );
    assert_eq!(record.number.as_ref().unwrap().as_str(), "012345678900");
    assert_eq!(
        record.licensed_on.second_class,
        Some(Date7::NotLicensed { era_digit: 0 })
    );
    assert_eq!(
        record.classes[LicenceClass::SemiMedium.index()],
        Some(Date7::NotLicensed { era_digit: 4 })
    );
    let held: Vec<&str> = record
        .class_entries()
        .iter()
        .filter(|c| c.licensed)
        .map(|c| c.name)
        .collect();
    assert_eq!(held, ["普通", "原付"]);
    let raw: Vec<_> = record.layout.raw_items().collect();
    assert_eq!(raw.len(), 1);
    assert_eq!(
        (raw[0].tag, raw[0].value.as_slice()),
        (TagId(0x3A), &[0xAB, 0xCD][..])
    );
    assert!(record.layout.entries.contains(&Entry::Field {
        tag: TagId(0x17),
        length_form: LengthForm::Long2
    }));
}

#[test]
fn json_has_the_fields_other_tools_read() {
    let record = LicenceRecord::decode(&sample()).unwrap();
    let json = serde_json::to_value(&record).unwrap();
    assert_eq!(json["name"], "見本　花子");
    assert_eq!(json["birth_date"], "1990-04-01");
    assert_eq!(json["address"], "架空県見本市〓町１番地");
    assert_eq!(json["address_gaiji"][0]["position"], 6);
    assert_eq!(json["address_gaiji"][0]["number"], 1);
    assert_eq!(json["issued_on"], "2024-05-20");
    assert_eq!(json["reference_number"], "00001");
    assert_eq!(json["color_class"], "優良");
    assert_eq!(json["expires_on"], "2029-06-20");
    assert_eq!(json["conditions"], serde_json::json!(["眼鏡等"]));
    assert_eq!(json["commission"], "見本県公安委員会");
    assert_eq!(json["number"], "012345678900");
    assert_eq!(json["jis_x0208_edition"], 1978);
    assert_eq!(json["licensed_on"]["second_class"], serde_json::Value::Null);
    let classes = json["classes"].as_array().unwrap();
    assert_eq!(classes.len(), 15);
    assert_eq!(
        classes[1],
        serde_json::json!({"name": "普通", "licensed": true, "since": "2010-06-01"})
    );
    assert_eq!(
        classes[14],
        serde_json::json!({"name": "準中型", "licensed": false, "since": null})
    );
    assert_eq!(
        json["unknown"],
        serde_json::json!([{"tag": "3A", "value": "ABCD"}])
    );
    assert!(json.get("name_gaiji").is_none());
}

#[test]
fn strict_refuses_what_lenient_keeps_as_read() {
    let mut bytes = sample();
    let at = bytes.windows(2).position(|w| w == [0x16, 0x07]).unwrap();
    bytes[at + 2] = b'9';
    let err = LicenceRecord::decode(&bytes).unwrap_err();
    assert!(
        matches!(
            &err,
            Error::BadValue { tag: TagId(0x16), offset, source, .. }
                if *offset == at && matches!(source.as_ref(), Error::Date { .. })
        ),
        "{err:?}"
    );
    let decoded = LicenceRecord::decode_with(&bytes, Mode::Lenient).unwrap();
    assert_eq!(decoded.warnings, [err]);
    assert_eq!(decoded.record.birth_date, None);
    assert_eq!(decoded.record.encode(), bytes);
    let json = serde_json::to_value(&decoded.record).unwrap();
    assert_eq!(json["unknown"][0]["tag"], "16");
}

#[test]
fn a_bad_date_prints_the_item_the_value_and_the_date_problem() {
    let mut bytes = sample();
    let at = bytes.windows(2).position(|w| w == [0x16, 0x07]).unwrap();
    bytes[at + 2] = b'9';
    let err = LicenceRecord::decode(&bytes).unwrap_err();
    assert_eq!(
        crate::records::json::error_chain(&err),
        format!(
            "DF1/EF01 記載事項(本籍除く): item 16 (生年月日) at offset {at} is malformed: \
             not a valid date: era digit 9 is not 1 (明治) to 5 (令和)"
        )
    );
}

#[test]
fn duplicate_and_wrong_sized_items_are_errors() {
    let mut bytes = sample();
    let end = bytes.iter().rposition(|&b| b != 0xFF).unwrap() + 1;
    bytes.truncate(end);
    item(&mut bytes, 0x12, &jis("別人"));
    assert!(matches!(
        LicenceRecord::decode(&bytes),
        Err(Error::DuplicateItem {
            tag: TagId(0x12),
            ..
        })
    ));
    let mut bytes = Vec::new();
    item(&mut bytes, 0x21, b"1234");
    assert!(matches!(
        LicenceRecord::decode(&bytes),
        Err(Error::BadValue {
            tag: TagId(0x21),
            source,
            ..
        }) if matches!(
            source.as_ref(),
            Error::ValueLength {
                expected: 12,
                len: 4
            }
        )
    ));
    let mut bytes = Vec::new();
    item(&mut bytes, 0x12, &[0x30]);
    assert!(matches!(
        LicenceRecord::decode(&bytes),
        Err(Error::BadValue { source, .. })
            if matches!(source.as_ref(), Error::Text { .. })
    ));
}

#[test]
fn truncated_tlv_is_a_tlv_error_strictly_and_a_warning_leniently() {
    let mut bytes = Vec::new();
    item(&mut bytes, 0x12, &jis("見本"));
    bytes.extend([0x17, 0x10, 0x30]);
    assert!(matches!(
        LicenceRecord::decode(&bytes),
        Err(Error::Tlv { .. })
    ));
    let decoded = LicenceRecord::decode_with(&bytes, Mode::Lenient).unwrap();
    assert_eq!(decoded.warnings.len(), 1);
    assert_eq!(decoded.record.name.unwrap().as_str(), "見本");
    assert_eq!(
        decoded.record.layout.tail,
        Tail::Bytes(vec![0x17, 0x10, 0x30])
    );
}

#[test]
fn a_record_built_in_code_is_written_in_card_order() {
    let mut record = LicenceRecord {
        name: Some(text("見本　花子")),
        number: Some(Digits::new("012345678900").unwrap()),
        birth_date: Some(date7("1990-04-01")),
        ..LicenceRecord::default()
    };
    record.classes[LicenceClass::Ordinary.index()] = Some(date7("2010-06-01"));
    let bytes = record.encode();
    assert_eq!(bytes.len(), DF1_EF01.fixed_size());
    let mut expected = Vec::new();
    item(&mut expected, 0x12, &jis("見本　花子"));
    item(&mut expected, 0x16, b"4020401");
    item(&mut expected, 0x21, b"012345678900");
    item(&mut expected, 0x26, b"4220601");
    assert_eq!(&bytes[..expected.len()], expected);
    assert!(bytes[expected.len()..].iter().all(|&b| b == 0xFF));
    let mut back = LicenceRecord::decode(&bytes).unwrap();
    back.layout = ItemLayout::default();
    assert_eq!(back, record);
}

#[test]
fn long_values_get_a_long_length_form() {
    let long = "あ".repeat(100);
    let record = LicenceRecord {
        address: Some(text(&long)),
        ..LicenceRecord::default()
    };
    let bytes = record.encode();
    assert_eq!(&bytes[..3], &[0x17, 0x81, 200]);
    let back = LicenceRecord::decode(&bytes).unwrap();
    assert_eq!(back.address.unwrap().as_str(), long);
}

#[test]
fn gaiji_survive_a_built_record() {
    let jis_text = JisText {
        text: "見本〓".into(),
        gaiji: vec![Gaiji {
            position: 2,
            kind: GaijiKind::Missing,
        }],
        warnings: vec![],
    };
    let record = LicenceRecord {
        name: Some(Text0208::from_jis(jis_text).unwrap()),
        ..LicenceRecord::default()
    };
    let back = LicenceRecord::decode(&record.encode()).unwrap();
    assert_eq!(back.name, record.name);
    assert_eq!(
        &record.encode()[..8],
        &[0x12, 0x06, 0x38, 0x2B, 0x4B, 0x5C, 0xFF, 0xFA]
    );
}

const CHARS: &[char] = &[
    '見', '本', '花', '子', '太', '郎', '　', 'ア', 'ン', '１', '〓', '県',
];

fn arb_text() -> impl Strategy<Value = Option<Text0208>> {
    proptest::option::of(
        proptest::collection::vec(proptest::sample::select(CHARS), 0..40)
            .prop_map(|chars| Text0208::new(&chars.into_iter().collect::<String>()).unwrap()),
    )
}

fn arb_date7() -> impl Strategy<Value = Option<Date7>> {
    proptest::option::of(prop_oneof![
        (1900u16..2090, 1u8..=12, 1u8..=28)
            .prop_map(|(y, m, d)| Date7::from_date(Date::new(y, m, d).unwrap()).unwrap()),
        (0u8..=9).prop_map(|era_digit| Date7::NotLicensed { era_digit }),
    ])
}

fn arb_digits(len: std::ops::Range<usize>) -> impl Strategy<Value = Option<Digits>> {
    proptest::option::of(
        proptest::collection::vec(0u8..10, len).prop_map(|d| {
            Digits::from_bytes(&d.iter().map(|x| b'0' + x).collect::<Vec<_>>()).unwrap()
        }),
    )
}

prop_compose! {
    fn arb_record()(
        edition in proptest::option::of(proptest::sample::select(vec![0x78u8, 0x83, 0x90, 0x97])),
        texts in proptest::collection::vec(arb_text(), 11),
        dates in proptest::collection::vec(arb_date7(), 21),
        reference_number in arb_digits(0..10),
        number in arb_digits(12..13),
    ) -> LicenceRecord {
        let mut t = texts.into_iter();
        let mut d = dates.into_iter();
        let mut next_t = || t.next().flatten();
        let mut next_d = || d.next().flatten();
        LicenceRecord {
            jis_x0208_edition: edition,
            name: next_t(),
            name_reading: next_t(),
            alias: next_t(),
            name_kana: next_t(),
            birth_date: next_d(),
            address: next_t(),
            issued_on: next_d(),
            reference_number,
            color_class: next_t(),
            expires_on: next_d(),
            conditions: [next_t(), next_t(), next_t(), next_t()],
            commission: next_t(),
            number,
            licensed_on: LicensedOn { two_small_moped: next_d(), other: next_d(), second_class: next_d() },
            classes: std::array::from_fn(|_| next_d()),
            layout: ItemLayout::default(),
        }
    }
}

proptest! {
    #[test]
    fn built_records_round_trip(record in arb_record()) {
        let bytes = record.encode();
        prop_assert_eq!(bytes.len(), DF1_EF01.fixed_size());
        let mut back = LicenceRecord::decode(&bytes).unwrap();
        prop_assert_eq!(back.encode(), bytes);
        back.layout = ItemLayout::default();
        prop_assert_eq!(back, record);
    }

    #[test]
    fn lenient_decoding_never_loses_a_byte(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let decoded = LicenceRecord::decode_with(&bytes, Mode::Lenient).unwrap();
        prop_assert_eq!(decoded.record.encode(), bytes);
    }

    #[test]
    fn lenient_decoding_keeps_a_damaged_sample(at in 0usize..400, byte in any::<u8>()) {
        let mut bytes = sample();
        bytes[at] = byte;
        let decoded = LicenceRecord::decode_with(&bytes, Mode::Lenient).unwrap();
        prop_assert_eq!(decoded.record.encode(), bytes.clone());
        if LicenceRecord::decode(&bytes).is_ok() {
            prop_assert!(decoded.warnings.is_empty());
        }
    }
}
