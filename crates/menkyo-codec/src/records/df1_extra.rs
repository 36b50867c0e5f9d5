//! DF1/EF03 外字 and EF05 記載事項変更(外字) ([`ExternalCharacters`]); DF1/EF04
//! 記載事項変更等(本籍除く) and EF06 記載事項変更(本籍) ([`ChangeRecords`]). Their tags are not
//! public: every item is kept as read; what is known is decoded on top.

use std::borrow::Cow;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::error::{RecordError, TagId, ValueError};
use super::json::{hex, unknown_entry};
use super::values::Bytes;
use super::wire::{read_simple, Entry, Layout, RawItem, Reader};
use super::Decoded;
use crate::registry::{File, DF1_EF03, DF1_EF04, DF1_EF05, DF1_EF06};
use crate::tlv::simple::LengthForm;
use crate::tlv::Mode;

/// Side of a 外字 glyph in dots. \[P\]
pub const GLYPH_SIZE: usize = 32;
/// Bytes of a glyph bitmap: 32 rows of 32 dots, one bit per dot, first dot in the high bit. \[P\]
pub const GLYPH_BYTES: usize = GLYPH_SIZE * GLYPH_SIZE / 8;
/// Tag of the glyph of 外字 1; 外字 k has tag `47 + k` (`48`, `49` in EF03). \[P\]
const GLYPH_TAG_BASE: u8 = 0x47;

/// A 外字 glyph: the bitmap of external character `number`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyph<'a> {
    /// 外字 number, 1–7.
    pub number: u8,
    /// [`GLYPH_BYTES`] bytes, row by row.
    pub bitmap: &'a [u8],
}

impl Glyph<'_> {
    /// The rows as text, `#` for a set dot and `.` for an empty one.
    pub fn rows(&self) -> Vec<String> {
        self.bitmap
            .chunks(GLYPH_SIZE / 8)
            .map(|row| {
                row.iter()
                    .flat_map(|byte| (0..8).rev().map(move |bit| byte >> bit & 1 == 1))
                    .map(|set| if set { '#' } else { '.' })
                    .collect()
            })
            .collect()
    }
}

/// Builds a glyph bitmap from rows of `#` (set) and `.` (empty).
pub fn glyph_bitmap(rows: &[&str]) -> Result<[u8; GLYPH_BYTES], ValueError> {
    if rows.len() != GLYPH_SIZE {
        return Err(ValueError::Length {
            expected: GLYPH_SIZE,
            len: rows.len(),
        });
    }
    let mut bitmap = [0u8; GLYPH_BYTES];
    for (y, row) in rows.iter().enumerate() {
        if row.chars().count() != GLYPH_SIZE {
            return Err(ValueError::Length {
                expected: GLYPH_SIZE,
                len: row.chars().count(),
            });
        }
        for (x, ch) in row.chars().enumerate() {
            let set = match ch {
                '#' => true,
                '.' => false,
                ch => return Err(ValueError::Unwritable { ch }),
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
}

/// DF1/EF03 外字 or DF1/EF05 記載事項変更(外字): glyph records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalCharacters {
    /// Which file.
    pub file: GaijiFile,
    /// The items as read.
    pub layout: Layout,
}

impl ExternalCharacters {
    /// Decodes EF03 or EF05 strictly.
    pub fn decode(file: GaijiFile, bytes: &[u8]) -> Result<Self, RecordError> {
        Self::decode_with(file, bytes, Mode::Strict).map(|d| d.record)
    }

    /// Decodes EF03 or EF05.
    pub fn decode_with(
        file: GaijiFile,
        bytes: &[u8],
        mode: Mode,
    ) -> Result<Decoded<Self>, RecordError> {
        let mut reader = Reader::new(file_name(file.file()), mode);
        for item in read_simple(&mut reader, bytes)? {
            reader.raw(&item);
        }
        Ok(Decoded {
            record: Self {
                file,
                layout: reader.layout,
            },
            warnings: reader.warnings,
        })
    }

    /// A file holding these glyphs, each in a record of `47 + number`, `82 00 80` and the
    /// bitmap (132 bytes), then `FF` filler.
    pub fn new(file: GaijiFile, glyphs: &[(u8, [u8; GLYPH_BYTES])]) -> Self {
        let entries = glyphs
            .iter()
            .map(|(number, bitmap)| {
                Entry::Raw(RawItem {
                    tag: TagId::from(GLYPH_TAG_BASE.wrapping_add(*number)),
                    length_form: LengthForm::Long2,
                    value: Bytes::new(bitmap.to_vec()).unwrap_or_default(),
                })
            })
            .collect();
        Self {
            file,
            layout: Layout {
                entries,
                ..Layout::default()
            },
        }
    }

    /// The glyphs: items of tags 48–4E holding a full bitmap.
    pub fn glyphs(&self) -> impl Iterator<Item = Glyph<'_>> {
        self.layout.raw_items().filter_map(glyph)
    }

    /// The bytes of the file.
    pub fn encode(&self) -> Vec<u8> {
        self.layout.encode(&[], self.file.file().fixed_size())
    }
}

fn glyph(item: &RawItem) -> Option<Glyph<'_>> {
    let tag = u8::try_from(item.tag.0).ok()?;
    let number = tag.checked_sub(GLYPH_TAG_BASE)?;
    let bitmap = item.value.as_slice();
    ((1..=7).contains(&number) && bitmap.len() == GLYPH_BYTES).then_some(Glyph { number, bitmap })
}

