//! BER-TLV: vectors from the card notes (photo `5F40`, signature `B1`, 基本4情報 `FF20`),
//! padding, every error path, the depth limit.

use menkyo_codec::tlv::ber::{self, Class, Limits, Tag, Tlv, Value};
use menkyo_codec::tlv::{Mode, TagProblem};
use menkyo_codec::Error;

fn tag(value: u32) -> Tag {
    Tag::from_u32(value).unwrap()
}

fn strict(input: &[u8]) -> Result<Vec<Tlv<'_>>, Error> {
    ber::parse(input, Mode::Strict, Limits::default())
}

/// 券面事項入力補助AP EF0002 基本4情報. Synthetic name, address and birth date.
/// The object at `offset` declares `declared` value bytes where `available` are left.
fn truncated_value(offset: usize, declared: usize, available: usize) -> Error {
    Error::TruncatedValue {
        offset,
        declared,
        available,
    }
}

fn basic_four() -> Vec<u8> {
    let name = "試験　花子".as_bytes();
    let address = "東京都千代田区試験町１".as_bytes();
    let mut inner = vec![
        0xDF, 0x21, 0x08, 0x00, 0x0B, 0x00, 0x1A, 0x00, 0x37, 0x00, 0x44,
    ];
    inner.extend([0xDF, 0x22, name.len() as u8]);
    inner.extend(name);
    inner.extend([0xDF, 0x23, address.len() as u8]);
    inner.extend(address);
    inner.extend([0xDF, 0x24, 0x08]);
    inner.extend(b"19800101");
    inner.extend([0xDF, 0x25, 0x01, b'3']);
    let mut out = vec![0xFF, 0x20, inner.len() as u8];
    out.extend(inner);
    out
}

#[test]
fn basic_four_information_ff20() {
    let mut data = basic_four();
    let len = data.len();
    data.resize(len + 20, 0xFF);
    let objects = strict(&data).unwrap();
    assert_eq!(objects.len(), 1);
    let record = &objects[0];
    assert_eq!(record.tag(), tag(0xFF20));
    assert_eq!(record.tag().class(), Class::Private);
    assert!(record.tag().is_constructed());
    let tags: Vec<u32> = record.children().iter().map(|c| c.tag().to_u32()).collect();
    assert_eq!(tags, [0xDF21, 0xDF22, 0xDF23, 0xDF24, 0xDF25]);
    assert_eq!(
        record.find(tag(0xDF22)).unwrap().primitive_value().unwrap(),
        "試験　花子".as_bytes()
    );
    assert_eq!(
        record.find(tag(0xDF24)).unwrap().primitive_value().unwrap(),
        b"19800101"
    );
    assert_eq!(record.find(tag(0xDF21)).unwrap().offset(), Some(3));
    assert_eq!(record.raw().unwrap(), &data[..len]);
    assert_eq!(record.to_bytes().unwrap(), &data[..len]);
}

#[test]
fn photo_header_5f40_long2() {
    let mut data = vec![0x5F, 0x40, 0x82, 0x07, 0xD1, 0xFF, 0x4F];
    data.resize(5 + 0x07D1, 0x00);
    let objects = strict(&data).unwrap();
    let photo = &objects[0];
    assert_eq!(photo.tag().as_bytes(), [0x5F, 0x40]);
    assert_eq!(photo.tag().class(), Class::Application);
    assert!(!photo.tag().is_constructed());
    let value = photo.primitive_value().unwrap();
    assert_eq!((value.len(), &value[..2]), (0x07D1, &[0xFF, 0x4F][..]));
    assert_eq!(photo.to_bytes().unwrap(), data);
}

#[test]
fn signature_b1_long2_is_constructed() {
    let mut data = vec![0xB1, 0x82, 0x02, 0x3E];
    let mut inner = vec![0x04, 0x82, 0x02, 0x3A];
    inner.resize(0x023E, 0x5A);
    data.extend(&inner);
    let objects = strict(&data).unwrap();
    let signature = &objects[0];
    assert_eq!(signature.tag().class(), Class::ContextSpecific);
    assert_eq!(signature.children().len(), 1);
    assert_eq!(signature.value_bytes().unwrap(), &inner[..]);
    assert_eq!(signature.to_bytes().unwrap(), data);
}

#[test]
fn length_forms_81_82_83() {
    for (header, len) in [
        (&[0x04, 0x7F][..], 0x7F),
        (&[0x04, 0x81, 0x80][..], 0x80),
        (&[0x04, 0x82, 0x01, 0x00][..], 0x100),
        (&[0x04, 0x83, 0x01, 0x00, 0x00][..], 0x1_0000),
    ] {
        let mut data = header.to_vec();
        data.resize(header.len() + len, 0x11);
        let objects = strict(&data).unwrap();
        assert_eq!(objects[0].primitive_value().unwrap().len(), len);
        assert_eq!(ber::encode(tag(0x04), &data[header.len()..]).unwrap(), data);
    }
}

