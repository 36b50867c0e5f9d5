//! The holder's receipt of a 免許AP recording: what was recorded into the My Number card, as
//! text and as a self-contained HTML page (inline CSS, no external resources). The PIN itself
//! never appears, only whether one is set.

use menkyo_auth::{verify, SignedCard, TrustAnchor};
use menkyo_codec::date::Date7;
use menkyo_codec::records::{BasicInfo, LicenceApRecord, LicenceClass};
use menkyo_codec::registry::{self, File};
use menkyo_emulator::image::CardImage;
use menkyo_emulator::licence_ap;

/// A receipt: the card and what was recorded, line by line.
pub struct Receipt {
    /// The card's label.
    pub label: String,
    /// The lines, in order.
    pub lines: Vec<(&'static str, String)>,
    /// Size of the face photo, when one was recorded.
    pub photo_len: Option<usize>,
    /// The photo as PNG, when it could be decoded.
    pub photo_png: Option<Vec<u8>>,
}

fn date7(date: Option<Date7>) -> String {
    match date {
        Some(date @ Date7::Date { .. }) => date.to_string(),
        Some(Date7::NotLicensed { .. }) => "なし (not licensed)".to_owned(),
        None => "—".to_owned(),
    }
}

fn file<'a>(image: &'a CardImage, file: &File) -> Option<&'a [u8]> {
    image.files.get(file.path).map(|b| b.0.as_slice())
}

/// The receipt of `record` as `image` holds it.
pub fn build(image: &CardImage, record: &LicenceApRecord, anchor: Option<&TrustAnchor>) -> Receipt {
    let mut lines = Vec::new();
    if let Some(info) =
        file(image, &registry::BASIC_INFO_EF0002).and_then(|b| BasicInfo::decode(b).ok())
    {
        if let Some(name) = info.name {
            lines.push((
                "氏名 (from the 券面事項入力補助AP)",
                name.as_str().to_owned(),
            ));
        }
    }
    let text = |t: &Option<menkyo_codec::records::Text0208>| {
        t.as_ref().map_or("—".to_owned(), |t| t.as_str().to_owned())
    };
    lines.push((
        "免許証の番号",
        record
            .number
            .as_ref()
            .map_or("—".to_owned(), |n| n.as_str().to_owned()),
    ));
    lines.push(("有効期間の末日", date7(record.expires_on)));
    lines.push(("免許証の色区分", text(&record.color_class)));
    let conditions: Vec<&str> = record.conditions.iter().map(|c| c.as_str()).collect();
    lines.push((
        "免許の条件",
        if conditions.is_empty() {
            "なし".to_owned()
        } else {
            conditions.join("、")
        },
    ));
    let held: Vec<&str> = record
        .classes
        .map(|classes| {
            LicenceClass::ALL
                .iter()
                .zip(classes)
                .filter(|(_, held)| *held)
                .map(|(class, _)| class.name())
                .collect()
        })
        .unwrap_or_default();
    lines.push(("免許の種類", held.join("、")));
    lines.push((
        "免許の年月日 (二・小・原)",
        date7(record.licensed_on.two_small_moped),
    ));
    lines.push(("免許の年月日 (他)", date7(record.licensed_on.other)));
    lines.push((
        "免許の年月日 (二種)",
        date7(record.licensed_on.second_class),
    ));
    let status = licence_ap::status(image);
    lines.push((
        "暗証番号",
        match status.pin_set {
            Some(true) => "設定あり (set by the holder)".to_owned(),
            _ => "設定なし (not set: ****)".to_owned(),
        },
    ));
    let signature = verify(
        SignedCard::LicenceAp,
        |path| image.files.get(path).map(|b| b.0.as_slice()),
        anchor,
    );
    lines.push((
        "電子署名 (WEF03)",
        format!(
            "{}{}",
            signature.verdict.word(),
            signature
                .signer
                .and_then(|s| s.subject)
                .map(|s| format!(" — signed by {s}"))
                .unwrap_or_default()
        ),
    ));
    Receipt {
        label: image.label.clone(),
        lines,
        photo_len: record.photo.as_ref().map(|p| p.as_bytes().len()),
        photo_png: record
            .photo
            .as_ref()
            .and_then(|p| crate::photo::to_png(p.as_bytes()).ok()),
    }
}

const PHOTO_NOTE: &str = "写真: recorded (JPEG 2000)";
const PHOTO_OMITTED: &str = "写真: recorded (JPEG 2000), not shown: it could not be decoded";

impl Receipt {
    /// The receipt as text.
    pub fn text(&self) -> String {
        let mut out = format!(
            "免許情報記録のお知らせ (what was recorded into the My Number card)\n{}\n\n",
            self.label
        );
        for (label, value) in &self.lines {
            out.push_str(&format!("{label}: {value}\n"));
        }
        if let Some(len) = self.photo_len {
            out.push_str(&format!("{PHOTO_NOTE}, {len} bytes\n"));
        }
        out
    }

    /// The receipt as one self-contained HTML page.
    pub fn html(&self) -> String {
        let mut rows = String::new();
        for (label, value) in &self.lines {
            rows.push_str(&format!(
                "<tr><th>{}</th><td>{}</td></tr>\n",
                escape(label),
                escape(value)
            ));
        }
        let photo = match (&self.photo_png, self.photo_len) {
            (Some(png), _) => format!(
                "<figure><img alt=\"写真\" src=\"data:image/png;base64,{}\"><figcaption>写真</figcaption></figure>\n",
                base64(png)
            ),
            (None, Some(len)) => format!(
                "<p class=\"note\">{} ({len} bytes).</p>\n",
                escape(PHOTO_OMITTED)
            ),
            (None, None) => String::new(),
        };
        format!(
            "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n\
             <title>免許情報記録のお知らせ</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
             <h1>免許情報記録のお知らせ</h1>\n<p class=\"label\">{}</p>\n<table>\n{rows}</table>\n{photo}\
             <p class=\"note\">The PIN is never shown. Made by menkyo from an emulated card image.</p>\n\
             </body>\n</html>\n",
            escape(&self.label)
        )
    }
}

const STYLE: &str = "body{font-family:sans-serif;max-width:40em;margin:2em auto;color:#222}\n\
h1{font-size:1.4em;border-bottom:2px solid #2a5;padding-bottom:.3em}\n\
table{border-collapse:collapse;width:100%}\n\
th,td{border:1px solid #ccc;padding:.4em .6em;text-align:left;vertical-align:top}\n\
th{background:#f3f7f4;width:40%;font-weight:normal}\n\
.label{font-weight:bold}\n.note{color:#555;font-size:.9em}\n\
figure{margin:1em 0}\nimg{width:120px;border:1px solid #ccc}\n";

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Standard base64 (RFC 4648 §4) with padding, for the inlined photo.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                let index = (n >> (18 - 6 * i)) & 0x3F;
                out.push(char::from(ALPHABET[index as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
    }

    #[test]
    fn html_escapes_text() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
