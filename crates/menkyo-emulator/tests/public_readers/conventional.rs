//! Readers of the ICカード運転免許証, each replayed as its source sends and checks.

use super::licence_ap::hmpow_walk;
use super::support::{ic_licence, jis0208, moved_ic_licence, Card, DF1, DF2};

/// A simple-TLV walk over a whole file as most readers do it: one-byte tag (`5F40` as two),
/// length one byte or `82 HH LL`, `FF` where a tag is expected ends it.
fn items(file: &[u8]) -> Vec<(u16, Vec<u8>)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < file.len() && file[i] != 0xFF {
        let mut tag = u16::from(file[i]);
        if file[i] == 0x5F {
            i += 1;
            tag = tag << 8 | u16::from(file[i]);
        }
        i += 1;
        let mut len = usize::from(file[i]);
        if len == 0x82 {
            len = usize::from(u16::from_be_bytes([file[i + 1], file[i + 2]]));
            i += 2;
        }
        i += 1;
        out.push((tag, file[i..i + len].to_vec()));
        i += len;
    }
    out
}

fn value(items: &[(u16, Vec<u8>)], tag: u16) -> Vec<u8> {
    items
        .iter()
        .find(|(t, _)| *t == tag)
        .unwrap_or_else(|| panic!("no item {tag:02X}"))
        .1
        .clone()
}

/// hmpow/JpDrvLicNfcCommand `jpdlc_conventional.cpp` (tested on real cards): SELECT MF with
/// `3F00` (`assemblyCommandSelectFile_MF_Case3`), MF/EF02 by SFI `0A` (3 bytes, tag `05`),
/// SELECT 2F01 and walk to `45` (11 bytes: version, issue and expiry in BCD); VERIFY by SFI
/// `81` without data for the tries; DF1, EF01, walk to `1B` (era digit `5`); DF1/EF07 and walk
/// to `B1` with its `82 HH LL` length ("2バイトLEN読みテスト").
#[test]
fn hmpow_conventional_walks_to_45_1b_and_b1() {
    let mut card = ic_licence();
    card.ok("00 A4 00 00 02 3F00");
    assert_eq!(card.ok("00 B0 8A 00 03"), [0x05, 0x01, 0x01]);
    card.ok("00 A4 00 00 02 3F00");
    card.ok("00 A4 02 0C 02 2F01");
    let common = hmpow_walk(&mut card, 0, 0x45);
    assert_eq!(common.len(), 11);
    assert_eq!(common[7..], [0x20, 0x29, 0x06, 0x20]);
    assert_eq!(card.sw("00 20 00 81"), 0x63C3);
    card.ok("00 20 00 81 04 31323334");
    card.ok(&format!("00 A4 04 0C 10 {DF1}"));
    card.ok("00 A4 02 0C 02 0001");
    assert_eq!(hmpow_walk(&mut card, 0, 0x1B), b"5110620");
    card.ok(&format!("00 A4 04 0C 10 {DF1}"));
    card.ok("00 A4 02 0C 02 0007");
    assert_eq!(card.read_at(0, 4).0, [0xB1, 0x82, 0x01, 0x00]);
    assert_eq!(hmpow_walk(&mut card, 0, 0xB1).len(), 256);
}