impl Serialize for ExternalCharacters {
    /// `{"glyphs": [{"number", "rows"}], "unknown": [...]}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct GlyphJson {
            number: u8,
            rows: Vec<String>,
        }
        let glyphs: Vec<GlyphJson> = self
            .glyphs()
            .map(|g| GlyphJson {
                number: g.number,
                rows: g.rows(),
            })
            .collect();
        let others: Vec<(String, String)> = self
            .layout
            .raw_items()
            .filter(|item| glyph(item).is_none())
            .map(|item| (item.tag.to_string(), hex(item.value.as_slice())))
            .collect();
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("glyphs", &glyphs)?;
        if !others.is_empty() {
            let others: Vec<_> = others
                .iter()
                .map(|(tag, value)| serde_json::json!({"tag": tag, "value": value}))
                .collect();
            map.serialize_entry("unknown", &others)?;
        }
        map.end()
    }
}

/// Which file of change records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangesFile {
    /// DF1/EF04 記載事項変更等(本籍除く).
    Ef04,
    /// DF1/EF06 記載事項変更(本籍).
    Ef06,
}

impl ChangesFile {
    fn file(self) -> File {
        match self {
            ChangesFile::Ef04 => DF1_EF04,
            ChangesFile::Ef06 => DF1_EF06,
        }
    }
}

/// Tag of the 追記の有無 byte at the start of DF1/EF04.
const TAG_APPENDED: u8 = 0x50;

/// DF1/EF04 記載事項変更等(本籍除く) or DF1/EF06 記載事項変更(本籍): tag `50` (whether anything
/// was appended), then change records kept as read (their tags are not public).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeRecords {
    /// Which file.
    pub file: ChangesFile,
    /// 50 追記の有無: the byte as written (`00`: nothing appended).
    pub appended: Option<u8>,
    /// The other items as read.
    pub layout: Layout,
}

impl ChangeRecords {
    /// Decodes EF04 or EF06 strictly.
    pub fn decode(file: ChangesFile, bytes: &[u8]) -> Result<Self, RecordError> {
        Self::decode_with(file, bytes, Mode::Strict).map(|d| d.record)
    }

    /// Decodes EF04 or EF06.
    pub fn decode_with(
        file: ChangesFile,
        bytes: &[u8],
        mode: Mode,
    ) -> Result<Decoded<Self>, RecordError> {
        let mut reader = Reader::new(file_name(file.file()), mode);
        let mut appended = None;
        for item in read_simple(&mut reader, bytes)? {
            if item.tag == TagId::from(TAG_APPENDED) {
                reader.set(&mut appended, &item, "追記の有無", |v| match *v {
                    [b] => Ok(b),
                    _ => Err(ValueError::Length {
                        expected: 1,
                        len: v.len(),
                    }),
                })?;
            } else {
                reader.raw(&item);
            }
        }
        Ok(Decoded {
            record: Self {
                file,
                appended,
                layout: reader.layout,
            },
            warnings: reader.warnings,
        })
    }

