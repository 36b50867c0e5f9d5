use proptest::prelude::*;

use super::*;

fn date(y: u16, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap()
}

#[test]
fn card_notes_example() {
    let d = Date7::parse(b"4140913").unwrap();
    assert_eq!(
        d,
        Date7::Date {
            era: Era::Heisei,
            date: date(2002, 9, 13)
        }
    );
    assert_eq!(d.date().unwrap().to_string(), "2002-09-13");
    assert_eq!(d.to_bytes(), *b"4140913");
    assert_eq!(d.to_string(), "2002-09-13 (平成14年9月13日)");
}

#[test]
fn not_licensed_keeps_its_era_digit() {
    for raw in [b"0000000", b"4000000", b"5000000", b"9000000"] {
        let d = Date7::parse(raw).unwrap();
        assert!(matches!(d, Date7::NotLicensed { .. }));
        assert_eq!(d.date(), None);
        assert_eq!(&d.to_bytes(), raw);
    }
    assert_eq!(
        serde_json::to_string(&Date7::parse(b"4000000").unwrap()).unwrap(),
        "null"
    );
}

#[test]
fn era_boundaries() {
    let ok = [
        (b"1010125", date(1868, 1, 25)),
        (b"1450729", date(1912, 7, 29)),
        (b"2010730", date(1912, 7, 30)),
        (b"2151224", date(1926, 12, 24)),
        (b"3011225", date(1926, 12, 25)),
        (b"3640107", date(1989, 1, 7)),
        (b"4010108", date(1989, 1, 8)),
        (b"4310430", date(2019, 4, 30)),
        (b"5010501", date(2019, 5, 1)),
        (b"5991231", date(2117, 12, 31)),
    ];
    for (raw, want) in ok {
        let d = Date7::parse(raw).unwrap();
        assert_eq!(d.date(), Some(want), "{}", String::from_utf8_lossy(raw));
        assert_eq!(Date7::from_date(want).unwrap(), d);
        assert_eq!(&d.to_bytes(), raw);
    }
    assert_eq!(
        Date7::parse(b"4310501"),
        Err(Error::OutsideEra {
            era: Era::Heisei,
            date: date(2019, 5, 1)
        })
    );
    assert_eq!(
        Date7::parse(b"5010430"),
        Err(Error::OutsideEra {
            era: Era::Reiwa,
            date: date(2019, 4, 30)
        })
    );
    assert_each_refused(&[b"1010124", b"3640108", b"2151225"], |e| {
        matches!(e, Error::OutsideEra { .. })
    });
    assert_eq!(
        Date7::parse(b"5010501").unwrap().to_string(),
        "2019-05-01 (令和元年5月1日)"
    );
}

/// Fails unless `Date7::parse` refuses each of `inputs` with an error `expected` accepts.
fn assert_each_refused(inputs: &[&[u8; 7]], expected: fn(&Error) -> bool) {
    for input in inputs {
        let parsed = Date7::parse(*input);
        assert!(
            parsed.as_ref().is_err_and(expected),
            "{}: {parsed:?}",
            String::from_utf8_lossy(*input)
        );
    }
}

#[test]
fn malformed_date7() {
    assert_eq!(
        Date7::parse(b"414091"),
        Err(Error::DateLength {
            what: "date7",
            len: 6,
            expected: 7
        })
    );
    assert_eq!(
        Date7::parse(b"41409 3"),
        Err(Error::DateNotDigit {
            offset: 5,
            byte: b' '
        })
    );
    assert_eq!(
        Date7::parse(b"6010101"),
        Err(Error::UnknownEra { digit: 6 })
    );
    assert_eq!(
        Date7::parse(b"0010101"),
        Err(Error::UnknownEra { digit: 0 })
    );
    assert_eq!(
        Date7::parse(b"4000913"),
        Err(Error::EraYearZero { era: Era::Heisei })
    );
    assert_each_refused(&[b"4141301", b"4140931", b"4140900"], |e| {
        matches!(e, Error::NotACalendarDate { .. })
    });
}

#[test]
fn leap_years() {
    assert!(Date::new(2000, 2, 29).is_ok());
    assert!(Date::new(2024, 2, 29).is_ok());
    assert!(Date::new(1900, 2, 29).is_err());
    assert!(Date::new(2023, 2, 29).is_err());
    assert!(Date7::parse(b"4120229").is_ok()); // 平成12年 = 2000
    assert!(Date7::parse(b"4110229").is_err()); // 平成11年 = 1999
}

