//! `menkyo dump`: every file the given PINs open, as JSON with each file's path, hex and TLV
//! tree; `--out DIR` also writes one binary file per EF, each whole or not at all.

use menkyo_client::{CardKind, PinStatus, RawFile, Skipped};
use menkyo_codec::records::json::SCHEMA;
use menkyo_codec::records::{BerDump, Framing, SimpleDump};
use menkyo_codec::tlv::Mode;
use serde::Serialize;

use crate::args::DumpArgs;
use crate::cli::Format;
use crate::error::Error;
use crate::files::{file_name, kind_of};
use crate::session::{read_licence, Wanted};
use menkyo_render::{hexdump, redaction};

use super::decode::pretty;
use crate::output;

/// The JSON document of `menkyo dump`.
#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    kind: &'static str,
    card: CardKind,
    files: Vec<FileEntry>,
    skipped: &'a [Skipped],
    pins: &'a [PinStatus],
}

/// One EF.
#[derive(Serialize)]
struct FileEntry {
    path: &'static str,
    name: &'static str,
    record_kind: Option<&'static str>,
    length: usize,
    hex: String,
    tlv: serde_json::Value,
}

pub fn run(args: &DumpArgs) -> Result<(), Error> {
    let wanted = Wanted {
        basic_info: args.basic_info,
        photo: false,
    };
    let read = read_licence(
        (&args.card, &args.pins),
        args.redact,
        args.format != Format::Json,
        wanted,
        |reader, asking, last_try| reader.read_licence_files_asking(asking, last_try),
    )?;
    let files: Vec<(&RawFile, Vec<u8>)> = read
        .files()
        .iter()
        .map(|f| {
            let bytes = if args.redact {
                redaction::file(f.ef.path, &f.bytes)
            } else {
                f.bytes.clone()
            };
            (f, bytes)
        })
        .collect();
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir).map_err(|source| Error::WriteFile {
            path: dir.clone(),
            source,
        })?;
        for (file, _) in &files {
            output::refuse_existing(&dir.join(file_name(file.ef.path)), args.force)?;
        }
        for (file, bytes) in &files {
            output::write_atomically(&dir.join(file_name(file.ef.path)), bytes)?;
        }
        eprintln!("menkyo: wrote {} files to {}", files.len(), dir.display());
    }
    let text = match args.format {
        Format::Json => {
            let document = Document {
                schema: SCHEMA,
                kind: "dump",
                card: read.card(),
                files: files.iter().map(|(f, bytes)| entry(f, bytes)).collect(),
                skipped: read.skipped(),
                pins: read.pins(),
            };
            pretty(&document)?
        }
        Format::Hex => {
            let mut out = String::new();
            for (file, bytes) in &files {
                out.push_str(&hexdump::file(
                    &format!("{} {}", file.ef.path, file.ef.name),
                    bytes,
                ));
            }
            out
        }
        // `--format html` is not among this command's formats.
        Format::Text | Format::Html => {
            let mut out = String::new();
            for (file, bytes) in &files {
                match kind_of(file.ef.path) {
                    Some(kind) => out.push_str(&hexdump::render(kind, bytes)),
                    None => out.push_str(&hexdump::file(file.ef.path, bytes)),
                }
                out.push('\n');
            }
            out
        }
    };
    output::print(&text)
}

fn entry(file: &RawFile, bytes: &[u8]) -> FileEntry {
    let kind = kind_of(file.ef.path);
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
    FileEntry {
        path: file.ef.path,
        name: file.ef.name,
        record_kind: kind.map(|k| k.name()),
        length: bytes.len(),
        hex: hex::encode_upper(bytes),
        tlv,
    }
}
