//! Card images built in code from the byte layouts of the card notes, small enough to check byte
//! by byte in tests; the built-in samples ([`crate::samples`]) are the realistic cards. Every
//! holder, number and PIN here is synthetic (見本 = specimen).
//!
//! | Name | Card | PINs |
//! |---|---|---|
//! | `spec-ic-licence` | IC licence, PINs set | PIN1 `1234`, PIN2 `5678` |
//! | `spec-ic-licence-no-pin` | IC licence, no PIN set (EF02 `05 01 00`) | both `****` |
//! | `spec-myna-licence` | My Number card with 免許AP, 券面事項入力補助AP, JPKI | 免許AP `1234`, 券面事項入力補助 `4321` |
//! | `spec-myna-plain` | My Number card without 免許AP | 券面事項入力補助 `4321` |

use std::collections::BTreeMap;

use menkyo_codec::records::NOTHING_APPENDED;
use menkyo_codec::registry;

use crate::image::{CardImage, CardModel, HexBytes, PinState, IMAGE_FORMAT};
use crate::signing;

/// Names of the images this module builds.
pub const NAMES: [&str; 4] = [
    "spec-ic-licence",
    "spec-ic-licence-no-pin",
    "spec-myna-licence",
    "spec-myna-plain",
];

/// The image called `name`, when it is one of [`NAMES`].
pub fn image(name: &str) -> Option<CardImage> {
    match name {
        "spec-ic-licence" => Some(ic_licence(true)),
        "spec-ic-licence-no-pin" => Some(ic_licence(false)),
        "spec-myna-licence" => Some(my_number(true)),
        "spec-myna-plain" => Some(my_number(false)),
        _ => None,
    }
}

/// DF1/EF01 with all 35 items 11–33 in tag order.
fn licence_record() -> Vec<u8> {
    let mut record = tlv(0x11, &[0x78]);
    // 12 氏名 見本　花子, 13 呼び名 and 14 通称名 empty, 15 統一氏名 ミホン　ハナコ.
    record.extend(tlv(
        0x12,
        &[0x38, 0x2B, 0x4B, 0x5C, 0x21, 0x21, 0x32, 0x56, 0x3B, 0x52],
    ));
    record.extend(tlv(0x13, &[]));
    record.extend(tlv(0x14, &[]));
    record.extend(tlv(
        0x15,
        &[
            0x25, 0x5F, 0x25, 0x5B, 0x25, 0x73, 0x21, 0x21, 0x25, 0x4F, 0x25, 0x4A, 0x25, 0x33,
        ],
    ));
    record.extend(tlv(0x16, b"3550101"));
    // 17 住所 見本県
    record.extend(tlv(0x17, &[0x38, 0x2B, 0x4B, 0x5C, 0x38, 0x29]));
    record.extend(tlv(0x18, b"5060101"));
    record.extend(tlv(0x19, b"999999999"));
    // 1A 色区分 優良
    record.extend(tlv(0x1A, &[0x4D, 0x25, 0x4E, 0x49]));
    record.extend(tlv(0x1B, b"5110201"));
    for tag in 0x1C..=0x1F {
        record.extend(tlv(tag, &[]));
    }
    // 20 公安委員会名 見本県公安委員会
    record.extend(tlv(
        0x20,
        &[
            0x38, 0x2B, 0x4B, 0x5C, 0x38, 0x29, 0x38, 0x78, 0x30, 0x42, 0x30, 0x51, 0x30, 0x77,
            0x32, 0x71,
        ],
    ));
    record.extend(tlv(0x21, b"999999999990"));
    // 22 二・小・原 and 23 他 licensed 平成20年04月01日; everything else not held.
    record.extend(tlv(0x22, b"4200401"));
    record.extend(tlv(0x23, b"4200401"));
    for tag in 0x24..=0x33 {
        let date: &[u8] = if tag == 0x26 { b"4200401" } else { b"4000000" };
        record.extend(tlv(tag, date));
    }
    record
}

fn tlv(tag: u8, value: &[u8]) -> Vec<u8> {
    let mut out = vec![tag, value.len() as u8];
    out.extend_from_slice(value);
    out
}

