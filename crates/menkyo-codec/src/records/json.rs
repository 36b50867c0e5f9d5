//! The JSON documents of the tools: `{"schema": "menkyo/1", "kind": …, …fields}`, snake_case
//! English keys, ISO 8601 dates, hex for bytes. `docs/json.md` describes every field.

use std::error::Error as _;

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use sha2::{Digest, Sha256};

use super::item_values::Text0208;
use super::wire::{ItemLayout, RawItem};
use crate::date::Date7;
use crate::Error;

/// The value of `"schema"` at the top of every document the tools print.
pub const SCHEMA: &str = "menkyo/1";

/// A document: the schema, what it holds, the fields of `body`, and warnings of lenient decoding.
#[derive(Debug, Serialize)]
pub struct Document<'a, T: Serialize> {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// What the document holds (`ic-record`, `ic-licence` …).
    pub kind: &'a str,
    /// The fields.
    #[serde(flatten)]
    pub body: &'a T,
    /// What lenient decoding accepted that strict decoding refuses, one message each; always
    /// present, `[]` when none.
    pub warnings: Vec<String>,
}

impl<'a, T: Serialize> Document<'a, T> {
    /// A document without warnings.
    pub fn new(kind: &'a str, body: &'a T) -> Self {
        Self {
            schema: SCHEMA,
            kind,
            body,
            warnings: Vec::new(),
        }
    }

    /// A document with the warnings of lenient decoding.
    pub fn with_warnings(kind: &'a str, body: &'a T, warnings: &[Error]) -> Self {
        Self {
            warnings: warnings.iter().map(error_chain).collect(),
            ..Self::new(kind, body)
        }
    }

    /// Pretty-printed JSON.
    pub fn to_json_pretty(&self) -> String {
        // Serializing to a string only fails for maps with non-string keys; there are none.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// An error and its sources on one line, `a: b: c`.
pub fn error_chain(error: &Error) -> String {
    let mut line = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        line.push_str(": ");
        line.push_str(&cause.to_string());
        source = cause.source();
    }
    line
}

/// Bytes as upper-case hex without spaces.
pub(crate) fn hex(bytes: &[u8]) -> String {
    hex_with(bytes, b"0123456789ABCDEF")
}

/// SHA-256 as lower-case hex.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex_with(&Sha256::digest(bytes), b"0123456789abcdef")
}

/// Hex of `bytes` with these 16 digits: two table look-ups a byte into a buffer sized up
/// front (values of up to 64 KiB are shown whole, so this is on the hot path of every
/// document).
fn hex_with(bytes: &[u8], digits: &[u8; 16]) -> String {
    let mut out = vec![0u8; bytes.len() * 2];
    for (pair, &byte) in out.chunks_exact_mut(2).zip(bytes) {
        if let [high, low] = pair {
            *high = digits[usize::from(byte >> 4)];
            *low = digits[usize::from(byte & 0x0F)];
        }
    }
    // Only ASCII digits were written.
    String::from_utf8(out).unwrap_or_default()
}

/// Writes `key: text` (or `null`) and, when the text has 外字 or 欠字, `key_gaiji: [...]`.
pub(crate) fn text_entry<M: SerializeMap>(
    map: &mut M,
    key: &str,
    text: Option<&Text0208>,
) -> Result<(), M::Error> {
    map.serialize_entry(key, &text.map(Text0208::as_str))?;
    if let Some(text) = text.filter(|t| !t.gaiji().is_empty()) {
        map.serialize_entry(&format!("{key}_gaiji"), text.gaiji())?;
    }
    Ok(())
}

/// Writes `key: "YYYY-MM-DD"` (or `null` when absent or not licensed).
pub(crate) fn date7_entry<M: SerializeMap>(
    map: &mut M,
    key: &str,
    date: Option<&Date7>,
) -> Result<(), M::Error> {
    map.serialize_entry(key, &date.and_then(|d| d.date()))
}

/// Writes `"unknown": [{"tag", "value"}]` when the layout kept items as read.
pub(crate) fn unknown_entry<M: SerializeMap>(
    map: &mut M,
    layout: &ItemLayout,
) -> Result<(), M::Error> {
    unknown_items_entry(map, layout.raw_items())
}

/// Writes `"unknown": [{"tag", "value"}]` for `items` when there are any.
pub(crate) fn unknown_items_entry<'a, M: SerializeMap>(
    map: &mut M,
    items: impl Iterator<Item = &'a RawItem>,
) -> Result<(), M::Error> {
    let raw: Vec<&RawItem> = items.collect();
    if !raw.is_empty() {
        map.serialize_entry("unknown", &RawItems(&raw))?;
    }
    Ok(())
}

struct RawItems<'a>(&'a [&'a RawItem]);

impl Serialize for RawItems<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for item in self.0 {
            seq.serialize_element(&RawItemJson(item))?;
        }
        seq.end()
    }
}

struct RawItemJson<'a>(&'a RawItem);

impl Serialize for RawItemJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("tag", &self.0.tag)?;
        map.serialize_entry("value", &hex(self.0.value.as_slice()))?;
        map.end()
    }
}

/// Bytes summarized as `{"length", "sha256"}` plus the hex when `with_hex`.
pub(crate) struct BlobJson<'a> {
    pub bytes: &'a [u8],
    pub with_hex: bool,
}

impl Serialize for BlobJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("length", &self.bytes.len())?;
        map.serialize_entry("sha256", &sha256_hex(self.bytes))?;
        if self.with_hex {
            map.serialize_entry("hex", &hex(self.bytes))?;
        }
        map.end()
    }
}