/// 50so/SmartCardManager_jre8 `DriverLisenceManager.java`: SELECT MF without data, SELECT EF
/// `000A`, then READ BINARY with P1 = `80` (the current EF) for 3 bytes, tag `05`
/// (`TAG_PINFLG`); VERIFY after selecting the IEF, P2 `80`, no data for the tries (`63C3`),
/// then the PIN; DF1 files by SFI with extended Le of their size (`0370`, `52`, `0280`,
/// `0100`, `0242`), parsed by `analysisTLV` (`82` lengths, `5F40`, `FF` ends); DF2/EF01 by SFI
/// `81` with `07D5`. Tags from `DriverLisenceConstants.java`.
#[test]
fn smart_card_manager_reads_p1_80_and_the_tags_of_its_constants() {
    let mut card = moved_ic_licence();
    card.ok("00 A4 00 00");
    card.ok("00 A4 02 0C 02 000A");
    assert_eq!(card.ok("00 B0 80 00 03"), [0x05, 0x01, 0x01]);
    for (iefid, pin) in [("0001", "31323334"), ("0002", "35363738")] {
        card.ok("00 A4 00 00");
        card.ok(&format!("00 A4 02 0C 02 {iefid}"));
        assert_eq!(card.sw("00 20 00 80"), 0x63C3);
        card.ok("00 A4 00 00");
        card.ok(&format!("00 A4 02 0C 02 {iefid}"));
        card.ok(&format!("00 20 00 80 04 {pin}"));
    }
    card.ok(&format!("00 A4 04 0C 10 {DF1}"));
    let ef01 = items(&card.ok("00 B0 81 00 00 03 70"));
    let tags: Vec<u16> = ef01.iter().map(|(t, _)| *t).collect();
    assert_eq!(tags, (0x11..=0x33).collect::<Vec<u16>>());
    assert_eq!(value(&ef01, 0x21), b"012345678900");
    let domicile = value(&items(&card.ok("00 B0 82 00 52")), 0x41);
    assert!(!jis0208(&domicile).is_empty());
    // EF04: TAG_EXSITADDITION_EF04 (50) first, then the 新住所 records 70, 71 and the 新条件 78;
    // isAdditionTag: the first 15 bytes (edition, date) and the last 10 (公安委員会) are not
    // the text.
    let ef04 = items(&card.ok("00 B0 84 00 00 02 80"));
    let tags: Vec<u16> = ef04.iter().map(|(t, _)| *t).collect();
    assert_eq!(tags, [0x50, 0x70, 0x71, 0x78]);
    let text = |v: &[u8]| jis0208(&v[15..v.len() - 10]);
    assert_eq!(text(&value(&ef04, 0x71)), "見本県見本市二丁目２番地");
    assert_eq!(text(&value(&ef04, 0x78)), "ＡＴ車に限る");
    // EF06: TAG_EXSITADDITION_EF06 (AA), then TAG_NEWHONSEKI1 (AB).
    let ef06 = items(&card.ok("00 B0 86 00 00 01 00"));
    assert_eq!(ef06[0].0, 0xAA);
    assert_eq!(text(&value(&ef06, 0xAB)), "見本県見本市三丁目");
    // EF07: TAG_ESIGN B1 … TAG_MAINPERSONIDENTIFIER B6; B2–B5 read as JIS X 0201 text.
    let ef07 = items(&card.ok("00 B0 87 00 00 02 42"));
    let tags: Vec<u16> = ef07.iter().map(|(t, _)| *t).collect();
    assert_eq!(tags, [0xB1, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6]);
    assert_eq!(value(&ef07, 0xB1).len(), 256);
    let issuer = String::from_utf8(value(&ef07, 0xB4)).unwrap();
    assert!(
        issuer.contains("menkyo SYNTHETIC licence issuer"),
        "{issuer}"
    );
    assert!(value(&ef07, 0xB2).iter().all(u8::is_ascii_hexdigit));
    assert_eq!(value(&ef07, 0xB6).len(), 20);
    card.ok(&format!("00 A4 04 0C 10 {DF2}"));
    let photo = items(&card.ok("00 B0 81 00 00 07 D5"));
    assert_eq!(photo[0].0, 0x5F40);
    assert_eq!(photo[0].1[..2], [0xFF, 0x4F]);
}

