//! `menkyo decode`: one file's content → its record, as JSON, a table or an item listing.

use menkyo_codec::records::json::Document;
use menkyo_codec::records::RecordKind;
use menkyo_codec::tlv::Mode;

use crate::cli::{DecodeArgs, Format};
use crate::error::Error;
use crate::render::ordered::Ordered;
use crate::{input, output, redact, render};

pub fn run(args: &DecodeArgs) -> Result<(), Error> {
    let raw = input::read(args.file.as_deref())?;
    let bytes = input::bytes(&raw, args.input)?;
    let (kind, guessed) = match args.kind {
        Some(kind) => (kind, false),
        None => (RecordKind::guess(&bytes)?, true),
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
        eprintln!("menkyo: guessed --kind {} ({})", kind.name(), kind.file());
    }
    let document = Document::with_warnings(kind.name(), &decoded.record, &decoded.warnings);
    let mut value = Ordered::from_serialize(&document);
    if args.redact {
        redact::document(&mut value);
    }
    let out = match args.format {
        Format::Json => value.to_json_pretty(),
        Format::Text => render::table::render_value(kind, &value),
        Format::Hex if args.redact => render::hexdump::render(kind, &redact::record(kind, &bytes)),
        Format::Hex => render::hexdump::render(kind, &bytes),
    };
    output::print(&out)
}