#[test]
fn non_minimal_length_is_read_and_kept_raw() {
    let data = [0x04, 0x81, 0x01, 0xAA];
    let objects = strict(&data).unwrap();
    assert_eq!(objects[0].raw().unwrap(), data);
    assert_eq!(objects[0].to_bytes().unwrap(), [0x04, 0x01, 0xAA]);
}

#[test]
fn padding_00_and_ff_is_skipped() {
    let data = [
        0x00, 0x00, 0x04, 0x01, 0xAA, 0xFF, 0xFF, 0x00, 0x05, 0x00, 0x30, 0x04, 0x00, 0x02, 0x00,
        0x00, 0xFF, 0xFF,
    ];
    let objects = strict(&data).unwrap();
    let tags: Vec<u32> = objects.iter().map(|o| o.tag().to_u32()).collect();
    assert_eq!(tags, [0x04, 0x05, 0x30]);
    assert_eq!(objects[1].primitive_value().unwrap(), &[] as &[u8]);
    assert_eq!(objects[2].children(), [Tlv::primitive(tag(0x02), &[])]);
    assert_eq!(
        objects[2].raw().unwrap(),
        [0x30, 0x04, 0x00, 0x02, 0x00, 0x00]
    );
    assert!(strict(&[0xFF; 32]).unwrap().is_empty());
    assert!(strict(&[0x00; 32]).unwrap().is_empty());
    assert!(strict(&[0xFF]).unwrap().is_empty());
}

#[test]
fn ff_before_a_tag_byte_starts_a_tag() {
    let objects = strict(&[0xFF, 0xFF, 0xFF, 0x30, 0x02, 0x04, 0x00]).unwrap();
    assert_eq!(objects[0].tag(), tag(0xFF30));
    assert_eq!(objects[0].children(), [Tlv::primitive(tag(0x04), &[])]);
}

#[test]
fn strict_errors_name_the_offset() {
    let cases: &[(&[u8], Error)] = &[
        (&[0x5F], Error::TruncatedHeader { offset: 0 }),
        (
            &[0x04, 0x00, 0x5F, 0x40],
            Error::TruncatedHeader { offset: 2 },
        ),
        (
            &[0x5F, 0x40, 0x82, 0x07],
            Error::TruncatedHeader { offset: 0 },
        ),
        (
            &[0x5F, 0x40, 0x82, 0x07, 0xD1, 0xFF, 0x4F],
            truncated_value(0, 0x07D1, 2),
        ),
        (
            &[0x04, 0x80, 0x00, 0x00],
            Error::IndefiniteLength { offset: 1 },
        ),
        (
            &[0x04, 0x84, 0, 0, 0, 1, 0],
            Error::BadLengthForm {
                offset: 1,
                byte: 0x84,
            },
        ),
        (
            &[0x00, 0x5F, 0x81, 0x81, 0x81, 0x01, 0x00],
            Error::TagTooLong { offset: 1, max: 4 },
        ),
        (
            &[0xFF, 0x20, 0x05, 0xDF, 0x22, 0x04, 0x41, 0x42],
            truncated_value(3, 4, 2),
        ),
        (
            &[0x30, 0x03, 0x04, 0x05, 0x00, 0x00, 0x00, 0x00],
            truncated_value(2, 5, 1),
        ),
    ];
    for (input, expected) in cases {
        assert_eq!(strict(input).unwrap_err(), *expected, "{input:02X?}");
    }
}

#[test]
fn lenient_keeps_what_decoded() {
    // The inner DF22 overruns FF20: FF20 is kept as bytes, the object after it is decoded.
    let data = [
        0xFF, 0x20, 0x07, 0xDF, 0x21, 0x00, 0xDF, 0x22, 0x04, 0x41, 0x04, 0x01, 0xAA, 0x5F,
    ];
    let parsed = ber::parse_detailed(&data, Mode::Lenient, Limits::default()).unwrap();
    assert_eq!(parsed.objects.len(), 2);
    assert_eq!(parsed.objects[0].primitive_value().unwrap(), &data[3..10]);
    assert_eq!(parsed.objects[0].raw().unwrap(), &data[..10]);
    assert_eq!(parsed.objects[1], Tlv::primitive(tag(0x04), &[0xAA]));
    assert_eq!(
        parsed.warnings,
        [
            Error::TruncatedValue {
                offset: 6,
                declared: 4,
                available: 1
            },
            Error::TruncatedHeader { offset: 13 },
        ]
    );
    assert_eq!(
        ber::parse(&data, Mode::Lenient, Limits::default())
            .unwrap()
            .len(),
        2
    );
}

/// 券面事項入力補助AP EF0001: `FF 10 0C` + 12 digits under a constructed tag. Synthetic number.
#[test]
fn my_number_ff10_digits() {
    let mut data = vec![0xFF, 0x10, 0x0C];
    data.extend(b"123456789018");
    assert!(strict(&data).is_err());
    let flat = ber::parse_flat(&data, Mode::Strict).unwrap();
    assert_eq!(flat.objects[0].tag(), tag(0xFF10));
    assert_eq!(flat.objects[0].primitive_value().unwrap(), b"123456789018");
    let lenient = ber::parse_detailed(&data, Mode::Lenient, Limits::default()).unwrap();
    assert_eq!(
        lenient.objects[0].primitive_value().unwrap(),
        b"123456789018"
    );
    assert_eq!(lenient.warnings.len(), 1);
}

