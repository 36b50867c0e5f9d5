use proptest::prelude::*;

use super::*;

fn strict(bytes: &[u8]) -> Result<JisText, Error> {
    decode(bytes, TextMode::Strict)
}

fn gaiji(position: usize, kind: GaijiKind) -> Gaiji {
    Gaiji { position, kind }
}

fn warning(offset: usize, problem: TextProblem) -> TextWarning {
    TextWarning { offset, problem }
}

/// 氏名 of a synthetic holder: 日本　花子.
const NAME: [u8; 10] = [0x46, 0x7C, 0x4B, 0x5C, 0x21, 0x21, 0x32, 0x56, 0x3B, 0x52];

#[test]
fn synthetic_name_and_colour() {
    let name = strict(&NAME).unwrap();
    assert_eq!(name.text, "日本\u{3000}花子");
    assert!(name.gaiji.is_empty() && name.warnings.is_empty());
    assert_eq!(name.to_bytes().unwrap(), NAME);
    assert_eq!(strict(&[0x4D, 0x25, 0x4E, 0x49]).unwrap().text, "優良");
    let commission = [
        0x45, 0x6C, 0x35, 0x7E, 0x45, 0x54, 0x38, 0x78, 0x30, 0x42, 0x30, 0x51, 0x30, 0x77, 0x32,
        0x71,
    ];
    assert_eq!(strict(&commission).unwrap().text, "東京都公安委員会");
    assert_eq!(encode_str("東京都公安委員会").unwrap(), commission);
    assert_eq!(strict(&[0x23, 0x31, 0x74, 0x26]).unwrap().text, "１熙");
    assert_eq!(strict(&[]).unwrap(), JisText::default());
}

#[test]
fn gaiji_become_geta_and_are_listed() {
    // 日 外字2 子 欠字 〓(ordinary 222E)
    let bytes = [0x46, 0x7C, 0xFF, 0xF2, 0x3B, 0x52, 0xFF, 0xFA, 0x22, 0x2E];
    let text = strict(&bytes).unwrap();
    assert_eq!(text.text, "日〓子〓〓");
    assert_eq!(
        text.gaiji,
        [
            gaiji(1, GaijiKind::External(2)),
            gaiji(3, GaijiKind::Missing)
        ]
    );
    assert_eq!(text.to_bytes().unwrap(), bytes);
    assert_eq!(
        encode_str(&text.text).unwrap(),
        [0x46, 0x7C, 0x22, 0x2E, 0x3B, 0x52, 0x22, 0x2E, 0x22, 0x2E]
    );
    for n in 1..=7u8 {
        let t = strict(&[0xFF, 0xF0 + n]).unwrap();
        assert_eq!(t.gaiji, [gaiji(0, GaijiKind::External(n))]);
    }
}

#[test]
fn gaiji_json() {
    let text = strict(&[0xFF, 0xF1, 0x46, 0x7C, 0xFF, 0xFA]).unwrap();
    let json = serde_json::to_value(&text).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "text": "〓日〓",
            "gaiji": [{"position": 0, "number": 1}, {"position": 2, "number": "missing"}],
            "warnings": [],
        })
    );
}

#[test]
fn strict_refusals() {
    assert_eq!(strict(&NAME[..3]), Err(Error::OddLength { len: 3 }));
    for (bytes, offset, code) in [
        (&[0x46, 0x7C, 0x2D, 0x21][..], 2, 0x2D21), // NEC row 13 ①
        (&[0x79, 0x21], 0, 0x7921),                 // IBM row 89
        (&[0x22, 0x2F], 0, 0x222F),                 // unassigned cell of row 2
        (&[0x30, 0x20], 0, 0x3020),
        (&[0xFF, 0xF0], 0, 0xFFF0),
        (&[0xFF, 0xF8], 0, 0xFFF8),
        (&[0xFF, 0xFF], 0, 0xFFFF),
        (&[0xB0, 0xA1], 0, 0xB0A1), // EUC-JP, not row/cell
        (&[0x74, 0x27], 0, 0x7427),
    ] {
        assert_eq!(
            strict(bytes),
            Err(Error::InvalidCode { offset, code }),
            "{bytes:02X?}"
        );
    }
}

#[test]
fn lenient_replaces_and_warns() {
    let t = decode(
        &[0x46, 0x7C, 0x2D, 0x21, 0x4B, 0x5C, 0x21],
        TextMode::Lenient,
    )
    .unwrap();
    assert_eq!(t.text, "日\u{FFFD}本\u{FFFD}");
    assert_eq!(
        t.warnings,
        [
            warning(2, TextProblem::InvalidCode(0x2D21)),
            warning(6, TextProblem::OddLength),
        ]
    );
    assert_eq!(t.warnings[0].to_string(), "invalid code 2D21 at byte 2");
    assert!(matches!(
        t.to_bytes(),
        Err(Error::Unencodable {
            ch: '\u{FFFD}',
            position: 1
        })
    ));
}

