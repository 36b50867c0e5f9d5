//! Where PINs come from: their environment variable, standard input (`--pin-stdin`), or a
//! prompt without echo on the terminal; never a command-line argument. The guard is checked
//! before asking: a blocked PIN, or one with a single try left, is not asked for.

use std::io::{BufRead, IsTerminal};

use menkyo_client::{PinId, PinState, PinStatus};
use menkyo_codec::secret::Pin;
use zeroize::Zeroize;

use crate::args::PinArgs;
use crate::error::Error;
use crate::feedback::Feedback;

/// The environment variable of a PIN.
pub fn variable(pin: PinId) -> &'static str {
    match pin {
        PinId::IcPin1 => "MENKYO_PIN1",
        PinId::IcPin2 => "MENKYO_PIN2",
        PinId::BasicInfo => "MENKYO_BASIC_INFO_PIN",
        _ => "MENKYO_PIN",
    }
}

/// Whether a PIN must be given or may be left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// The read cannot go on without it.
    Required,
    /// Leaving it out skips what it opens (`what`).
    Optional(&'static str),
}

/// Hands out PINs from their sources, in the order they are asked.
pub struct PinSource {
    stdin: bool,
    force: bool,
    prompt: bool,
}

impl PinSource {
    /// The sources `args` allow.
    pub fn new(args: &PinArgs) -> Self {
        Self {
            stdin: args.pin_stdin,
            force: args.force_last_try,
            prompt: !args.pin_stdin && std::io::stdin().is_terminal(),
        }
    }

    /// Whether VERIFY may spend a last try.
    pub fn last_try(&self) -> menkyo_client::LastTry {
        if self.force {
            menkyo_client::LastTry::Force
        } else {
            menkyo_client::LastTry::Refuse
        }
    }

    /// The PIN `status` describes, or `None` when an optional one is left out.
    pub fn get(
        &mut self,
        status: &PinStatus,
        need: Need,
        feedback: &mut Feedback,
    ) -> Result<Option<Pin>, Error> {
        let id = status.id;
        self.check_guard(status, feedback)?;
        let text = if let Some(value) = std::env::var_os(variable(id)).filter(|v| !v.is_empty()) {
            Some(value.into_string().unwrap_or_default())
        } else if self.stdin {
            read_stdin_line()?
        } else if self.prompt {
            feedback.pause();
            let answer =
                rpassword::prompt_password(prompt(status, need)).map_err(Error::PinInput)?;
            Some(answer)
        } else {
            None
        };
        match (text.filter(|t| !t.is_empty()), need) {
            (Some(text), _) => parse(id, text).map(Some),
            (None, Need::Optional(_)) => Ok(None),
            (None, Need::Required) => Err(Error::PinNotGiven {
                pin: id,
                variable: variable(id),
            }),
        }
    }

    fn check_guard(&self, status: &PinStatus, feedback: &Feedback) -> Result<(), Error> {
        match status.state {
            PinState::Blocked => Err(Error::PinBlocked(status.id)),
            PinState::TriesLeft { tries: 1 } if !self.force => Err(Error::LastTry(status.id)),
            PinState::TriesLeft { tries: 1 } => {
                feedback.note(&format!(
                    "menkyo: warning: {} has one try left and --force-last-try is given: a wrong \
                     PIN blocks it",
                    status.name
                ));
                Ok(())
            }
            _ => Ok(()),
        }
    }
}

fn prompt(status: &PinStatus, need: Need) -> String {
    let tries = match status.state {
        PinState::TriesLeft { tries } => {
            menkyo_render::columns::tries_left_of(tries, usize::from(status.max_tries))
        }
        PinState::Blocked => "blocked".to_owned(),
        PinState::Verified => "verified".to_owned(),
    };
    match need {
        Need::Required => format!("{} ({tries}): ", status.name),
        Need::Optional(what) => format!("{} ({tries}; Enter skips {what}): ", status.name),
    }
}

/// One line of standard input without its line end; `None` at the end of input.
fn read_stdin_line() -> Result<Option<String>, Error> {
    let mut line = String::new();
    let read = std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(Error::PinInput)?;
    if read == 0 {
        return Ok(None);
    }
    let trimmed = line.trim_end_matches(['\r', '\n']).to_owned();
    line.zeroize();
    Ok(Some(trimmed))
}

fn parse(id: PinId, mut text: String) -> Result<Pin, Error> {
    let result = match id {
        PinId::BasicInfo => Pin::digits(text.trim()),
        _ => Pin::licence(text.trim()),
    };
    text.zeroize();
    result.map_err(|source| Error::BadPin { pin: id, source })
}
