//! `menkyo apdu` and `menkyo script`: raw command APDUs through the client's exchange layer
//! (so `61xx` GET RESPONSE and `6Cxx` re-sends happen, and show in the trace), each answer
//! printed with its status word's meaning. An answer with an error status word (`64xx`–`6Fxx`)
//! that no `=> SW` expected, or one that does not match its `=> SW`, makes the exit status 6.

use menkyo_client::{Exchange, Step as ClientStep};
use menkyo_codec::apdu::ResponseApdu;
use menkyo_codec::records::json::SCHEMA;
use menkyo_codec::status::StatusWord;
use menkyo_codec::trace::{format_command, format_response};
use menkyo_transport::CardTransport;
use serde::Serialize;

use crate::args::{ApduArgs, CardArgs, GuardArgs, ScriptArgs};
use crate::cli::Format;
use crate::error::Error;
use crate::feedback::Feedback;
use crate::raw_guard::{self, Verdict};
use crate::{backend, output, style};
use menkyo_codec::apdu::ApduError;
use menkyo_codec::apdu_script::{self as script, ScriptError, Step, SwPattern};
use menkyo_emulator::persist::{read_bounded, read_bounded_from};

/// The longest script read (tens of thousands of APDU lines).
pub const MAX_SCRIPT_BYTES: u64 = 1024 * 1024;

/// What one step brought.
#[derive(Debug, Serialize)]
#[serde(untagged)]
enum StepResult {
    Exchange {
        line: usize,
        command: String,
        response: String,
        data: String,
        sw: String,
        meaning: String,
        expected: Option<String>,
        as_expected: bool,
    },
    Reset {
        line: usize,
        reset: bool,
        atr: String,
    },
}

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
        .collect::<Result<Vec<_>, ScriptError>>()
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

/// Where the steps come from, to name one in a message.
#[derive(Debug, Clone, Copy)]
enum Origin {
    Arguments,
    Script,
}

impl Origin {
    fn place(self, line: usize) -> String {
        match self {
            Origin::Arguments => format!("APDU argument {line}"),
            Origin::Script => format!("line {line}"),
        }
    }
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
    if real_reader && !guard.unsafe_any_command {
        check_read_only(steps, origin)?;
    }
    let guard = real_reader.then_some(guard);
    let mut transport = backend::open(card)?;
    let mut feedback = Feedback::new(card.trace, false, false);
    let mut results = Vec::new();
    let mut count = 0;
    let mut rest = steps;
    loop {
        let (segment, after) = match rest.iter().position(|s| matches!(s, Step::Reset { .. })) {
            Some(i) => {
                let (segment, after) = rest.split_at(i);
                (segment, Some(after))
            }
            None => (rest, None),
        };
        count = exchange_all(
            &mut *transport,
            segment,
            count,
            guard.map(|g| (g, origin)),
            &mut feedback,
            &mut |o| {
                show(format, &o);
                results.push(o);
            },
        )?;
        match after.and_then(|a| a.split_first()) {
            Some((Step::Reset { line }, next)) => {
                transport.reset()?;
                let atr = hex::encode_upper(transport.atr()?);
                let o = StepResult::Reset {
                    line: *line,
                    reset: true,
                    atr,
                };
                show(format, &o);
                results.push(o);
                rest = next;
            }
            _ => break,
        }
    }
    if format == Format::Json {
        let text = serde_json::to_string_pretty(&Document {
            schema: SCHEMA,
            kind: "apdu-exchanges",
            exchanges: &results,
        })
        .map_err(|e| Error::Output(e.into()))?;
        output::print(&(text + "\n"))?;
    }
    let unexpected: Vec<&StepResult> = results
        .iter()
        .filter(|o| {
            matches!(
                o,
                StepResult::Exchange {
                    as_expected: false,
                    ..
                }
            )
        })
        .collect();
    if let Some(StepResult::Exchange { sw, .. }) = unexpected.last() {
        let last = u16::from_str_radix(sw, 16).map_or(StatusWord::Other(0), StatusWord::from_u16);
        let expected = unexpected.iter().any(|o| {
            matches!(
                o,
                StepResult::Exchange {
                    expected: Some(_),
                    ..
                }
            )
        });
        return Err(if expected {
            Error::Unexpected {
                failed: unexpected.len(),
                total: results.len(),
                last,
            }
        } else {
            Error::AnsweredErrors {
                failed: unexpected.len(),
                total: results.len(),
                last,
            }
        });
    }
    Ok(())
}

