//! ICカード運転免許証 (card notes §1.2): MF with EF01, EF02 and the two PIN IEFs; DF1
//! EF01–EF07; DF2 EF01; DF3 selectable and empty.

use super::{
    pin_setting_file, pin_store_file, sfi, Access, Application, Card, DfKind, File, Mask, Personal,
    Pin, Signed,
};
use crate::layout::ic::{AID_DF1, AID_DF2, AID_DF3};
use crate::records::{RecordKind, PHOTO_TAG};

const PIN1: &[Pin] = &[Pin::IcPin1];
const PIN1_AND_2: &[Pin] = &[Pin::IcPin1, Pin::IcPin2];

/// A file of the IC licence: read by a licence read, its SFI by the rule.
const fn df_file(
    path: &'static str,
    name: &'static str,
    name_en: &'static str,
    fid: u16,
    size: usize,
    access: &'static [Pin],
    record: RecordKind,
) -> File {
    File {
        sfi: sfi(fid),
        size: Some(size),
        access: Access::Pins(access),
        record: Some(record),
        in_licence_read: true,
        ..File::new(path, name, name_en, fid)
    }
}

/// MF/EF01 共通データ要素 (no SFI: read after SELECT by FID).
pub const MF_EF01: File = File {
    size: Some(17),
    record: Some(RecordKind::IcCommon),
    in_licence_read: true,
    ..File::new("MF/EF01", "共通データ要素", "common data", 0x2F01)
};
/// MF/EF02 暗証番号設定.
pub const MF_EF02: File =
    pin_setting_file("MF/EF02", "暗証番号設定", 0x000A, RecordKind::IcPinSetting);
/// MF/IEF01 暗証番号1.
pub const MF_IEF01: File = pin_store_file("MF/IEF01", "暗証番号1", "PIN 1", 0x0001, Pin::IcPin1);
/// MF/IEF02 暗証番号2.
pub const MF_IEF02: File = pin_store_file("MF/IEF02", "暗証番号2", "PIN 2", 0x0002, Pin::IcPin2);

/// DF1/EF01 記載事項(本籍除く).
pub const DF1_EF01: File = File {
    signed: Signed::Covered,
    personal: Personal::Items(&[
        (0x12, Mask::Jis),
        (0x13, Mask::Jis),
        (0x14, Mask::Jis),
        (0x15, Mask::Jis),
        (0x16, Mask::Ascii),
        (0x17, Mask::Jis),
        (0x19, Mask::Ascii),
        (0x21, Mask::Ascii),
    ]),
    ..df_file(
        "DF1/EF01",
        "記載事項(本籍除く)",
        "licence record (without registered domicile)",
        0x0001,
        880,
        PIN1,
        RecordKind::IcRecord,
    )
};
/// DF1/EF02 記載事項(本籍).
pub const DF1_EF02: File = File {
    signed: Signed::Covered,
    personal: Personal::Items(&[(0x41, Mask::Jis)]),
    ..df_file(
        "DF1/EF02",
        "記載事項(本籍)",
        "registered domicile",
        0x0002,
        82,
        PIN1_AND_2,
        RecordKind::IcDomicile,
    )
};
/// DF1/EF03 外字.
pub const DF1_EF03: File = df_file(
    "DF1/EF03",
    "外字",
    "external characters",
    0x0003,
    264,
    PIN1,
    RecordKind::IcExternalCharacters,
);
/// DF1/EF04 記載事項変更等(本籍除く): `50` 追記の有無, change records `51`–`97` \[S\].
pub const DF1_EF04: File = File {
    personal: Personal::AllBut(&[0x50], Mask::Jis),
    ..df_file(
        "DF1/EF04",
        "記載事項変更等(本籍除く)",
        "changes (without registered domicile)",
        0x0004,
        640,
        PIN1,
        RecordKind::IcChanges,
    )
};
/// DF1/EF05 記載事項変更(外字): `A0` 追記の有無, glyphs `A1`–`A5` \[S\]. Access \[P\].
pub const DF1_EF05: File = df_file(
    "DF1/EF05",
    "記載事項変更(外字)",
    "changes (external characters)",
    0x0005,
    663,
    PIN1,
    RecordKind::IcChangeExternalCharacters,
);
/// DF1/EF06 記載事項変更(本籍): `AA` 追記の有無, 新本籍 `AB`–`AF` \[S\]. Access \[P\].
pub const DF1_EF06: File = File {
    personal: Personal::AllBut(&[0xAA], Mask::Jis),
    ..df_file(
        "DF1/EF06",
        "記載事項変更(本籍)",
        "changes (registered domicile)",
        0x0006,
        256,
        PIN1_AND_2,
        RecordKind::IcChangeDomicile,
    )
};
/// DF1/EF07 電子署名: flat items `B1`–`B6` \[S\]. Access \[P\].
pub const DF1_EF07: File = File {
    signed: Signed::Holds,
    ..df_file(
        "DF1/EF07",
        "電子署名",
        "signature",
        0x0007,
        578,
        PIN1,
        RecordKind::IcSignature,
    )
};
/// DF2/EF01 写真.
pub const DF2_EF01: File = File {
    signed: Signed::Covered,
    personal: Personal::Items(&[(PHOTO_TAG, Mask::Zero)]),
    ..df_file(
        "DF2/EF01",
        "写真",
        "photo",
        0x0001,
        2005,
        PIN1_AND_2,
        RecordKind::IcPhoto,
    )
};

/// MF.
pub const MF: Application = Application {
    id: "MF",
    name: "MF",
    name_en: "master file",
    label: "the MF",
    kind: DfKind::Mf,
    aid: None,
    parent: None,
    installed_as: None,
    files: &[MF_EF01, MF_EF02, MF_IEF01, MF_IEF02],
};
/// DF1 記載事項.
pub const DF1: Application = Application {
    id: "DF1",
    name: "記載事項",
    name_en: "licence record",
    label: "DF1 記載事項",
    kind: DfKind::Df,
    aid: Some(&AID_DF1),
    parent: Some("MF"),
    installed_as: None,
    files: &[
        DF1_EF01, DF1_EF02, DF1_EF03, DF1_EF04, DF1_EF05, DF1_EF06, DF1_EF07,
    ],
};
/// DF2 写真.
pub const DF2: Application = Application {
    id: "DF2",
    name: "写真",
    name_en: "photo",
    label: "DF2 写真",
    kind: DfKind::Df,
    aid: Some(&AID_DF2),
    parent: Some("MF"),
    installed_as: None,
    files: &[DF2_EF01],
};
/// DF3 (reserved; selectable, no files).
pub const DF3: Application = Application {
    id: "DF3",
    name: "DF3",
    name_en: "reserved",
    label: "DF3",
    kind: DfKind::Df,
    aid: Some(&AID_DF3),
    parent: Some("MF"),
    installed_as: None,
    files: &[],
};

/// The ICカード運転免許証.
pub static IC_LICENCE: Card = Card {
    name: "ICカード運転免許証",
    applications: &[MF, DF1, DF2, DF3],
};
