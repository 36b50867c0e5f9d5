//! Declarative APDU transcripts: a card, then commands with the exact answers the card must
//! give. The format is documented in `fixtures/transcripts/README.md`; [`run`] plays one
//! against any [`CardTransport`], so the same file checks the in-process emulator and the
//! emulator behind pcscd.

use std::path::Path;

use menkyo_codec::trace::format_command;
use menkyo_transport::CardTransport;

use crate::emulator::{Emulator, Quirks};
use crate::image::CardImage;
use crate::Error;

/// What the response data must be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataMatch {
    /// Exactly these bytes (none for a status-word-only answer).
    Exact(Vec<u8>),
    /// Starting with `prefix` (`…` after the hex), of `len` bytes when given (`len=N`).
    Prefix {
        /// The first bytes.
        prefix: Vec<u8>,
        /// The total length.
        len: Option<usize>,
    },
}

impl DataMatch {
    fn matches(&self, data: &[u8]) -> bool {
        match self {
            DataMatch::Exact(bytes) => bytes == data,
            DataMatch::Prefix { prefix, len } => {
                data.starts_with(prefix) && len.is_none_or(|n| n == data.len())
            }
        }
    }
}

/// One step of a transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// `> command` then `< answer`.
    Exchange {
        /// The raw command.
        command: Vec<u8>,
        /// The response data expected.
        data: DataMatch,
        /// The status word expected.
        sw: u16,
        /// Line of the `<`.
        line: usize,
    },
    /// `reset`: warm reset.
    Reset,
    /// `power-off`: the card loses power.
    PowerOff,
    /// `power-on`: the card is powered again.
    PowerOn,
}

/// A parsed transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transcript {
    /// Its name (the file stem).
    pub name: String,
    /// The card it runs against (`card:` header): a sample or a built-in spec card.
    pub card: String,
    /// Quirks the card must have (`quirks:` header).
    pub quirks: Quirks,
    /// The steps.
    pub steps: Vec<Step>,
}

/// The largest transcript file read.
pub const MAX_TRANSCRIPT_BYTES: u64 = 4 * 1024 * 1024;

impl Transcript {
    /// Reads a transcript file.
    pub fn load(path: &Path) -> Result<Transcript, Error> {
        let text = crate::persist::read_bounded(path, MAX_TRANSCRIPT_BYTES)
            .and_then(|bytes| {
                String::from_utf8(bytes).map_err(|_| {
                    std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text")
                })
            })
            .map_err(|source| Error::TranscriptRead {
                path: path.to_path_buf(),
                source,
            })?;
        let name = path
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        Transcript::parse(&name, &text)
    }

    /// Parses transcript text.
    pub fn parse(name: &str, text: &str) -> Result<Transcript, Error> {
        let syntax = |line: usize, reason: &'static str| Error::TranscriptSyntax {
            name: name.to_owned(),
            line,
            reason,
        };
        let mut card = None;
        let mut quirks = Quirks::NONE;
        let mut steps = Vec::new();
        let mut command: Option<Vec<u8>> = None;
        for (index, raw) in text.lines().enumerate() {
            let line = index + 1;
            let content = raw.split('#').next().unwrap_or_default().trim();
            if content.is_empty() {
                continue;
            }
            if let Some(answer) = content.strip_prefix('<') {
                let cmd = command
                    .take()
                    .ok_or_else(|| syntax(line, "`<` without `>`"))?;
                let (data, sw) = parse_answer(answer).ok_or_else(|| syntax(line, "bad answer"))?;
                steps.push(Step::Exchange {
                    command: cmd,
                    data,
                    sw,
                    line,
                });
                continue;
            }
            if command.is_some() {
                return Err(syntax(line, "`>` must be followed by `<`"));
            }
            if let Some(hex) = content.strip_prefix('>') {
                command = Some(parse_hex(hex).ok_or_else(|| syntax(line, "bad command hex"))?);
            } else if let Some(value) = content.strip_prefix("card:") {
                card = Some(value.trim().to_owned());
            } else if let Some(value) = content.strip_prefix("quirks:") {
                quirks = parse_quirks(value).ok_or_else(|| syntax(line, "unknown quirks"))?;
            } else {
                steps.push(match content {
                    "reset" => Step::Reset,
                    "power-off" => Step::PowerOff,
                    "power-on" => Step::PowerOn,
                    _ => return Err(syntax(line, "unknown step")),
                });
            }
        }
        if command.is_some() {
            return Err(syntax(text.lines().count(), "`>` without `<` at the end"));
        }
        let card = card.ok_or_else(|| Error::TranscriptUnknownCard {
            name: name.to_owned(),
            card: String::new(),
        })?;
        Ok(Transcript {
            name: name.to_owned(),
            card,
            quirks,
            steps,
        })
    }

    /// The image of the card the header names: a built-in sample
    /// ([`samples::get`](crate::samples::get)) or a card built from the card notes
    /// ([`spec_cards`](crate::spec_cards), names `spec-…`).
    pub fn card_image(&self) -> Result<CardImage, Error> {
        crate::samples::get(&self.card)
            .or_else(|| crate::spec_cards::image(&self.card))
            .ok_or_else(|| Error::TranscriptUnknownCard {
                name: self.name.clone(),
                card: self.card.clone(),
            })
    }

    /// A fresh in-memory emulator of the card the header names, with its quirks.
    pub fn emulator(&self) -> Result<Emulator, Error> {
        Ok(Emulator::new(self.card_image()?).with_quirks(self.quirks))
    }
}

fn parse_hex(text: &str) -> Option<Vec<u8>> {
    let joined: String = text.split_whitespace().collect();
    hex::decode(joined).ok()
}

