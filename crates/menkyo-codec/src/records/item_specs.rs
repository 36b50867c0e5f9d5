//! The item tables: for each tag of a TLV file, the spec's name of the item, its JSON key, its
//! format and how sure we are of it. [`of`] gives the table of a record kind.

use super::{RecordKind, LICENCE_AP_ITEMS, PHOTO_TAG};
use crate::layout::Confidence;

/// The format of an item's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One byte.
    Byte,
    /// "0208": JIS X 0208 text with 外字.
    Text0208,
    /// "0201": ASCII digits.
    Digits,
    /// date7: era digit + YYMMDD in ASCII.
    Date7,
    /// One flag byte per licence class, in card order (`00` not licensed, `01` licensed).
    ClassFlags,
    /// A JPEG 2000 codestream.
    Jpeg2000,
    /// UTF-8 text.
    Utf8,
    /// A change record: 制定年番号 byte, the date as 7 full-width digits, 0208 text, the
    /// 公安委員会 as 5 full-width characters.
    ChangeRecord,
    /// Bytes kept as read.
    Bytes,
}

impl Format {
    /// How `docs/card-layout.md` writes the format.
    pub fn describe(self) -> &'static str {
        match self {
            Format::Byte => "1 byte",
            Format::Text0208 => "0208 text",
            Format::Digits => "0201 digits",
            Format::Date7 => "date7",
            Format::ClassFlags => "15 flag bytes (00/01), card order",
            Format::Jpeg2000 => "JPEG 2000 codestream",
            Format::Utf8 => "UTF-8 text",
            Format::ChangeRecord => "edition, date, 0208 text, 公安委員会",
            Format::Bytes => "bytes, kept as read (written empty)",
        }
    }
}

/// One tag of a TLV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemSpec {
    /// The tag (two bytes for `5F40`).
    pub tag: u16,
    /// The spec's name of the item.
    pub name: &'static str,
    /// The JSON key it appears under.
    pub key: &'static str,
    /// Its format.
    pub format: Format,
    /// How sure we are of the tag and format.
    pub confidence: Confidence,
    /// The tag appears once per value (a list).
    pub repeated: bool,
}

pub(crate) const fn item(
    tag: u16,
    name: &'static str,
    key: &'static str,
    format: Format,
) -> ItemSpec {
    ItemSpec {
        tag,
        name,
        key,
        format,
        confidence: Confidence::Confirmed,
        repeated: false,
    }
}

/// DF1/EF01 記載事項(本籍除く), tags 11–24. The class dates 25–33 follow in the order of
/// [`LicenceClass::ALL`](super::LicenceClass::ALL).
pub const LICENCE_RECORD_ITEMS: [ItemSpec; 20] = [
    ItemSpec {
        confidence: Confidence::SingleSource,
        ..item(
            0x11,
            "JIS X 0208 制定年番号",
            "jis_x0208_edition",
            Format::Byte,
        )
    },
    item(0x12, "氏名", "name", Format::Text0208),
    item(0x13, "呼び名", "name_reading", Format::Text0208),
    item(0x14, "通称名", "alias", Format::Text0208),
    item(0x15, "統一氏名(カナ)", "name_kana", Format::Text0208),
    item(0x16, "生年月日", "birth_date", Format::Date7),
    item(0x17, "住所", "address", Format::Text0208),
    item(0x18, "交付年月日", "issued_on", Format::Date7),
    item(0x19, "照会番号", "reference_number", Format::Digits),
    item(0x1A, "免許証の色区分", "color_class", Format::Text0208),
    item(0x1B, "有効期間の末日", "expires_on", Format::Date7),
    item(0x1C, "免許の条件1", "conditions", Format::Text0208),
    item(0x1D, "免許の条件2", "conditions", Format::Text0208),
    item(0x1E, "免許の条件3", "conditions", Format::Text0208),
    item(0x1F, "免許の条件4", "conditions", Format::Text0208),
    item(0x20, "公安委員会名", "commission", Format::Text0208),
    item(0x21, "免許証の番号", "number", Format::Digits),
    item(
        0x22,
        "免許の年月日(二・小・原)",
        "licensed_on.two_small_moped",
        Format::Date7,
    ),
    item(0x23, "免許の年月日(他)", "licensed_on.other", Format::Date7),
    item(
        0x24,
        "免許の年月日(二種)",
        "licensed_on.second_class",
        Format::Date7,
    ),
];

