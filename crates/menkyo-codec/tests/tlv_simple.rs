//! Simple TLV (DF1/EF01 記載事項, WEF02 免許情報): vectors from the card notes, every error path.

use menkyo_codec::tlv::simple::{
    self, encode, encode_item, encode_with_filler, End, Item, LengthForm,
};
use menkyo_codec::tlv::Mode;
use menkyo_codec::Error;

/// 氏名 "試験　花子" in JIS X 0208 row/cell bytes. Synthetic.
const NAME: [u8; 10] = [0x3B, 0x6E, 0x38, 0x33, 0x21, 0x21, 0x32, 0x56, 0x3B, 0x52];

/// The head of a DF1/EF01 image: 制定年番号, 氏名, empty 呼び名 and 通称名, 生年月日. Synthetic.
fn df1_ef01_head() -> Vec<u8> {
    let mut data = vec![0x11, 0x01, 0x78, 0x12, 0x0A];
    data.extend(NAME);
    data.extend([0x13, 0x00, 0x14, 0x00, 0x16, 0x07]);
    data.extend(b"4140913");
    data
}

#[test]
fn df1_ef01_items_and_filler() {
    let mut file = df1_ef01_head();
    let data_len = file.len();
    file.resize(menkyo_codec::registry::DF1_EF01.fixed_size(), 0xFF);
    let parsed = simple::parse(&file, Mode::Strict).unwrap();
    let tags: Vec<u8> = parsed.items.iter().map(|i| i.tag).collect();
    assert_eq!(tags, [0x11, 0x12, 0x13, 0x14, 0x16]);
    assert_eq!(parsed.find(0x11).unwrap().value, [0x78]);
    let name = parsed.find(0x12).unwrap();
    assert_eq!(
        (name.value, name.offset, name.length_form),
        (&NAME[..], 3, LengthForm::Short)
    );
    assert!(parsed.find(0x13).unwrap().value.is_empty());
    assert!(parsed.find(0x14).unwrap().value.is_empty());
    assert_eq!(parsed.find(0x16).unwrap().value, b"4140913");
    assert_eq!(
        parsed.end,
        End::Filler {
            offset: data_len,
            len: menkyo_codec::registry::DF1_EF01.fixed_size() - data_len,
            all_ff: true
        }
    );
    assert!(parsed.warnings.is_empty());
    assert_eq!(
        encode_with_filler(&parsed.items, menkyo_codec::registry::DF1_EF01.fixed_size()).unwrap(),
        file
    );
}

#[test]
fn data_filling_the_whole_input_ends_exhausted() {
    let parsed = simple::parse(&[0x05, 0x01, 0x00], Mode::Strict).unwrap();
    assert_eq!(parsed.items, [Item::new(0x05, &[0x00], LengthForm::Short)]);
    assert_eq!(parsed.end, End::Exhausted);
    assert_eq!(
        simple::parse(&[], Mode::Strict).unwrap().end,
        End::Exhausted
    );
}

#[test]
fn wef01_pin_setting() {
    let parsed = simple::parse(&[0xC1, 0x01, 0x00], Mode::Strict).unwrap();
    assert_eq!(parsed.find(0xC1).unwrap().value, [0x00]);
}

#[test]
fn long_forms_are_read_and_kept() {
    let value = vec![0x41; 0x50];
    let mut long1 = vec![0x41, 0x81, 0x50];
    long1.extend(&value);
    let item = simple::parse(&long1, Mode::Strict).unwrap().items[0];
    assert_eq!(
        (item.value.len(), item.length_form),
        (0x50, LengthForm::Long1)
    );

    let value = vec![0x00; 0x07D1];
    let mut long2 = vec![0x42, 0x82, 0x07, 0xD1];
    long2.extend(&value);
    let parsed = simple::parse(&long2, Mode::Strict).unwrap();
    let item = parsed.items[0];
    assert_eq!(
        (item.value.len(), item.length_form),
        (0x07D1, LengthForm::Long2)
    );
    assert_eq!(encode(&parsed.items).unwrap(), long2);

    let zero = simple::parse(&[0x14, 0x82, 0x00, 0x00], Mode::Strict).unwrap();
    assert_eq!(zero.items[0].length_form, LengthForm::Long2);
    assert!(zero.items[0].value.is_empty());
}