/// `depth` nested `30` objects around an empty `04`, with minimal lengths.
fn nested(depth: usize) -> Vec<u8> {
    let mut tlv = Tlv::primitive(tag(0x04), &[]);
    for _ in 0..depth {
        tlv = Tlv::constructed(tag(0x30), vec![tlv]);
    }
    tlv.to_bytes().unwrap()
}

#[test]
fn depth_limit() {
    assert!(strict(&nested(16)).is_ok());
    assert_eq!(
        strict(&nested(17)).unwrap_err(),
        Error::TooDeep {
            offset: 32,
            limit: 16
        }
    );
    let two = Limits::with_max_depth(2);
    assert!(ber::parse(&nested(2), Mode::Strict, two).is_ok());
    assert_eq!(
        ber::parse(&nested(3), Mode::Lenient, two).unwrap_err(),
        Error::TooDeep {
            offset: 4,
            limit: 2
        }
    );
    assert_eq!(
        Limits::with_max_depth(usize::MAX).max_depth(),
        Limits::MAX_DEPTH
    );
}

/// 64 KiB nested as deep as it goes (`30 82 HH LL` per level), decoded on a 64 KiB stack in
/// both modes, at the default and the highest limit.
#[test]
fn deep_64k_input_is_an_error_on_a_small_stack() {
    let mut data = Vec::with_capacity(64 * 1024);
    while data.len() + 4 <= 64 * 1024 {
        let remaining = 64 * 1024 - data.len() - 4;
        data.extend([0x30, 0x82]);
        data.extend((remaining as u16).to_be_bytes());
    }
    let worker = std::thread::Builder::new()
        .stack_size(64 * 1024)
        .spawn(move || {
            let limits = Limits::with_max_depth(usize::MAX);
            let results = [
                ber::parse(&data, Mode::Strict, limits).map(|o| o.len()),
                ber::parse(&data, Mode::Lenient, limits).map(|o| o.len()),
                ber::parse(&data, Mode::Strict, Limits::default()).map(|o| o.len()),
            ];
            results
        })
        .unwrap();
    let results = worker.join().unwrap();
    assert_eq!(
        results[0],
        Err(Error::TooDeep {
            offset: 64 * 4,
            limit: 64
        })
    );
    assert_eq!(
        results[1],
        Err(Error::TooDeep {
            offset: 64 * 4,
            limit: 64
        })
    );
    assert_eq!(
        results[2],
        Err(Error::TooDeep {
            offset: 16 * 4,
            limit: 16
        })
    );
}

#[test]
fn tags() {
    assert_eq!(tag(0x5F40).to_string(), "5F40");
    assert_eq!(format!("{:?}", tag(0x7F21)), "Tag(7F21)");
    assert_eq!(Tag::from_bytes(&[0xDF, 0x22]).unwrap(), tag(0xDF22));
    assert!(tag(0x7F21).is_constructed());
    assert_eq!(tag(0x04).class(), Class::Universal);
    assert_eq!(tag(0x5F8101).as_bytes(), [0x5F, 0x81, 0x01]);
    for (bytes, problem) in [
        (&[][..], TagProblem::Empty),
        (&[0x00][..], TagProblem::LooksLikePadding),
        (&[0xFF, 0xFF, 0x01][..], TagProblem::LooksLikePadding),
        (&[0x5F][..], TagProblem::Incomplete),
        (&[0x5F, 0x81][..], TagProblem::Incomplete),
        (&[0x04, 0x01][..], TagProblem::Trailing),
        (&[0x5F, 0x81, 0x81, 0x81, 0x01][..], TagProblem::TooLong),
    ] {
        assert_eq!(
            Tag::from_bytes(bytes).unwrap_err(),
            Error::InvalidTag(problem),
            "{bytes:02X?}"
        );
    }
    assert_eq!(
        Tag::from_u32(0).unwrap_err(),
        Error::InvalidTag(TagProblem::Empty)
    );
}

#[test]
fn encoder() {
    assert_eq!(
        ber::encode(tag(0xC5), b"5070331").unwrap()[..2],
        [0xC5, 0x07]
    );
    let record = Tlv::constructed(
        tag(0xFF20),
        vec![
            Tlv::primitive(tag(0xDF25), b"3"),
            Tlv::constructed(tag(0x30), vec![]),
        ],
    );
    assert_eq!(
        record.to_bytes().unwrap(),
        [0xFF, 0x20, 0x06, 0xDF, 0x25, 0x01, b'3', 0x30, 0x00]
    );
    assert_eq!(record.encoded_len(), 9);
    assert!(matches!(record.value(), Value::Constructed(c) if c.len() == 2));
    assert_eq!(record.value_bytes(), None);
    assert_eq!(
        ber::encode(tag(0x04), &vec![0; ber::MAX_VALUE_LEN + 1]).unwrap_err(),
        Error::ValueTooLong {
            len: ber::MAX_VALUE_LEN + 1,
            max: ber::MAX_VALUE_LEN
        }
    );
}
