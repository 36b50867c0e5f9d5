//! マイナンバーカード (card notes §2, §3): the issuer security domain current at power-on, the
//! 免許AP, the 券面事項入力補助AP and the JPKI AP.

use super::{
    pin_setting_file, pin_store_file, sfi, Access, Application, Card, DfKind, File, Mask, Personal,
    Pin, Signed,
};
use crate::layout::myna::{AID_BASIC_INFO, AID_ISD, AID_JPKI, AID_LICENCE_AP};
use crate::records::{RecordKind, PHOTO_TAG};

const LICENCE_AP_PIN: &[Pin] = &[Pin::LicenceAp];
const BASIC_INFO_PIN: &[Pin] = &[Pin::BasicInfo];

/// 免許AP WEF01 PIN設定.
pub const LICENCE_AP_WEF01: File = pin_setting_file(
    "LICENCE_AP/WEF01",
    "PIN設定",
    0x001A,
    RecordKind::MynaPinSetting,
);
/// 免許AP IEF01, the 免許AP PIN (the annex says 0002; real cards use 0006).
pub const LICENCE_AP_IEF01: File = pin_store_file(
    "LICENCE_AP/IEF01",
    "暗証番号",
    "PIN",
    0x0006,
    Pin::LicenceAp,
);
/// 免許AP WEF02 免許情報 (sized by its content \[P\]).
pub const LICENCE_AP_WEF02: File = File {
    sfi: sfi(0x001B),
    access: Access::Pins(LICENCE_AP_PIN),
    record: Some(RecordKind::MynaRecord),
    signed: Signed::Covered,
    personal: Personal::Items(&[(0xC7, Mask::Ascii), (PHOTO_TAG, Mask::Zero)]),
    in_licence_read: true,
    ..File::new("LICENCE_AP/WEF02", "免許情報", "licence record", 0x001B)
};
/// 免許AP WEF03 セキュリティデータ (signature, issuer identification; readable after
/// VERIFY \[P\]).
pub const LICENCE_AP_WEF03: File = File {
    sfi: sfi(0x001C),
    access: Access::Pins(LICENCE_AP_PIN),
    record: Some(RecordKind::MynaSecurity),
    signed: Signed::Holds,
    in_licence_read: true,
    ..File::new(
        "LICENCE_AP/WEF03",
        "セキュリティデータ",
        "security data",
        0x001C,
    )
};

/// 券面事項入力補助AP EF0011: its PIN.
pub const BASIC_INFO_EF0011: File = File {
    access: Access::PinStore(Pin::BasicInfo),
    ..File::new("BASIC_INFO/EF0011", "暗証番号", "PIN", 0x0011)
};
/// 券面事項入力補助AP EF0001 個人番号 (never read by a licence read).
pub const BASIC_INFO_EF0001: File = File {
    size: Some(17),
    access: Access::Pins(BASIC_INFO_PIN),
    record: Some(RecordKind::MyNumber),
    personal: Personal::Items(&[(0xFF10, Mask::Ascii)]),
    ..File::new("BASIC_INFO/EF0001", "個人番号", "My Number", 0x0001)
};
/// 券面事項入力補助AP EF0002 基本4情報.
pub const BASIC_INFO_EF0002: File = File {
    access: Access::Pins(BASIC_INFO_PIN),
    record: Some(RecordKind::BasicInfo),
    personal: Personal::Items(&[
        (0xDF22, Mask::Ascii),
        (0xDF23, Mask::Ascii),
        (0xDF24, Mask::Ascii),
    ]),
    in_licence_read: true,
    ..File::new("BASIC_INFO/EF0002", "基本4情報", "basic four items", 0x0002)
};
/// 券面事項入力補助AP EF0003 integrity data.
pub const BASIC_INFO_EF0003: File = File {
    access: Access::Pins(BASIC_INFO_PIN),
    ..File::new(
        "BASIC_INFO/EF0003",
        "整合性データ",
        "integrity data",
        0x0003,
    )
};

