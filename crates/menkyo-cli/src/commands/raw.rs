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
use crate::failure::Failure;
use crate::feedback::Feedback;
use crate::raw_guard::{self, Verdict};
use crate::script::{self, RawError, ScriptError, Step, SwPattern};
use crate::{backend, output, style};
use menkyo_emulator::persist::{read_bounded, read_bounded_from};

/// The longest script read (tens of thousands of APDU lines).
pub const MAX_SCRIPT_BYTES: u64 = 1024 * 1024;

/// What one step brought.
#[derive(Debug, Serialize)]
#[serde(untagged)]
enum Outcome {
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
    exchanges: &'a [Outcome],
}

pub fn apdu(args: &ApduArgs) -> Result<(), Failure> {
    let steps = args
        .apdus
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
        .map_err(Failure::Apdu)?;
    run(
        &args.card,
        args.guard,
        args.format,
        &steps,
        Origin::Arguments,
    )
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

pub fn script(args: &ScriptArgs) -> Result<(), Failure> {
    let read = if args.file.as_os_str() == "-" {
        read_bounded_from(std::io::stdin(), MAX_SCRIPT_BYTES)
    } else {
        read_bounded(&args.file, MAX_SCRIPT_BYTES)
    };
    let raw = read.map_err(|source| Failure::ReadFile {
        path: args.file.clone(),
        source,
    })?;
    let text = String::from_utf8_lossy(&raw);
    let steps = script::parse(&text).map_err(Failure::Apdu)?;
    run(&args.card, args.guard, args.format, &steps, Origin::Script)
}

fn run(
    card: &CardArgs,
    guard: GuardArgs,
    format: Format,
    steps: &[Step],
    origin: Origin,
) -> Result<(), Failure> {
    let real_reader = card.emulator.is_none();
    if real_reader && !guard.unsafe_any_command {
        check_read_only(steps, origin)?;
    }
    let guard = real_reader.then_some(guard);
    let mut transport = backend::open(card)?;
    let mut feedback = Feedback::new(card.trace, false, false);
    let mut outcomes = Vec::new();
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
                outcomes.push(o);
            },
        )?;
        match after.and_then(|a| a.split_first()) {
            Some((Step::Reset { line }, next)) => {
                transport.reset()?;
                let atr = hex::encode_upper(transport.atr()?);
                let o = Outcome::Reset {
                    line: *line,
                    reset: true,
                    atr,
                };
                show(format, &o);
                outcomes.push(o);
                rest = next;
            }
            _ => break,
        }
    }
    if format == Format::Json {
        let text = serde_json::to_string_pretty(&Document {
            schema: SCHEMA,
            kind: "apdu-exchanges",
            exchanges: &outcomes,
        })
        .map_err(|e| Failure::Output(e.into()))?;
        output::print(&(text + "\n"))?;
    }
    let unexpected: Vec<&Outcome> = outcomes
        .iter()
        .filter(|o| {
            matches!(
                o,
                Outcome::Exchange {
                    as_expected: false,
                    ..
                }
            )
        })
        .collect();
    if let Some(Outcome::Exchange { sw, .. }) = unexpected.last() {
        let last = u16::from_str_radix(sw, 16).map_or(StatusWord::Other(0), StatusWord::from_u16);
        return Err(Failure::Unexpected {
            failed: unexpected.len(),
            total: outcomes.len(),
            last,
        });
    }
    Ok(())
}

/// Refuses the whole run, before anything is sent, when a command is not on the allow-list.
fn check_read_only(steps: &[Step], origin: Origin) -> Result<(), Failure> {
    for step in steps {
        if let Step::Apdu { line, command, .. } = step {
            if raw_guard::verdict(command) == Verdict::NotAllowed {
                return Err(Failure::NotReadOnly {
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
    sink: &mut dyn FnMut(Outcome),
) -> Result<u64, Failure> {
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
            menkyo_client::Error::Transport { source, .. } => Failure::Transport(source),
            other => Failure::Exchange {
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
                    return Err(Failure::RawLastTry {
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
) -> Outcome {
    let sw = response.sw;
    let as_expected = match expect {
        Some(pattern) => pattern.matches(sw),
        None => !is_error(sw),
    };
    Outcome::Exchange {
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

/// `64xx`–`6Fxx`: the card refused the command (ISO/IEC 7816-4 §5.6).
fn is_error(sw: StatusWord) -> bool {
    (0x64..=0x6F).contains(&sw.to_bytes()[0])
}

fn show(format: Format, outcome: &Outcome) {
    let text = match (format, outcome) {
        (Format::Json, _) => return,
        (Format::Hex, Outcome::Exchange { data, sw, .. }) if data.is_empty() => format!("{sw}\n"),
        (Format::Hex, Outcome::Exchange { data, sw, .. }) => format!("{data} {sw}\n"),
        (Format::Hex, Outcome::Reset { atr, .. }) => format!("{atr}\n"),
        (
            Format::Text,
            Outcome::Exchange {
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
        (Format::Text, Outcome::Reset { atr, .. }) => format!("> RESET\n< ATR {atr}\n"),
    };
    let _ = output::print(&text);
}
