//! The item tables: for each tag of a TLV file, the spec's name of the item, its JSON key, its
//! format and how sure we are of it.

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

/// The entry of `table` for `tag`.
pub fn find(table: &[ItemSpec], tag: u16) -> Option<&ItemSpec> {
    table.iter().find(|spec| spec.tag == tag)
}