#[test]
fn from_date_refuses_what_date7_cannot_carry() {
    assert!(matches!(
        Date7::from_date(date(1868, 1, 24)),
        Err(Error::NotRepresentable { .. })
    ));
    assert!(matches!(
        Date7::from_date(date(2118, 1, 1)),
        Err(Error::NotRepresentable { .. })
    ));
}

#[test]
fn bcd() {
    // 交付年月日 of a synthetic MF/EF01.
    let d = Date::parse_bcd(&[0x20, 0x24, 0x03, 0x25]).unwrap();
    assert_eq!(d, date(2024, 3, 25));
    assert_eq!(d.to_bcd(), [0x20, 0x24, 0x03, 0x25]);
    assert_eq!(
        Date::parse_bcd(&[0x20, 0x2A, 0x03, 0x25]),
        Err(Error::BadNibble {
            offset: 1,
            byte: 0x2A
        })
    );
    assert_eq!(
        Date::parse_bcd(&[0xA0, 0x24, 0x03, 0x25]),
        Err(Error::BadNibble {
            offset: 0,
            byte: 0xA0
        })
    );
    assert!(matches!(
        Date::parse_bcd(&[0x20, 0x24, 0x02, 0x30]),
        Err(Error::NotACalendarDate { .. })
    ));
    assert!(matches!(
        Date::parse_bcd(&[0x00, 0x00, 0x01, 0x01]),
        Err(Error::NotACalendarDate { .. })
    ));
    assert!(matches!(
        Date::parse_bcd(&[0x20, 0x24, 0x03]),
        Err(Error::DateLength { len: 3, .. })
    ));
}

#[test]
fn iso() {
    let d: Date = "2002-09-13".parse().unwrap();
    assert_eq!(d, date(2002, 9, 13));
    assert_eq!(serde_json::to_string(&d).unwrap(), "\"2002-09-13\"");
    assert_eq!(
        serde_json::to_string(&Date7::parse(b"4140913").unwrap()).unwrap(),
        "\"2002-09-13\""
    );
    for bad in [
        "2002-9-13",
        "2002/09/13",
        "20020913",
        "2002-09-1x",
        "２００２-09-13",
        "",
    ] {
        assert_eq!(bad.parse::<Date>(), Err(Error::NotIso), "{bad}");
    }
    assert!(matches!(
        "2002-02-30".parse::<Date>(),
        Err(Error::NotACalendarDate { .. })
    ));
}

#[test]
fn eras() {
    assert_eq!(Era::ALL.map(Era::digit), [1, 2, 3, 4, 5]);
    assert_eq!(
        Era::ALL.map(Era::name),
        ["明治", "大正", "昭和", "平成", "令和"]
    );
    assert_eq!(
        Era::ALL.map(Era::first_year),
        [1868, 1912, 1926, 1989, 2019]
    );
    for era in Era::ALL {
        assert_eq!(Era::from_digit(era.digit()), Some(era));
    }
    assert_eq!(Era::of(date(1989, 1, 7)), Some(Era::Showa));
    assert_eq!(Era::of(date(1989, 1, 8)), Some(Era::Heisei));
    assert_eq!(Era::of(date(1800, 1, 1)), None);
}

fn any_date() -> impl Strategy<Value = Date> {
    (1u16..=9999, 1u8..=12, 1u8..=31)
        .prop_filter_map("calendar", |(y, m, d)| Date::new(y, m, d).ok())
}

proptest! {
    #[test]
    fn date7_round_trips(d in any_date()) {
        match Date7::from_date(d) {
            Ok(d7) => {
                prop_assert_eq!(d7.date(), Some(d));
                prop_assert_eq!(Date7::parse(&d7.to_bytes()).unwrap(), d7);
            }
            Err(_) => prop_assert!(d < Era::Meiji.start() || d.year() > 2117),
        }
    }

    #[test]
    fn bcd_and_iso_round_trip(d in any_date()) {
        prop_assert_eq!(Date::parse_bcd(&d.to_bcd()).unwrap(), d);
        prop_assert_eq!(d.to_string().parse::<Date>().unwrap(), d);
    }

    #[test]
    fn parsed_date7_reencodes_to_the_same_bytes(raw in "[0-9]{7}") {
        if let Ok(d7) = Date7::parse(raw.as_bytes()) {
            prop_assert_eq!(&d7.to_bytes(), raw.as_bytes());
        }
    }

    #[test]
    fn parsers_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..10)) {
        let _ = Date7::parse(&bytes);
        let _ = Date::parse_bcd(&bytes);
        let _ = String::from_utf8_lossy(&bytes).parse::<Date>();
    }
}
