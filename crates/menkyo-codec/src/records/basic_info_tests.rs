use super::*;

fn sample() -> BasicInfo {
    BasicInfo::new(
        Utf8Text::new("見本　花子").unwrap(),
        Utf8Text::new("架空県見本市見本町一丁目２番３号").unwrap(),
        "1990-04-01".parse().unwrap(),
        Sex::Female,
    )
}

#[test]
fn basic_info_round_trips_with_offsets() {
    let info = sample();
    let bytes = info.encode();
    assert_eq!(&bytes[..2], &[0xFF, 0x20]);
    let back = BasicInfo::decode(&bytes).unwrap();
    assert_eq!(back.encode(), bytes);
    assert_eq!(back.name, info.name);
    assert_eq!(back.address, info.address);
    assert_eq!(back.birth_date, info.birth_date);
    assert_eq!(back.sex, Some(Sex::Female));
    let offsets = back.offsets.unwrap();
    assert_eq!(offsets[0], 11);
    let value_start = if bytes[2] == 0x81 { 4 } else { 3 };
    for (offset, tag) in offsets.iter().zip([0xDF22u16, 0xDF23, 0xDF24, 0xDF25]) {
        let at = value_start + usize::from(*offset);
        assert_eq!(&bytes[at..at + 2], &tag.to_be_bytes());
    }
    assert!(bytes.windows(11).any(|w| w == b"\xDF\x24\x0819900401"));
}

#[test]
fn json_has_the_four_items() {
    let json = serde_json::to_value(sample()).unwrap();
    for (item, value) in [
        ("name", "見本　花子"),
        ("address", "架空県見本市見本町一丁目２番３号"),
        ("birth_date", "1990-04-01"),
        ("sex", "female"),
    ] {
        assert_eq!(json[item], value, "{item}");
    }
}

#[test]
fn trailing_filler_and_unknown_children_are_kept() {
    let mut bytes = vec![
        0xFF, 0x20, 0x0A, 0xDF, 0x25, 0x01, b'1', 0xDF, 0x30, 0x02, 0x01, 0x02,
    ];
    bytes.extend([0x00; 5]);
    let info = BasicInfo::decode(&bytes).unwrap();
    assert_eq!(info.sex, Some(Sex::Male));
    assert_eq!(info.encode(), bytes);
    let json = serde_json::to_value(&info).unwrap();
    assert_eq!(json["unknown"][0]["tag"], "DF30");
}

#[test]
fn a_file_without_ff20_stays_without_it() {
    for bytes in [&[][..], &[0xFF, 0xFF][..], &[0xFF, 0x20, 0x00][..]] {
        let lenient = BasicInfo::decode_with(bytes, Mode::Lenient).unwrap();
        assert_eq!(lenient.record.encode(), bytes);
    }
    let lenient = BasicInfo::decode_with(&[], Mode::Lenient).unwrap();
    assert!(matches!(lenient.warnings[..], [Error::MissingItem { .. }]));
    assert!(BasicInfo::default().encode().is_empty());
}

#[test]
fn bad_items_are_errors() {
    let bytes = [0xFF, 0x20, 0x04, 0xDF, 0x25, 0x01, b'9'];
    assert!(matches!(
        BasicInfo::decode(&bytes),
        Err(Error::BadValue {
            tag: TagId(0xDF25),
            source,
            ..
        }) if matches!(source.as_ref(), Error::Flag { .. })
    ));
    let bytes = [
        0xFF, 0x20, 0x0B, 0xDF, 0x24, 0x08, b'1', b'9', b'9', b'0', b'1', b'3', b'0', b'1',
    ];
    assert!(matches!(
        BasicInfo::decode(&bytes),
        Err(Error::BadValue { source, .. })
            if matches!(source.as_ref(), Error::Date { .. })
    ));
    assert!(matches!(
        BasicInfo::decode(&[0xFF, 0x10, 0x00]),
        Err(Error::UnexpectedTag { .. })
    ));
    assert!(matches!(
        BasicInfo::decode(&[0xFF, 0x20, 0x05, 0xDF]),
        Err(Error::Tlv { .. })
    ));
    let lenient =
        BasicInfo::decode_with(&[0xFF, 0x20, 0x04, 0xDF, 0x25, 0x01, b'9'], Mode::Lenient).unwrap();
    assert_eq!(lenient.warnings.len(), 1);
    assert_eq!(
        lenient.record.encode(),
        [0xFF, 0x20, 0x04, 0xDF, 0x25, 0x01, b'9']
    );
}

#[test]
fn my_number_round_trips_and_checks_its_digit() {
    let record = MyNumber::new(Digits::new("123456789018").unwrap());
    let bytes = record.encode();
    assert_eq!(bytes.len(), SIZE_MY_NUMBER);
    assert_eq!(&bytes[..15], b"\xFF\x10\x0C123456789018");
    let back = MyNumber::decode(&bytes).unwrap();
    assert_eq!(back.encode(), bytes);
    assert_eq!(back.check_digit_valid(), Some(true));
    let wrong = MyNumber::new(Digits::new("123456789017").unwrap());
    assert_eq!(wrong.check_digit_valid(), Some(false));
    assert_eq!(
        MyNumber::new(Digits::new("987654321093").unwrap()).check_digit_valid(),
        Some(true)
    );
    let json = serde_json::to_value(&back).unwrap();
    assert_eq!(json["my_number"], "123456789018");
    assert!(matches!(
        MyNumber::decode(b"\xFF\x10\x0312A"),
        Err(Error::BadValue { .. })
    ));
}

proptest::proptest! {
    #[test]
    fn built_basic_info_round_trips(
        name in "[見本花子太郎 　]{0,20}",
        address in "[架空県市町丁目0-9１２３ ]{0,60}",
        days in 0u16..365,
        sex in proptest::sample::select(vec![Sex::Male, Sex::Female, Sex::NotApplicable]),
    ) {
        let birth = Date::new(1950 + days / 5, (days % 12 + 1) as u8, (days % 28 + 1) as u8).unwrap();
        let info = BasicInfo::new(Utf8Text::new(&name).unwrap(), Utf8Text::new(&address).unwrap(), birth, sex);
        let bytes = info.encode();
        let back = BasicInfo::decode(&bytes).unwrap();
        proptest::prop_assert_eq!(back.encode(), bytes);
        proptest::prop_assert_eq!(back.offsets, Some(info.computed_offsets()));
        proptest::prop_assert_eq!((back.name, back.address, back.birth_date, back.sex), (info.name, info.address, info.birth_date, info.sex));
    }
}
