//! `menkyo pin status`: every PIN on the card with its tries left, learnt with VERIFY without
//! data, so no try is spent.

use menkyo_client::{CardKind, PinState, PinStatus, Reader};
use menkyo_codec::records::json::SCHEMA;
use serde::Serialize;

use crate::args::{PinCommand, PinStatusArgs};
use crate::cli::Format;
use crate::error::Error;
use crate::feedback::Feedback;
use crate::render::{pad, tries_left_of, width};
use crate::{backend, output, probe, style};

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
    let probe = probe::probe(&mut Reader::new(&mut *transport).with_trace(&mut feedback))?;
    if probe.kind == CardKind::Unknown {
        return Err(Error::NotALicence(probe.kind));
    }
    let text = match args.format {
        Format::Json => {
            let mut text = serde_json::to_string_pretty(&Document {
                schema: SCHEMA,
                kind: "pin-status",
                card: probe.kind,
                pin_set: probe.pin_set,
                pins: &probe.pins,
            })
            .map_err(|e| Error::Output(e.into()))?;
            text.push('\n');
            text
        }
        _ => table(&probe),
    };
    output::print(&text)
}

fn table(probe: &probe::Probe) -> String {
    let mut out = format!("{}\n", style::bold(probe.kind.describe()));
    let names = probe.pins.iter().map(|p| width(p.name)).max().unwrap_or(0);
    for pin in &probe.pins {
        let state = match pin.state {
            PinState::TriesLeft { tries: 1 } => style::warn(&format!(
                "{}: the next wrong PIN blocks it",
                tries_left_of(1, usize::from(pin.max_tries))
            )),
            PinState::TriesLeft { tries } => {
                style::good(&tries_left_of(tries, usize::from(pin.max_tries)))
            }
            PinState::Blocked => style::bad("blocked (閉塞)"),
            PinState::Verified => "verified".to_owned(),
        };
        out.push_str(&format!("{}  {state}\n", pad(pin.name, names)));
    }
    match probe.pin_set {
        Some(false) => out.push_str(&style::dim(
            "the holder set no licence PIN: the card takes **** (no PIN needed to read)\n",
        )),
        Some(true) => out.push_str(&style::dim("the holder set the licence PINs\n")),
        None => {}
    }
    out
}
