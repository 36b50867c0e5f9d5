//! `menkyo doctor`'s checks: what a user needs to read a card, each with what to do when it
//! fails. Nothing here touches a PIN: the length probe is a READ BINARY of the current EF, or
//! on a My Number card of the JPKI AP's free EF000A.

mod answer_size;

use menkyo_transport::{CardTransport, TransportError};

use crate::card::ConnectOptions;
use crate::context::{CardState, Pcsc};

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Fine.
    Ok,
    /// Works, with a limit worth knowing.
    Note,
    /// Stops reads until fixed.
    Fail,
}

impl Verdict {
    /// `ok`, `note` or `fail`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Ok => "ok",
            Verdict::Note => "note",
            Verdict::Fail => "fail",
        }
    }
}

/// One check and its outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// What was checked: `pcscd`, `readers`, `reader`, `card`, `driver`, `extended-length`,
    /// `vpcd`.
    pub name: &'static str,
    /// How it came out.
    pub verdict: Verdict,
    /// What was found.
    pub found: String,
    /// What to do, when there is something to do.
    pub advice: Option<&'static str>,
    /// For `extended-length`: the size of answer the reader carries.
    pub answer: Option<Answer>,
}

/// The size of answer a reader carries, in data bytes (the status word not counted).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answer {
    /// The longest answer seen in the probe; `None` when the card has no file free to read that
    /// is large enough to probe it (an IC licence).
    pub probed: Option<usize>,
    /// What the reader reports (PC/SC part 10 `dwMaxAPDUDataSize`, else the length mode's
    /// limit).
    pub reported: usize,
}

fn check(
    name: &'static str,
    verdict: Verdict,
    found: String,
    advice: Option<&'static str>,
) -> Check {
    Check {
        name,
        verdict,
        found,
        advice,
        answer: None,
    }
}

/// The answer of a reader that refuses a length: `67 00`.
const WRONG_LENGTH: [u8; 2] = [0x67, 0x00];
/// READ BINARY of the current EF with an extended Le of 65 536: `00 B0 00 00 00 00 00`.
const EXTENDED_PROBE: [u8; 7] = [0x00, 0xB0, 0x00, 0x00, 0x00, 0x00, 0x00];

/// Runs every check against the PC/SC service `establish` reaches; `classify` names a card by
/// its ATR (the caller knows the cards).
pub fn run(
    establish: impl FnOnce() -> Result<Pcsc, TransportError>,
    classify: impl Fn(&[u8]) -> String,
) -> Vec<Check> {
    let mut checks = Vec::new();
    let pcsc = match establish() {
        Ok(pcsc) => pcsc,
        Err(err) => {
            checks.push(check(
                "pcscd",
                Verdict::Fail,
                format!("not reachable: {err}"),
                crate::advice(&err).or(Some("start the PC/SC service")),
            ));
            return checks;
        }
    };
    checks.push(check("pcscd", Verdict::Ok, "running".to_owned(), None));
    let readers = match pcsc.readers() {
        Ok(readers) if !readers.is_empty() => readers,
        Ok(_) | Err(TransportError::NoReader) => {
            checks.push(check(
                "readers",
                Verdict::Fail,
                "none connected".to_owned(),
                Some("plug in a reader; see docs/readers.md if it is plugged in"),
            ));
            return checks;
        }
        Err(err) => {
            checks.push(check(
                "readers",
                Verdict::Fail,
                err.to_string(),
                crate::advice(&err),
            ));
            return checks;
        }
    };
    checks.push(check(
        "readers",
        Verdict::Ok,
        format!("{} connected", readers.len()),
        None,
    ));
    let vpcd = readers.iter().any(|r| r.name.starts_with("Virtual PCD"));
    let mut cards = 0;
    for reader in &readers {
        checks.push(check("reader", Verdict::Ok, reader.name.clone(), None));
        match &reader.card {
            CardState::Present { atr, .. } => {
                cards += 1;
                checks.push(check(
                    "card",
                    Verdict::Ok,
                    format!("{}: {}", reader.name, classify(atr)),
                    None,
                ));
                checks.extend(driver_and_length_checks(&pcsc, &reader.name));
            }
            CardState::Absent => {}
            CardState::Mute => checks.push(check(
                "card",
                Verdict::Fail,
                format!("{}: the card does not answer", reader.name),
                Some("place the card again, flat and away from metal"),
            )),
            CardState::Unavailable => checks.push(check(
                "reader",
                Verdict::Fail,
                format!("{}: unavailable", reader.name),
                Some("unplug the reader and plug it in again"),
            )),
        }
    }
    if cards == 0 {
        checks.push(check(
            "card",
            Verdict::Fail,
            "no card on any reader".to_owned(),
            Some("place the licence or the My Number card on the reader"),
        ));
    }
    checks.push(if vpcd {
        check(
            "vpcd",
            Verdict::Ok,
            "vsmartcard's virtual readers are there (menkyo emulate serves them)".to_owned(),
            None,
        )
    } else {
        check(
            "vpcd",
            Verdict::Note,
            "no virtual reader (only needed for menkyo emulate)".to_owned(),
            Some("install vsmartcard-vpcd and restart pcscd to use menkyo emulate"),
        )
    });
    checks
}

