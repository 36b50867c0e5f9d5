//! `menkyo read --format text`: the licence view as a table of the spec's Japanese label, the
//! JSON key and the value; the signature's status, the PINs' tries and the files left out below
//! it.

use menkyo_auth::{Report, Unverifiable, Verdict};
use menkyo_client::{LicenceView, PinId, PinState, PinStatus, SkipReason, Skipped, Sourced};
use menkyo_codec::date::{Validity, ValidityState};
use menkyo_codec::records::{labels, ChangeEntry};
use serde::Serialize;
use serde_json::Value;

use crate::columns::{pad, tries_left_of, width};
use crate::record_text::leaf;
use crate::style::Style;

struct Row {
    japanese: String,
    key: String,
    value: String,
}

impl Row {
    fn new(japanese: impl Into<String>, key: impl Into<String>, value: String) -> Self {
        Row {
            japanese: japanese.into(),
            key: key.into(),
            value,
        }
    }
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
        "validity" => "有効性",
        "latest_address" => "住所(最新)",
        "latest_conditions" => "免許の条件(最新)",
        "domicile_changes" => "記載事項変更(本籍)",
        _ => labels::japanese(key).unwrap_or(""),
    }
}

/// The value of a field as JSON, for the items of the codec's records.
fn json<T: Serialize>(field: &Option<Sourced<T>>) -> Option<Value> {
    field
        .as_ref()
        .and_then(|f| serde_json::to_value(&f.value).ok())
}

/// The table of a licence view (redacted or not), under `heading`.
pub fn render(view: &LicenceView, heading: &str, style: Style) -> String {
    let mut rows = Vec::new();
    let fields = [
        ("name", json(&view.name)),
        ("name_reading", json(&view.name_reading)),
        ("alias", json(&view.alias)),
        ("name_kana", json(&view.name_kana)),
        ("birth_date", json(&view.birth_date)),
        ("sex", json(&view.sex)),
        ("address", json(&view.address)),
        ("registered_domicile", json(&view.registered_domicile)),
        ("number", json(&view.number)),
        ("issued_on", json(&view.issued_on)),
        ("expires_on", json(&view.expires_on)),
        ("color_class", json(&view.color_class)),
        ("conditions", json(&view.conditions)),
        ("commission", json(&view.commission)),
        ("reference_number", json(&view.reference_number)),
        ("licensed_on", json(&view.licensed_on)),
    ];
    for (key, value) in fields {
        field(&mut rows, key, value.as_ref());
    }
    if view.classes.is_some() {
        rows.push(Row::new(
            label("classes"),
            "classes",
            crate::classes::held(view.classes_held()),
        ));
    }
    if let Some(photo) = &view.photo {
        let photo = &photo.value;
        rows.push(Row::new(
            label("photo"),
            "photo",
            format!(
                "{}, {} bytes, SHA-256 {}",
                photo.format,
                photo.length,
                short_digest(&photo.sha256)
            ),
        ));
    }
    field(&mut rows, "card_data", json(&view.card_data).as_ref());
    field(
        &mut rows,
        "latest_address",
        json(&view.latest_address).as_ref(),
    );
    field(
        &mut rows,
        "latest_conditions",
        json(&view.latest_conditions).as_ref(),
    );
    for (key, records) in [
        ("changes", &view.changes),
        ("domicile_changes", &view.domicile_changes),
    ] {
        for record in records.iter().flat_map(|r| &r.value) {
            rows.push(Row::new(label(key), key, change(record)));
        }
    }
    if let Some(Some(validity)) = &view.validity {
        rows.push(validity_row(validity, style));
    }
    if let Some(report) = &view.signature {
        signature(&mut rows, report, style);
    }
    pins(&mut rows, &view.pins, style);
    skipped(&mut rows, &view.skipped, style);
    for warning in &view.warnings {
        rows.push(Row::new(label("warnings"), "warnings", style.warn(warning)));
    }
    table(heading, &rows, style)
}

/// One change record: `新住所 2023-10-02 見本県見本市二丁目 (見本県公安)`.
fn change(record: &ChangeEntry) -> String {
    format!(
        "{} {} {} ({})",
        record.kind.name(),
        record
            .changed_on
            .date()
            .map_or_else(String::new, |d| d.to_string()),
        record.value.as_str(),
        record.commission.as_str()
    )
}

/// Valid, in 更新期間 or expired, in one line.
fn validity_row(validity: &Validity, style: Style) -> Row {
    let line = validity.describe();
    let value = match validity.state {
        ValidityState::Valid => line,
        ValidityState::RenewalPeriod => style.warn(&line),
        ValidityState::Expired => style.bad(&line),
    };
    Row::new(label("validity"), "validity", value)
}

