//! `--redact`: name, address, numbers and photo masked, in the bytes of a file and in the JSON
//! documents, so output can be shared in a bug report.
//!
//! In bytes, a masked value keeps its length and tag: JIS X 0208 text becomes `＊` (`21 76`)
//! per character, digits and UTF-8 text `*`, the photo zero bytes. In documents, such a value
//! becomes `"[redacted]"`, and so do the SHA-256 of the photo and of the files a signature
//! covers.

use menkyo_codec::records::RecordKind;
use menkyo_codec::registry::{self, Mask};
use menkyo_codec::tlv::ber::{self, Limits, Tlv};
use menkyo_codec::tlv::{simple, Mode};

use crate::files::kind_of;
use crate::render::ordered::Ordered;

/// What a masked string reads.
pub const MASK: &str = "[redacted]";

/// JSON keys whose values are masked in documents.
const KEYS: [&str; 14] = [
    "latest_address",
    "changes",
    "domicile_changes",
    "entries",
    "name",
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

/// How the item with `tag` in a file of `kind` is masked: the registry's personal items.
fn mask_for(kind: RecordKind, tag: u16) -> Option<Mask> {
    registry::file_of(kind)?.personal.mask(tag)
}

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

/// The bytes of the file at `path` with its personal items masked. Bytes that do not parse
/// as the file's TLV are masked whole.
pub fn file(path: &str, bytes: &[u8]) -> Vec<u8> {
    match kind_of(path) {
        Some(kind) => record(kind, bytes),
        None => bytes.to_vec(),
    }
}

/// The content of a file of `kind` with its personal items masked. Bytes that do not parse as
/// the kind's TLV are masked whole.
pub fn record(kind: RecordKind, bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let mut spans = Vec::new();
    match kind {
        RecordKind::IcRecord
        | RecordKind::IcDomicile
        | RecordKind::IcChanges
        | RecordKind::IcChangeDomicile => match simple::parse(bytes, Mode::Lenient) {
            Ok(parsed) => {
                for item in &parsed.items {
                    if let Some(mask) = mask_for(kind, u16::from(item.tag)) {
                        let start = item.offset + item.encoded_len() - item.value.len();
                        spans.push((start, item.value.len(), mask));
                    }
                }
            }
            Err(_) => spans.push((0, bytes.len(), Mask::Zero)),
        },
        RecordKind::IcPhoto
        | RecordKind::MynaRecord
        | RecordKind::MyNumber
        | RecordKind::BasicInfo => {
            match ber::parse_detailed(bytes, Mode::Lenient, Limits::default()) {
                Ok(parsed) => {
                    for object in &parsed.objects {
                        ber_spans(kind, object, &mut spans);
                    }
                }
                Err(_) => spans.push((0, bytes.len(), Mask::Zero)),
            }
        }
        _ => {}
    }
    for (start, len, mask) in spans {
        if let Some(value) = out.get_mut(start..start.saturating_add(len)) {
            fill(value, mask);
        }
    }
    out
}

fn ber_spans(kind: RecordKind, object: &Tlv<'_>, spans: &mut Vec<(usize, usize, Mask)>) {
    let tag = u16::try_from(object.tag().to_u32()).unwrap_or(0);
    if let (Some(mask), Some(offset), Some(raw), Some(value)) = (
        mask_for(kind, tag),
        object.offset(),
        object.raw(),
        object.value_bytes(),
    ) {
        spans.push((offset + raw.len() - value.len(), value.len(), mask));
        return;
    }
    for child in object.children() {
        ber_spans(kind, child, spans);
    }
}

/// Masks the personal values of a document in place.
pub fn document(value: &mut Ordered) {
    match value {
        Ordered::Object(entries) => {
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
        Ordered::Array(items) => items.iter_mut().for_each(document),
        _ => {}
    }
}

fn mask_value(value: &mut Ordered) {
    match value {
        Ordered::Null => {}
        Ordered::Object(entries) if entries.iter().any(|(k, _)| k == "source") => {
            for (k, v) in entries.iter_mut() {
                if k == "value" {
                    mask_value(v);
                }
            }
        }
        Ordered::Array(items) => items.iter_mut().for_each(mask_value),
        other => *other = Ordered::String(MASK.to_owned()),
    }
}

fn mask_digests(value: &mut Ordered) {
    match value {
        Ordered::Object(entries) => {
            for (k, v) in entries.iter_mut() {
                if k == "sha256" || k == "hex" {
                    *v = Ordered::String(MASK.to_owned());
                } else {
                    mask_digests(v);
                }
            }
        }
        Ordered::Array(items) => items.iter_mut().for_each(mask_digests),
        _ => {}
    }
}
