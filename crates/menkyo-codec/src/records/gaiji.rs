//! DF1/EF03 外字 and DF1/EF05 記載事項変更(外字) ([`ExternalCharacters`]).
//!
//! EF03 holds the glyphs of 外字 1 and 2 in items `48` and `49`; EF05 starts with `A0`
//! 追記の有無 and holds 外字 3–7 in `A1`–`A5` (3 + 5 × 132 = 663 bytes) \[S\]. Each glyph value
//! starts with a 文字構成/ドット数 field \[S\]; its size, the length form and the bitmap are our
//! model \[P\]: one byte, then a 32 × 32 bitmap row by row, high bit first, so that a glyph
//! item (`tag 81 81` + 129 bytes) takes the 132 bytes a slot has. Files of menkyo 0.1 (a
//! 128-byte bitmap without the field, EF05 tags `4A`–`4E`) decode with a warning.

use std::borrow::Cow;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::item_values::Bytes;
use super::json::unknown_items_entry;
use super::tag_id::TagId;
use super::wire::{read_simple, Entry, ItemLayout, RawItem, Reader};
use super::Decoded;
use crate::registry::{File, DF1_EF03, DF1_EF05};
use crate::tlv::simple::LengthForm;
use crate::tlv::Mode;
use crate::Error;

/// Side of a 外字 glyph in dots. \[P\]
pub const GLYPH_SIZE: usize = 32;
/// Bytes of a glyph bitmap: 32 rows of 32 dots, one bit per dot, first dot in the high bit. \[P\]
pub const GLYPH_BYTES: usize = GLYPH_SIZE * GLYPH_SIZE / 8;
/// The 文字構成/ドット数 byte we write: the side in dots. \[P\]
pub const GLYPH_STRUCTURE: u8 = GLYPH_SIZE as u8;
/// An empty dot and a set dot in [`Glyph::rows`].
const DOTS: [u8; 2] = [b'.', b'#'];
/// Tag of 外字 1 in EF03 (`48`, `49`) \[S\].
const EF03_TAG_BASE: u8 = 0x48;
/// Tag of 外字 3 in EF05 (`A1`–`A5`) \[S\].
const EF05_TAG_BASE: u8 = 0xA1;
/// Tag of 外字 3 in menkyo 0.1's EF05 (`4A`–`4E`).
const OLD_EF05_TAG_BASE: u8 = 0x4A;
/// EF05 `A0` 追記の有無 \[S\].
const TAG_EF05_APPENDED: u8 = 0xA0;

/// A 外字 glyph: the bitmap of external character `number`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyph<'a> {
    /// 外字 number, 1–7.
    pub number: u8,
    /// 文字構成/ドット数, when the file has it (not in menkyo 0.1's layout).
    pub structure: Option<u8>,
    /// [`GLYPH_BYTES`] bytes, row by row.
    pub bitmap: &'a [u8],
}

impl Glyph<'_> {
    /// The rows as text, `#` for a set dot and `.` for an empty one.
    pub fn rows(&self) -> Vec<String> {
        self.bitmap
            .chunks(GLYPH_SIZE / 8)
            .map(|row| {
                let mut dots = Vec::with_capacity(GLYPH_SIZE);
                for byte in row {
                    dots.extend((0..8).rev().map(|bit| DOTS[usize::from(byte >> bit & 1)]));
                }
                // Only `#` and `.` were written.
                String::from_utf8(dots).unwrap_or_default()
            })
            .collect()
    }
}

/// Builds a glyph bitmap from rows of `#` (set) and `.` (empty).
pub fn glyph_bitmap(rows: &[&str]) -> Result<[u8; GLYPH_BYTES], Error> {
    if rows.len() != GLYPH_SIZE {
        return Err(Error::ValueLength {
            expected: GLYPH_SIZE,
            len: rows.len(),
        });
    }
    let mut bitmap = [0u8; GLYPH_BYTES];
    for (y, row) in rows.iter().enumerate() {
        if row.chars().count() != GLYPH_SIZE {
            return Err(Error::ValueLength {
                expected: GLYPH_SIZE,
                len: row.chars().count(),
            });
        }
        for (x, ch) in row.chars().enumerate() {
            let set = match ch {
                '#' => true,
                '.' => false,
                ch => return Err(Error::Unwritable { ch }),
            };
            if let Some(byte) = bitmap.get_mut(y * GLYPH_SIZE / 8 + x / 8) {
                *byte |= u8::from(set) << (7 - x % 8);
            }
        }
    }
    Ok(bitmap)
}

