//! `menkyo read --format text`: the licence view as a table of the spec's Japanese label, the
//! JSON key and the value; the signature's status, the PINs' tries and the files left out below
//! it.

use menkyo_codec::records::labels;

use super::ordered::Ordered;
use super::{classes, pad, width};
use crate::style;

struct Row {
    japanese: String,
    key: String,
    value: String,
}

/// The labels the codec's table lacks.
fn label(key: &str) -> &'static str {
    match key {
        "card_data" => "共通データ要素",
        "pins" => "暗証番号",
        "skipped" => "読み取らなかったファイル",
        "source" => "読取元",
        "covered" => "署名対象",
        "signer" => "署名者",
        "anchor" => "トラストアンカー",
        "latest_address" => "住所(最新)",
        "latest_conditions" => "免許の条件(最新)",
        "domicile_changes" => "記載事項変更(本籍)",
        _ => labels::japanese(key).unwrap_or(""),
    }
}

/// The table of a licence view (redacted or not).
pub fn render(view: &Ordered, heading: &str) -> String {
    let mut rows = Vec::new();
    if let Ordered::Object(entries) = view {
        for (key, value) in entries {
            match key.as_str() {
                "schema" | "kind" | "card" => {}
                "pins" => pins(&mut rows, value),
                "signature" => signature(&mut rows, value),
                "skipped" => skipped(&mut rows, value),
                _ => field(&mut rows, key, sourced(value)),
            }
        }
    }
    table(heading, &rows)
}

/// A table of rows under a heading.
fn table(heading: &str, rows: &[Row]) -> String {
    let ja = rows.iter().map(|r| width(&r.japanese)).max().unwrap_or(0);
    let en = rows.iter().map(|r| width(&r.key)).max().unwrap_or(0);
    let mut out = format!("{}\n", style::bold(heading));
    for row in rows {
        out.push_str(&pad(&row.japanese, ja));
        out.push_str("  ");
        out.push_str(&style::dim(&pad(&row.key, en)));
        out.push_str("  ");
        out.push_str(&row.value);
        out.push('\n');
    }
    out
}

fn sourced(value: &Ordered) -> &Ordered {
    value.get("value").unwrap_or(value)
}

fn field(rows: &mut Vec<Row>, key: &str, value: &Ordered) {
    let row = |japanese: String, key: String, value: String| Row {
        japanese,
        key,
        value,
    };
    match (key, value) {
        (_, Ordered::Null) => {}
        (_, Ordered::String(s)) if s.is_empty() => {}
        ("classes", Ordered::Array(items)) => {
            rows.push(row(label(key).into(), key.into(), classes(items)))
        }
        ("photo", _) => rows.push(row(label(key).into(), key.into(), photo(value))),
        ("changes" | "domicile_changes", Ordered::Array(items)) => {
            for item in items {
                rows.push(row(label(key).into(), key.into(), change(item)));
            }
        }
        ("warnings", Ordered::Array(items)) => {
            for item in items {
                rows.push(row(
                    label(key).into(),
                    key.into(),
                    style::warn(&scalar(item)),
                ));
            }
        }
        (_, Ordered::Object(entries)) => {
            for (sub, v) in entries {
                if matches!(v, Ordered::Null) {
                    continue;
                }
                rows.push(row(
                    format!("{}・{}", label(key), label(sub)),
                    format!("{key}.{sub}"),
                    scalar(v),
                ));
            }
        }
        (_, Ordered::Array(items)) if items.is_empty() => {}
        (_, Ordered::Array(items)) => rows.push(row(
            label(key).into(),
            key.into(),
            items.iter().map(scalar).collect::<Vec<_>>().join("、"),
        )),
        _ => rows.push(row(label(key).into(), key.into(), scalar(value))),
    }
}

/// One change record: `新住所 2023-10-02 見本県見本市二丁目 (見本県公安)`.
fn change(item: &Ordered) -> String {
    if !matches!(item, Ordered::Object(_)) {
        return scalar(item);
    }
    let part = |k: &str| item.get(k).map(scalar).unwrap_or_default();
    format!(
        "{} {} {} ({})",
        part("kind_name"),
        part("changed_on"),
        part("value"),
        part("commission")
    )
}