/// DF1/EF02 記載事項(本籍).
pub const DOMICILE_ITEMS: [ItemSpec; 1] =
    [item(0x41, "本籍", "registered_domicile", Format::Text0208)];

/// DF1/EF04 記載事項変更等(本籍除く): `50` 追記の有無, the change records `51`–`97` (the
/// ranges are [`CHANGE_KINDS`](super::CHANGE_KINDS)).
pub const CHANGES_ITEMS: [ItemSpec; 2] = change_items(0x50, 0x51, "記載事項変更等");

/// DF1/EF06 記載事項変更(本籍): `AA` 追記の有無, the records of 新本籍 `AB`–`AF`.
pub const CHANGE_DOMICILE_ITEMS: [ItemSpec; 2] = change_items(0xAA, 0xAB, "新本籍");

/// The table of a change file: 追記の有無 under `flag`, then the change records, one JSON list
/// (`entries`) listed under the first of their tags, `first` \[S\].
const fn change_items(flag: u16, first: u16, records: &'static str) -> [ItemSpec; 2] {
    [
        ItemSpec {
            confidence: Confidence::SingleSource,
            ..item(flag, "追記の有無", "appended", Format::Byte)
        },
        ItemSpec {
            confidence: Confidence::SingleSource,
            repeated: true,
            ..item(first, records, "entries", Format::ChangeRecord)
        },
    ]
}

/// DF2/EF01 写真.
pub const PHOTO_ITEMS: [ItemSpec; 1] = [item(PHOTO_TAG, "写真", "photo", Format::Jpeg2000)];

/// 券面事項入力補助AP EF0001 個人番号.
pub const MY_NUMBER_ITEMS: [ItemSpec; 1] = [item(0xFF10, "個人番号", "my_number", Format::Digits)];

/// 券面事項入力補助AP EF0002 基本4情報: the items inside `FF20`.
pub const BASIC_INFO_ITEMS: [ItemSpec; 5] = [
    item(0xDF21, "オフセット", "offsets", Format::Bytes),
    item(0xDF22, "氏名", "name", Format::Utf8),
    item(0xDF23, "住所", "address", Format::Utf8),
    item(0xDF24, "生年月日", "birth_date", Format::Digits),
    item(0xDF25, "性別", "sex", Format::Digits),
];

/// The item table of `kind`: empty for a kind without one (fixed bytes, signatures, glyphs,
/// TLV dumps).
pub fn of(kind: RecordKind) -> &'static [ItemSpec] {
    match kind {
        RecordKind::IcRecord => &LICENCE_RECORD_ITEMS,
        RecordKind::IcDomicile => &DOMICILE_ITEMS,
        RecordKind::IcChanges => &CHANGES_ITEMS,
        RecordKind::IcChangeDomicile => &CHANGE_DOMICILE_ITEMS,
        RecordKind::IcPhoto => &PHOTO_ITEMS,
        RecordKind::MynaRecord => &LICENCE_AP_ITEMS,
        RecordKind::MyNumber => &MY_NUMBER_ITEMS,
        RecordKind::BasicInfo => &BASIC_INFO_ITEMS,
        RecordKind::IcCommon
        | RecordKind::IcPinSetting
        | RecordKind::IcExternalCharacters
        | RecordKind::IcChangeExternalCharacters
        | RecordKind::IcSignature
        | RecordKind::MynaPinSetting
        | RecordKind::MynaSecurity
        | RecordKind::JpkiToken
        | RecordKind::Tlv
        | RecordKind::SimpleTlv => &[],
    }
}

/// The entry of `table` for `tag`.
pub fn find(table: &[ItemSpec], tag: u16) -> Option<&ItemSpec> {
    table.iter().find(|spec| spec.tag == tag)
}