#[test]
fn strict_errors_name_the_offset() {
    let cases: &[(&[u8], Error)] = &[
        (&[0x11], Error::TruncatedHeader { offset: 0 }),
        (
            &[0x11, 0x01, 0x78, 0x12, 0x81],
            Error::TruncatedHeader { offset: 3 },
        ),
        (&[0x12, 0x82, 0x01], Error::TruncatedHeader { offset: 0 }),
        (
            &[0x11, 0x01, 0x78, 0x12, 0x0A, 0x3B],
            Error::TruncatedValue {
                offset: 3,
                declared: 10,
                available: 1,
            },
        ),
        (
            &[0x12, 0x80, 0x00],
            Error::BadLengthForm {
                offset: 1,
                byte: 0x80,
            },
        ),
        (
            &[0x12, 0x83, 0, 0, 1, 0],
            Error::BadLengthForm {
                offset: 1,
                byte: 0x83,
            },
        ),
        (
            &[0x05, 0x01, 0x00, 0xFF, 0xFF, 0x00],
            Error::NotFiller {
                offset: 5,
                byte: 0x00,
            },
        ),
    ];
    for (input, expected) in cases {
        assert_eq!(
            simple::parse(input, Mode::Strict).unwrap_err(),
            *expected,
            "{input:02X?}"
        );
    }
}

#[test]
fn lenient_keeps_complete_items_and_warns() {
    let input = [0x11, 0x01, 0x78, 0x12, 0x0A, 0x3B];
    let parsed = simple::parse(&input, Mode::Lenient).unwrap();
    assert_eq!(parsed.items.len(), 1);
    assert_eq!(parsed.end, End::Malformed { offset: 3 });
    assert_eq!(
        parsed.warnings,
        [Error::TruncatedValue {
            offset: 3,
            declared: 10,
            available: 1
        }]
    );

    let input = [0x05, 0x01, 0x01, 0xFF, 0x00, 0xFF];
    let parsed = simple::parse(&input, Mode::Lenient).unwrap();
    assert_eq!(parsed.items.len(), 1);
    assert_eq!(
        parsed.end,
        End::Filler {
            offset: 3,
            len: 3,
            all_ff: false
        }
    );
    assert_eq!(
        parsed.warnings,
        [Error::NotFiller {
            offset: 4,
            byte: 0x00
        }]
    );
}

#[test]
fn minimal_length_forms() {
    assert_eq!(LengthForm::minimal(0).unwrap(), LengthForm::Short);
    assert_eq!(LengthForm::minimal(0x7F).unwrap(), LengthForm::Short);
    assert_eq!(LengthForm::minimal(0x80).unwrap(), LengthForm::Long1);
    assert_eq!(LengthForm::minimal(0x100).unwrap(), LengthForm::Long2);
    assert_eq!(
        LengthForm::minimal(0x1_0000).unwrap_err(),
        Error::ValueTooLong {
            len: 0x1_0000,
            max: 0xFFFF
        }
    );
}

#[test]
fn encoder_errors() {
    let mut out = Vec::new();
    assert_eq!(
        encode_item(&mut out, 0x12, &[0; 0x80], LengthForm::Short).unwrap_err(),
        Error::ValueTooLong {
            len: 0x80,
            max: 0x7F
        }
    );
    assert_eq!(
        encode_item(&mut out, 0x12, &[0; 0x100], LengthForm::Long1).unwrap_err(),
        Error::ValueTooLong {
            len: 0x100,
            max: 0xFF
        }
    );
    assert_eq!(
        encode_item(&mut out, 0xFF, &[], LengthForm::Short).unwrap_err(),
        Error::ReservedTag
    );
    let items = [Item::new(0x41, &[0x21; 0x50], LengthForm::Short)];
    assert_eq!(
        encode_with_filler(&items, 0x51).unwrap_err(),
        Error::DoesNotFit {
            needed: 0x52,
            size: 0x51
        }
    );
    assert_eq!(encode_with_filler(&items, 0x52).unwrap().len(), 0x52);
}

#[test]
fn encode_item_writes_each_form() {
    let mut out = Vec::new();
    encode_item(&mut out, 0x12, &[0xAA], LengthForm::Short).unwrap();
    encode_item(&mut out, 0x13, &[0xBB], LengthForm::Long1).unwrap();
    encode_item(&mut out, 0x14, &[0xCC], LengthForm::Long2).unwrap();
    assert_eq!(
        out,
        [0x12, 0x01, 0xAA, 0x13, 0x81, 0x01, 0xBB, 0x14, 0x82, 0x00, 0x01, 0xCC]
    );
}
