//! Running the steps of an APDU script (or the APDU arguments of `menkyo apdu`) through the
//! exchange layer, so `61xx` GET RESPONSE and `6Cxx` re-sends happen and show in the trace;
//! each answer judged against its `=> SW`, or, without one, against being an error status word
//! (`64xx`–`6Fxx`).

use menkyo_codec::apdu::ResponseApdu;
use menkyo_codec::apdu_script::{Step, SwPattern};
use menkyo_codec::status::StatusWord;
use menkyo_codec::trace::{format_command, format_response};
use menkyo_transport::{CardTransport, TransportError};
use serde::Serialize;

use super::guard::{self, Guard, NotReadOnly, Verdict};
use crate::{Exchange, Step as ClientStep, TraceSink};

/// What one step brought.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum StepResult {
    /// A command and the card's answer.
    Exchange {
        /// Its line in the script, or its place among the arguments (from 1).
        line: usize,
        /// The command as the trace writes it.
        command: String,
        /// The answer as the trace writes it.
        response: String,
        /// The answer's data, in hex.
        data: String,
        /// The status word, in hex.
        sw: String,
        /// What the status word means.
        meaning: String,
        /// The status word expected (`=> SW`), if any.
        expected: Option<String>,
        /// Whether the answer was as expected (without an expectation: not an error).
        as_expected: bool,
    },
    /// A reset of the card.
    Reset {
        /// Its line in the script.
        line: usize,
        /// Always `true`.
        reset: bool,
        /// The ATR after it, in hex.
        atr: String,
    },
}

/// Why a raw command could not be exchanged (the client's errors without their procedure
/// step, which raw commands have none of).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RawError {
    /// The command cannot be encoded.
    #[error("the command cannot be encoded")]
    Encode(#[source] menkyo_codec::Error),
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
    Malformed(#[source] menkyo_codec::Error),
    /// The chained answer is too long.
    #[error("the card's chained answer exceeds {0} bytes")]
    ResponseTooLong(usize),
    /// Anything else the client reports.
    #[error(transparent)]
    Other(crate::Error),
}

impl From<crate::Error> for RawError {
    fn from(err: crate::Error) -> Self {
        use crate::Error as E;
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

/// Where the steps of a run come from, to name one in a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Command APDUs given as arguments, numbered from 1.
    Arguments,
    /// The lines of a script.
    Script,
}

impl Origin {
    /// The step at `line`: `APDU argument 2`, `line 7`.
    pub fn place(self, line: usize) -> String {
        match self {
            Origin::Arguments => format!("APDU argument {line}"),
            Origin::Script => format!("line {line}"),
        }
    }
}

/// Why a run failed.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// A command not on the allow-list, under [`Guard::read_only`]; nothing was sent.
    #[error("{place}: INS {ins:02X} is not sent to a card in a real reader: only SELECT, READ BINARY, GET RESPONSE, GET DATA and VERIFY are")]
    NotReadOnly {
        /// The step, as its [`Origin`] names it.
        place: String,
        /// Its instruction byte.
        ins: u8,
    },
    /// A VERIFY with data held back by [`Guard::last_try`]: its PIN has one try left.
    #[error("{place}: the PIN this VERIFY names has one try left")]
    LastTry {
        /// The step, as its [`Origin`] names it.
        place: String,
    },
    /// The card or reader went away, or the transport failed.
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// A command could not be exchanged.
    #[error("line {line}")]
    Exchange {
        /// Its line in the script, or its place among the arguments (from 1).
        line: usize,
        /// Why.
        #[source]
        source: RawError,
    },
    /// Answers with an expected status word (`=> SW`) that did not match it, after every
    /// step ran.
    #[error("{failed} of {total} answers were not as expected (last: {last})")]
    Unexpected {
        /// How many.
        failed: usize,
        /// Of how many.
        total: usize,
        /// The last unexpected status word.
        last: StatusWord,
    },
    /// Answers without an expected status word that were errors, after every step ran.
    #[error("the card answered {failed} of {total} commands with an error (last: {last})")]
    AnsweredErrors {
        /// How many.
        failed: usize,
        /// Of how many.
        total: usize,
        /// The last error status word.
        last: StatusWord,
    },
}

/// Refuses the whole run, before anything is sent, when `guard` keeps to the allow-list and a
/// command is not on it.
pub fn check(steps: &[Step], guard: Guard, origin: Origin) -> Result<(), RunError> {
    if !guard.read_only {
        return Ok(());
    }
    guard::check_read_only(steps).map_err(|e: NotReadOnly| RunError::NotReadOnly {
        place: origin.place(e.line),
        ins: e.ins,
    })
}

/// Runs `steps` from `origin` on `transport` under `guard` (checked first), each APDU into `trace`, handing each result to
/// `each` as it comes; the steps between two resets go in one transaction.
pub fn run(
    transport: &mut dyn CardTransport,
    steps: &[Step],
    (guard, origin): (Guard, Origin),
    trace: &mut dyn TraceSink,
    each: &mut dyn FnMut(&StepResult),
) -> Result<Vec<StepResult>, RunError> {
    check(steps, guard, origin)?;
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
            transport,
            segment,
            count,
            (guard, origin),
            trace,
            &mut |o| {
                each(&o);
                results.push(o);
            },
        )?;
        match after.and_then(|a| a.split_first()) {
            Some((Step::Reset { line }, next)) => {
                transport.reset()?;
                let o = StepResult::Reset {
                    line: *line,
                    reset: true,
                    atr: hex::encode_upper(transport.atr()?),
                };
                each(&o);
                results.push(o);
                rest = next;
            }
            _ => break,
        }
    }
    Ok(results)
}

