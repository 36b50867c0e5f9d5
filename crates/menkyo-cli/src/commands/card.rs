//! `menkyo card new` and `menkyo card show`: card images for the emulator.

use std::path::Path;

use menkyo_codec::records::json::SCHEMA;
use menkyo_codec::records::{IcLicenceCard, MyNumberCard, RecordKind};
use menkyo_codec::registry::File;
use menkyo_codec::tlv::Mode;
use menkyo_emulator::{CardImage, CardModel};
use serde::Serialize;

use crate::args::{CardCommand, CardNewArgs, CardShowArgs};
use crate::cli::Format;
use crate::failure::Failure;
use crate::render::ordered::Ordered;
use crate::render::{pad, width};
use crate::{backend, files, output, redact, render, style};

pub fn run(command: &CardCommand) -> Result<(), Failure> {
    match command {
        CardCommand::New(args) => new(args),
        CardCommand::Show(args) => show(args),
        CardCommand::Lifecycle(command) => Ok(super::card_lifecycle::run(command)?),
    }
}

fn new(args: &CardNewArgs) -> Result<(), Failure> {
    if let Some(form) = args.form {
        super::card_lifecycle::new_form(
            form,
            &args.profile,
            &args.my_number_card,
            &args.out,
            args.force,
        )?;
        return Ok(());
    }
    output::refuse_existing(&args.out, args.force)?;
    let path = Path::new(&args.profile);
    let image = if path.is_file() {
        backend::profile_image(path)?
    } else {
        backend::builtin(&args.profile).ok_or_else(|| Failure::UnknownCard(args.profile.clone()))?
    };
    let json = image.to_json().map_err(Failure::Image)?;
    output::write_atomically(&args.out, &json)?;
    eprintln!(
        "menkyo: wrote the card image {} ({})",
        args.out.display(),
        image.label
    );
    Ok(())
}

/// The JSON document of `menkyo card show`.
#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    kind: &'static str,
    model: CardModel,
    label: &'a str,
    applications: &'a [String],
    pins: Vec<PinEntry<'a>>,
    files: Vec<FileEntry<'a>>,
    records: Ordered,
}

#[derive(Serialize)]
struct PinEntry<'a> {
    id: &'a str,
    tries_left: u8,
    max_tries: u8,
}

#[derive(Serialize)]
struct FileEntry<'a> {
    path: &'a str,
    length: usize,
}

fn show(args: &CardShowArgs) -> Result<(), Failure> {
    let image = CardImage::load(&args.image).map_err(Failure::Image)?;
    let records = records(&image);
    let text = match args.format {
        Format::Hex => {
            let mut out = String::new();
            for (path, bytes) in &image.files {
                let bytes = if args.redact {
                    redact::file(path, &bytes.0)
                } else {
                    bytes.0.clone()
                };
                out.push_str(&render::hexdump::file(path, &bytes));
            }
            out
        }
        Format::Json => {
            let document = Document {
                schema: SCHEMA,
                kind: "card-image",
                model: image.model,
                label: &image.label,
                applications: &image.applications,
                pins: image
                    .pins
                    .iter()
                    .map(|(id, pin)| PinEntry {
                        id,
                        tries_left: pin.tries_left,
                        max_tries: pin.max_tries,
                    })
                    .collect(),
                files: image
                    .files
                    .iter()
                    .map(|(path, bytes)| FileEntry {
                        path,
                        length: bytes.0.len(),
                    })
                    .collect(),
                records: Ordered::from_serialize(&records),
            };
            let mut value = Ordered::from_serialize(&document);
            if args.redact {
                redact::document(&mut value);
            }
            value.to_json_pretty()
        }
        Format::Text => text(&image, args.redact),
    };
    output::print(&text)
}

/// Every file of the image decoded, leniently.
fn records(image: &CardImage) -> Ordered {
    let read = |file: &File| image.files.get(file.path).map(|b| b.0.as_slice());
    match image.model {
        CardModel::IcLicence => IcLicenceCard::decode(read, Mode::Lenient)
            .map(|d| Ordered::from_serialize(&d.record))
            .unwrap_or(Ordered::Null),
        CardModel::MyNumber => MyNumberCard::decode(read, Mode::Lenient)
            .map(|d| Ordered::from_serialize(&d.record))
            .unwrap_or(Ordered::Null),
    }
}

fn text(image: &CardImage, redacted: bool) -> String {
    let label = if redacted {
        redact::MASK.to_owned()
    } else {
        image.label.clone()
    };
    let model = match image.model {
        CardModel::IcLicence => "ICカード運転免許証 (IC licence)",
        CardModel::MyNumber => "マイナンバーカード (My Number card)",
    };
    let mut out = format!("{}\n{}\n", style::bold(model), label);
    if !image.applications.is_empty() {
        out.push_str(&format!(
            "applications: {}\n",
            image.applications.join(", ")
        ));
    }
    let ids = image.pins.keys().map(|k| width(k)).max().unwrap_or(0);
    for (id, pin) in &image.pins {
        out.push_str(&format!(
            "PIN {}  {}\n",
            pad(id, ids),
            render::tries_left_of(pin.tries_left, usize::from(pin.max_tries))
        ));
    }
    for (path, bytes) in &image.files {
        out.push('\n');
        let Some(kind) = files::kind_of(path) else {
            out.push_str(&format!("{path}: {} bytes\n", bytes.0.len()));
            continue;
        };
        out.push_str(&record_table(kind, &bytes.0, redacted));
    }
    out
}

fn record_table(kind: RecordKind, bytes: &[u8], redacted: bool) -> String {
    let Ok(decoded) = kind.decode(bytes, Mode::Lenient) else {
        return format!("{} ({}): does not decode\n", kind.file(), kind.name());
    };
    if !redacted {
        let document = menkyo_codec::records::json::Document::with_warnings(
            kind.name(),
            &decoded.record,
            &decoded.warnings,
        );
        return render::table::render(kind, &document);
    }
    let mut value = Ordered::from_serialize(&decoded.record);
    redact::document(&mut value);
    let document = menkyo_codec::records::json::Document::new(kind.name(), &value);
    render::table::render(kind, &document)
}
