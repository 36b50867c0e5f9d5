//! `menkyo apdu` and `menkyo script`: raw command APDUs through the client's exchange layer
//! (so `61xx` GET RESPONSE and `6Cxx` re-sends happen, and show in the trace), each answer
//! printed with its status word's meaning. An answer with an error status word (`64xx`–`6Fxx`)
//! that no `=> SW` expected, or one that does not match its `=> SW`, makes the exit status 6.

use menkyo_client::raw::{self, Guard, Origin, StepResult};
use menkyo_codec::records::json::SCHEMA;
use serde::Serialize;

use crate::args::{ApduArgs, CardArgs, GuardArgs, ScriptArgs};
use crate::cli::Format;
use crate::error::Error;
use crate::feedback::Feedback;
use crate::{backend, output, style};
use menkyo_codec::apdu_script::{self as script, Step};
use menkyo_emulator::persist::{read_bounded, read_bounded_from};

/// The longest script read (tens of thousands of APDU lines).
pub const MAX_SCRIPT_BYTES: u64 = 1024 * 1024;

#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    kind: &'static str,
    exchanges: &'a [StepResult],
}

pub fn apdu(args: &ApduArgs) -> Result<(), Error> {
    let (card, apdus) = natural_order(args);
    if apdus.is_empty() {
        use clap::CommandFactory;
        let mut cli = crate::cli::Cli::command();
        cli.build();
        cli.find_subcommand_mut("apdu")
            .unwrap_or(&mut crate::cli::Cli::command())
            .error(
                clap::error::ErrorKind::MissingRequiredArgument,
                "give at least one command APDU in hex: menkyo apdu [--emulator [CARD]] <HEX>...",
            )
            .exit();
    }
    let steps = apdus
        .iter()
        .enumerate()
        .map(|(i, hex)| {
            Ok(Step::Apdu {
                line: i + 1,
                command: script::argument(hex, i + 1)?,
                expect: None,
            })
        })
        .collect::<Result<Vec<_>, menkyo_codec::Error>>()
        .map_err(Error::Apdu)?;
    run(&card, args.guard, args.format, &steps, Origin::Arguments)
}

/// `menkyo apdu --emulator 00A4…`: the parser gives the first APDU to `--emulator` as its card.
/// A value there that is no sample and no file but a command APDU is taken back as the first
/// APDU, sent to the default sample.
fn natural_order(args: &ApduArgs) -> (CardArgs, Vec<String>) {
    let mut card = args.card.clone();
    let mut apdus = args.apdus.clone();
    if let Some(value) = &args.card.emulator {
        let is_card = menkyo_emulator::samples::names().contains(&value.as_str())
            || std::path::Path::new(value).exists();
        if !is_card && script::command(value, 1).is_ok() {
            apdus.insert(0, value.clone());
            card.emulator = Some(menkyo_emulator::samples::DEFAULT.to_owned());
        }
    }
    (card, apdus)
}

pub fn script(args: &ScriptArgs) -> Result<(), Error> {
    let read = if args.file.as_os_str() == "-" {
        read_bounded_from(std::io::stdin(), MAX_SCRIPT_BYTES)
    } else {
        read_bounded(&args.file, MAX_SCRIPT_BYTES)
    };
    let raw = read.map_err(|source| Error::ReadFile {
        path: args.file.clone(),
        source,
    })?;
    let text = String::from_utf8_lossy(&raw);
    let steps = script::parse(&text).map_err(Error::Apdu)?;
    run(&args.card, args.guard, args.format, &steps, Origin::Script)
}

fn run(
    card: &CardArgs,
    guard: GuardArgs,
    format: Format,
    steps: &[Step],
    origin: Origin,
) -> Result<(), Error> {
    let real_reader = card.emulator.is_none();
    let guard = Guard {
        read_only: real_reader && !guard.unsafe_any_command,
        last_try: real_reader && !guard.force_last_try,
    };
    raw::check(steps, guard, origin).map_err(Error::Raw)?;
    let mut transport = backend::open(card)?;
    let mut feedback = Feedback::new(card.trace, false, false);
    let results = raw::run(
        &mut *transport,
        steps,
        (guard, origin),
        &mut feedback,
        &mut |o| show(format, o),
    )
    .map_err(Error::Raw)?;
    if format == Format::Json {
        output::print_json(&Document {
            schema: SCHEMA,
            kind: "apdu-exchanges",
            exchanges: &results,
        })?;
    }
    raw::check_answers(&results).map_err(Error::Raw)
}

fn show(format: Format, outcome: &StepResult) {
    let text = match (format, outcome) {
        // `--format html` is not among this command's formats.
        (Format::Json | Format::Html, _) => return,
        (Format::Hex, StepResult::Exchange { data, sw, .. }) if data.is_empty() => {
            format!("{sw}\n")
        }
        (Format::Hex, StepResult::Exchange { data, sw, .. }) => format!("{data} {sw}\n"),
        (Format::Hex, StepResult::Reset { atr, .. }) => format!("{atr}\n"),
        (
            Format::Text,
            StepResult::Exchange {
                command,
                response,
                expected,
                as_expected,
                ..
            },
        ) => {
            let verdict = match (expected, as_expected) {
                (Some(e), true) => format!("  {}", style::good(&format!("(as expected: {e})"))),
                (Some(e), false) => format!("  {}", style::bad(&format!("(expected {e})"))),
                (None, false) => format!("  {}", style::bad("(error)")),
                (None, true) => String::new(),
            };
            format!("> {command}\n< {response}{verdict}\n")
        }
        (Format::Text, StepResult::Reset { atr, .. }) => format!("> RESET\n< ATR {atr}\n"),
    };
    let _ = output::print(&text);
}