/// treastrain/TRETJapanNFCReader `DriversLicenseReaderReadFunctions.swift` and
/// `DriversLicenseReaderCommands.swift`: SELECT MF without data, SELECT EF, READ BINARY of
/// the whole file at offset 0 (17, 3, 880, 82, 2005 bytes); VERIFY P2 `80` after selecting
/// the IEF. `DriversLicenseCard.swift` `convert` skips length-0 items and reads `82 HH LL`.
#[test]
fn tret_reads_each_file_whole_after_select() {
    let mut card = ic_licence();
    card.ok("00 A4 00 00");
    card.ok("00 A4 02 0C 02 2F01");
    let common = items(&card.ok("00 B0 00 00 11"));
    assert_eq!(value(&common, 0x45)[..3], *b"009");
    card.ok("00 A4 00 00");
    card.ok("00 A4 02 0C 02 000A");
    assert_eq!(card.ok("00 B0 00 00 03")[2], 0x01);
    card.verify_through_iefs_and_select_df1();
    card.ok("00 A4 02 0C 02 0001");
    let record = card.ok("00 B0 00 00 00 03 70");
    assert_eq!(record.len(), 880);
    let record = items(&record);
    assert_eq!(jis0208(&value(&record, 0x12)), "見本　花子");
    card.ok("00 A4 02 0C 02 0002");
    assert_eq!(card.ok("00 B0 00 00 52").len(), 82);
    card.ok(&format!("00 A4 04 0C 10 {DF2}"));
    card.ok("00 A4 02 0C 02 0001");
    assert_eq!(card.ok("00 B0 00 00 00 07 D5").len(), 2005);
}

/// takusan23/JDCardReaderCore `JDCardReaderCore.kt`: VERIFY by SFI `81`/`82`; DF1/EF01 read
/// after SELECT with extended Le `0370`, then the 35 items taken by position
/// (`getValueField`, one length byte each); 制定年番号 is the last byte of the first, and the
/// birth, issue and expiry dates must parse (`!!`). DF1/EF02 by SFI `82` with Le `0370`:
/// byte 1 is the length of 本籍.
#[test]
fn jdcardreadercore_takes_the_35_items_by_position() {
    let mut card = ic_licence();
    card.ok("00 A4 00 00");
    card.ok("00 A4 02 0C 02 2F01");
    let common = card.ok("00 B0 00 00 11");
    assert_eq!(usize::from(common[1]), 11);
    assert_eq!(card.sw("00 20 00 81"), 0x63C3);
    card.ok("00 20 00 81 04 31323334");
    card.ok(&format!("00 A4 04 0C 10 {DF1}"));
    card.ok("00 A4 02 0C 02 0001");
    let file = card.ok("00 B0 00 00 00 03 70");
    let mut pos = 0;
    let mut fields = Vec::new();
    for _ in 0..35 {
        let len = usize::from(file[pos + 1]);
        fields.push(file[pos + 2..pos + 2 + len].to_vec());
        pos += 2 + len;
    }
    assert_eq!(fields[0].last(), Some(&0x78));
    for i in [5, 7, 10] {
        let date = String::from_utf8(fields[i].clone()).unwrap();
        assert_eq!(date.len(), 7);
        assert!(!date.contains("000000"), "item {i}: {date}");
    }
    assert_eq!(fields[16], b"012345678900");
    card.ok("00 A4 00 00");
    card.ok("00 20 00 82 04 35363738");
    card.ok(&format!("00 A4 04 0C 10 {DF1}"));
    let domicile = card.ok("00 B0 82 00 00 03 70");
    assert_eq!(domicile.len(), 82);
    let len = usize::from(domicile[1]);
    assert!(!jis0208(&domicile[2..2 + len]).contains('〓'));
}

