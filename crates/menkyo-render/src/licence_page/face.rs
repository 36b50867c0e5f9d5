//! The card face: the items printed on a licence, where a licence prints them, at twice the
//! size of the card (ID-1, 85.6 × 54 mm).

use menkyo_codec::date::{Date, Era};
use menkyo_codec::records::LicenceClass;
use serde_json::Value;

use super::{field, text};
use crate::html::{escape, png_data_url};

/// 免許の種類 in the order the card face prints them, two rows.
const CLASS_ROWS: [&[LicenceClass]; 2] = [
    &[
        LicenceClass::Large,
        LicenceClass::Medium,
        LicenceClass::SemiMedium,
        LicenceClass::Ordinary,
        LicenceClass::LargeSpecial,
        LicenceClass::LargeMotorcycle,
        LicenceClass::OrdinaryMotorcycle,
        LicenceClass::SmallSpecial,
        LicenceClass::Moped,
    ],
    &[
        LicenceClass::Towing,
        LicenceClass::LargeSecondClass,
        LicenceClass::MediumSecondClass,
        LicenceClass::OrdinarySecondClass,
        LicenceClass::LargeSpecialSecondClass,
        LicenceClass::TowingSecondClass,
    ],
];

/// The card face of the licence in `document`.
pub fn card(document: &Value, portrait_png: Option<&[u8]>) -> String {
    let band = match text(document, "color_class") {
        Some("優良") => "band-gold",
        Some("新規") => "band-green",
        _ => "band-blue",
    };
    let expiry = match date_of(document, "expires_on") {
        Some(date) => format!("{}まで有効", era(date)),
        None => "有効期間の末日: 読み取らず".to_owned(),
    };
    let portrait = match portrait_png {
        Some(png) => format!(
            "<img class=\"portrait\" alt=\"写真\" src=\"{}\">",
            png_data_url(png)
        ),
        None => {
            let masked = field(document, "photo")
                .and_then(|p| p.get("sha256"))
                .and_then(Value::as_str)
                .is_some_and(|sha| sha.starts_with('['));
            let why = match field(document, "photo") {
                Some(_) if masked => "写真 (伏せ字)",
                Some(_) => "写真 (表示できず)",
                None => "写真 (読み取らず)",
            };
            format!("<div class=\"portrait none\">{why}</div>")
        }
    };
    let number = text(document, "number").unwrap_or("–");
    let licensed_on = field(document, "licensed_on");
    let group = |key: &str| {
        licensed_on
            .and_then(|l| l.get(key))
            .and_then(Value::as_str)
            .map(era_text)
            .unwrap_or_default()
    };
    let mut out = String::from("<section class=\"card\" aria-label=\"券面\">\n");
    let born = match field(document, "birth_date").and_then(Value::as_str) {
        Some(iso) => format!("{}生", era_text(iso)),
        None => String::new(),
    };
    out.push_str(&format!(
        "<div class=\"row top\"><span class=\"label\">氏名</span>\
         <span class=\"name\">{}</span><span class=\"born\">{born}</span></div>\n",
        value(text(document, "name")),
    ));
    out.push_str(&format!(
        "<div class=\"row\"><span class=\"label\">住所</span><span>{}</span></div>\n",
        value(text(document, "address"))
    ));
    out.push_str(&format!(
        "<div class=\"row\"><span class=\"label\">交付</span><span>{}</span>\
         <span class=\"reference\">{}</span></div>\n",
        date_or_dash(document, "issued_on"),
        text(document, "reference_number")
            .map(escape)
            .unwrap_or_default()
    ));
    out.push_str("<div class=\"middle\">\n<div class=\"left\">\n");
    out.push_str(&format!(
        "<div class=\"band {band}\">{}</div>\n",
        escape(&expiry)
    ));
    out.push_str(&format!(
        "<div class=\"conditions\"><span class=\"label\">免許の条件等</span>{}</div>\n",
        conditions(document)
    ));
    if let Some(class) = text(document, "color_class") {
        out.push_str(&format!(
            "<div class=\"color-class {band}\">{}</div>\n",
            escape(class)
        ));
    }
    out.push_str(&format!(
        "<div class=\"number\">第 <b>{}</b> 号</div>\n",
        escape(number)
    ));
    out.push_str(&format!(
        "<table class=\"licensed-on\"><tr><th>二・小・原</th><td>{}</td></tr>\
         <tr><th>他</th><td>{}</td></tr><tr><th>二種</th><td>{}</td></tr></table>\n",
        group("two_small_moped"),
        group("other"),
        group("second_class")
    ));
    out.push_str("</div>\n");
    out.push_str(&portrait);
    out.push_str("\n</div>\n");
    out.push_str(&classes(document));
    if let Some(commission) = text(document, "commission") {
        out.push_str(&format!(
            "<div class=\"commission\">{}</div>\n",
            escape(commission)
        ));
    }
    out.push_str("</section>\n");
    out
}