    /// A file with only the 追記の有無 byte, then `FF` filler.
    pub fn new(file: ChangesFile, appended: bool) -> Self {
        Self {
            file,
            appended: Some(u8::from(appended)),
            layout: Layout::default(),
        }
    }

    /// The bytes of the file.
    pub fn encode(&self) -> Vec<u8> {
        let fields: Vec<(TagId, Cow<'_, [u8]>)> = self
            .appended
            .map(|b| (TagId::from(TAG_APPENDED), Cow::Owned(vec![b])))
            .into_iter()
            .collect();
        self.layout.encode(&fields, self.file.file().fixed_size())
    }
}

impl Serialize for ChangeRecords {
    /// `{"appended": bool or null, "unknown": [...]}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("appended", &self.appended.map(|b| b != 0))?;
        unknown_entry(&mut map, &self.layout)?;
        map.end()
    }
}

fn file_name(file: File) -> &'static str {
    match file.fid {
        0x0003 => "DF1/EF03 外字",
        0x0004 => "DF1/EF04 記載事項変更等(本籍除く)",
        0x0005 => "DF1/EF05 記載事項変更(外字)",
        _ => "DF1/EF06 記載事項変更(本籍)",
    }
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

    #[test]
    fn glyph_files_round_trip_and_show_their_bitmaps() {
        let rows = cross();
        let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
        let bitmap = glyph_bitmap(&rows).unwrap();
        let file = ExternalCharacters::new(GaijiFile::Ef03, &[(1, bitmap)]);
        let bytes = file.encode();
        assert_eq!(bytes.len(), DF1_EF03.fixed_size());
        assert_eq!(&bytes[..4], &[0x48, 0x82, 0x00, 0x80]);
        assert!(bytes[132..].iter().all(|&b| b == 0xFF));
        let back = ExternalCharacters::decode(GaijiFile::Ef03, &bytes).unwrap();
        assert_eq!(back.encode(), bytes);
        let glyphs: Vec<Glyph<'_>> = back.glyphs().collect();
        assert_eq!(glyphs.len(), 1);
        assert_eq!(glyphs[0].number, 1);
        assert_eq!(glyphs[0].rows(), cross());
        let json = serde_json::to_value(&back).unwrap();
        assert_eq!(json["glyphs"][0]["number"], 1);
        assert_eq!(json["glyphs"][0]["rows"][0], rows[0]);
        assert!(json.get("unknown").is_none());
    }

    #[test]
    fn bad_glyph_rows_are_refused() {
        assert!(glyph_bitmap(&["#"; 31]).is_err());
        let mut rows = vec!["................................"; 32];
        rows[3] = "...............x................";
        assert_eq!(glyph_bitmap(&rows), Err(ValueError::Unwritable { ch: 'x' }));
    }

    #[test]
    fn change_records_keep_unknown_items() {
        let mut bytes = vec![0x50, 0x01, 0x01, 0x51, 0x02, 0x30, 0x31];
        bytes.resize(DF1_EF04.fixed_size(), 0xFF);
        let record = ChangeRecords::decode(ChangesFile::Ef04, &bytes).unwrap();
        assert_eq!(record.appended, Some(1));
        assert_eq!(record.encode(), bytes);
        let json = serde_json::to_value(&record).unwrap();
        assert_eq!(json["appended"], true);
        assert_eq!(json["unknown"][0]["tag"], "51");
        assert_eq!(json["unknown"][0]["value"], "3031");
        let empty = ChangeRecords::new(ChangesFile::Ef06, false).encode();
        assert_eq!(&empty[..3], &[0x50, 0x01, 0x00]);
        assert_eq!(empty.len(), DF1_EF06.fixed_size());
    }

    #[test]
    fn an_all_ff_file_has_no_items() {
        let bytes = vec![0xFF; DF1_EF05.fixed_size()];
        let record = ExternalCharacters::decode(GaijiFile::Ef05, &bytes).unwrap();
        assert_eq!(record.glyphs().count(), 0);
        assert_eq!(record.encode(), bytes);
    }
}
