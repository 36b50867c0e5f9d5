//! `--format hex`: every item with its offset, tag, length and value, named from the kind's
//! item table.

use std::fmt::Write;

use menkyo_client::RawFile;
use menkyo_codec::records::{Framing, RecordKind};
use menkyo_codec::registry::File;
use menkyo_codec::tlv::ber::{self, Limits, Tlv};
use menkyo_codec::tlv::simple::{self, End};
use menkyo_codec::tlv::Mode;
use menkyo_codec::trace::hex_spaced;

/// Bytes of a value on one line.
const PER_LINE: usize = 16;

/// The listing of `bytes` as `kind`.
pub fn render(kind: RecordKind, bytes: &[u8]) -> String {
    render_under(&kind.file(), kind, bytes)
}

/// The content of `file` decoded as `kind`, headed by the file's own path and name (a file of
/// a card, where [`render`] names the file the registry gives for the kind).
pub fn render_file(file: &File, kind: RecordKind, bytes: &[u8]) -> String {
    render_under(&file.to_string(), kind, bytes)
}

fn render_under(heading: &str, kind: RecordKind, bytes: &[u8]) -> String {
    let mut out = format!("{heading} ({}), {} bytes\n", kind.name(), bytes.len());
    match kind.framing() {
        Framing::Simple => simple_items(&mut out, kind, bytes),
        Framing::Ber => ber_items(&mut out, kind, bytes),
        Framing::Plain => lines(&mut out, 0, "", bytes),
    }
    out
}

/// A whole file in hex, 16 bytes a line with offsets, under `heading`.
pub fn file(heading: &str, bytes: &[u8]) -> String {
    let mut out = format!("{heading}, {} bytes\n", bytes.len());
    lines(&mut out, 0, "", bytes);
    out
}

/// Every file of a read in hex, each under its path and name; with `redacted`, its personal
/// items masked ([`crate::redaction::file`]).
pub fn files(files: &[RawFile], redacted: bool) -> String {
    let mut out = String::new();
    for raw in files {
        let bytes = if redacted {
            crate::redaction::file(raw.ef.path, &raw.bytes)
        } else {
            raw.bytes.clone()
        };
        out.push_str(&file(&format!("{} {}", raw.ef.path, raw.ef.name), &bytes));
    }
    out
}

fn lines(out: &mut String, offset: usize, indent: &str, bytes: &[u8]) {
    for (i, chunk) in bytes.chunks(PER_LINE).enumerate() {
        let _ = writeln!(
            out,
            "{:04X}  {indent}{}",
            offset + i * PER_LINE,
            hex_spaced(chunk)
        );
    }
}

fn item(
    out: &mut String,
    indent: &str,
    offset: usize,
    header: &[u8],
    name: Option<&str>,
    value: Option<&[u8]>,
) {
    let _ = write!(out, "{offset:04X}  {indent}{}", hex_spaced(header));
    if let Some(name) = name {
        let _ = write!(out, "  {name}");
    }
    out.push('\n');
    if let Some(value) = value.filter(|v| !v.is_empty()) {
        lines(out, offset + header.len(), &format!("{indent}  "), value);
    }
}

fn rest(out: &mut String, offset: usize, bytes: &[u8]) {
    if bytes.is_empty() {
        return;
    }
    if bytes.iter().all(|&b| b == 0xFF) {
        let _ = writeln!(out, "{offset:04X}  FF × {} (filler)", bytes.len());
    } else {
        let _ = writeln!(out, "{offset:04X}  {} bytes after the items:", bytes.len());
        lines(out, offset, "  ", bytes);
    }
}

fn simple_items(out: &mut String, kind: RecordKind, bytes: &[u8]) {
    let Ok(parsed) = simple::parse(bytes, Mode::Lenient) else {
        lines(out, 0, "", bytes);
        return;
    };
    for i in &parsed.items {
        let header_len = i.encoded_len() - i.value.len();
        let header = bytes
            .get(i.offset..i.offset + header_len)
            .unwrap_or_default();
        item(
            out,
            "",
            i.offset,
            header,
            kind.tag_name(u16::from(i.tag)),
            Some(i.value),
        );
    }
    let end = match parsed.end {
        End::Filler { offset, .. } | End::Malformed { offset } => offset,
        End::Exhausted => bytes.len(),
    };
    rest(out, end, bytes.get(end..).unwrap_or_default());
}

fn ber_items(out: &mut String, kind: RecordKind, bytes: &[u8]) {
    let Ok(parsed) = ber::parse_detailed(bytes, Mode::Lenient, Limits::default()) else {
        lines(out, 0, "", bytes);
        return;
    };
    let mut end = 0;
    for object in &parsed.objects {
        ber_object(out, kind, object, 0);
        if let (Some(offset), Some(raw)) = (object.offset(), object.raw()) {
            end = offset + raw.len();
        }
    }
    rest(out, end, bytes.get(end..).unwrap_or_default());
}

fn ber_object(out: &mut String, kind: RecordKind, object: &Tlv<'_>, depth: usize) {
    let indent = "  ".repeat(depth);
    let offset = object.offset().unwrap_or_default();
    let raw = object.raw().unwrap_or_default();
    let value_len = object.value_bytes().map_or(0, <[u8]>::len);
    let header = raw
        .get(..raw.len().saturating_sub(value_len))
        .unwrap_or_default();
    let name = kind.tag_name(u16::try_from(object.tag().to_u32()).unwrap_or(0));
    if object.children().is_empty() {
        item(out, &indent, offset, header, name, object.value_bytes());
    } else {
        item(out, &indent, offset, header, name, None);
        for child in object.children() {
            ber_object(out, kind, child, depth + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use menkyo_codec::registry;

    #[test]
    fn each_file_is_headed_by_its_path_and_name_and_masked_when_redacted() {
        let raw = RawFile {
            ef: registry::LICENCE_AP_WEF02,
            bytes: menkyo_emulator::samples::get("myna-licence").unwrap().files
                [registry::LICENCE_AP_WEF02.path]
                .0
                .clone(),
        };
        let plain = files(std::slice::from_ref(&raw), false);
        let heading = format!(
            "{} {}, {} bytes\n",
            raw.ef.path,
            raw.ef.name,
            raw.bytes.len()
        );
        assert!(plain.starts_with(&heading), "{plain}");
        let masked = files(std::slice::from_ref(&raw), true);
        assert!(masked.starts_with(&heading));
        assert_ne!(plain, masked);
    }
}