fn parse_quirks(text: &str) -> Option<Quirks> {
    let mut quirks = Quirks::NONE;
    for word in text.split([',', ' ']).filter(|w| !w.is_empty()) {
        match word {
            "none" => {}
            "t0" => quirks = Quirks::T0,
            "get-response" => quirks.get_response = true,
            "wrong-le" => quirks.wrong_le = true,
            _ => return None,
        }
    }
    Some(quirks)
}

/// `[hex …][…] [len=N] SW`.
fn parse_answer(text: &str) -> Option<(DataMatch, u16)> {
    let mut tokens: Vec<&str> = text.split_whitespace().collect();
    let sw_token = tokens.pop()?;
    let sw_bytes: [u8; 2] = hex::decode(sw_token).ok()?.try_into().ok()?;
    let sw = u16::from_be_bytes(sw_bytes);
    let mut len = None;
    if let Some(last) = tokens.last() {
        if let Some(n) = last.strip_prefix("len=") {
            len = Some(n.parse().ok()?);
            tokens.pop();
        }
    }
    let mut joined: String = tokens.concat();
    let prefix = joined.ends_with("...") || joined.ends_with('…');
    joined = joined
        .trim_end_matches("...")
        .trim_end_matches('…')
        .to_owned();
    let bytes = hex::decode(joined).ok()?;
    let data = if prefix || len.is_some() {
        DataMatch::Prefix { prefix: bytes, len }
    } else {
        DataMatch::Exact(bytes)
    };
    Some((data, sw))
}

fn describe(data: &[u8], sw: &[u8]) -> String {
    let sw = hex::encode_upper(sw);
    match data.len() {
        0 => sw,
        n if n <= 32 => format!("{} {sw}", hex::encode_upper(data)),
        n => format!(
            "{}... len={n} {sw}",
            hex::encode_upper(data.get(..32).unwrap_or(data))
        ),
    }
}

fn describe_expected(data: &DataMatch, sw: u16) -> String {
    let sw = hex::encode_upper(sw.to_be_bytes());
    match data {
        DataMatch::Exact(bytes) if bytes.is_empty() => sw,
        DataMatch::Exact(bytes) => format!("{} {sw}", hex::encode_upper(bytes)),
        DataMatch::Prefix { prefix, len } => {
            let len = len.map_or_else(String::new, |n| format!(" len={n}"));
            format!("{}...{len} {sw}", hex::encode_upper(prefix))
        }
    }
}

/// Plays `transcript` against `card`. Over a transport, `reset` and `power-off` both reset the
/// card (a transport has no power switch; both end the volatile state and keep the counters)
/// and `power-on` does nothing.
pub fn run(card: &mut dyn CardTransport, transcript: &Transcript) -> Result<(), Error> {
    let name = &transcript.name;
    let transport = |line: usize| {
        move |source| Error::TranscriptTransport {
            name: name.clone(),
            line,
            source,
        }
    };
    let mut last_line = 0;
    for step in &transcript.steps {
        match step {
            Step::Exchange {
                command,
                data,
                sw,
                line,
            } => {
                last_line = *line;
                let answer = card
                    .transaction()
                    .and_then(|mut t| t.transmit(command))
                    .map_err(transport(*line))?;
                let split = answer.len().saturating_sub(2);
                let (got_data, got_sw) = answer.split_at(split);
                if got_sw != sw.to_be_bytes() || !data.matches(got_data) {
                    return Err(Error::TranscriptMismatch {
                        name: name.clone(),
                        line: *line,
                        command: format_command(command),
                        expected: describe_expected(data, *sw),
                        got: describe(got_data, got_sw),
                    });
                }
            }
            Step::Reset | Step::PowerOff => card.reset().map_err(transport(last_line))?,
            Step::PowerOn => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_parse_in_every_form() {
        assert_eq!(
            parse_answer(" 9000"),
            Some((DataMatch::Exact(vec![]), 0x9000))
        );
        assert_eq!(
            parse_answer(" 05 01 01 9000"),
            Some((DataMatch::Exact(vec![5, 1, 1]), 0x9000))
        );
        assert_eq!(
            parse_answer(" 5F40... len=2005 9000"),
            Some((
                DataMatch::Prefix {
                    prefix: vec![0x5F, 0x40],
                    len: Some(2005)
                },
                0x9000
            ))
        );
        assert_eq!(parse_answer(" 90"), None);
        assert_eq!(parse_answer(" zz 9000"), None);
    }

    #[test]
    fn syntax_errors_name_the_line() {
        let err = Transcript::parse("t", "card: spec-ic-licence\n> 00A40000\n> 00A40000\n");
        assert!(matches!(err, Err(Error::TranscriptSyntax { line: 3, .. })));
        let err = Transcript::parse("t", "card: x\n< 9000\n");
        assert!(matches!(err, Err(Error::TranscriptSyntax { line: 2, .. })));
        let err = Transcript::parse("t", "card: x\nwiggle\n");
        assert!(matches!(err, Err(Error::TranscriptSyntax { line: 2, .. })));
    }

    #[test]
    fn mismatch_masks_the_pin() {
        let t = Transcript::parse(
            "t",
            "card: spec-ic-licence\n> 00 20 00 81 04 39393939\n< 9000\n",
        )
        .unwrap();
        let mut card = crate::InProcessTransport::new(t.emulator().unwrap());
        let err = run(&mut card, &t).unwrap_err().to_string();
        assert!(err.contains("63C2") && err.contains("** ** ** **"), "{err}");
        assert!(!err.contains("39"), "{err}");
    }
}
