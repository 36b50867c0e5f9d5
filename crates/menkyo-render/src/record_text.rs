//! `menkyo decode --format text` and `card show`: a record's document as a table of the spec's
//! Japanese label, the English JSON key and the value.

use menkyo_codec::records::json::Document;
use menkyo_codec::records::{labels, RecordKind};
use menkyo_codec::tlv::Mode;
use serde::Serialize;

use serde_json::Value;

use crate::classes::held_in_json as classes;
use crate::columns::{pad, width};

struct Row {
    japanese: String,
    key: String,
    value: String,
}

/// The table of a document.
pub fn render<T: Serialize>(kind: RecordKind, document: &Document<'_, T>) -> String {
    render_value(kind, &serde_json::to_value(document).unwrap_or(Value::Null))
}

/// The table of a file's content `bytes` decoded leniently as `kind`, with its warnings; with
/// `redacted`, its personal items masked and its warnings left out. A file that does not
/// decode is one line saying so.
pub fn of_bytes(kind: RecordKind, bytes: &[u8], redacted: bool) -> String {
    let Ok(decoded) = kind.decode(bytes, Mode::Lenient) else {
        return format!("{} ({}): does not decode\n", kind.file(), kind.name());
    };
    if !redacted {
        let document = Document::with_warnings(kind.name(), &decoded.record, &decoded.warnings);
        return render(kind, &document);
    }
    let mut value = serde_json::to_value(&decoded.record).unwrap_or_default();
    crate::redaction::record_document(kind, &mut value);
    render(kind, &Document::new(kind.name(), &value))
}

/// The table of a document read back as a value (redacted or not).
pub fn render_value(kind: RecordKind, value: &Value) -> String {
    let mut rows = Vec::new();
    if let Value::Object(entries) = &value {
        for (key, value) in entries {
            if key != "schema" && key != "kind" {
                collect(&mut rows, "", "", key, value);
            }
        }
    }
    let ja = rows.iter().map(|r| width(&r.japanese)).max().unwrap_or(0);
    let en = rows.iter().map(|r| width(&r.key)).max().unwrap_or(0);
    let mut out = format!("{} ({})\n", kind.file(), kind.name());
    for row in rows {
        let mut lines = row.value.lines();
        let first = lines.next().unwrap_or_default();
        out.push_str(pad(&row.japanese, ja).as_str());
        out.push_str("  ");
        out.push_str(pad(&row.key, en).as_str());
        out.push_str("  ");
        out.push_str(first);
        out.push('\n');
        for line in lines {
            out.push_str(&" ".repeat(ja + en + 4));
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn label(key: &str) -> String {
    let base = labels::japanese(key).unwrap_or("");
    if key.ends_with("_gaiji") {
        format!("{base}の外字")
    } else {
        base.to_owned()
    }
}

fn collect(rows: &mut Vec<Row>, ja_prefix: &str, key_prefix: &str, key: &str, value: &Value) {
    let japanese = match (ja_prefix.is_empty(), label(key)) {
        (true, ja) => ja,
        (false, ja) if ja.is_empty() => ja_prefix.to_owned(),
        (false, ja) => format!("{ja_prefix}・{ja}"),
    };
    let path = if key_prefix.is_empty() {
        key.to_owned()
    } else {
        format!("{key_prefix}.{key}")
    };
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                collect(rows, &japanese, &path, k, v);
            }
            if map.is_empty() {
                rows.push(Row {
                    japanese,
                    key: path,
                    value: "–".into(),
                });
            }
        }
        Value::Array(items) if key == "classes" => rows.push(Row {
            japanese,
            key: path,
            value: classes(items),
        }),
        Value::Array(items) if items.iter().all(|v| !matches!(v, Value::Object(_))) => {
            rows.push(Row {
                japanese,
                key: path,
                value: if items.is_empty() {
                    "–".into()
                } else {
                    items.iter().map(scalar).collect::<Vec<_>>().join(", ")
                },
            })
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                rows.push(Row {
                    japanese: japanese.clone(),
                    key: format!("{path}[{i}]"),
                    value: compact(item),
                });
            }
        }
        other => rows.push(Row {
            japanese,
            key: path,
            value: scalar(other),
        }),
    }
}

/// An object on one line (`tag=3A value=ABCD`); a glyph's rows below it.
fn compact(value: &Value) -> String {
    let Value::Object(map) = value else {
        return scalar(value);
    };
    let mut line = Vec::new();
    let mut below = Vec::new();
    for (k, v) in map {
        match v {
            Value::Array(rows) if k == "rows" => below.extend(rows.iter().map(scalar)),
            Value::Array(items) => {
                let items: Vec<String> = items.iter().map(compact).collect();
                line.push(format!("{k}=[{}]", items.join(", ")));
            }
            Value::Object(_) => line.push(format!("{k}={{{}}}", compact(v))),
            v => line.push(format!("{k}={}", scalar(v))),
        }
    }
    let mut out = line.join(" ");
    for row in below {
        out.push('\n');
        out.push_str(&row);
    }
    out
}

fn scalar(value: &Value) -> String {
    leaf(value).unwrap_or_else(|| compact(value))
}

/// A JSON scalar as a table shows it: `–` for null, `yes`/`no`, strings and numbers as they
/// are; `None` for lists and objects.
pub(crate) fn leaf(value: &Value) -> Option<String> {
    Some(match value {
        Value::Null => "–".into(),
        Value::Bool(true) => "yes".into(),
        Value::Bool(false) => "no".into(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Array(_) | Value::Object(_) => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_a_table_or_says_it_does_not_decode() {
        let image = menkyo_emulator::samples::get("ic-licence").unwrap();
        let path = menkyo_codec::registry::DF1_EF01.path;
        let bytes = &image.files[path].0;
        let kind = menkyo_codec::registry::kind_of(path).unwrap();
        let plain = of_bytes(kind, bytes, false);
        let masked = of_bytes(kind, bytes, true);
        assert!(plain.contains("氏名") && masked.contains("氏名"), "{plain}");
        assert_ne!(plain, masked);
        let broken = RecordKind::ALL
            .iter()
            .find(|k| k.decode(&[0xFF], Mode::Lenient).is_err())
            .unwrap();
        assert!(of_bytes(*broken, &[0xFF], true).ends_with("): does not decode\n"));
    }
}
