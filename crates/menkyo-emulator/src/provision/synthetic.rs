//! Synthetic personal data for a card image cloned from a real card: 氏名, 呼び名, 通称名,
//! 統一氏名(カナ), 住所, 本籍, 生年月日, 照会番号, 免許証の番号, 写真 and the 外字 glyphs (which
//! draw the rare characters of a name or address) replaced in place by synthetic values of the
//! same encoded length, so every TLV, every file length and the layout stay as the card had
//! them. The signature over the files no longer matches.
//!
//! Text becomes `試験` repeated (JIS X 0208), digits `9`, a birth date 昭和60年1月1日, a 外字
//! glyph blank (zero bits), and the photo a small synthetic codestream padded with COM marker
//! segments to the length of the original (zero bytes where the original is too short to hold
//! it).

use menkyo_codec::records::RecordKind;
use menkyo_codec::registry::{self, Mask};
use menkyo_codec::tlv::{simple, Mode};

/// JIS X 0208 `試験` (row 27 cell 78, row 24 cell 19).
const JIS_SHIKEN: [u8; 4] = [0x3B, 0x6E, 0x38, 0x33];
/// 昭和60年1月1日 (1985-01-01) as a 7-digit date: era 3 (昭和), YYMMDD.
const BIRTH_DATE: &[u8; 7] = b"3600101";
/// A synthetic face: a 24×32 gradient, no person (fixtures/photos/clone-synthetic.j2k).
const PHOTO: &[u8] = include_bytes!("../../fixtures/photos/clone-synthetic.j2k");
/// COM, comment marker (ISO/IEC 15444-1 A.9.2).
const COM: [u8; 2] = [0xFF, 0x64];
/// Rcom: the comment is Latin text.
const COM_LATIN: [u8; 2] = [0x00, 0x01];
/// The text of the padding comments.
const COM_TEXT: &[u8] = b"menkyo SYNTHETIC clone photo - not a real person. ";

/// How a personal item is replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Replace {
    Text,
    Digits,
    Date,
    Photo,
    Blank,
}

/// The personal items of the file at `path` as the card registry marks them (what `--redact`
/// masks), and the 外字 glyphs, which draw the rare characters of a name or address.
fn spans(path: &str, bytes: &[u8]) -> Vec<Span> {
    let Some(file) = registry::file(path) else {
        return Vec::new();
    };
    let Some(kind) = file.record else {
        return Vec::new();
    };
    let mut spans: Vec<Span> = file
        .personal_items(bytes)
        .unwrap_or_default()
        .into_iter()
        .map(|item| {
            let name = kind.tag_name(item.tag);
            let how = match (item.mask, name) {
                (_, Some("生年月日")) => Replace::Date,
                (Mask::Jis, _) => Replace::Text,
                (Mask::Ascii, _) => Replace::Digits,
                (Mask::Zero, _) => Replace::Photo,
            };
            (item.start, item.len, how, name)
        })
        .collect();
    if matches!(
        kind,
        RecordKind::IcExternalCharacters | RecordKind::IcChangeExternalCharacters
    ) {
        if let Ok(parsed) = simple::parse(bytes, Mode::Lenient) {
            for item in &parsed.items {
                let tag = u16::from(item.tag);
                if kind.tag_name(tag) == Some("外字") {
                    let start = item.offset + item.encoded_len() - item.value.len();
                    spans.push((start, item.value.len(), Replace::Blank, Some("外字")));
                }
            }
        }
    }
    spans
}

/// What [`replace`] did to one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Replaced {
    /// The spec names of the items replaced.
    pub items: Vec<&'static str>,
    /// Whether the photo is zero bytes because the original is too short for the synthetic
    /// codestream.
    pub photo_zeroed: bool,
}