/// Card notes §1.5–§1.8 in miniature.
fn ic_licence(pin_set: bool) -> CardImage {
    let mut files = BTreeMap::new();
    let mut put = |path: String, bytes: Vec<u8>| {
        files.insert(path, HexBytes(bytes));
    };
    // §1.5: "008", issued 2024-01-01, valid until 2029-02-01 (Gregorian BCD); maker 01, crypto 01.
    let mut common = tlv(0x45, b"008\x20\x24\x01\x01\x20\x29\x02\x01");
    common.extend(tlv(0x46, &[0x01, 0x01]));
    put(registry::MF_EF01.path.into(), common);
    put(
        registry::MF_EF02.path.into(),
        vec![0x05, 0x01, u8::from(pin_set)],
    );
    // §1.7: all 35 items in tag order, as readers that take them by position expect:
    // 見本 花子 (JIS X 0208 row/cell), born 昭和55年01月01日, licence number all nines.
    let record = licence_record();
    put(registry::DF1_EF01.path.to_owned(), record.clone());
    // §1.8: 本籍, 80 bytes of full-width spaces.
    let domicile = tlv(0x41, &[0x21; 80]);
    put(registry::DF1_EF02.path.to_owned(), domicile.clone());
    // §1.8: no 外字; EF04, EF05 and EF06 hold only 追記の有無 (nothing appended).
    put(registry::DF1_EF03.path.to_owned(), Vec::new());
    put(
        registry::DF1_EF04.path.to_owned(),
        tlv(0x50, &[NOTHING_APPENDED]),
    );
    put(
        registry::DF1_EF05.path.to_owned(),
        tlv(0xA0, &[NOTHING_APPENDED]),
    );
    put(
        registry::DF1_EF06.path.to_owned(),
        tlv(0xAA, &[NOTHING_APPENDED]),
    );
    // §1.8: 写真, `5F40 82 0004` + the start of a JPEG 2000 codestream.
    let photo = vec![0x5F, 0x40, 0x82, 0x00, 0x04, 0xFF, 0x4F, 0xFF, 0x51];
    put(registry::DF2_EF01.path.to_owned(), photo.clone());
    // §1.8: 電子署名 `B1`–`B6` by the SYNTHETIC test issuer over EF01 + EF02 + DF2/EF01.
    let signature = signing::test_issuer()
        .ok()
        .and_then(|issuer| issuer.sign_ic_licence(&record, &domicile, &photo).ok())
        .unwrap_or_default();
    put(registry::DF1_EF07.path.to_owned(), signature);
    let (pin1, pin2): (&[u8], &[u8]) = if pin_set {
        (b"1234", b"5678")
    } else {
        (
            &registry::DEFAULT_LICENCE_PIN,
            &registry::DEFAULT_LICENCE_PIN,
        )
    };
    let mut pins = BTreeMap::new();
    pins.insert(
        registry::Pin::IcPin1.image_id().into(),
        PinState::fresh(registry::Pin::IcPin1, pin1),
    );
    pins.insert(
        registry::Pin::IcPin2.image_id().into(),
        PinState::fresh(registry::Pin::IcPin2, pin2),
    );
    CardImage {
        format: IMAGE_FORMAT.into(),
        model: CardModel::IcLicence,
        label: "synthetic IC licence from the card notes (見本)".into(),
        applications: Vec::new(),
        files,
        pins,
        unread: BTreeMap::new(),
    }
}