/// The value escaped, or a muted `読み取らず` (not read).
fn value(text: Option<&str>) -> String {
    text.map(escape)
        .unwrap_or_else(|| "<span class=\"unread\">読み取らず</span>".to_owned())
}

fn date_of(document: &Value, key: &str) -> Option<Date> {
    field(document, key)?.as_str()?.parse().ok()
}

/// The date of field `key` in its era, what the field holds otherwise (`[redacted]`), or `–`.
fn date_or_dash(document: &Value, key: &str) -> String {
    match field(document, key).and_then(Value::as_str) {
        Some(iso) => era_text(iso),
        None => "–".to_owned(),
    }
}

/// An ISO date written in its era, `令和12年04月01日`; other text escaped as it is.
fn era_text(iso: &str) -> String {
    match iso.parse::<Date>() {
        Ok(date) => era(date),
        Err(_) => escape(iso),
    }
}

/// `令和12年04月01日` (元年 for the first year); the Gregorian date before 明治.
pub fn era(date: Date) -> String {
    let Some(era) = Era::of(date) else {
        return date.to_string();
    };
    let year = match era.year_of_era(date) {
        1 => "元".to_owned(),
        n => format!("{n:02}"),
    };
    format!(
        "{}{year}年{:02}月{:02}日",
        era.name(),
        date.month(),
        date.day()
    )
}

fn conditions(document: &Value) -> String {
    let items: Vec<String> = field(document, "conditions")
        .and_then(Value::as_array)
        .map(|items| items.iter().filter_map(Value::as_str).map(escape).collect())
        .unwrap_or_default();
    if items.is_empty() {
        String::new()
    } else {
        format!("<span>{}</span>", items.join("、"))
    }
}

/// The grid of 免許の種類: held ones with their date where the card keeps one.
fn classes(document: &Value) -> String {
    let entries: Vec<&Value> = field(document, "classes")
        .and_then(Value::as_array)
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    let held = |name: &str| {
        entries
            .iter()
            .find(|c| c.get("name").and_then(Value::as_str) == Some(name))
            .map(|c| {
                let licensed = c.get("licensed").and_then(Value::as_bool) == Some(true);
                let since = c.get("since").and_then(Value::as_str).map(str::to_owned);
                (licensed, since)
            })
    };
    let mut out = String::from("<table class=\"classes\" aria-label=\"免許の種類\">\n");
    for row in CLASS_ROWS {
        out.push_str("<tr>");
        for class in row {
            let name = class.name();
            match held(name) {
                Some((true, since)) => out.push_str(&format!(
                    "<td class=\"held\" title=\"{}\">{}</td>",
                    since.as_deref().map(era_text).unwrap_or_default(),
                    escape(name)
                )),
                Some((false, _)) => out.push_str("<td class=\"not-held\">－</td>"),
                None => out.push_str("<td class=\"unknown\"></td>"),
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
    out
}