/// JPKI EF0006 トークン.
pub const JPKI_EF0006: File = File {
    size: Some(32),
    record: Some(RecordKind::JpkiToken),
    ..File::new("JPKI/EF0006", "トークン", "token", 0x0006)
};
/// JPKI EF0001 署名用電子証明書, readable after the 署名用パスワード.
pub const JPKI_EF0001: File = File {
    access: Access::Pins(&[Pin::JpkiSign]),
    exists_with: Some(Pin::JpkiSign),
    ..File::new(
        "JPKI/EF0001",
        "署名用電子証明書",
        "signing certificate",
        0x0001,
    )
};
/// JPKI EF0002 署名用CA証明書.
pub const JPKI_EF0002: File = File {
    exists_with: Some(Pin::JpkiSign),
    ..File::new(
        "JPKI/EF0002",
        "署名用CA証明書",
        "signing CA certificate",
        0x0002,
    )
};
/// JPKI EF001A 署名用秘密鍵 (PKCS#8 DER in a card image; test data only).
pub const JPKI_EF001A: File = File {
    access: Access::Key(Pin::JpkiSign),
    exists_with: Some(Pin::JpkiSign),
    ..File::new("JPKI/EF001A", "署名用秘密鍵", "signing key", 0x001A)
};
/// JPKI EF001B 署名用パスワード.
pub const JPKI_EF001B: File = File {
    access: Access::PinStore(Pin::JpkiSign),
    exists_with: Some(Pin::JpkiSign),
    ..File::new(
        "JPKI/EF001B",
        "署名用パスワード",
        "signing password",
        0x001B,
    )
};
/// JPKI EF000A 利用者証明用電子証明書.
pub const JPKI_EF000A: File = File {
    exists_with: Some(Pin::JpkiAuth),
    ..File::new(
        "JPKI/EF000A",
        "利用者証明用電子証明書",
        "authentication certificate",
        0x000A,
    )
};
/// JPKI EF000B 利用者証明用CA証明書.
pub const JPKI_EF000B: File = File {
    exists_with: Some(Pin::JpkiAuth),
    ..File::new(
        "JPKI/EF000B",
        "利用者証明用CA証明書",
        "authentication CA certificate",
        0x000B,
    )
};
/// JPKI EF0017 利用者証明用秘密鍵 (PKCS#8 DER in a card image; test data only).
pub const JPKI_EF0017: File = File {
    access: Access::Key(Pin::JpkiAuth),
    exists_with: Some(Pin::JpkiAuth),
    ..File::new(
        "JPKI/EF0017",
        "利用者証明用秘密鍵",
        "authentication key",
        0x0017,
    )
};
/// JPKI EF0018 利用者証明用暗証番号.
pub const JPKI_EF0018: File = File {
    access: Access::PinStore(Pin::JpkiAuth),
    exists_with: Some(Pin::JpkiAuth),
    ..File::new(
        "JPKI/EF0018",
        "利用者証明用暗証番号",
        "authentication PIN",
        0x0018,
    )
};

/// The GlobalPlatform issuer security domain, current at power-on.
pub const ISD: Application = Application {
    id: "ISD",
    name: "カードマネージャ",
    name_en: "issuer security domain",
    label: "the issuer security domain",
    kind: DfKind::IssuerSecurityDomain,
    aid: Some(&AID_ISD),
    parent: None,
    installed_as: None,
    files: &[],
};
/// 免許AP.
pub const LICENCE_AP: Application = Application {
    id: "LICENCE_AP",
    name: "免許AP",
    name_en: "licence application",
    label: "the 免許AP",
    kind: DfKind::Application,
    aid: Some(&AID_LICENCE_AP),
    parent: None,
    installed_as: Some("licence-ap"),
    files: &[
        LICENCE_AP_WEF01,
        LICENCE_AP_IEF01,
        LICENCE_AP_WEF02,
        LICENCE_AP_WEF03,
    ],
};
/// 券面事項入力補助AP.
pub const BASIC_INFO: Application = Application {
    id: "BASIC_INFO",
    name: "券面事項入力補助AP",
    name_en: "card-face input support application",
    label: "the 券面事項入力補助AP",
    kind: DfKind::Application,
    aid: Some(&AID_BASIC_INFO),
    parent: None,
    installed_as: Some("basic-info"),
    files: &[
        BASIC_INFO_EF0011,
        BASIC_INFO_EF0001,
        BASIC_INFO_EF0002,
        BASIC_INFO_EF0003,
    ],
};
/// 公的個人認証 (JPKI) AP.
pub const JPKI: Application = Application {
    id: "JPKI",
    name: "公的個人認証AP",
    name_en: "JPKI application",
    label: "the JPKI AP",
    kind: DfKind::Application,
    aid: Some(&AID_JPKI),
    parent: None,
    installed_as: Some("jpki"),
    files: &[
        JPKI_EF0006,
        JPKI_EF000A,
        JPKI_EF000B,
        JPKI_EF0017,
        JPKI_EF0018,
        JPKI_EF0001,
        JPKI_EF0002,
        JPKI_EF001A,
        JPKI_EF001B,
    ],
};

/// The マイナンバーカード with every application the project knows.
pub static MY_NUMBER_CARD: Card = Card {
    name: "マイナンバーカード",
    applications: &[ISD, LICENCE_AP, BASIC_INFO, JPKI],
};
