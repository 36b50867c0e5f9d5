//! `menkyo decode`: one file's content → its record, as JSON, a table or an item listing.

use std::io::Write;

use menkyo_codec::records::json::Document;
use menkyo_codec::records::RecordKind;
use menkyo_codec::tlv::Mode;

use crate::cli::{DecodeArgs, Format};
use crate::error::CliError;
use crate::render::ordered::Ordered;
use crate::{files, input, redact, render};

pub fn run(args: &DecodeArgs) -> Result<(), CliError> {
    let raw = input::read(args.file.as_deref())?;
    let bytes = input::bytes(&raw, args.input)?;
    let named = args
        .file
        .as_deref()
        .and_then(|path| path.file_name()?.to_str())
        .and_then(menkyo_client::dump::ef_of_file_name)
        .and_then(|ef| files::kind_of(ef.path));
    let (kind, guessed) = match (args.kind, named) {
        (Some(kind), _) => (kind, false),
        (None, Some(kind)) => (kind, true),
        (None, None) => (RecordKind::guess(&bytes)?, true),
    };
    let mode = if args.lenient {
        Mode::Lenient
    } else {
        Mode::Strict
    };
    let decoded = kind
        .decode(&bytes, mode)
        .map_err(|source| CliError::Decode {
            kind,
            guessed,
            source,
        })?;
    if guessed {
        let from = if named.is_some() {
            " from the file name"
        } else {
            ""
        };
        eprintln!(
            "menkyo: guessed --kind {} ({}){from}",
            kind.name(),
            kind.file()
        );
    }
    let document = Document::with_warnings(kind.name(), &decoded.record, &decoded.warnings);
    let mut value = Ordered::from_serialize(&document);
    if args.redact {
        redact::document(&mut value);
    }
    let out = match args.format {
        Format::Json => value.to_json_pretty(),
        // `--format html` is not among this command's formats.
        Format::Text | Format::Html => render::table::render_value(kind, &value),
        Format::Hex if args.redact => render::hexdump::render(kind, &redact::record(kind, &bytes)),
        Format::Hex => render::hexdump::render(kind, &bytes),
    };
    std::io::stdout()
        .lock()
        .write_all(out.as_bytes())
        .map_err(CliError::Write)
}