/// watanabetoshinori/DriverLicenseApp `TKSmartCard+DriverLicense.swift` and
/// `TKSmartCard+Command.swift`: SELECT MF, VERIFY P2 `80` after each IEF, DF1/EF04 read in
/// chunks (`readBinary(length: 640)`: offset in P1-P2, Le the rest or `00`);
/// `ViewController.swift` shows records 1… of EF04 by `historyValue`
/// (`TLVRecord+DriverLicense.swift`): drop the first byte, decode JIS X 0208, the first 7
/// characters are the date, the last 5 the 公安委員会. `TLVRecord.swift` reads a length with
/// the high bit set as that many length bytes, also for the `FF` it stops at: the filler must
/// leave it room.
#[test]
fn driver_license_app_shows_the_ef04_history() {
    let mut card = moved_ic_licence();
    card.verify_through_iefs_and_select_df1();
    card.ok("00 A4 02 0C 02 0004");
    let mut file = Vec::new();
    while file.len() < 640 {
        let (data, sw) = card.read_at(file.len(), (640 - file.len()).min(256));
        assert_eq!(sw, 0x9000);
        file.extend(data);
    }
    let records = items(&file);
    let end: usize = records.iter().map(|(_, v)| 2 + v.len()).sum();
    assert!(end + 2 + 0x7F <= file.len(), "no room after the records");
    let history: Vec<String> = records[1..]
        .iter()
        .map(|(_, v)| {
            let text = jis0208(&v[1..]);
            let chars: Vec<char> = text.chars().collect();
            let date: String = chars[..7].iter().collect();
            let body: String = chars[7..chars.len() - 5].iter().collect();
            let commission: String = chars[chars.len() - 5..].iter().collect();
            format!("{date} {body} {commission}")
        })
        .collect();
    assert_eq!(
        history,
        [
            "５０７０４０１ 見本県見本市一丁目１番地 見本県公安",
            "５０８１００２ 見本県見本市二丁目２番地 見本県公安",
            "５０８１００２ ＡＴ車に限る 見本県公安",
        ]
    );
}

/// soft-studio/NFC_DriversLicenseReader `DriversLicenseReader.java`: SELECT MF without data;
/// VERIFY `81` and `82` without data must answer `63 C1`–`63 C3`; the PINs by SFI; DF1 files
/// after SELECT, read in 64-byte chunks (`00 B0 P1 P2 40`) until the file's length
/// (`DF1EF1length` 880 …), a chunk of only a status word ends it; `parse_tag` takes one signed
/// length byte and stops at the first tag it does not know; tag `50` gives 追記の有無.
#[test]
fn soft_studio_reads_in_64_byte_chunks_and_parses_ef01_to_ef04() {
    let mut card = ic_licence();
    card.ok("00 A4 00 00");
    for p2 in ["81", "82"] {
        let (_, sw) = card.send(&format!("00 20 00 {p2}"));
        assert!((0x63C1..=0x63C3).contains(&sw), "{sw:04X}");
    }
    card.ok("00 20 00 81 04 31323334");
    card.ok("00 20 00 82 04 35363738");
    card.ok(&format!("00 A4 04 0C 10 {DF1}"));
    let read = |card: &mut Card, fid: &str, length: usize| {
        card.ok(&format!("00 A4 02 0C 02 {fid}"));
        let mut file = Vec::new();
        while file.len() < length {
            let (data, sw) = card.read_at(file.len(), 0x40);
            if data.is_empty() {
                break;
            }
            assert_eq!(sw, 0x9000);
            file.extend(data);
        }
        file
    };
    let ef01 = read(&mut card, "0001", 880);
    assert_eq!(ef01.len(), 880);
    let known: Vec<u16> = (0x11..=0x33).chain([0x41, 0x48, 0x49, 0x50]).collect();
    let parsed = items(&ef01);
    assert!(parsed
        .iter()
        .all(|(t, v)| known.contains(t) && v.len() < 0x80));
    assert_eq!(parsed.len(), 35);
    let ef03 = read(&mut card, "0003", 264);
    assert_eq!(ef03.len(), 264);
    let ef04 = read(&mut card, "0004", 640);
    assert_eq!(
        ef04[..3],
        [0x50, 0x01, 0x11],
        "追記の有無: nothing appended"
    );
    assert_eq!(read(&mut card, "0002", 82).len(), 82);
}