/// The file at `path` with its personal items replaced; the same length. A file that holds
/// none, or whose TLV does not parse, is returned as it is, with nothing replaced.
pub fn replace(path: &str, bytes: &[u8]) -> (Vec<u8>, Replaced) {
    let mut out = bytes.to_vec();
    let mut done = Replaced::default();
    for (start, len, how, name) in spans(path, bytes) {
        let Some(value) = out.get_mut(start..start.saturating_add(len)) else {
            continue;
        };
        match how {
            Replace::Text => fill(value, &JIS_SHIKEN),
            Replace::Digits => value.fill(b'9'),
            Replace::Date if value.len() == BIRTH_DATE.len() => value.copy_from_slice(BIRTH_DATE),
            Replace::Date => value.fill(b'0'),
            Replace::Blank => value.fill(0),
            Replace::Photo => match padded_photo(len) {
                Some(photo) => value.copy_from_slice(&photo),
                None => {
                    value.fill(0);
                    done.photo_zeroed = true;
                }
            },
        }
        done.items.push(name.unwrap_or("変更事項"));
    }
    (out, done)
}

type Span = (usize, usize, Replace, Option<&'static str>);

fn fill(value: &mut [u8], pattern: &[u8]) {
    for (b, p) in value.iter_mut().zip(pattern.iter().cycle()) {
        *b = *p;
    }
}

/// The synthetic codestream made exactly `len` bytes long by COM marker segments after its
/// SIZ segment; `None` when `len` cannot be reached (shorter than the codestream, or too few
/// bytes over it for one COM segment).
pub fn padded_photo(len: usize) -> Option<Vec<u8>> {
    const COM_HEAD: usize = 6; // marker, Lcom, Rcom
    let lsiz = usize::from(u16::from_be_bytes([*PHOTO.get(4)?, *PHOTO.get(5)?]));
    let after_siz = 4 + lsiz;
    let mut pad = len.checked_sub(PHOTO.len())?;
    if pad != 0 && pad < COM_HEAD {
        return None;
    }
    let mut out = Vec::with_capacity(len);
    out.extend_from_slice(PHOTO.get(..after_siz)?);
    while pad > 0 {
        // Lcom counts itself, Rcom and the text; at most 65535. Leave a whole segment after.
        let mut segment = pad.min(usize::from(u16::MAX) + 2);
        if pad - segment != 0 && pad - segment < COM_HEAD {
            segment -= COM_HEAD;
        }
        let text = segment - COM_HEAD;
        let lcom = u16::try_from(text + 4).ok()?;
        out.extend_from_slice(&COM);
        out.extend_from_slice(&lcom.to_be_bytes());
        out.extend_from_slice(&COM_LATIN);
        out.extend(COM_TEXT.iter().cycle().take(text));
        pad -= segment;
    }
    out.extend_from_slice(PHOTO.get(after_siz..)?);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padded_photo_has_the_length_asked() {
        for len in [PHOTO.len(), PHOTO.len() + 6, 1934, 70_000, 140_000] {
            let photo = padded_photo(len).unwrap();
            assert_eq!(photo.len(), len);
            assert!(photo.starts_with(&[0xFF, 0x4F, 0xFF, 0x51]));
            assert!(photo.ends_with(&[0xFF, 0xD9]));
        }
        assert_eq!(padded_photo(PHOTO.len() - 1), None);
        assert_eq!(padded_photo(PHOTO.len() + 5), None);
    }

    #[test]
    fn text_digits_and_dates_keep_their_length() {
        // 氏名 (12) of 4 bytes, 生年月日 (16), 免許証の番号 (21).
        let bytes = [
            0x12, 0x04, 0x30, 0x21, 0x30, 0x22, 0x16, 0x07, b'4', b'0', b'1', b'0', b'2', b'0',
            b'3', 0x21, 0x03, b'1', b'2', b'3',
        ];
        let (out, done) = replace("DF1/EF01", &bytes);
        assert_eq!(out.len(), bytes.len());
        assert_eq!(&out[2..6], &JIS_SHIKEN);
        assert_eq!(&out[8..15], BIRTH_DATE);
        assert_eq!(&out[17..20], b"999");
        assert_eq!(done.items, ["氏名", "生年月日", "免許証の番号"]);
        assert_eq!(replace("MF/EF01", &bytes).0, bytes);
        // A 外字 glyph (48) of DF1/EF03 is blanked.
        let glyph = [0x48, 0x03, 0xFF, 0x81, 0x7E];
        let (out, done) = replace("DF1/EF03", &glyph);
        assert_eq!(out, [0x48, 0x03, 0, 0, 0]);
        assert_eq!(done.items, ["外字"]);
    }
}
