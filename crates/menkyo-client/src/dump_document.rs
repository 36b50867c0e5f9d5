//! The JSON document of `menkyo dump` (`"kind": "dump"`): every file read with its path, name,
//! record kind, hex and TLV tree; the files left out and why; each PIN as found.

use menkyo_codec::records::json::SCHEMA;
use menkyo_codec::records::{BerDump, Framing, SimpleDump};
use menkyo_codec::tlv::Mode;
use serde::Serialize;

use crate::{CardKind, LicenceFiles, PinStatus, RawFile, Skipped};

/// The document.
#[derive(Debug, Serialize)]
pub struct DumpDocument<'a> {
    schema: &'static str,
    kind: &'static str,
    /// Which card.
    pub card: CardKind,
    /// Every file read, in the order read.
    pub files: Vec<DumpEntry>,
    /// The files left out, and why.
    pub skipped: &'a [Skipped],
    /// Each PIN as found before VERIFY.
    pub pins: &'a [PinStatus],
}

/// One EF.
#[derive(Debug, Serialize)]
pub struct DumpEntry {
    /// Its path (`DF1/EF01`).
    pub path: &'static str,
    /// Its name in the spec.
    pub name: &'static str,
    /// The record kind of its content, when the registry names one.
    pub record_kind: Option<&'static str>,
    /// Its length in bytes.
    pub length: usize,
    /// Its bytes in hex.
    pub hex: String,
    /// Its TLV tree (leniently), or `null` for a file that is not TLV.
    pub tlv: serde_json::Value,
}

impl<'a> DumpDocument<'a> {
    /// The document of `read`, each file's bytes from `bytes` (its own, or masked).
    pub fn new<'f>(
        read: &'a LicenceFiles,
        bytes: impl IntoIterator<Item = (&'f RawFile, &'f [u8])>,
    ) -> Self {
        DumpDocument {
            schema: SCHEMA,
            kind: "dump",
            card: read.card(),
            files: bytes
                .into_iter()
                .map(|(file, bytes)| DumpEntry::new(file, bytes))
                .collect(),
            skipped: read.skipped(),
            pins: read.pins(),
        }
    }
}

impl DumpEntry {
    /// The entry of `file` with the content `bytes`.
    pub fn new(file: &RawFile, bytes: &[u8]) -> Self {
        let kind = file.ef.record;
        let tlv = match kind.map(|k| k.framing()) {
            Some(Framing::Simple) => SimpleDump::decode(bytes, Mode::Lenient)
                .ok()
                .and_then(|d| serde_json::to_value(&d.record).ok())
                .unwrap_or_default(),
            Some(Framing::Ber) => BerDump::decode(bytes, Mode::Lenient)
                .ok()
                .and_then(|d| serde_json::to_value(&d.record).ok())
                .unwrap_or_default(),
            Some(Framing::Plain) | None => serde_json::Value::Null,
        };
        DumpEntry {
            path: file.ef.path,
            name: file.ef.name,
            record_kind: kind.map(|k| k.name()),
            length: bytes.len(),
            hex: hex::encode_upper(bytes),
            tlv,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{LastTry, MynaPins, Reader};
    use menkyo_codec::registry;
    use menkyo_emulator::{samples, Emulator, InProcessTransport};

    #[test]
    fn every_file_read_is_an_entry_with_its_tlv_tree() {
        let mut transport =
            InProcessTransport::new(Emulator::new(samples::get("myna-licence").unwrap()));
        let read = LicenceFiles::Myna(
            Reader::new(&mut transport)
                .read_myna_licence_files(&MynaPins::default(), LastTry::Refuse)
                .unwrap(),
        );
        let document = DumpDocument::new(&read, read.files().iter().map(|f| (f, &f.bytes[..])));
        let json = serde_json::to_value(&document).unwrap();
        assert_eq!(json["kind"], "dump");
        assert_eq!(document.files.len(), read.files().len());
        let record = document
            .files
            .iter()
            .find(|e| e.path == registry::LICENCE_AP_WEF02.path)
            .unwrap();
        assert_eq!(record.length, record.hex.len() / 2);
        assert!(
            record.tlv.is_object() || record.tlv.is_array(),
            "{:?}",
            record.tlv
        );
    }
}
