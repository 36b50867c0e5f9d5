//! PINs asked for at the moment a reading procedure needs them: after it has read whether the
//! holder set them (暗証番号設定) and their tries left, in the same card session. A PIN the
//! holder never set (`****`) is never asked for.

use std::collections::BTreeMap;

use menkyo_codec::secret::Pin;

use crate::error::Error;
use crate::licence::Pins;
use crate::pin::{PinId, PinState, PinStatus};

/// Whether the procedure can go on without a PIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinNeed {
    /// What the PIN opens is the point of the read.
    Required,
    /// Leaving it out skips the files it opens.
    Optional {
        /// What is skipped (`本籍 and the photo`).
        skips: &'static str,
    },
}

/// A PIN the procedure asks for, with what the card just said about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PinRequest {
    /// Which PIN.
    pub id: PinId,
    /// The spec's name.
    pub name: &'static str,
    /// Tries of a fresh PIN.
    pub max_tries: u8,
    /// Tries left (or blocked) as the card answered just before the request.
    pub state: PinState,
    /// Whether it may be left out.
    pub need: PinNeed,
}

impl PinRequest {
    pub(crate) fn new(status: PinStatus, need: PinNeed) -> Self {
        Self {
            id: status.id,
            name: status.name,
            max_tries: status.max_tries,
            state: status.state,
            need,
        }
    }

    /// The PIN's state as [`PinStatus`].
    pub fn status(&self) -> PinStatus {
        PinStatus {
            id: self.id,
            name: self.name,
            max_tries: self.max_tries,
            state: self.state,
        }
    }
}

/// Gives the PINs a read asks for. The VERIFY that follows is still guarded: a blocked PIN is
/// never sent, nor a last try unless the read's options force it.
pub trait PinProvider {
    /// Why no PIN could be given; a card failure of the read becomes one too.
    type Error: From<Error>;

    /// The PIN `request` names, or `None` to leave it out.
    fn pin(&mut self, request: &PinRequest) -> Result<Option<Pin>, Self::Error>;

    /// Whether the caller may give `pin` at all. The procedure spends no command on learning
    /// the tries left of the 券面事項入力補助AP's PIN when the answer is no.
    fn wants(&self, pin: PinId) -> bool {
        let _ = pin;
        true
    }
}

impl PinProvider for Pins {
    type Error = Error;

    fn pin(&mut self, request: &PinRequest) -> Result<Option<Pin>, Error> {
        Ok(self.get(request.id).cloned())
    }

    fn wants(&self, pin: PinId) -> bool {
        self.get(pin).is_some()
    }
}

/// What the procedures call to ask: each PIN is asked once per read, so a restart after a
/// card reset reuses the answer; a provider's error is kept for the caller.
pub(crate) trait PinSource {
    /// The PIN `status` describes, asked for with `need`.
    fn pin(&mut self, status: PinStatus, need: PinNeed) -> Result<Option<Pin>, Error>;
    /// [`PinProvider::wants`].
    fn wants(&self, pin: PinId) -> bool;
}

/// A [`PinSource`] over a [`PinProvider`] that asks it for each PIN once per read.
pub(crate) struct PinsAskedOnce<'p, E> {
    provider: &'p mut dyn PinProvider<Error = E>,
    answers: BTreeMap<PinId, Option<Pin>>,
    failure: Option<E>,
}

impl<'p, E> PinsAskedOnce<'p, E> {
    pub(crate) fn new(provider: &'p mut dyn PinProvider<Error = E>) -> Self {
        Self {
            provider,
            answers: BTreeMap::new(),
            failure: None,
        }
    }
}

impl<E: From<Error>> PinsAskedOnce<'_, E> {
    /// The outcome of the procedure, with the provider's error in place of the
    /// [`Error::PinNotProvided`] that stood for it.
    pub(crate) fn finish<T>(&mut self, result: Result<T, Error>) -> Result<T, E> {
        result.map_err(|err| self.failure.take().unwrap_or_else(|| E::from(err)))
    }
}

impl<E: From<Error>> PinSource for PinsAskedOnce<'_, E> {
    fn pin(&mut self, status: PinStatus, need: PinNeed) -> Result<Option<Pin>, Error> {
        if let Some(answer) = self.answers.get(&status.id) {
            return Ok(answer.clone());
        }
        match self.provider.pin(&PinRequest::new(status, need)) {
            Ok(answer) => {
                self.answers.insert(status.id, answer.clone());
                Ok(answer)
            }
            Err(err) => {
                self.failure = Some(err);
                Err(Error::PinNotProvided { pin: status.id })
            }
        }
    }

    fn wants(&self, pin: PinId) -> bool {
        self.provider.wants(pin)
    }
}