/// Which file of 外字 glyphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GaijiFile {
    /// DF1/EF03 外字 (外字 1–2).
    Ef03,
    /// DF1/EF05 記載事項変更(外字) (外字 3–7).
    Ef05,
}

impl GaijiFile {
    fn file(self) -> File {
        match self {
            GaijiFile::Ef03 => DF1_EF03,
            GaijiFile::Ef05 => DF1_EF05,
        }
    }

    fn name(self) -> &'static str {
        match self {
            GaijiFile::Ef03 => "DF1/EF03 外字",
            GaijiFile::Ef05 => "DF1/EF05 記載事項変更(外字)",
        }
    }

    /// The tag of 外字 `number` in this file.
    pub fn tag(self, number: u8) -> Option<u8> {
        match (self, number) {
            (GaijiFile::Ef03, 1..=2) => Some(EF03_TAG_BASE + number - 1),
            (GaijiFile::Ef05, 3..=7) => Some(EF05_TAG_BASE + number - 3),
            _ => None,
        }
    }

    /// The 外字 number of `tag`, and whether the tag is menkyo 0.1's.
    fn number(self, tag: TagId) -> Option<(u8, bool)> {
        let tag = u8::try_from(tag.0).ok()?;
        (1..=7)
            .find(|&n| self.tag(n) == Some(tag))
            .map(|n| (n, false))
            .or_else(|| match (self, tag) {
                (GaijiFile::Ef05, OLD_EF05_TAG_BASE..=0x4E) => {
                    Some((tag - OLD_EF05_TAG_BASE + 3, true))
                }
                _ => None,
            })
    }
}

/// 追記の有無 of EF05 when nothing is appended (the one public source writes `11`). \[P\]
pub const NOTHING_APPENDED: u8 = 0x11;
/// 追記の有無 we write when something is appended. \[P\]
pub const SOMETHING_APPENDED: u8 = 0x01;

/// DF1/EF03 外字 or DF1/EF05 記載事項変更(外字): glyph records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalCharacters {
    /// Which file.
    pub file: GaijiFile,
    /// EF05 `A0` 追記の有無: the byte as written.
    pub appended: Option<u8>,
    /// The items as read.
    pub layout: ItemLayout,
}

impl ExternalCharacters {
    /// Decodes EF03 or EF05 strictly.
    pub fn decode(file: GaijiFile, bytes: &[u8]) -> Result<Self, Error> {
        Self::decode_with(file, bytes, Mode::Strict).map(|d| d.record)
    }

    /// Decodes EF03 or EF05.
    pub fn decode_with(file: GaijiFile, bytes: &[u8], mode: Mode) -> Result<Decoded<Self>, Error> {
        let mut reader = Reader::new(file.name(), mode);
        let mut appended = None;
        let mut old = false;
        for item in read_simple(&mut reader, bytes)? {
            if file == GaijiFile::Ef05 && item.tag == TagId::from(TAG_EF05_APPENDED) {
                reader.set(&mut appended, &item, "追記の有無", one_byte)?;
                continue;
            }
            if let Some((_, old_tag)) = file.number(item.tag) {
                old |= old_tag || item.value.len() == GLYPH_BYTES;
            }
            reader.raw(&item);
        }
        if old {
            reader.old_layout(
                "glyphs without 文字構成/ドット数 (or EF05 tags 4A-4E)",
                "48/49, A1-A5 with 文字構成/ドット数",
            );
        }
        Ok(reader.finish(|layout| Self {
            file,
            appended,
            layout,
        }))
    }