#[test]
fn every_assigned_code_round_trips() {
    let mut count = 0;
    for code in jis0208::assigned_codes() {
        count += 1;
        let bytes = code.to_be_bytes();
        let text = strict(&bytes).unwrap();
        assert_eq!(text.to_bytes().unwrap(), bytes, "{code:04X}");
        assert_eq!(encode_str(&text.text).unwrap(), bytes, "{code:04X}");
    }
    // JIS X 0208:1997: 524 non-kanji, 2 965 level 1, 3 390 level 2.
    assert_eq!(count, 6_879);
    for row in (9..=15).chain(85..=94) {
        for cell in 1..=94u16 {
            assert_eq!(jis0208::to_char(((row + 0x20) << 8) | (cell + 0x20)), None);
        }
    }
}

#[test]
fn ambiguous_symbols_decode_to_one_choice_and_encode_from_both() {
    let expected = [
        (0x2131, '\u{FFE3}'),
        (0x213D, '\u{2015}'),
        (0x2140, '\u{FF3C}'),
        (0x2141, '\u{301C}'),
        (0x2142, '\u{2016}'),
        (0x215D, '\u{2212}'),
        (0x2171, '\u{00A2}'),
        (0x2172, '\u{00A3}'),
        (0x224C, '\u{00AC}'),
    ];
    for (code, ch) in expected {
        assert_eq!(jis0208::to_char(code), Some(ch), "{code:04X}");
    }
    for &(code, canonical, others) in jis0208::AMBIGUOUS {
        assert_eq!(jis0208::to_code(canonical), Some(code));
        for &other in others {
            assert_eq!(
                jis0208::to_code(other),
                Some(code),
                "U+{:04X}",
                u32::from(other)
            );
        }
    }
    assert_eq!(encode_str("１〜２").unwrap(), encode_str("１～２").unwrap());
    assert_eq!(
        encode_str("１−２").unwrap(),
        [0x23, 0x31, 0x21, 0x5D, 0x23, 0x32]
    );
    assert_eq!(
        encode_str("１－２").unwrap(),
        [0x23, 0x31, 0x21, 0x5D, 0x23, 0x32]
    );
}

#[test]
fn encode_errors_name_the_character() {
    assert_eq!(
        encode_str("日本A"),
        Err(Error::Unencodable {
            ch: 'A',
            position: 2
        })
    );
    assert_eq!(
        encode_str("髙").unwrap_err().to_string(),
        "character '髙' (U+9AD9) at position 0 has no JIS X 0208 code"
    );
    assert!(encode_str("①").is_err());
}

#[test]
fn inconsistent_gaiji_lists_are_refused() {
    let mut t = JisText::new("日〓");
    t.gaiji.push(Gaiji {
        position: 0,
        kind: GaijiKind::Missing,
    });
    assert_eq!(t.to_bytes(), Err(Error::GaijiNotOnGeta { position: 0 }));
    t.gaiji = vec![Gaiji {
        position: 5,
        kind: GaijiKind::Missing,
    }];
    assert_eq!(t.to_bytes(), Err(Error::GaijiNotOnGeta { position: 5 }));
    t.gaiji = vec![Gaiji {
        position: 1,
        kind: GaijiKind::External(8),
    }];
    assert_eq!(t.to_bytes(), Err(Error::ExternalNumber { number: 8 }));
    t.gaiji = vec![
        Gaiji {
            position: 1,
            kind: GaijiKind::Missing,
        },
        Gaiji {
            position: 1,
            kind: GaijiKind::External(1),
        },
    ];
    assert_eq!(t.to_bytes(), Err(Error::DuplicateGaiji { position: 1 }));
}

fn any_code() -> impl Strategy<Value = [u8; 2]> {
    let codes: Vec<u16> = jis0208::assigned_codes().collect();
    prop_oneof![
        8 => prop::sample::select(codes).prop_map(u16::to_be_bytes),
        1 => (1..=7u8).prop_map(|n| [0xFF, 0xF0 + n]),
        1 => Just([0xFF, 0xFA]),
    ]
}

proptest! {
    #[test]
    fn valid_text_round_trips(codes in prop::collection::vec(any_code(), 0..60)) {
        let bytes = codes.concat();
        let text = strict(&bytes).unwrap();
        prop_assert_eq!(text.text.chars().count(), codes.len());
        prop_assert_eq!(text.to_bytes().unwrap(), bytes);
    }

    #[test]
    fn decode_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..100)) {
        let _ = strict(&bytes);
        let lenient = decode(&bytes, TextMode::Lenient).unwrap();
        prop_assert_eq!(lenient.text.chars().count(), bytes.len().div_ceil(2));
        if lenient.warnings.is_empty() {
            prop_assert_eq!(lenient.to_bytes().unwrap(), bytes);
        }
    }
}
