//! APDU scripts: the syntax pcsc-tools' `scriptor` reads, plus an expected status word.
//!
//! - one command APDU in hex per line, with or without spaces (`00 A4 00 00`, `00A40000`);
//! - a line ending in `\` continues on the next;
//! - a line starting with `#` is a comment, and so is the rest of a line after `#`;
//! - a line containing `reset` resets the card; a line containing `exit` ends the script;
//! - `=> SW` at the end of an APDU line expects that status word: four hex digits, `x` for
//!   any digit (`=> 9000`, `=> 63Cx`, `=> 61xx`).

use crate::apdu::CommandApdu;
use crate::hex_text;
use crate::status::StatusWord;
use crate::Error;

/// A status word pattern: four hex digits, `x` matching any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SwPattern {
    digits: [Option<u8>; 4],
}

impl SwPattern {
    /// Parses `9000`, `63Cx`, `6A 82`.
    pub fn parse(text: &str) -> Option<Self> {
        let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
        let [a, b, c, d] = chars.as_slice() else {
            return None;
        };
        let mut digits = [None; 4];
        for (slot, ch) in digits.iter_mut().zip([a, b, c, d]) {
            *slot = match ch {
                'x' | 'X' => None,
                ch => Some(u8::try_from(ch.to_digit(16)?).ok()?),
            };
        }
        Some(Self { digits })
    }

    /// Whether `sw` matches.
    pub fn matches(&self, sw: StatusWord) -> bool {
        let v = sw.to_u16();
        self.digits
            .iter()
            .enumerate()
            .all(|(i, d)| d.is_none_or(|d| ((v >> (12 - 4 * i)) & 0xF) as u8 == d))
    }
}

impl std::fmt::Display for SwPattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for d in self.digits {
            match d {
                Some(d) => write!(f, "{d:X}")?,
                None => f.write_str("x")?,
            }
        }
        Ok(())
    }
}

/// One step of a script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Send a command APDU.
    Apdu {
        /// The line it ends on (from 1).
        line: usize,
        /// The command.
        command: CommandApdu,
        /// The status word expected, if any.
        expect: Option<SwPattern>,
    },
    /// Reset the card.
    Reset {
        /// The line (from 1).
        line: usize,
    },
}

/// A command APDU from hex text; `line` names it in errors.
pub fn command(hex: &str, line: usize) -> Result<CommandApdu, Error> {
    let bytes = hex_text::parse(hex.as_bytes()).map_err(|source| Error::Hex {
        line,
        source: Box::new(source),
    })?;
    CommandApdu::parse(&bytes).map_err(|source| Error::Apdu {
        line,
        source: Box::new(source),
    })
}

/// A command APDU from the hex of command-line argument number `index` (from 1).
pub fn argument(hex: &str, index: usize) -> Result<CommandApdu, Error> {
    let bytes = hex_text::parse(hex.as_bytes()).map_err(|source| Error::ArgumentHex {
        index,
        source: Box::new(source),
    })?;
    CommandApdu::parse(&bytes).map_err(|source| Error::ArgumentApdu {
        index,
        source: Box::new(source),
    })
}

/// The steps of a script.
pub fn parse(text: &str) -> Result<Vec<Step>, Error> {
    let mut steps = Vec::new();
    let mut pending = String::new();
    let mut last = 0;
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        last = line;
        let lower = raw.to_ascii_lowercase();
        if lower.contains("exit") || lower.contains("quit") {
            break;
        }
        let trimmed = raw.trim();
        if trimmed.starts_with('#') || (trimmed.is_empty() && pending.is_empty()) {
            continue;
        }
        if lower.contains("reset") {
            steps.push(Step::Reset { line });
            continue;
        }
        let body = trimmed.split('#').next().unwrap_or_default().trim();
        if let Some(rest) = body.strip_suffix('\\') {
            pending.push_str(rest);
            pending.push(' ');
            continue;
        }
        let (hex, expect) = match body.split_once("=>") {
            Some((hex, sw)) => {
                let pattern = SwPattern::parse(sw).ok_or_else(|| Error::Pattern {
                    line,
                    text: sw.trim().to_owned(),
                })?;
                (hex, Some(pattern))
            }
            None => (body, None),
        };
        pending.push_str(hex);
        let command = command(&pending, line)?;
        pending.clear();
        steps.push(Step::Apdu {
            line,
            command,
            expect,
        });
    }
    if !pending.trim().is_empty() {
        return Err(Error::Continuation { line: last });
    }
    Ok(steps)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scriptor_lines_and_expectations() {
        let steps = parse(
            "# select the 免許AP\n\
             00 A4 04 0C 10 A0 00 00 02 31 06 00 00 \\\n\
             00 00 00 00 00 00 00 00 => 9000\n\
             \n\
             reset\n\
             00200086 => 63cx # tries left\n\
             00B0 9A00 03\n\
             exit\n\
             00 00 00 00\n",
        )
        .unwrap();
        assert_eq!(steps.len(), 4);
        let Step::Apdu {
            line,
            command,
            expect,
        } = &steps[0]
        else {
            panic!("{steps:?}")
        };
        assert_eq!(*line, 3);
        assert_eq!(command.data.len(), 16);
        assert!(expect.as_ref().unwrap().matches(StatusWord::Success));
        assert_eq!(steps[1], Step::Reset { line: 5 });
        let Step::Apdu { expect, .. } = &steps[2] else {
            panic!()
        };
        let expect = expect.as_ref().unwrap();
        assert!(expect.matches(StatusWord::RemainingRetries(9)));
        assert!(!expect.matches(StatusWord::Success));
        assert_eq!(expect.to_string(), "63Cx");
    }

    #[test]
    fn bad_lines_name_their_line() {
        assert!(matches!(
            parse("00A40000\n00 A4 0Z\n"),
            Err(Error::Hex { line: 2, .. })
        ));
        assert!(matches!(
            parse("00A40000 => 90\n"),
            Err(Error::Pattern { line: 1, .. })
        ));
        assert!(matches!(parse("00A4\n"), Err(Error::Apdu { line: 1, .. })));
        assert!(matches!(
            parse("00 A4 \\\n"),
            Err(Error::Continuation { line: 1 })
        ));
    }

    #[test]
    fn a_bad_line_keeps_why_as_its_source() {
        let chain = |err: Error| {
            let source = std::error::Error::source(&err).map(ToString::to_string);
            (err.to_string(), source)
        };
        assert_eq!(
            chain(command("00A4", 3).unwrap_err()),
            (
                "line 3: not a command APDU".to_owned(),
                Some("command APDU of 2 bytes is shorter than its 4-byte header".to_owned())
            )
        );
        assert_eq!(
            chain(argument("00 A4 0Z", 2).unwrap_err()),
            (
                "APDU argument 2: not an APDU in hex".to_owned(),
                Some("'Z' at byte 7 is not a hex digit".to_owned())
            )
        );
    }
}
