//! The holder's receipt of a 免許AP recording (免許情報記録のお知らせ): what was recorded into
//! the My Number card, as text and as a self-contained HTML page (inline CSS, no external
//! resources). The PIN itself never appears, only whether one is set.

use menkyo_auth::Report;
use menkyo_codec::date::Date7;
use menkyo_codec::records::{BasicInfo, LicenceApRecord, LicenceClass};

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

/// What a receipt is made of: the card's label, 基本4情報 where the card holds them, the
/// recorded licence (免許AP WEF02), whether the holder set the 免許AP PIN, and the check of its
/// signature (WEF03). Its JSON (`menkyo card receipt --format json`) leaves out 基本4情報.
#[derive(serde::Serialize)]
pub struct Recorded<'a> {
    /// The card's label.
    pub label: &'a str,
    /// 基本4情報 of the 券面事項入力補助AP.
    #[serde(skip)]
    pub basic_info: Option<&'a BasicInfo>,
    /// The licence as recorded.
    pub record: &'a LicenceApRecord,
    /// Whether the holder set the 免許AP PIN.
    pub pin_set: Option<bool>,
    /// The check of WEF03.
    pub signature: &'a Report,
}

fn date7(date: Option<Date7>) -> String {
    match date {
        Some(date @ Date7::Date { .. }) => date.to_string(),
        Some(Date7::NotLicensed { .. }) => "なし (not licensed)".to_owned(),
        None => "—".to_owned(),
    }
}

/// The receipt of what was recorded.
pub fn build(recorded: &Recorded<'_>) -> Receipt {
    let record = recorded.record;
    let mut lines = Vec::new();
    if let Some(name) = recorded.basic_info.and_then(|info| info.name.as_ref()) {
        lines.push((
            "氏名 (from the 券面事項入力補助AP)",
            name.as_str().to_owned(),
        ));
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
    lines.push((
        "暗証番号",
        match recorded.pin_set {
            Some(true) => "設定あり (set by the holder)".to_owned(),
            _ => "設定なし (not set: ****)".to_owned(),
        },
    ));
    let signature = recorded.signature;
    lines.push((
        "電子署名 (WEF03)",
        format!(
            "{}{}",
            signature.verdict.word(),
            signature
                .signer
                .as_ref()
                .and_then(|s| s.subject.as_deref())
                .map(|s| format!(" — signed by {s}"))
                .unwrap_or_default()
        ),
    ));
    Receipt {
        label: recorded.label.to_owned(),
        lines,
        photo_len: record.photo.as_ref().map(|p| p.as_bytes().len()),
        photo_png: record
            .photo
            .as_ref()
            .and_then(|p| crate::portrait::to_png(p.as_bytes()).ok()),
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
                crate::html::escape(label),
                crate::html::escape(value)
            ));
        }
        let photo = match (&self.photo_png, self.photo_len) {
            (Some(png), _) => format!(
                "<figure><img alt=\"写真\" src=\"{}\"><figcaption>写真</figcaption></figure>\n",
                crate::html::png_data_url(png)
            ),
            (None, Some(len)) => format!(
                "<p class=\"note\">{} ({len} bytes).</p>\n",
                crate::html::escape(PHOTO_OMITTED)
            ),
            (None, None) => String::new(),
        };
        format!(
            "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n\
             <title>免許情報記録のお知らせ</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
             <h1>免許情報記録のお知らせ</h1>\n<p class=\"label\">{}</p>\n<table>\n{rows}</table>\n{photo}\
             <p class=\"note\">The PIN is never shown. Made by menkyo from an emulated card image.</p>\n\
             </body>\n</html>\n",
            crate::html::escape(&self.label)
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
