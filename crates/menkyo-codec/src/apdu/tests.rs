use proptest::prelude::*;

use super::*;

fn parse_hex(s: &str) -> Result<(CommandApdu, LengthEncoding), Error> {
    let bytes = hex::decode(s.replace(' ', "")).unwrap_or_default();
    CommandApdu::parse_with_encoding(&bytes)
}

#[test]
fn card_notes_commands() {
    let (select_mf, enc) = parse_hex("00 A4 00 00").unwrap();
    assert_eq!(select_mf, CommandApdu::new(0, 0xA4, 0, 0));
    assert_eq!(select_mf.case(), ApduCase::Case1);
    assert_eq!(enc, LengthEncoding::Short);

    let (select_ef, _) = parse_hex("00 A4 02 0C 02 2F 01").unwrap();
    assert_eq!(select_ef.data, [0x2F, 0x01]);
    assert_eq!(select_ef.case(), ApduCase::Case3);

    let (read_sfi, enc) = parse_hex("00 B0 8A 00 03").unwrap();
    assert_eq!(
        (read_sfi.p1, read_sfi.ne, enc),
        (0x8A, Some(3), LengthEncoding::Short)
    );

    let (read_ext, enc) = parse_hex("00 B0 00 00 00 03 70").unwrap();
    assert_eq!((read_ext.ne, enc), (Some(880), LengthEncoding::Extended));
    assert_eq!(read_ext.case(), ApduCase::Case2);

    let (read_256, _) = parse_hex("00 B0 00 00 00").unwrap();
    assert_eq!(read_256.ne, Some(256));

    let (verify, _) = parse_hex("00 20 00 81 04 31 32 33 34").unwrap();
    assert_eq!(verify.data, b"1234");
    assert!(verify.carries_secret());

    let (tries, _) = parse_hex("00 20 00 86").unwrap();
    assert_eq!(tries.case(), ApduCase::Case1);
}

#[test]
fn extended_cases() {
    let (c, enc) = parse_hex("00 B0 00 00 00 00 00").unwrap();
    assert_eq!((c.ne, enc), (Some(65_536), LengthEncoding::Extended));

    let (c, enc) = parse_hex("80 2A 00 80 00 00 02 AA BB").unwrap();
    assert_eq!(
        (c.data.as_slice(), c.ne, enc),
        (&[0xAA, 0xBB][..], None, LengthEncoding::Extended)
    );

    let (c, _) = parse_hex("80 2A 00 80 00 00 02 AA BB 01 00").unwrap();
    assert_eq!(c.ne, Some(256));
    assert_eq!(c.case(), ApduCase::Case4);

    let (c, _) = parse_hex("80 2A 00 80 00 00 01 AA 00 00").unwrap();
    assert_eq!(c.ne, Some(65_536));
}

#[test]
fn short_case4() {
    let (c, enc) = parse_hex("00 A4 04 00 02 3F 00 00").unwrap();
    assert_eq!(
        (c.data.as_slice(), c.ne, enc),
        (&[0x3F, 0x00][..], Some(256), LengthEncoding::Short)
    );
}

#[test]
fn malformed_commands() {
    use Error::*;
    let cases: &[(&str, Error)] = &[
        ("", CommandTooShort { len: 0 }),
        ("00 A4 00", CommandTooShort { len: 3 }),
        (
            "00 A4 02 0C 02 2F",
            LcMismatch {
                lc: 2,
                available: 1,
            },
        ),
        (
            "00 A4 02 0C 02 2F 01 00 00",
            CommandTrailingBytes { count: 1 },
        ),
        ("00 B0 00 00 00 03", TruncatedExtendedLength),
        ("00 B0 00 00 00 00 00 01", ExtendedLcZero),
        (
            "00 B0 00 00 00 00 03 01 02",
            LcMismatch {
                lc: 3,
                available: 2,
            },
        ),
        ("00 B0 00 00 00 00 01 AA 01", ShortLeAfterExtendedLc),
        (
            "00 B0 00 00 00 00 01 AA 01 00 05",
            CommandTrailingBytes { count: 1 },
        ),
    ];
    for (input, want) in cases {
        assert_eq!(parse_hex(input).unwrap_err(), *want, "{input}");
    }
}

#[test]
fn encoding_choice() {
    let read = CommandApdu::new(0, 0xB0, 0, 0).with_ne(256);
    assert_eq!(read.to_bytes().unwrap(), [0, 0xB0, 0, 0, 0]);
    let read = CommandApdu::new(0, 0xB0, 0, 0).with_ne(880);
    assert_eq!(read.to_bytes().unwrap(), [0, 0xB0, 0, 0, 0, 0x03, 0x70]);
    let read = CommandApdu::new(0, 0xB0, 0, 0).with_ne(65_536);
    assert_eq!(read.to_bytes().unwrap(), [0, 0xB0, 0, 0, 0, 0, 0]);
    let forced = CommandApdu::new(0, 0xB0, 0, 0).with_ne(3);
    assert_eq!(
        forced.to_bytes_with(LengthEncoding::Extended).unwrap(),
        [0, 0xB0, 0, 0, 0, 0, 3]
    );
    let sign = CommandApdu::new(0x80, 0x2A, 0, 0x80)
        .with_data(vec![7; 300])
        .with_ne(256);
    let bytes = sign.to_bytes().unwrap();
    assert_eq!(&bytes[4..7], [0x00, 0x01, 0x2C]);
    assert_eq!(&bytes[bytes.len() - 2..], [0x01, 0x00]);
}