/// A table of rows under a heading.
fn table(heading: &str, rows: &[Row], style: Style) -> String {
    let ja = rows.iter().map(|r| width(&r.japanese)).max().unwrap_or(0);
    let en = rows.iter().map(|r| width(&r.key)).max().unwrap_or(0);
    let mut out = format!("{}\n", style.bold(heading));
    for row in rows {
        out.push_str(&pad(&row.japanese, ja));
        out.push_str("  ");
        out.push_str(&style.dim(&pad(&row.key, en)));
        out.push_str("  ");
        out.push_str(&row.value);
        out.push('\n');
    }
    out
}

fn field(rows: &mut Vec<Row>, key: &str, value: Option<&Value>) {
    match value {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) if s.is_empty() => {}
        Some(Value::Object(entries)) => {
            for (sub, v) in entries {
                if v.is_null() {
                    continue;
                }
                rows.push(Row::new(
                    format!("{}・{}", label(key), label(sub)),
                    format!("{key}.{sub}"),
                    scalar(v),
                ));
            }
        }
        Some(Value::Array(items)) if items.is_empty() => {}
        Some(Value::Array(items)) => rows.push(Row::new(
            label(key),
            key,
            items.iter().map(scalar).collect::<Vec<_>>().join("、"),
        )),
        Some(value) => rows.push(Row::new(label(key), key, scalar(value))),
    }
}

/// The verdict with its reason, each covered file, the signer and the trust anchor.
fn signature(rows: &mut Vec<Row>, report: &Report, style: Style) {
    let row = |sub: &str, value: String| match sub {
        "" => Row::new(label("signature"), "signature", value),
        _ => Row::new(
            format!("{}・{}", label("signature"), label(sub)),
            format!("signature.{sub}"),
            value,
        ),
    };
    let file = report.card.security_file().map_or("", |f| f.path);
    let verdict = match &report.verdict {
        Verdict::Valid => style.good(&format!("valid ({file})")),
        Verdict::Invalid => style.bad(&format!(
            "invalid ({file}): the data does not match the signature"
        )),
        Verdict::Unverifiable(why) => {
            let hint = match why {
                Unverifiable::NoTrustAnchor => "; check it with --trust FILE",
                _ => "",
            };
            style.warn(&format!("unverifiable ({file}): {why}{hint}"))
        }
    };
    rows.push(row("", verdict));
    for part in &report.covered {
        rows.push(row(
            "covered",
            format!(
                "{} {}, {} bytes, SHA-256 {}",
                part.path,
                part.name,
                part.len,
                short_digest(&part.sha256)
            ),
        ));
    }
    if let Some(signer) = &report.signer {
        rows.push(row(
            "signer",
            signer.subject.clone().unwrap_or_else(|| "–".to_owned()),
        ));
    }
    if let Some(anchor) = &report.anchor {
        rows.push(row("anchor", anchor.clone()));
    }
}

fn pins(rows: &mut Vec<Row>, pins: &[PinStatus], style: Style) {
    for pin in pins {
        let state = match pin.state {
            PinState::TriesLeft { tries } => tries_left_of(tries, usize::from(pin.max_tries)),
            PinState::Blocked => style.bad("blocked (閉塞)"),
            PinState::Verified => "verified".to_owned(),
        };
        rows.push(Row::new(
            label("pins"),
            "pins",
            format!("{}: {state}", pin.name),
        ));
    }
}

fn skipped(rows: &mut Vec<Row>, skipped: &[Skipped], style: Style) {
    for file in skipped {
        let why = match file.reason {
            SkipReason::PinNotGiven { pin } => format!("{} not given", pin_name(pin)),
            SkipReason::NotOnCard => "not on the card".to_owned(),
            SkipReason::Refused => "the card refused the read".to_owned(),
        };
        rows.push(Row::new(
            label("skipped"),
            "skipped",
            style.dim(&format!("{} {}: {why}", file.file, file.name)),
        ));
    }
}

/// The spec's name of a PIN, with the option that asks for it where there is one.
fn pin_name(pin: PinId) -> String {
    match pin {
        PinId::IcPin1 => "暗証番号1 (PIN1)".to_owned(),
        PinId::IcPin2 => "暗証番号2 (PIN2)".to_owned(),
        PinId::LicenceAp => "免許APの暗証番号".to_owned(),
        PinId::BasicInfo => "券面事項入力補助用暗証番号 (--basic-info)".to_owned(),
        other => serde_json::to_value(other)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
    }
}

/// The first 16 hex digits of a SHA-256 and `…`; anything else (`[redacted]`) as it is.
fn short_digest(sha: &str) -> String {
    match sha.get(..16) {
        Some(start) if sha.len() == 64 => format!("{start}…"),
        _ => sha.to_owned(),
    }
}

/// A value on one line: lists joined with `, `, objects as `k=v`.
fn scalar(value: &Value) -> String {
    if let Some(text) = leaf(value) {
        return text;
    }
    match value {
        Value::Array(items) => items.iter().map(scalar).collect::<Vec<_>>().join(", "),
        Value::Object(entries) => entries
            .iter()
            .map(|(k, v)| format!("{k}={}", scalar(v)))
            .collect::<Vec<_>>()
            .join(" "),
        _ => String::new(),
    }
}
