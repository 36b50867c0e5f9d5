//! `--redact`: name, address, birth date, numbers and photo masked, in the bytes of a file, in the licence
//! view and in the JSON documents of records, so output can be shared in a bug report.
//!
//! Which items of a file are personal, and how each is masked in bytes, is the card registry's
//! ([`menkyo_codec::registry::File::personal`]). In bytes, a masked value keeps its length and
//! tag: JIS X 0208 text becomes `＊` (`21 76`)
//! per character, digits and UTF-8 text `*`, the photo zero bytes. In the JSON document of a
//! record, the registry also says which keys hold those items
//! ([`menkyo_codec::registry::personal_keys`]): such a value becomes `"[redacted]"`, and so does
//! the SHA-256 of the photo; in the licence view, the SHA-256 of the files a signature covers
//! too.

use menkyo_codec::records::{ChangeEntry, RecordKind, Text0208};
use menkyo_codec::registry::{self, File, Mask, Personal};

use menkyo_client::{LicenceView, Redactable, Sourced};
use serde_json::Value;

/// What a masked string reads.
pub const MASK: &str = menkyo_client::view::REDACTED;

/// Keys of a card image's summary masked whole that are no registry fact: `label` is the
/// image's own description of its holder (`見本 花子: SYNTHETIC …`), no item of a card; `changes`
/// holds DF1/EF04's record, whose change records alone are personal (`entries`), but the summary
/// has always shown it masked whole, its 追記の有無 with it.
const CARD_IMAGE_KEYS: [&str; 2] = ["label", "changes"];

/// The glyph number of a 外字 (which glyph of DF1/EF03 or EF05 a character is), in the
/// entries of a `<field>_gaiji` list and of `glyphs`. No registry fact: the registry marks
/// items, and a glyph number belongs to the 外字 of any text (氏名, 住所, 本籍, 条件) and to the
/// glyph files, none of which it marks as a whole. Masked in every record as `--redact` always
/// has, so its output stays as documented.
const GLYPH_NUMBER: (&str, Masking) = ("number", Masking::Value);

/// Keys of a card image's summary not searched for personal keys: 免許の種類 lists each class
/// under `name` (`大型`), which is no 氏名.
const NOT_PERSONAL: [&str; 1] = ["classes"];

/// How a personal value is masked in a document.
#[derive(Clone, Copy)]
enum Masking {
    /// The value reads [`MASK`] (each element of a list).
    Value,
    /// A binary item (the photo) is shown by its length and digest: the digest reads [`MASK`].
    Digest,
}

impl From<Mask> for Masking {
    fn from(mask: Mask) -> Self {
        match mask {
            Mask::Zero => Masking::Digest,
            Mask::Jis | Mask::Ascii => Masking::Value,
        }
    }
}

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

/// Masks the personal items of the JSON document of a record of `kind` in place (the
/// document `menkyo decode` prints, or the record's fields alone): the values under the keys
/// of [`registry::personal_keys`], and the glyph number of each 外字.
pub fn record_document(kind: RecordKind, value: &mut Value) {
    if let Value::Object(entries) = value {
        for key in registry::personal_keys(kind) {
            mask_key(entries, key.key, key.mask.into());
        }
        for (key, value) in entries.iter_mut() {
            if key.ends_with("_gaiji") || key == "glyphs" {
                mask_everywhere(value, &[GLYPH_NUMBER]);
            }
        }
    }
}

/// Masks a card image's summary (`card show --format json`) in place: every record in it by
/// the keys of [`registry::personal_keys`] of every kind (the summary does not say which
/// record is of which kind), and its `label`.
pub fn card_image(value: &mut Value) {
    let mut keys: Vec<(&str, Masking)> = CARD_IMAGE_KEYS
        .iter()
        .map(|key| (*key, Masking::Value))
        .collect();
    for kind in RecordKind::ALL {
        for key in registry::personal_keys(*kind) {
            if keys.iter().all(|(k, _)| *k != key.key) {
                keys.push((key.key, key.mask.into()));
            }
        }
    }
    mask_everywhere(value, &keys);
}

fn mask_everywhere(value: &mut Value, keys: &[(&str, Masking)]) {
    match value {
        Value::Object(entries) => {
            for (key, masking) in keys {
                mask_key(entries, key, *masking);
            }
            for (key, v) in entries.iter_mut() {
                if !NOT_PERSONAL.contains(&key.as_str()) && keys.iter().all(|(k, _)| k != key) {
                    mask_everywhere(v, keys);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| mask_everywhere(v, keys)),
        _ => {}
    }
}

/// Masks the value under `key` in `entries`; `a.b` is `b` inside the object under `a`.
fn mask_key(entries: &mut serde_json::Map<String, Value>, key: &str, masking: Masking) {
    match key.split_once('.') {
        Some((outer, inner)) => {
            if let Some(Value::Object(entries)) = entries.get_mut(outer) {
                mask_key(entries, inner, masking);
            }
        }
        None => match (entries.get_mut(key), masking) {
            (Some(value), Masking::Value) => mask_value(value),
            (Some(value), Masking::Digest) => mask_digests(value),
            (None, _) => {}
        },
    }
}

fn mask_value(value: &mut Value) {
    match value {
        Value::Null => {}
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
