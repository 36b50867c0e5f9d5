//! PINs (暗証番号): which ones the cards hold, their tries left, and the guarded VERIFY.
//!
//! A blocked licence PIN can only be unblocked at a police facility, so VERIFY is refused when
//! one try is left unless the caller forces it, and a failed VERIFY is never retried.

use std::collections::BTreeMap;

use menkyo_codec::secret::Pin;
use menkyo_codec::status::StatusWord;
use serde::Serialize;

use crate::commands;
use crate::error::{Error, Step};
use crate::exchange::Exchange;

/// A PIN of either card: the registry's.
pub use menkyo_codec::registry::Pin as PinId;

/// What the card says about a PIN, learnt without spending a try.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum PinState {
    /// Tries left before the PIN blocks.
    TriesLeft {
        /// How many.
        tries: u8,
    },
    /// Blocked (閉塞): no try left.
    Blocked,
    /// Already verified in this session (the card answered `9000` to the tries query).
    Verified,
}

impl PinState {
    /// Tries left, when the card said.
    pub fn tries_left(self) -> Option<u8> {
        match self {
            PinState::TriesLeft { tries } => Some(tries),
            PinState::Blocked => Some(0),
            PinState::Verified => None,
        }
    }
}

/// One PIN of the card and its state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PinStatus {
    /// Which PIN.
    pub id: PinId,
    /// The spec's name.
    pub name: &'static str,
    /// Tries of a fresh PIN.
    pub max_tries: u8,
    /// Its state now.
    #[serde(flatten)]
    pub state: PinState,
}

impl PinStatus {
    pub(crate) fn new(id: PinId, state: PinState) -> Self {
        Self {
            id,
            name: id.name(),
            max_tries: id.max_tries(),
            state,
        }
    }
}

/// How the guard treats a PIN with one try left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LastTry {
    /// Refuse to send the VERIFY ([`Error::LastTryGuard`]).
    #[default]
    Refuse,
    /// Send it anyway: the caller accepts that a wrong PIN blocks it.
    Force,
}

/// Asks the tries left of `pin` with VERIFY without data; the file or application that holds
/// the PIN must be current. Costs no try.
pub(crate) fn query_tries(ex: &mut Exchange<'_>, pin: PinId) -> Result<PinState, Error> {
    let step = Step::QueryTries(pin);
    let response = ex.send(&commands::query_tries(pin.verify_p2()), step)?;
    match response.sw {
        StatusWord::RemainingRetries(0) | StatusWord::PinBlocked => Ok(PinState::Blocked),
        StatusWord::RemainingRetries(tries) => Ok(PinState::TriesLeft { tries }),
        StatusWord::Success => Ok(PinState::Verified),
        sw => Err(Error::UnexpectedStatus { step, sw }),
    }
}

/// What became of each VERIFY of a read, kept across a restart after a card reset.
#[derive(Debug, Default, Clone)]
pub(crate) struct PinLedger {
    outcomes: BTreeMap<PinId, Outcome>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Sent, but no answer came back; the tries left before it.
    InFlight { tries_before: Option<u8> },
    /// The card answered 9000.
    Verified,
}

impl PinLedger {
    /// VERIFY of `pin` with the guard: refuses when the PIN is blocked or has one try left
    /// (unless forced), and never retries. `state` is what the tries query said just before.
    pub(crate) fn verify(
        &mut self,
        ex: &mut Exchange<'_>,
        pin: PinId,
        secret: &Pin,
        state: PinState,
        last_try: LastTry,
    ) -> Result<(), Error> {
        match (self.outcomes.get(&pin).copied(), state) {
            (Some(Outcome::Verified), _) => {}
            (
                Some(Outcome::InFlight {
                    tries_before: Some(before),
                }),
                PinState::TriesLeft { tries },
            ) if tries < before => {
                return Err(Error::WrongPin {
                    pin,
                    tries_left: tries,
                })
            }
            (Some(Outcome::InFlight { .. }), PinState::Blocked) => {
                return Err(Error::PinBlocked { pin })
            }
            (Some(Outcome::InFlight { tries_before: None }), _) => {
                return Err(Error::ResetDuringVerify { pin })
            }
            _ => guard(pin, state, last_try)?,
        }
        self.outcomes.insert(
            pin,
            Outcome::InFlight {
                tries_before: state.tries_left(),
            },
        );
        let step = Step::Verify(pin);
        let response = ex.send(&commands::verify(pin.verify_p2(), secret.expose()), step)?;
        let result = verify_answer(pin, response.sw);
        if result.is_ok() {
            self.outcomes.insert(pin, Outcome::Verified);
        } else {
            self.outcomes.remove(&pin);
        }
        result
    }
}

/// The last-try guard: a blocked PIN is never sent, nor one with a single try left unless
/// `last_try` forces it.
pub(crate) fn guard(pin: PinId, state: PinState, last_try: LastTry) -> Result<(), Error> {
    match state {
        PinState::Blocked => Err(Error::PinBlocked { pin }),
        PinState::TriesLeft { tries: 1 } if last_try == LastTry::Refuse => {
            Err(Error::LastTryGuard { pin })
        }
        PinState::TriesLeft { .. } | PinState::Verified => Ok(()),
    }
}

/// What the card's answer `sw` to VERIFY of `pin` with data means.
pub(crate) fn verify_answer(pin: PinId, sw: StatusWord) -> Result<(), Error> {
    match sw {
        StatusWord::Success => Ok(()),
        StatusWord::RemainingRetries(0) | StatusWord::PinBlocked => Err(Error::PinBlocked { pin }),
        StatusWord::RemainingRetries(tries_left) => Err(Error::WrongPin { pin, tries_left }),
        sw => Err(Error::UnexpectedStatus {
            step: Step::Verify(pin),
            sw,
        }),
    }
}