    /// A file holding these glyphs, each in an item of its tag, `81 81`, the 文字構成/ドット数
    /// byte and the bitmap (132 bytes), then `FF` filler; EF05 starts with `A0` 追記の有無.
    /// Glyphs of a number the file does not hold are left out.
    pub fn new(file: GaijiFile, glyphs: &[(u8, [u8; GLYPH_BYTES])]) -> Self {
        let entries = glyphs
            .iter()
            .filter_map(|(number, bitmap)| {
                let mut value = vec![GLYPH_STRUCTURE];
                value.extend_from_slice(bitmap);
                Some(Entry::Raw(RawItem {
                    tag: TagId::from(file.tag(*number)?),
                    length_form: LengthForm::Long1,
                    value: Bytes::new(value).unwrap_or_default(),
                }))
            })
            .collect::<Vec<_>>();
        let appended = (file == GaijiFile::Ef05).then_some(if entries.is_empty() {
            NOTHING_APPENDED
        } else {
            SOMETHING_APPENDED
        });
        Self {
            file,
            appended,
            layout: ItemLayout {
                entries,
                ..ItemLayout::default()
            },
        }
    }

    /// The glyphs: items of the file's glyph tags holding a full bitmap.
    pub fn glyphs(&self) -> impl Iterator<Item = Glyph<'_>> {
        self.layout
            .raw_items()
            .filter_map(move |item| glyph(self.file, item))
    }

    /// The bytes of the file.
    pub fn encode(&self) -> Vec<u8> {
        let fields: Vec<(TagId, Cow<'_, [u8]>)> = self
            .appended
            .map(|b| (TagId::from(TAG_EF05_APPENDED), Cow::Owned(vec![b])))
            .into_iter()
            .collect();
        self.layout
            .encode_first(&fields, self.file.file().fixed_size())
    }
}

pub(crate) fn one_byte(value: &[u8]) -> Result<u8, Error> {
    match *value {
        [b] => Ok(b),
        _ => Err(Error::ValueLength {
            expected: 1,
            len: value.len(),
        }),
    }
}

fn glyph(file: GaijiFile, item: &RawItem) -> Option<Glyph<'_>> {
    let (number, _) = file.number(item.tag)?;
    let value = item.value.as_slice();
    match value.len() {
        GLYPH_BYTES => Some(Glyph {
            number,
            structure: None,
            bitmap: value,
        }),
        n if n == GLYPH_BYTES + 1 => Some(Glyph {
            number,
            structure: value.first().copied(),
            bitmap: value.get(1..)?,
        }),
        _ => None,
    }
}

impl Serialize for ExternalCharacters {
    /// `{"appended" (EF05), "glyphs": [{"number", "structure", "rows"}], "unknown": [...]}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct GlyphJson {
            number: u8,
            structure: Option<u8>,
            rows: Vec<String>,
        }
        let glyphs: Vec<GlyphJson> = self
            .glyphs()
            .map(|g| GlyphJson {
                number: g.number,
                structure: g.structure,
                rows: g.rows(),
            })
            .collect();
        let mut map = serializer.serialize_map(None)?;
        if self.file == GaijiFile::Ef05 {
            map.serialize_entry("appended", &self.appended.map(appended_flag))?;
        }
        map.serialize_entry("glyphs", &glyphs)?;
        let others = self
            .layout
            .raw_items()
            .filter(|item| glyph(self.file, item).is_none());
        unknown_items_entry(&mut map, others)?;
        map.end()
    }
}