/// Refuses the whole run, before anything is sent, when a command is not on the allow-list.
fn check_read_only(steps: &[Step], origin: Origin) -> Result<(), Error> {
    for step in steps {
        if let Step::Apdu { line, command, .. } = step {
            if raw_guard::verdict(command) == Verdict::NotAllowed {
                return Err(Error::NotReadOnly {
                    place: origin.place(*line),
                    ins: command.ins,
                });
            }
        }
    }
    Ok(())
}

/// Sends `steps` (no reset among them) in one transaction; on a real reader (`guard`), a
/// VERIFY with data goes only when more than one try is left, or with `--force-last-try`.
fn exchange_all(
    transport: &mut dyn CardTransport,
    steps: &[Step],
    count: u64,
    guard: Option<(GuardArgs, Origin)>,
    feedback: &mut Feedback,
    sink: &mut dyn FnMut(StepResult),
) -> Result<u64, Error> {
    if steps.is_empty() {
        return Ok(count);
    }
    let caps = transport.capabilities();
    let mut tx = transport.transaction()?;
    let mut ex = Exchange::new(&mut *tx, caps)
        .counting_from(count)
        .with_trace(feedback);
    for step in steps {
        let Step::Apdu {
            line,
            command,
            expect,
        } = step
        else {
            continue;
        };
        let failed = |err| match err {
            menkyo_client::Error::Transport { source, .. } => Error::Transport(source),
            other => Error::Exchange {
                line: *line,
                source: RawError::from(other),
            },
        };
        let guarded = guard.filter(|(g, _)| !g.force_last_try);
        if let Some((_, origin)) = guarded {
            if raw_guard::verdict(command) == Verdict::VerifyWithData {
                let query = raw_guard::tries_query(command);
                let answer = ex.send(&query, ClientStep::Connect).map_err(failed)?;
                if answer.sw == StatusWord::RemainingRetries(1) {
                    return Err(Error::RawLastTry {
                        place: origin.place(*line),
                    });
                }
            }
        }
        let response = ex.send(command, ClientStep::Connect).map_err(failed)?;
        let sent = command.to_bytes().unwrap_or_default();
        sink(outcome(*line, &sent, &response, expect.as_ref()));
    }
    Ok(ex.apdu_count())
}

fn outcome(
    line: usize,
    sent: &[u8],
    response: &ResponseApdu,
    expect: Option<&SwPattern>,
) -> StepResult {
    let sw = response.sw;
    let as_expected = match expect {
        Some(pattern) => pattern.matches(sw),
        None => !sw.is_error(),
    };
    StepResult::Exchange {
        line,
        command: format_command(sent),
        response: format_response(&response.to_bytes()),
        data: hex::encode_upper(&response.data),
        sw: format!("{:04X}", sw.to_u16()),
        meaning: sw.to_string(),
        expected: expect.map(ToString::to_string),
        as_expected,
    }
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

/// Why a raw command could not be exchanged (the client's errors without their procedure
/// step, which raw commands have none of).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RawError {
    /// The command cannot be encoded.
    #[error("the command cannot be encoded")]
    Encode(#[source] ApduError),
    /// It needs extended length and the reader carries short APDUs only.
    #[error("the command needs extended length, which the reader does not carry")]
    NeedsExtendedLength,
    /// It is longer than the reader carries.
    #[error("the command of {len} bytes is longer than the reader can carry ({max})")]
    TooLong {
        /// Its length.
        len: usize,
        /// The reader's limit.
        max: usize,
    },
    /// The card's answer is not a response APDU.
    #[error("the card's answer is malformed")]
    Malformed(#[source] ApduError),
    /// The chained answer is too long.
    #[error("the card's chained answer exceeds {0} bytes")]
    ResponseTooLong(usize),
    /// Anything else the client reports.
    #[error(transparent)]
    Other(menkyo_client::Error),
}

impl From<menkyo_client::Error> for RawError {
    fn from(err: menkyo_client::Error) -> Self {
        use menkyo_client::Error as E;
        match err {
            E::Command { source, .. } => RawError::Encode(source),
            E::NeedsExtendedLength { .. } => RawError::NeedsExtendedLength,
            E::CommandTooLong { len, max, .. } => RawError::TooLong { len, max },
            E::MalformedResponse { source, .. } => RawError::Malformed(source),
            E::ResponseTooLong { max, .. } => RawError::ResponseTooLong(max),
            other => RawError::Other(other),
        }
    }
}
