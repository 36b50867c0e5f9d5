//! `menkyo card new` and `menkyo card show`: card images for the emulator.

use std::path::Path;

use menkyo_client::{japan_date, CardKind, PinId, PinState, PinStatus};
use menkyo_codec::registry::{self, PinAsk};
use menkyo_codec::tlv::Mode;
use menkyo_emulator::image_summary::ImageSummary;
use menkyo_emulator::{named, CardImage, CardModel};

use crate::args::{CardCommand, CardNewArgs, CardShowArgs};
use crate::cli::Format;
use crate::error::Error;
use menkyo_render::columns::{pad, tries_left_of, width};
use menkyo_render::{hexdump, licence_page, record_text, redaction};

use crate::{output, style};

pub fn run(command: &CardCommand) -> Result<(), Error> {
    match command {
        CardCommand::New(args) => new(args),
        CardCommand::Show(args) => show(args),
        CardCommand::Clone(args) => super::card_clone::run(args),
        CardCommand::Lifecycle(command) => Ok(super::card_lifecycle::run(command)?),
    }
}

fn new(args: &CardNewArgs) -> Result<(), Error> {
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
        named::profile_image(path)?
    } else {
        named::builtin(&args.profile)
            .ok_or_else(|| menkyo_emulator::Error::UnknownCard(args.profile.clone()))?
    };
    let json = image.to_json().map_err(Error::Image)?;
    output::write_atomically(&args.out, &json)?;
    eprintln!(
        "menkyo: wrote the card image {} ({})",
        args.out.display(),
        image.label
    );
    Ok(())
}

fn show(args: &CardShowArgs) -> Result<(), Error> {
    let sample = (!args.image.exists())
        .then(|| args.image.to_str().and_then(named::builtin))
        .flatten();
    let image = match sample {
        Some(image) => image,
        None => CardImage::load(&args.image).map_err(Error::Image)?,
    };
    let text = match args.format {
        Format::Hex => {
            let mut out = String::new();
            for (path, bytes) in &image.files {
                let bytes = if args.redact {
                    redaction::file(path, &bytes.0)
                } else {
                    bytes.0.clone()
                };
                out.push_str(&hexdump::file(path, &bytes));
            }
            out
        }
        Format::Json => {
            let summary = ImageSummary::of(&image);
            let document = output::Document::new("card-image", &summary);
            let mut value = serde_json::to_value(&document).map_err(|e| Error::Output(e.into()))?;
            if args.redact {
                redaction::card_image(&mut value);
            }
            output::json_text(&value)?
        }
        Format::Html => html(&image, args)?,
        Format::Text => text(&image, args.redact),
    };
    output::print(&text)
}

/// The licence page of the image, as `read --format html` shows the card (every file read,
/// the PINs' tries as the image keeps them).
fn html(image: &CardImage, args: &CardShowArgs) -> Result<String, Error> {
    let kind = match image.model {
        CardModel::IcLicence => CardKind::IcLicence,
        CardModel::MyNumber if image.files.contains_key(registry::LICENCE_AP_WEF02.path) => {
            CardKind::MyNumberWithLicence
        }
        CardModel::MyNumber => CardKind::MyNumberWithoutLicence,
    };
    if kind == CardKind::MyNumberWithoutLicence {
        return Err(Error::NotALicence(kind));
    }
    let pins = image
        .pins
        .iter()
        .filter_map(|(id, pin)| {
            // The PINs a licence read asks for.
            let id = PinId::from_image_id(id).filter(|p| p.spec().ask != PinAsk::Never)?;
            let state = match pin.tries_left {
                0 => PinState::Blocked,
                tries => PinState::TriesLeft { tries },
            };
            Some(PinStatus::new(id, state))
        })
        .collect();
    let file = |path: &str| image.files.get(path).map(|b| b.0.clone());
    let read = menkyo_client::dump::from_files(&args.image, file, pins)
        .map_err(Error::Dump)?
        .decode(Mode::Lenient)
        .map_err(Error::Card)?;
    let view = super::read::view(
        &read,
        None,
        args.today.unwrap_or_else(japan_date::today),
        args.redact,
    );
    Ok(licence_page::of_read(&read, &view, args.redact))
}

fn text(image: &CardImage, redacted: bool) -> String {
    let label = if redacted {
        redaction::MASK.to_owned()
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
            tries_left_of(pin.tries_left, usize::from(pin.max_tries))
        ));
    }
    for (path, bytes) in &image.files {
        out.push('\n');
        let Some(kind) = registry::kind_of(path) else {
            out.push_str(&format!("{path}: {} bytes\n", bytes.0.len()));
            continue;
        };
        out.push_str(&record_text::of_bytes(kind, &bytes.0, redacted));
    }
    out
}
