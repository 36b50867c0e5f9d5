//! `menkyo pin status`: every PIN on the card with its tries left, learnt with VERIFY without
//! data, so no try is spent.

use menkyo_client::{CardKind, PinStatus, Reader};
use menkyo_codec::records::json::SCHEMA;
use serde::Serialize;

use crate::args::{PinCommand, PinStatusArgs};
use crate::cli::Format;
use crate::error::Error;
use crate::feedback::Feedback;
use crate::{backend, output, style};
use menkyo_render::card_status_text;

pub fn run(command: &PinCommand) -> Result<(), Error> {
    match command {
        PinCommand::Status(args) => status(args),
    }
}

/// The JSON document of `menkyo pin status`.
#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    kind: &'static str,
    card: CardKind,
    pin_set: Option<bool>,
    pins: &'a [PinStatus],
}

fn status(args: &PinStatusArgs) -> Result<(), Error> {
    if args.format == Format::Hex {
        return Err(Error::Format("hex"));
    }
    let mut transport = backend::open(&args.card)?;
    let mut feedback = Feedback::new(args.card.trace, false, false);
    let status = Reader::new(&mut *transport)
        .with_trace(&mut feedback)
        .card_status()?;
    if status.card == CardKind::Unknown {
        return Err(Error::NotALicence(status.card));
    }
    let text = match args.format {
        Format::Json => output::json_text(&Document {
            schema: SCHEMA,
            kind: "pin-status",
            card: status.card,
            pin_set: status.pin_set,
            pins: &status.pins,
        })?,
        _ => card_status_text::render(&status, style::current()),
    };
    output::print(&text)
}