/// Whether a 追記の有無 byte says something was appended: neither [`NOTHING_APPENDED`] nor
/// `00` (menkyo 0.1's "nothing").
pub fn appended_flag(byte: u8) -> bool {
    byte != NOTHING_APPENDED && byte != 0x00
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cross() -> Vec<String> {
        (0..GLYPH_SIZE)
            .map(|y| {
                (0..GLYPH_SIZE)
                    .map(|x| if x == y || x == 16 { '#' } else { '.' })
                    .collect()
            })
            .collect()
    }

    fn bitmap() -> [u8; GLYPH_BYTES] {
        let rows = cross();
        let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
        glyph_bitmap(&rows).unwrap()
    }

    #[test]
    fn ef03_glyphs_take_132_byte_slots_and_round_trip() {
        let file = ExternalCharacters::new(GaijiFile::Ef03, &[(1, bitmap()), (2, bitmap())]);
        let bytes = file.encode();
        assert_eq!(bytes.len(), DF1_EF03.fixed_size());
        assert_eq!(&bytes[..4], &[0x48, 0x81, 0x81, GLYPH_STRUCTURE]);
        assert_eq!(&bytes[132..136], &[0x49, 0x81, 0x81, GLYPH_STRUCTURE]);
        let back = ExternalCharacters::decode_with(GaijiFile::Ef03, &bytes, Mode::Strict).unwrap();
        assert!(back.warnings.is_empty());
        assert_eq!(back.record.encode(), bytes);
        let glyphs: Vec<Glyph<'_>> = back.record.glyphs().collect();
        assert_eq!(glyphs.len(), 2);
        assert_eq!(glyphs[1].number, 2);
        assert_eq!(glyphs[0].structure, Some(GLYPH_STRUCTURE));
        assert_eq!(glyphs[0].rows(), cross());
        let json = serde_json::to_value(&back.record).unwrap();
        assert_eq!(json["glyphs"][0]["number"], 1);
        assert_eq!(json["glyphs"][0]["structure"], 32);
        assert!(json.get("appended").is_none());
    }

    #[test]
    fn ef05_starts_with_a0_and_holds_five_slots_exactly() {
        let glyphs: Vec<_> = (3..=7).map(|n| (n, bitmap())).collect();
        let bytes = ExternalCharacters::new(GaijiFile::Ef05, &glyphs).encode();
        assert_eq!(bytes.len(), 663);
        assert_eq!(&bytes[..4], &[0xA0, 0x01, SOMETHING_APPENDED, 0xA1]);
        assert_eq!(bytes[3 + 4 * 132], 0xA5);
        let empty = ExternalCharacters::new(GaijiFile::Ef05, &[]).encode();
        assert_eq!(&empty[..4], &[0xA0, 0x01, NOTHING_APPENDED, 0xFF]);
        let back = ExternalCharacters::decode(GaijiFile::Ef05, &bytes).unwrap();
        assert_eq!(
            back.glyphs().map(|g| g.number).collect::<Vec<_>>(),
            [3, 4, 5, 6, 7]
        );
        assert_eq!(serde_json::to_value(&back).unwrap()["appended"], true);
    }

    #[test]
    fn the_old_layout_decodes_with_a_warning() {
        let mut bytes = vec![0x4A, 0x82, 0x00, 0x80];
        bytes.extend(bitmap());
        bytes.resize(DF1_EF05.fixed_size(), 0xFF);
        let decoded =
            ExternalCharacters::decode_with(GaijiFile::Ef05, &bytes, Mode::Strict).unwrap();
        assert!(matches!(
            decoded.warnings.as_slice(),
            [Error::OldLayout { .. }]
        ));
        assert_eq!(decoded.record.encode(), bytes);
        let glyph = decoded.record.glyphs().next().unwrap();
        assert_eq!((glyph.number, glyph.structure), (3, None));
        assert_eq!(glyph.rows(), cross());
    }

    #[test]
    fn bad_glyph_rows_are_refused() {
        assert!(glyph_bitmap(&["#"; 31]).is_err());
        let mut rows = vec!["................................"; 32];
        rows[3] = "...............x................";
        assert_eq!(glyph_bitmap(&rows), Err(Error::Unwritable { ch: 'x' }));
    }

    #[test]
    fn an_all_ff_file_has_no_items() {
        let bytes = vec![0xFF; DF1_EF05.fixed_size()];
        let record = ExternalCharacters::decode(GaijiFile::Ef05, &bytes).unwrap();
        assert_eq!(record.glyphs().count(), 0);
        assert_eq!(record.encode(), bytes);
    }
}