/// The reader's driver, whether it carries extended length and how big an answer. On a My
/// Number card the answer size is probed by reading the JPKI AP's EF000A (利用者証明用電子証明書,
/// free to read); elsewhere it is a READ BINARY of the current EF with an extended Le, and the
/// size is what the reader reports. No PIN is involved, and no VERIFY is sent.
fn driver_and_length_checks(pcsc: &Pcsc, reader: &str) -> Vec<Check> {
    let fail = |err: TransportError| {
        check(
            "extended-length",
            Verdict::Fail,
            format!("{reader}: {err}"),
            crate::advice(&err),
        )
    };
    let mut card = match pcsc.connect(reader, ConnectOptions::default()) {
        Ok(card) => card,
        Err(err) => return vec![fail(err)],
    };
    let driver = match card.driver() {
        Some(driver) => check("driver", Verdict::Ok, format!("{reader}: {driver}"), None),
        None => check(
            "driver",
            Verdict::Note,
            format!("{reader}: the driver gives no vendor name"),
            None,
        ),
    };
    let reported = card.capabilities().max_ne();
    let probed = card
        .transaction()
        .and_then(|mut tx| match answer_size::measure(tx.as_mut())? {
            Some(size) => Ok(Probe::Certificate(size)),
            None => Ok(Probe::Extended(
                tx.transmit(&EXTENDED_PROBE)? != WRONG_LENGTH,
            )),
        });
    let length = match probed {
        Ok(Probe::Certificate(size)) => answer_size::verdict(reader, reported, size),
        Ok(Probe::Extended(true)) => Check {
            answer: Some(Answer {
                probed: None,
                reported,
            }),
            ..check(
                "extended-length",
                Verdict::Ok,
                format!(
                    "{reader}: carried; answers of up to {reported} bytes reported (no file \
                     free to read on this card is large enough to probe it)"
                ),
                None,
            )
        },
        Ok(Probe::Extended(false)) | Err(TransportError::Backend { .. }) => Check {
            answer: Some(Answer {
                probed: None,
                reported,
            }),
            ..refused(reader)
        },
        Err(err) => fail(err),
    };
    vec![driver, length]
}

/// What the length probe saw.
enum Probe {
    /// The JPKI certificate read: how the reader carried it.
    Certificate(answer_size::AnswerSize),
    /// No certificate to read: whether an extended Le on the current EF got through.
    Extended(bool),
}

fn refused(reader: &str) -> Check {
    check(
        "extended-length",
        Verdict::Note,
        format!("{reader}: refused; reads use short APDUs (256 bytes per answer)"),
        Some(STEP_DOWN),
    )
}

/// What to do about a reader that refuses extended length or caps an answer.
const STEP_DOWN: &str =
    "nothing to do: menkyo steps down by itself (--short-apdus skips the first try)";