/// masanuzopuri/pcsc_driverslicense `pcsc_driverslicense.pl`: SELECT MF, EFs and DFs as the
/// others, READ BINARY with extended Le `0000` (the whole file), VERIFY P2 `80` after
/// selecting each IEF, with tries asked before and after; `change_code_readable` stops at a
/// length byte `FF`; `output_picture` takes `5F 40 82 HH LL`.
#[test]
fn pcsc_driverslicense_reads_whole_files_with_extended_le_0000() {
    let mut card = ic_licence();
    card.ok("00 A4 00 00");
    card.ok("00 A4 02 0C 02 2F01");
    assert_eq!(card.ok("00 B0 00 00 00 00 00").len(), 17);
    for (ief, pin) in [("0001", "31323334"), ("0002", "35363738")] {
        card.ok("00 A4 00 00");
        card.ok(&format!("00 A4 02 0C 02 {ief}"));
        assert_eq!(card.sw("00 20 00 80"), 0x63C3);
        card.ok(&format!("00 20 00 80 04 {pin}"));
    }
    card.ok(&format!("00 A4 04 0C 10 {DF1}"));
    card.ok("00 A4 02 0C 02 0001");
    let ef01 = card.ok("00 B0 00 00 00 00 00");
    assert_eq!(ef01.len(), 880);
    assert_eq!(value(&items(&ef01), 0x21), b"012345678900");
    card.ok("00 A4 02 0C 02 0002");
    assert_eq!(card.ok("00 B0 00 00 00 00 00")[0], 0x41);
    card.ok(&format!("00 A4 04 0C 10 {DF2}"));
    card.ok("00 A4 02 0C 02 0001");
    let photo = card.ok("00 B0 00 00 00 00 00");
    assert_eq!(photo[..3], [0x5F, 0x40, 0x82]);
    let len = usize::from(u16::from_be_bytes([photo[3], photo[4]]));
    assert_eq!(photo[5..7], [0xFF, 0x4F]);
    assert!(5 + len <= photo.len());
}

/// osstech-jp/libjeid-android-app `DLReaderTask.java` and `assets/dl/dummy.js`: its APDUs are
/// in the closed libjeid library; what it shows is public: each change record (新住所,
/// 新氏名, 新条件, 条件解除, 新本籍) with a date, a value and a 公安委員会 of 5 characters
/// (`"psc": "東京都公安"` in the dummy data), and the signature's issuer and subject as text
/// with the subject key identifier. Our records give the same.
#[test]
fn libjeid_sample_sees_dated_changes_and_a_text_signer() {
    use menkyo_codec::records::{ChangeKind, IcLicenceCard};
    use menkyo_codec::tlv::Mode;
    let mut card = moved_ic_licence();
    card.ok("00 A4 00 00");
    card.ok("00 20 00 81 04 31323334");
    card.ok("00 20 00 82 04 35363738");
    card.ok(&format!("00 A4 04 0C 10 {DF1}"));
    let mut files = std::collections::BTreeMap::new();
    for (sfi, path) in [(0x84u8, "DF1/EF04"), (0x86, "DF1/EF06"), (0x87, "DF1/EF07")] {
        files.insert(path, card.ok(&format!("00 B0 {sfi:02X} 00 00 00 00")));
    }
    let decoded =
        IcLicenceCard::decode(|file| files.get(file.path).map(Vec::as_slice), Mode::Strict)
            .unwrap();
    assert!(decoded.warnings.is_empty(), "{:?}", decoded.warnings);
    let changes = decoded.record.changes.unwrap();
    let address = changes.latest(ChangeKind::Address).unwrap();
    assert_eq!(address.changed_on.date().unwrap().to_string(), "2026-10-02");
    assert_eq!(address.commission.as_str().chars().count(), 5);
    let domicile = decoded.record.change_domicile.unwrap();
    assert_eq!(domicile.entries[0].kind, ChangeKind::Domicile);
    let signature = serde_json::to_value(decoded.record.signature.unwrap()).unwrap();
    assert!(signature["issuer"].as_str().unwrap().starts_with("CN="));
    assert!(signature["subject"].as_str().unwrap().starts_with("CN="));
    assert_eq!(
        signature["subject_key_identifier"].as_str().unwrap().len(),
        40
    );
}