/// Card notes §2 and §3 in miniature.
fn my_number(with_licence_ap: bool) -> CardImage {
    let mut files = BTreeMap::new();
    let mut pins = BTreeMap::new();
    let mut applications = Vec::new();
    if with_licence_ap {
        applications.push(registry::LICENCE_AP.installed_name().to_owned());
        files.insert(
            registry::LICENCE_AP_WEF01.path.into(),
            HexBytes(vec![0xC1, 0x01, 0x01]),
        );
        // §2.3: the 経歴証明 items C2 and C3 (empty), then 有効期間の末日 令和11年04月01日, then
        // the licence number in C7 (our provisional tag table).
        let mut record = tlv(0xC2, &[]);
        record.extend(tlv(0xC3, &[]));
        record.extend(tlv(0xC5, b"5110401"));
        record.extend(tlv(0xC7, b"999999999990"));
        let security = signing::test_issuer()
            .ok()
            .and_then(|issuer| issuer.sign_licence_ap(&record).ok())
            .unwrap_or_default();
        files.insert(registry::LICENCE_AP_WEF02.path.into(), HexBytes(record));
        files.insert(registry::LICENCE_AP_WEF03.path.into(), HexBytes(security));
        pins.insert(
            registry::Pin::LicenceAp.image_id().into(),
            PinState::fresh(registry::Pin::LicenceAp, b"1234"),
        );
    }
    applications.push(registry::BASIC_INFO.installed_name().to_owned());
    let mut number = vec![0xFF, 0x10, 0x0C];
    number.extend_from_slice(b"999999999991");
    files.insert(registry::BASIC_INFO_EF0001.path.into(), HexBytes(number));
    // §3.1: 見本 花子 in UTF-8, born 1980-01-01, sex '2'.
    let mut attributes = vec![0xDF, 0x21, 0x08, 0, 0, 0, 0, 0, 0, 0, 0];
    attributes.extend([0xDF, 0x22, 0x0F]);
    attributes.extend("見本\u{3000}花子".as_bytes());
    attributes.extend([0xDF, 0x24, 0x08]);
    attributes.extend(b"19800101");
    attributes.extend([0xDF, 0x25, 0x01, b'2']);
    let mut basic = vec![0xFF, 0x20, attributes.len() as u8];
    basic.extend(attributes);
    files.insert(registry::BASIC_INFO_EF0002.path.into(), HexBytes(basic));
    files.insert(
        registry::BASIC_INFO_EF0003.path.into(),
        HexBytes(vec![0xFF, 0x30, 0x00]),
    );
    pins.insert(
        registry::Pin::BasicInfo.image_id().into(),
        PinState::fresh(registry::Pin::BasicInfo, b"4321"),
    );
    applications.push(registry::JPKI.installed_name().to_owned());
    let mut token = b"JPKIAPICCTOKEN2".to_vec();
    token.resize(registry::JPKI_EF0006.fixed_size(), b' ');
    files.insert(registry::JPKI_EF0006.path.into(), HexBytes(token));
    CardImage {
        format: IMAGE_FORMAT.into(),
        model: CardModel::MyNumber,
        label: format!(
            "synthetic My Number card {} 免許AP from the card notes (見本)",
            if with_licence_ap { "with" } else { "without" }
        ),
        applications,
        files,
        pins,
        unread: BTreeMap::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file of a spec card decodes strictly, without a warning, and the licence record
    /// has all 35 items.
    #[test]
    fn spec_licences_are_complete_and_consistent() {
        use menkyo_codec::records::{IcLicenceCard, LicenceApRecord};
        use menkyo_codec::tlv::Mode;
        let image = image("spec-ic-licence").unwrap();
        let card = IcLicenceCard::decode(
            |file| image.files.get(file.path).map(|b| b.0.as_slice()),
            Mode::Strict,
        )
        .unwrap();
        assert!(card.warnings.is_empty(), "{:?}", card.warnings);
        assert_eq!(card.record.changes.unwrap().appended, Some(0x11));
        let ef01 = &image.files[&registry::DF1_EF01.path.to_owned()].0;
        let tags: Vec<u8> = menkyo_codec::tlv::simple::parse(ef01, Mode::Strict)
            .unwrap()
            .items
            .iter()
            .map(|i| i.tag)
            .collect();
        assert_eq!(tags, (0x11..=0x33).collect::<Vec<u8>>());
        let myna = image_of("spec-myna-licence");
        let wef02 = &myna.files[registry::LICENCE_AP_WEF02.path].0;
        assert_eq!(&wef02[..6], &[0xC2, 0x00, 0xC3, 0x00, 0xC5, 0x07]);
        let record = LicenceApRecord::decode_with(wef02, Mode::Strict).unwrap();
        assert!(record.warnings.is_empty());
        assert_eq!(record.record.number.unwrap().as_str(), "999999999990");
        assert_eq!(record.record.color_class, None);
    }

    fn image_of(name: &str) -> CardImage {
        image(name).unwrap()
    }

    #[test]
    fn every_spec_image_is_valid() {
        for name in NAMES {
            let image = image(name).unwrap();
            image.validate().unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        assert!(image("no-such-card").is_none());
    }
}