/// The verdict with its reason, each covered file, the signer and the trust anchor.
fn signature(rows: &mut Vec<Row>, value: &Ordered) {
    let row = |sub: &str, value: String| {
        let (japanese, key) = match sub {
            "" => (label("signature").to_owned(), "signature".to_owned()),
            _ => (
                format!("{}・{}", label("signature"), label(sub)),
                format!("signature.{sub}"),
            ),
        };
        Row {
            japanese,
            key,
            value,
        }
    };
    let field = |key: &str| value.get(key).map(scalar).unwrap_or_default();
    let (verdict, file) = (field("verdict"), field("file"));
    let verdict = match verdict.as_str() {
        "valid" => style::good(&format!("valid ({file})")),
        "invalid" => style::bad(&format!(
            "invalid ({file}): the data does not match the signature"
        )),
        other => {
            let hint = match field("reason").as_str() {
                "no-trust-anchor" => "; check it with --trust FILE",
                _ => "",
            };
            style::warn(&format!("{other} ({file}): {}{hint}", field("detail")))
        }
    };
    rows.push(row("", verdict));
    if let Some(Ordered::Array(parts)) = value.get("covered") {
        for part in parts {
            let path = part.get("path").map(scalar).unwrap_or_default();
            let name = part.get("name").map(scalar).unwrap_or_default();
            let len = part.get("len").map(scalar).unwrap_or_default();
            let sha = part.get("sha256").map(scalar).unwrap_or_default();
            rows.push(row(
                "covered",
                format!("{path} {name}, {len} bytes, SHA-256 {}", short_digest(sha)),
            ));
        }
    }
    if let Some(subject) = value.get("signer").and_then(|s| s.get("subject")) {
        rows.push(row("signer", scalar(subject)));
    }
    if let Some(Ordered::String(anchor)) = value.get("anchor") {
        rows.push(row("anchor", anchor.clone()));
    }
}

fn pins(rows: &mut Vec<Row>, value: &Ordered) {
    let Ordered::Array(items) = value else {
        return;
    };
    for pin in items {
        let name = pin.get("name").map(scalar).unwrap_or_default();
        let max = pin.get("max_tries").map(scalar).unwrap_or_default();
        let state = match (pin.get("state").map(scalar).as_deref(), pin.get("tries")) {
            (Some("tries-left"), Some(tries)) => {
                super::tries_left_of(scalar(tries), max.parse().unwrap_or_default())
            }
            (Some("blocked"), _) => style::bad("blocked (閉塞)"),
            (Some("verified"), _) => "verified".to_owned(),
            (other, _) => other.unwrap_or_default().to_owned(),
        };
        rows.push(Row {
            japanese: label("pins").into(),
            key: "pins".into(),
            value: format!("{name}: {state}"),
        });
    }
}

fn skipped(rows: &mut Vec<Row>, value: &Ordered) {
    let Ordered::Array(items) = value else {
        return;
    };
    for file in items {
        let path = file.get("file").map(scalar).unwrap_or_default();
        let name = file.get("name").map(scalar).unwrap_or_default();
        let why = match file.get("reason").map(scalar).as_deref() {
            Some("pin-not-given") => {
                let pin = file.get("pin").map(scalar).unwrap_or_default();
                format!("{} not given", pin_name(&pin))
            }
            Some("not-on-card") => "not on the card".to_owned(),
            Some("refused") => "the card refused the read".to_owned(),
            other => other.unwrap_or_default().to_owned(),
        };
        rows.push(Row {
            japanese: label("skipped").into(),
            key: "skipped".into(),
            value: style::dim(&format!("{path} {name}: {why}")),
        });
    }
}

/// The spec's name of a PIN from its JSON id.
fn pin_name(id: &str) -> &str {
    match id {
        "ic-pin1" => "暗証番号1 (PIN1)",
        "ic-pin2" => "暗証番号2 (PIN2)",
        "licence-ap" => "免許APの暗証番号",
        "basic-info" => "券面事項入力補助用暗証番号 (--basic-info)",
        other => other,
    }
}

fn photo(value: &Ordered) -> String {
    let format = value.get("format").map(scalar).unwrap_or_default();
    let length = value.get("length").map(scalar).unwrap_or_default();
    let sha = value.get("sha256").map(scalar).unwrap_or_default();
    format!("{format}, {length} bytes, SHA-256 {}", short_digest(sha))
}

/// The first 16 hex digits of a SHA-256 and `…`; anything else (`[redacted]`) as it is.
fn short_digest(sha: String) -> String {
    match sha.get(..16) {
        Some(start) if sha.len() == 64 => format!("{start}…"),
        _ => sha,
    }
}

fn scalar(value: &Ordered) -> String {
    match value {
        Ordered::Null => "–".into(),
        Ordered::Bool(true) => "yes".into(),
        Ordered::Bool(false) => "no".into(),
        Ordered::String(s) | Ordered::Number(s) => s.clone(),
        Ordered::Array(items) => items.iter().map(scalar).collect::<Vec<_>>().join(", "),
        Ordered::Object(entries) => entries
            .iter()
            .map(|(k, v)| format!("{k}={}", scalar(v)))
            .collect::<Vec<_>>()
            .join(" "),
    }
}
