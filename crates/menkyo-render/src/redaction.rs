//! `--redact`: name, address, birth date, numbers and photo masked, in the bytes of a file, in the licence
//! view and in the JSON documents of records, so output can be shared in a bug report.
//!
//! Which items of a file are personal, and how each is masked in bytes, is the card registry's
//! ([`menkyo_codec::registry::File::personal`]). In bytes, a masked value keeps its length and
//! tag: JIS X 0208 text becomes `＊` (`21 76`)
//! per character, digits and UTF-8 text `*`, the photo zero bytes. In documents, such a value
//! becomes `"[redacted]"`, and so do the SHA-256 of the photo and of the files a signature
//! covers.

use menkyo_codec::records::{ChangeEntry, RecordKind, Text0208};
use menkyo_codec::registry::{self, File, Mask, Personal};

use menkyo_client::{LicenceView, Redactable, Sourced};
use serde_json::Value;

/// What a masked string reads.
pub const MASK: &str = menkyo_client::view::REDACTED;

/// JSON keys whose values are masked in documents.
const KEYS: [&str; 15] = [
    "latest_address",
    "changes",
    "domicile_changes",
    "entries",
    "name",
    "birth_date",
    "name_reading",
    "alias",
    "name_kana",
    "address",
    "registered_domicile",
    "number",
    "reference_number",
    "my_number",
    "label",
];

/// JSON keys whose objects hold digests of personal data: the photo, and the files a
/// signature covers.
const DIGESTS: [&str; 2] = ["photo", "covered"];

/// JSON keys whose objects name other things (licence classes, PINs, files) and hold nothing
/// personal.
const NOT_PERSONAL: [&str; 4] = ["classes", "pins", "skipped", "files"];

/// JIS X 0208 `＊` (row 1, cell 86).
const JIS_ASTERISK: [u8; 2] = [0x21, 0x76];

fn fill(value: &mut [u8], mask: Mask) {
    match mask {
        Mask::Zero => value.fill(0),
        Mask::Ascii => value.fill(b'*'),
        Mask::Jis => {
            for (i, b) in value.iter_mut().enumerate() {
                *b = JIS_ASTERISK[i % 2];
            }
        }
    }
}

/// The bytes of the file at `path` with the items the registry marks personal masked; bytes of
/// a file the registry does not know are returned as they are.
pub fn file(path: &str, bytes: &[u8]) -> Vec<u8> {
    match registry::file(path) {
        Some(file) => masked(file, bytes),
        None => bytes.to_vec(),
    }
}

/// The content of a file of `kind` with its personal items masked (the registry's file of that
/// kind says which). Bytes that do not parse as the kind's TLV are masked whole.
pub fn record(kind: RecordKind, bytes: &[u8]) -> Vec<u8> {
    match registry::file_of(kind) {
        Some(file) => masked(file, bytes),
        None => bytes.to_vec(),
    }
}

fn masked(file: &File, bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    match file.personal_items(bytes) {
        Some(items) => {
            for item in items {
                if let Some(value) = out.get_mut(item.start..item.start.saturating_add(item.len)) {
                    fill(value, item.mask);
                }
            }
        }
        None if file.personal != Personal::Nothing => fill(&mut out, Mask::Zero),
        None => {}
    }
    out
}

/// Masks the personal items of a licence view: 氏名 and its readings, 生年月日, 住所 (the latest
/// and each change record's), 本籍 (each change record's too), the numbers, and the digests of the photo and of the files the signature covers.
pub fn licence(view: &mut LicenceView) {
    for field in [
        &mut view.name,
        &mut view.name_reading,
        &mut view.alias,
        &mut view.name_kana,
        &mut view.address,
        &mut view.registered_domicile,
        &mut view.number,
        &mut view.reference_number,
        &mut view.latest_address,
    ] {
        mask(field);
    }
    for records in [&mut view.changes, &mut view.domicile_changes]
        .into_iter()
        .flatten()
    {
        records.value.retain_mut(mask_change);
    }
    if let Some(birth_date) = &mut view.birth_date {
        birth_date.value = Redactable::Redacted;
    }
    if let Some(photo) = &mut view.photo {
        photo.value.sha256 = MASK.to_owned();
    }
    if let Some(report) = &mut view.signature {
        for part in &mut report.covered {
            part.sha256 = MASK.to_owned();
        }
    }
}

/// Masks the new value and the 公安委員会 of a change record as in its bytes (`＊` per
/// character); `false` (drop the record) if the mask cannot be made.
fn mask_change(record: &mut ChangeEntry) -> bool {
    let masked = |text: &Text0208| Text0208::new(&"＊".repeat(text.as_str().chars().count()));
    match (masked(&record.value), masked(&record.commission)) {
        (Ok(value), Ok(commission)) => {
            record.value = value;
            record.commission = commission;
            true
        }
        _ => false,
    }
}

fn mask(field: &mut Option<Sourced<String>>) {
    if let Some(field) = field {
        field.value = MASK.to_owned();
    }
}

/// Masks the personal values of a record's JSON document in place.
pub fn document(value: &mut Value) {
    match value {
        Value::Object(entries) => {
            for (key, v) in entries.iter_mut() {
                if NOT_PERSONAL.contains(&key.as_str()) {
                    continue;
                }
                if KEYS.contains(&key.as_str()) {
                    mask_value(v);
                } else if DIGESTS.contains(&key.as_str()) {
                    mask_digests(v);
                } else {
                    document(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(document),
        _ => {}
    }
}

fn mask_value(value: &mut Value) {
    match value {
        Value::Null => {}
        Value::Object(entries) if entries.iter().any(|(k, _)| k == "source") => {
            for (k, v) in entries.iter_mut() {
                if k == "value" {
                    mask_value(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(mask_value),
        other => *other = Value::String(MASK.to_owned()),
    }
}

fn mask_digests(value: &mut Value) {
    match value {
        Value::Object(entries) => {
            for (k, v) in entries.iter_mut() {
                if k == "sha256" || k == "hex" {
                    *v = Value::String(MASK.to_owned());
                } else {
                    mask_digests(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(mask_digests),
        _ => {}
    }
}
