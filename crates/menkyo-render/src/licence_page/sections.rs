//! The parts of the page below the card face: what else the chip holds (本籍 …), validity, the
//! signature, the PINs and what was not read.

use menkyo_codec::date::{Validity, ValidityState};
use serde_json::Value;

use super::face::era;
use super::{field, source, text};
use crate::html::escape;

/// A row of a definition table: label, value (already HTML), source file.
fn row(label: &str, html: &str, source: Option<&str>) -> String {
    format!(
        "<tr><th>{}</th><td>{html}</td><td class=\"source\">{}</td></tr>\n",
        escape(label),
        source.map(escape).unwrap_or_default()
    )
}

/// 本籍, the other names, 性別, the classes held with their dates and the card data: what the
/// chip holds besides the card face.
pub fn chip(document: &Value) -> String {
    let mut rows = String::new();
    for (key, label) in [
        ("registered_domicile", "本籍"),
        ("name_reading", "呼び名"),
        ("alias", "通称名"),
        ("name_kana", "統一氏名(カナ)"),
        ("sex", "性別"),
    ] {
        if let Some(value) = text(document, key) {
            rows.push_str(&row(label, &escape(value), source(document, key)));
        }
    }
    let held: Vec<String> = field(document, "classes")
        .and_then(Value::as_array)
        .map(|classes| {
            classes
                .iter()
                .filter(|c| c.get("licensed").and_then(Value::as_bool) == Some(true))
                .map(|c| {
                    let name = c.get("name").and_then(Value::as_str).unwrap_or_default();
                    match c.get("since").and_then(Value::as_str) {
                        Some(since) => format!("{} {}", escape(name), date(since)),
                        None => escape(name),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    if field(document, "classes").is_some() {
        let held = if held.is_empty() {
            "なし".to_owned()
        } else {
            held.join("、")
        };
        rows.push_str(&row("免許の種類", &held, source(document, "classes")));
    }
    if let Some(card) = field(document, "card_data") {
        let get = |key: &str| card.get(key).and_then(Value::as_str).unwrap_or("–");
        rows.push_str(&row(
            "共通データ要素",
            &format!(
                "仕様バージョン {}、IC交付 {}、IC有効期限 {}",
                escape(get("spec_version")),
                date(get("issued_on")),
                date(get("expires_on"))
            ),
            source(document, "card_data"),
        ));
    }
    if rows.is_empty() {
        return String::new();
    }
    format!(
        "<section class=\"chip\"><h2>ICチップの記載事項</h2>\n<table>\n{rows}</table></section>\n"
    )
}

/// A date as `2010-06-01 (平成22年06月01日)`; other text escaped.
fn date(iso: &str) -> String {
    match iso.parse() {
        Ok(d) => format!("{iso} ({})", era(d)),
        Err(_) => escape(iso),
    }
}

/// Valid, in 更新期間 or expired on the day.
pub fn validity(document: &Value) -> String {
    let parsed = document
        .get("validity")
        .cloned()
        .and_then(|v| serde_json::from_value::<Validity>(v).ok());
    let Some(v) = parsed else {
        return "<section class=\"validity unknown\"><h2>有効性</h2>\
                <p>有効期間の末日を読み取らなかったため、わかりません (not read).</p></section>\n"
            .to_owned();
    };
    let (class, state) = match v.state {
        ValidityState::Valid => ("valid", "有効"),
        ValidityState::RenewalPeriod => ("renewal", "有効・更新期間中"),
        ValidityState::Expired => ("expired", "失効"),
    };
    format!(
        "<section class=\"validity {class}\"><h2>有効性 <span class=\"state\">{state}</span> \
         <span class=\"today\">{} 現在</span></h2>\n<p>{}</p></section>\n",
        v.today,
        escape(&v.describe())
    )
}

/// The signature's verdict, what it covered and who signed.
pub fn signature(document: &Value) -> String {
    let Some(s) = document.get("signature") else {
        return String::new();
    };
    let get = |key: &str| s.get(key).and_then(Value::as_str).unwrap_or_default();
    let verdict = get("verdict");
    let (class, words) = match verdict {
        "valid" => ("valid", "有効 (valid)"),
        "invalid" => (
            "expired",
            "無効 (invalid): the data does not match the signature",
        ),
        _ => ("renewal", "検証できず (unverifiable)"),
    };
    let mut out = format!(
        "<section class=\"signature\"><h2>電子署名 <span class=\"state {class}\">{}</span> \
         <span class=\"today\">{}</span></h2>\n<ul>\n",
        escape(words),
        escape(get("file"))
    );
    if !get("detail").is_empty() {
        out.push_str(&format!("<li>{}</li>\n", escape(get("detail"))));
    }
    for part in items_of(s, "covered") {
        let part_get = |key: &str| scalar_of(part, key);
        out.push_str(&format!(
            "<li>署名対象 {} {}, {} bytes, SHA-256 <code>{}</code></li>\n",
            escape(&part_get("path")),
            escape(&part_get("name")),
            escape(&part_get("len")),
            escape(&part_get("sha256"))
        ));
    }
    if let Some(subject) = s
        .get("signer")
        .and_then(|x| x.get("subject"))
        .and_then(Value::as_str)
    {
        out.push_str(&format!("<li>署名者 {}</li>\n", escape(subject)));
    }
    if let Some(anchor) = s.get("anchor").and_then(Value::as_str) {
        out.push_str(&format!("<li>トラストアンカー {}</li>\n", escape(anchor)));
    }
    out.push_str("</ul></section>\n");
    out
}

/// Each PIN's tries as found before VERIFY.
pub fn pins(document: &Value) -> String {
    let items = items_of(document, "pins");
    if items.is_empty() {
        return String::new();
    }
    let mut out = String::from("<section class=\"pins\"><h2>暗証番号</h2>\n<ul>\n");
    for pin in items {
        let get = |key: &str| scalar_of(pin, key);
        let state = match get("state").as_str() {
            "tries-left" => format!("残り {} / {} 回", get("tries"), get("max_tries")),
            other => worded(other, PIN_STATES),
        };
        out.push_str(&format!(
            "<li>{}: {}</li>\n",
            escape(&get("name")),
            escape(&state)
        ));
    }
    out.push_str("</ul></section>\n");
    out
}

/// Files left out and why, and what lenient decoding let pass.
pub fn not_read(document: &Value) -> String {
    let (skipped, warnings) = (
        items_of(document, "skipped"),
        items_of(document, "warnings"),
    );
    if skipped.is_empty() && warnings.is_empty() {
        return String::new();
    }
    let mut out = String::from("<section class=\"not-read\"><h2>読み取らなかったもの</h2>\n<ul>\n");
    for file in skipped {
        let get = |key: &str| scalar_of(file, key);
        let why = match get("reason").as_str() {
            "pin-not-given" => format!("暗証番号が与えられなかった ({})", get("pin")),
            other => worded(other, SKIP_REASONS),
        };
        out.push_str(&format!(
            "<li>{} {}: {}</li>\n",
            escape(&get("file")),
            escape(&get("name")),
            escape(&why)
        ));
    }
    for warning in warnings {
        out.push_str(&format!(
            "<li class=\"warning\">{}</li>\n",
            escape(&scalar(warning))
        ));
    }
    out.push_str("</ul></section>\n");
    out
}

/// The words for a PIN's `state` (but `tries-left`, which shows the tries).
const PIN_STATES: &[(&str, &str)] = &[
    ("blocked", "閉塞 (blocked)"),
    ("verified", "照合済み (verified)"),
];

/// The words for a skipped file's `reason` (but `pin-not-given`, which names the PIN).
const SKIP_REASONS: &[(&str, &str)] = &[
    ("not-on-card", "カードにない (not on the card)"),
    ("refused", "カードが読み取りを拒否 (refused)"),
];

/// The words `words` give for `code`, or `code` itself.
fn worded(code: &str, words: &[(&str, &str)]) -> String {
    words
        .iter()
        .find(|(known, _)| *known == code)
        .map_or(code, |(_, word)| word)
        .to_owned()
}

/// The array `key` of `value`; empty when there is none.
fn items_of<'a>(value: &'a Value, key: &str) -> &'a [Value] {
    value
        .get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// `key` of `value` as [`scalar`] text; empty when absent.
fn scalar_of(value: &Value, key: &str) -> String {
    value.get(key).map(scalar).unwrap_or_default()
}

fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes_are_worded_and_others_shown_as_they_are() {
        assert_eq!(worded("blocked", PIN_STATES), "閉塞 (blocked)");
        assert_eq!(
            worded("refused", SKIP_REASONS),
            "カードが読み取りを拒否 (refused)"
        );
        assert_eq!(worded("refused", PIN_STATES), "refused");
    }
}
