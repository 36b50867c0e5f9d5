//! `menkyo read --format html`: one self-contained HTML page of a licence read, laid out as the
//! card face (氏名, 生年月日, 住所, 交付, 有効期間の末日 on its colour band, 免許の条件等, 番号,
//! 免許の年月日, 免許の種類, 公安委員会, 写真), then 本籍 and what else the chip holds, whether
//! the licence is valid on the day, the signature, the PINs' tries and what was not read.
//!
//! The page is made from the licence document as `menkyo read --format json` prints it
//! (`docs/json.md`), redacted or not, so `--redact` masks the page as it masks JSON. It loads
//! nothing (styles inline, the portrait a PNG `data:` URL) and prints on one A4 page.

mod face;
mod sections;

use menkyo_client::{LicenceRead, LicenceView};
use serde_json::Value;

use crate::html::escape;

/// The page's style sheet.
const STYLE: &str = include_str!("licence_page/style.css");

/// The page of the licence `view` of `read`, its portrait converted to PNG, or left out when
/// `redacted`.
pub fn of_read(read: &LicenceRead, view: &LicenceView, redacted: bool) -> String {
    let portrait = read
        .photo()
        .filter(|_| !redacted)
        .and_then(|photo| crate::portrait::to_png(photo.as_bytes()).ok());
    let document = serde_json::to_value(view).unwrap_or_default();
    render(&document, view.card.describe(), portrait.as_deref())
}

/// The HTML page of a licence `document` (`menkyo/1`, kind `licence`, with `validity` and
/// `signature`), under `heading` (which card it is), with the portrait decoded to PNG where
/// there is one to show.
pub fn render(document: &Value, heading: &str, portrait_png: Option<&[u8]>) -> String {
    let title = match text(document, "name") {
        Some(name) => format!("運転免許証 {name}"),
        None => "運転免許証".to_owned(),
    };
    let mut body = String::new();
    body.push_str(&format!(
        "<header><h1>{}</h1><p class=\"card-kind\">{}</p></header>\n",
        escape(&title),
        escape(heading)
    ));
    body.push_str(&face::card(document, portrait_png));
    body.push_str(&sections::chip(document));
    body.push_str(&sections::validity(document));
    body.push_str(&sections::signature(document));
    body.push_str(&sections::pins(document));
    body.push_str(&sections::not_read(document));
    format!(
        "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <link rel=\"icon\" href=\"data:,\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n\
         </head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
        escape(&title)
    )
}

/// The `value` of field `key` (`{"value": …, "source": …}`), if read.
fn field<'a>(document: &'a Value, key: &str) -> Option<&'a Value> {
    document.get(key)?.get("value")
}

/// The text `value` of field `key`, if read and not empty.
fn text<'a>(document: &'a Value, key: &str) -> Option<&'a str> {
    field(document, key)?.as_str().filter(|s| !s.is_empty())
}

/// The `source` file of field `key`.
fn source<'a>(document: &'a Value, key: &str) -> Option<&'a str> {
    document.get(key)?.get("source")?.as_str()
}

#[cfg(test)]
mod tests;
