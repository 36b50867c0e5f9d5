//! The マイナ免許証 reader of hmpow/JpDrvLicNfcCommand, tested by its author on real cards in
//! 2025 (`jpdlc_mynumbercard.cpp`, the tag walk in `jpdlc_base.cpp`
//! `readBinary_currentFile_specifiedTag`).

use super::support::{myna_licence, Card, LICENCE_AP};

/// `jpdlc_base.cpp`: from `start`, READ BINARY 2 bytes (tag, length) of the current EF; a
/// length byte `82` means the next 2 bytes are the length; the tag searched for gets its value
/// read whole, any other tag is stepped over. Only one-byte tags and `82 HH LL` lengths are
/// understood.
pub fn hmpow_walk(card: &mut Card, start: usize, tag: u8) -> Vec<u8> {
    let mut offset = start;
    for _ in 0..64 {
        let (head, sw) = card.read_at(offset, 2);
        assert_eq!(sw, 0x9000, "walk at {offset:#06X}");
        let len = if head[1] == 0x82 {
            offset += 2;
            let (len, sw) = card.read_at(offset, 2);
            assert_eq!(sw, 0x9000);
            usize::from(u16::from_be_bytes([len[0], len[1]]))
        } else {
            usize::from(head[1])
        };
        offset += 2;
        if head[0] == tag {
            if len == 0 {
                return Vec::new();
            }
            let (value, sw) = card.read_at(offset, len);
            assert_eq!(sw, 0x9000);
            return value;
        }
        offset += len;
    }
    panic!("tag {tag:02X} not met");
}

/// `jpdlc_mynumbercard.cpp`: the ELF and EXE AIDs are not selectable, the instance is; WEF01
/// by SFI `1A` with 3 bytes, tag `C1`, value `00`/`01`; the tries by VERIFY P2 `86` without
/// data (`63CA` fresh); VERIFY with the PIN (`****` here, no PIN set); then SELECT WEF02
/// (`001B`), skip 4 bytes (`SKIP_C2_C3_TAG`: `C2 00 C3 00`) and walk to `C5`: at most 7
/// bytes, era digit `5` (令和), then YYMMDD.
#[test]
fn hmpow_mynumber_reads_the_expiry_after_skipping_c2_c3() {
    let mut card = myna_licence();
    assert_eq!(
        card.sw("00 A4 04 0C 10 A0000002310400000000000000000000"),
        0x6A82
    );
    assert_eq!(
        card.sw("00 A4 04 0C 10 A0000002310500000000000000000000"),
        0x6A82
    );
    card.ok(&format!("00 A4 04 0C 10 {LICENCE_AP}"));
    let wef01 = card.ok("00 B0 9A 00 03");
    assert_eq!(wef01.len(), 3);
    assert_eq!(wef01[0], 0xC1);
    assert_eq!(wef01[2], 0x00, "the sample has no PIN set");
    assert_eq!(card.sw("00 20 00 86"), 0x63CA);
    card.ok("00 20 00 86 04 2A2A2A2A");
    card.ok("00 A4 02 0C 02 001B");
    // The 4 bytes the reader skips are the empty 経歴証明 items.
    assert_eq!(card.read_at(0, 4).0, [0xC2, 0x00, 0xC3, 0x00]);
    let expiry = hmpow_walk(&mut card, 4, 0xC5);
    assert!(expiry.len() <= 7);
    assert_eq!(expiry, b"5120401", "令和12年4月1日, the sample's expiry");
}

/// The same reader's walk from offset 0 would meet `C2` and `C3` (both one-byte tags with
/// length 0) and still reach `C5`: every item before `C5` uses a one-byte tag and a length
/// the walk understands.
#[test]
fn a_walk_from_offset_0_also_reaches_c5() {
    let mut card = myna_licence();
    card.ok(&format!("00 A4 04 0C 10 {LICENCE_AP}"));
    card.ok("00 20 00 86 04 2A2A2A2A");
    card.ok("00 A4 02 0C 02 001B");
    assert_eq!(hmpow_walk(&mut card, 0, 0xC5), b"5120401");
    // and the photo, last, behind the two-byte tag 5F40, is not in the walk's way
    assert_eq!(hmpow_walk(&mut card, 0, 0xC7), b"012345678920");
}