#[test]
fn encoding_errors() {
    let big = CommandApdu::new(0, 0xB0, 0, 0).with_ne(257);
    assert_eq!(
        big.to_bytes_with(LengthEncoding::Short),
        Err(Error::NeOutOfRange { ne: 257, max: 256 })
    );
    let zero = CommandApdu::new(0, 0xB0, 0, 0).with_ne(0);
    assert_eq!(
        zero.to_bytes(),
        Err(Error::NeOutOfRange { ne: 0, max: 256 })
    );
    let huge = CommandApdu::new(0, 0xB0, 0, 0).with_ne(65_537);
    assert_eq!(
        huge.to_bytes(),
        Err(Error::NeOutOfRange {
            ne: 65_537,
            max: 65_536
        })
    );
    let data = CommandApdu::new(0, 0xD6, 0, 0).with_data(vec![0; 256]);
    assert_eq!(
        data.to_bytes_with(LengthEncoding::Short),
        Err(Error::DataTooLong { nc: 256, max: 255 })
    );
    let data = CommandApdu::new(0, 0xD6, 0, 0).with_data(vec![0; 65_536]);
    assert_eq!(
        data.to_bytes(),
        Err(Error::DataTooLong {
            nc: 65_536,
            max: 65_535
        })
    );
}

#[test]
fn debug_hides_pin_data() {
    let verify = CommandApdu::new(0, INS_VERIFY, 0, 0x81).with_data(*b"9271");
    let text = format!("{verify:?}");
    assert!(!text.contains("39323731"), "{text}");
    assert!(text.contains("REDACTED (4 bytes)"), "{text}");
    let select = CommandApdu::new(0, INS_SELECT, 2, 0x0C).with_data([0x2F, 0x01]);
    assert!(format!("{select:?}").contains("2F01"));
}

#[test]
fn responses() {
    let r = ResponseApdu::parse(&[0x90, 0x00]).unwrap();
    assert_eq!(r, ResponseApdu::status(StatusWord::Success));
    let r = ResponseApdu::parse(&[0x05, 0x01, 0x00, 0x90, 0x00]).unwrap();
    assert_eq!(r.data, [0x05, 0x01, 0x00]);
    assert_eq!(r.to_bytes(), [0x05, 0x01, 0x00, 0x90, 0x00]);
    assert_eq!(
        ResponseApdu::parse(&[0x63]),
        Err(Error::ResponseTooShort { len: 1 })
    );
    assert_eq!(
        ResponseApdu::parse(&[0x63, 0xC2]).unwrap().sw,
        StatusWord::RemainingRetries(2)
    );
}

fn any_command(max_nc: usize, max_ne: usize) -> impl Strategy<Value = CommandApdu> {
    (
        any::<[u8; 4]>(),
        prop::collection::vec(any::<u8>(), 0..=max_nc),
        prop::option::of(1..=max_ne),
    )
        .prop_map(|([cla, ins, p1, p2], data, ne)| CommandApdu {
            cla,
            ins,
            p1,
            p2,
            data,
            ne,
        })
}

proptest! {
    #[test]
    fn short_round_trip(c in any_command(MAX_SHORT_NC, MAX_SHORT_NE)) {
        let bytes = c.to_bytes_with(LengthEncoding::Short).unwrap();
        prop_assert_eq!(c.to_bytes().unwrap(), bytes.clone());
        let (back, enc) = CommandApdu::parse_with_encoding(&bytes).unwrap();
        prop_assert_eq!(back, c);
        prop_assert_eq!(enc, LengthEncoding::Short);
    }

    #[test]
    fn extended_round_trip(c in any_command(1_000, MAX_EXTENDED_NE)) {
        let bytes = c.to_bytes_with(LengthEncoding::Extended).unwrap();
        let (back, enc) = CommandApdu::parse_with_encoding(&bytes).unwrap();
        prop_assert_eq!(&back, &c);
        let want = if c.case() == ApduCase::Case1 { LengthEncoding::Short } else { LengthEncoding::Extended };
        prop_assert_eq!(enc, want);
    }

    #[test]
    fn extended_large_data_round_trip(n in 256usize..=MAX_EXTENDED_NC, ne in prop::option::of(1..=MAX_EXTENDED_NE)) {
        let c = CommandApdu { cla: 0x80, ins: 0x2A, p1: 0, p2: 0x80, data: vec![0xA5; n], ne };
        let bytes = c.to_bytes().unwrap();
        prop_assert_eq!(CommandApdu::parse_with_encoding(&bytes).unwrap(), (c, LengthEncoding::Extended));
    }

    #[test]
    fn reencoding_a_parsed_command_gives_the_same_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        if let Ok((c, enc)) = CommandApdu::parse_with_encoding(&bytes) {
            prop_assert_eq!(c.to_bytes_with(enc).unwrap(), bytes);
        }
    }

    #[test]
    fn parse_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..80)) {
        let _ = CommandApdu::parse_with_encoding(&bytes);
        let r = ResponseApdu::parse(&bytes);
        if let Ok(r) = r {
            prop_assert_eq!(r.to_bytes(), bytes);
        }
    }

    #[test]
    fn response_round_trip(data in prop::collection::vec(any::<u8>(), 0..300), sw in any::<u16>()) {
        let r = ResponseApdu::new(data, StatusWord::from_u16(sw));
        prop_assert_eq!(ResponseApdu::parse(&r.to_bytes()).unwrap(), r);
    }
}
