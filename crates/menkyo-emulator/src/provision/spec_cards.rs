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

use menkyo_codec::registry;

use crate::image::{
    application, path, pin_id, CardImage, CardModel, HexBytes, PinState, IMAGE_FORMAT,
};

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
    put(path::IC_COMMON.into(), common);
    put(
        path::IC_PIN_SETTING.into(),
        vec![0x05, 0x01, u8::from(pin_set)],
    );
    // §1.7: 見本 花子 (JIS X 0208 row/cell), born 昭和55年01月01日, licence number all nines.
    let mut record = Vec::new();
    record.extend(tlv(0x11, &[0x78]));
    record.extend(tlv(
        0x12,
        &[0x38, 0x2B, 0x4B, 0x5C, 0x21, 0x21, 0x32, 0x56, 0x3B, 0x52],
    ));
    record.extend(tlv(0x16, b"3550101"));
    record.extend(tlv(0x21, b"999999999990"));
    put(registry::DF1_EF01.path.to_owned(), record);
    // §1.8: 本籍, 80 bytes of full-width spaces.
    put(registry::DF1_EF02.path.to_owned(), tlv(0x41, &[0x21; 80]));
    for file in [
        registry::DF1_EF03,
        registry::DF1_EF04,
        registry::DF1_EF05,
        registry::DF1_EF06,
        registry::DF1_EF07,
    ] {
        put(file.path.to_owned(), Vec::new());
    }
    // §1.8: 写真, `5F40 82 07D0` + the start of a JPEG 2000 codestream.
    put(
        registry::DF2_EF01.path.to_owned(),
        vec![0x5F, 0x40, 0x82, 0x07, 0xD0, 0xFF, 0x4F, 0xFF, 0x51],
    );
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
        pin_id::PIN1.into(),
        PinState::new(pin_id::PIN1, pin1, registry::Pin::IcPin1.max_tries()),
    );
    pins.insert(
        pin_id::PIN2.into(),
        PinState::new(pin_id::PIN2, pin2, registry::Pin::IcPin1.max_tries()),
    );
    CardImage {
        format: IMAGE_FORMAT.into(),
        model: CardModel::IcLicence,
        label: "synthetic IC licence from the card notes (見本)".into(),
        applications: Vec::new(),
        files,
        pins,
    }
}

/// Card notes §2 and §3 in miniature.
fn my_number(with_licence_ap: bool) -> CardImage {
    let mut files = BTreeMap::new();
    let mut pins = BTreeMap::new();
    let mut applications = Vec::new();
    if with_licence_ap {
        applications.push(application::LICENCE_AP.to_owned());
        files.insert(
            path::LICENCE_AP_PIN_SETTING.into(),
            HexBytes(vec![0xC1, 0x01, 0x01]),
        );
        // §2.3: 有効期間の末日 令和11年04月01日 first.
        let mut record = tlv(0xC5, b"5110401");
        record.extend(tlv(0xC6, b"999999999990"));
        files.insert(path::LICENCE_AP_RECORD.into(), HexBytes(record));
        files.insert(
            path::LICENCE_AP_SECURITY.into(),
            HexBytes(tlv(0xB1, &[0x00; 16])),
        );
        pins.insert(
            pin_id::LICENCE_AP.into(),
            PinState::new(
                pin_id::LICENCE_AP,
                b"1234",
                registry::Pin::LicenceAp.max_tries(),
            ),
        );
    }
    applications.push(application::BASIC_INFO.to_owned());
    let mut number = vec![0xFF, 0x10, 0x0C];
    number.extend_from_slice(b"999999999991");
    files.insert(path::BASIC_INFO_MY_NUMBER.into(), HexBytes(number));
    // §3.1: 見本 花子 in UTF-8, born 1980-01-01, sex '2'.
    let mut attributes = vec![0xDF, 0x21, 0x08, 0, 0, 0, 0, 0, 0, 0, 0];
    attributes.extend([0xDF, 0x22, 0x0F]);
    attributes.extend("見本\u{3000}花子".as_bytes());
    attributes.extend([0xDF, 0x24, 0x08]);
    attributes.extend(b"19800101");
    attributes.extend([0xDF, 0x25, 0x01, b'2']);
    let mut basic = vec![0xFF, 0x20, attributes.len() as u8];
    basic.extend(attributes);
    files.insert(path::BASIC_INFO_ATTRIBUTES.into(), HexBytes(basic));
    files.insert(
        path::BASIC_INFO_INTEGRITY.into(),
        HexBytes(vec![0xFF, 0x30, 0x00]),
    );
    pins.insert(
        pin_id::BASIC_INFO.into(),
        PinState::new(
            pin_id::BASIC_INFO,
            b"4321",
            registry::Pin::BasicInfo.max_tries(),
        ),
    );
    applications.push(application::JPKI.to_owned());
    let mut token = b"JPKIAPICCTOKEN2".to_vec();
    token.resize(registry::JPKI_EF0006.fixed_size(), b' ');
    files.insert(path::JPKI_TOKEN.into(), HexBytes(token));
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spec_image_is_valid() {
        for name in NAMES {
            let image = image(name).unwrap();
            image.validate().unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        assert!(image("no-such-card").is_none());
    }
}
