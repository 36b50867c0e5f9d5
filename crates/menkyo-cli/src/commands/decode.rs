//! `menkyo decode`: one file's content → its record, as JSON, a table or an item listing.

use menkyo_codec::records::json::Document;
use menkyo_codec::records::RecordKind;
use menkyo_codec::tlv::Mode;

use crate::cli::{DecodeArgs, Format};
use crate::error::Error;
use menkyo_render::{hexdump, record_text, redaction};

use crate::{input, output};

pub fn run(args: &DecodeArgs) -> Result<(), Error> {
    let raw = input::read(args.file.as_deref())?;
    let bytes = input::bytes(&raw, args.input).map_err(Error::Input)?;
    let named = args
        .file
        .as_deref()
        .and_then(|path| path.file_name()?.to_str())
        .and_then(menkyo_client::dump::ef_of_file_name)
        .and_then(|ef| ef.record);
    let (kind, guessed) = match (args.kind, named) {
        (Some(kind), _) => (kind, false),
        (None, Some(kind)) => (kind, true),
        (None, None) => (RecordKind::guess(&bytes).map_err(Error::Guess)?, true),
    };
    let mode = if args.lenient {
        Mode::Lenient
    } else {
        Mode::Strict
    };
    let decoded = kind.decode(&bytes, mode).map_err(|source| Error::Decode {
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
    if matches!(args.format, Format::Json) && !args.redact {
        // Written as it is serialized: a large `tlv` document is never held whole.
        return output::print_json_pretty(&document);
    }
    let mut value = serde_json::to_value(&document).map_err(|e| Error::Output(e.into()))?;
    if args.redact {
        redaction::record_document(kind, &mut value);
    }
    let out = match args.format {
        Format::Json => output::json_text(&value)?,
        // `--format html` is not among this command's formats.
        Format::Text | Format::Html => record_text::render_value(kind, &value),
        Format::Hex if args.redact => hexdump::render(kind, &redaction::record(kind, &bytes)),
        Format::Hex => hexdump::render(kind, &bytes),
    };
    output::print(&out)
}