/// Sends `steps` (no reset among them) in one transaction.
fn exchange_all(
    transport: &mut dyn CardTransport,
    steps: &[Step],
    count: u64,
    (guard, origin): (Guard, Origin),
    trace: &mut dyn TraceSink,
    sink: &mut dyn FnMut(StepResult),
) -> Result<u64, RunError> {
    if steps.is_empty() {
        return Ok(count);
    }
    let caps = transport.capabilities();
    let mut tx = transport.transaction()?;
    let mut ex = Exchange::new(&mut *tx, caps)
        .counting_from(count)
        .with_trace(trace);
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
            crate::Error::Transport { source, .. } => RunError::Transport(source),
            other => RunError::Exchange {
                line: *line,
                source: RawError::from(other),
            },
        };
        if guard.last_try && guard::verdict(command) == Verdict::VerifyWithData {
            let query = guard::tries_query(command);
            let answer = ex.send(&query, ClientStep::Connect).map_err(failed)?;
            if answer.sw == StatusWord::RemainingRetries(1) {
                return Err(RunError::LastTry {
                    place: origin.place(*line),
                });
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

/// The answers of `results` that were not as expected, as an error: [`RunError::Unexpected`]
/// when any of them had an expected status word, else [`RunError::AnsweredErrors`].
pub fn check_answers(results: &[StepResult]) -> Result<(), RunError> {
    let unexpected: Vec<(&String, bool)> = results
        .iter()
        .filter_map(|o| match o {
            StepResult::Exchange {
                sw,
                expected,
                as_expected: false,
                ..
            } => Some((sw, expected.is_some())),
            _ => None,
        })
        .collect();
    let Some((sw, _)) = unexpected.last() else {
        return Ok(());
    };
    let (failed, total) = (unexpected.len(), results.len());
    let last = u16::from_str_radix(sw, 16).map_or(StatusWord::Other(0), StatusWord::from_u16);
    Err(match unexpected.iter().any(|(_, expected)| *expected) {
        true => RunError::Unexpected {
            failed,
            total,
            last,
        },
        false => RunError::AnsweredErrors {
            failed,
            total,
            last,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TraceLog;
    use menkyo_codec::apdu_script::parse;
    use menkyo_emulator::{samples, Emulator, InProcessTransport};

    fn run_text(text: &str, guard: Guard) -> Result<Vec<StepResult>, RunError> {
        let mut card = Emulator::new(samples::get("ic-licence").unwrap());
        card.power_on();
        let mut transport = InProcessTransport::new(card);
        let mut seen = 0;
        let mut trace = TraceLog::default();
        let steps = parse(text).unwrap();
        let results = run(
            &mut transport,
            &steps,
            (guard, Origin::Script),
            &mut trace,
            &mut |_| seen += 1,
        )?;
        assert_eq!(seen, results.len());
        Ok(results)
    }

    fn sws(results: &[StepResult]) -> Vec<&str> {
        results
            .iter()
            .map(|o| match o {
                StepResult::Exchange { sw, .. } => sw.as_str(),
                StepResult::Reset { .. } => "RESET",
            })
            .collect()
    }

    #[test]
    fn each_answer_is_judged_and_a_reset_gives_the_atr() {
        let results = run_text(
            "00A40000 => 9000\nRESET\n00A4000C0201FF\n00A40000 => 6A82\n",
            Guard::default(),
        )
        .unwrap();
        assert_eq!(sws(&results), ["9000", "RESET", "6A82", "9000"]);
        assert!(matches!(&results[1], StepResult::Reset { line: 2, atr, .. } if !atr.is_empty()));
        let err = check_answers(&results).unwrap_err();
        assert_eq!(
            err.to_string(),
            "2 of 4 answers were not as expected (last: 9000: success (正常終了))"
        );
        let errors_only = check_answers(&results[1..3]).unwrap_err();
        assert!(matches!(
            errors_only,
            RunError::AnsweredErrors {
                failed: 1,
                total: 2,
                ..
            }
        ));
    }

    #[test]
    fn the_read_only_guard_refuses_before_anything_is_sent() {
        let guard = Guard {
            read_only: true,
            last_try: true,
        };
        let err = run_text("00A40000\n00D6000001FF\n", guard).unwrap_err();
        assert_eq!(
            err.to_string(),
            "line 2: INS D6 is not sent to a card in a real reader: only SELECT, READ BINARY, \
             GET RESPONSE, GET DATA and VERIFY are"
        );
        assert_eq!(Origin::Arguments.place(2), "APDU argument 2");
    }

    #[test]
    fn no_error_when_every_answer_is_as_expected() {
        let results = run_text("00A40000 => 9000\n", Guard::default()).unwrap();
        assert!(check_answers(&results).is_ok());
    }
}
