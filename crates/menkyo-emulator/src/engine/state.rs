//! The card's state, split as on a real card: the persistent part (the [`CardImage`]: file
//! contents, retry counters; written before the card answers) and the volatile part (current
//! DF and EF, verified PINs; gone at power-off and reset).

use std::collections::BTreeSet;
use std::path::PathBuf;

use menkyo_codec::status::StatusWord;

use crate::fs::{Access, DfId, EfId, FileSystem, Pin};
use crate::image::{CardImage, PinState};
use crate::Error;

/// What the card keeps across power-off: its image, and the file it is bound to.
#[derive(Debug)]
pub struct Persistent {
    image: CardImage,
    store: Option<PathBuf>,
    failure: Option<Error>,
}

impl Persistent {
    /// State held in memory only.
    pub fn new(image: CardImage) -> Self {
        Persistent {
            image,
            store: None,
            failure: None,
        }
    }

    /// State written to `store` whenever it changes.
    pub fn bound(image: CardImage, store: PathBuf) -> Self {
        Persistent {
            image,
            store: Some(store),
            failure: None,
        }
    }

    /// Keeps why the image could not be read or written, for [`Persistent::take_failure`].
    pub fn record_failure(&mut self, error: Error) {
        self.failure = Some(error);
    }

    /// Why the last answer was `6581` (the image could not be read or written), once.
    pub fn take_failure(&mut self) -> Option<Error> {
        self.failure.take()
    }

    /// The image.
    pub fn image(&self) -> &CardImage {
        &self.image
    }

    /// The content of the file at `path` in the image (empty when the image lacks it).
    pub fn file(&self, path: &str) -> &[u8] {
        self.image.files.get(path).map_or(&[], |bytes| &bytes.0)
    }

    /// The state of `pin`, when the image holds it.
    pub fn pin(&self, pin: Pin) -> Option<&PinState> {
        self.image.pins.get(pin.image_id())
    }

    /// Whether `pin` has no tries left (閉塞).
    pub fn is_blocked(&self, pin: Pin) -> bool {
        self.pin(pin).is_some_and(|state| state.tries_left == 0)
    }

    /// Runs one step on the retry counter of `pin`: `step` sees the PIN's state and returns
    /// the counter to store (or `None` to store nothing) with its answer. For a bound image the
    /// image file is the single source of truth: under the image lock the file is read, `step`
    /// runs on the counter found there, and a counter to store is written (also when it is
    /// unchanged, so that the right and a wrong PIN both fail alike when the image cannot be
    /// written) before the lock is released and before the card answers; so processes sharing
    /// one image never lose or give back a try. When the write fails the step's answer is
    /// dropped and the error returned. `Ok(None)` when the image holds no such PIN.
    pub fn pin_step<R>(
        &mut self,
        pin: Pin,
        step: impl FnOnce(&PinState) -> (Option<u8>, R),
    ) -> Result<Option<R>, Error> {
        let id = pin.image_id();
        let Some(path) = &self.store else {
            let Some(state) = self.image.pins.get_mut(id) else {
                return Ok(None);
            };
            let (tries_left, answer) = step(state);
            if let Some(tries_left) = tries_left {
                state.tries_left = tries_left;
            }
            return Ok(Some(answer));
        };
        let lock = crate::image::lock(path)?;
        let mut on_disk = CardImage::load_locked(path, &lock)?;
        let Some(state) = on_disk.pins.get_mut(id) else {
            self.image.pins.remove(id);
            return Ok(None);
        };
        let (tries_left, answer) = step(state);
        if let Some(tries_left) = tries_left {
            state.tries_left = tries_left;
        }
        let fresh = state.clone();
        if tries_left.is_some() {
            on_disk.save_locked(path, &lock)?;
        }
        self.image.pins.insert(id.to_owned(), fresh);
        Ok(Some(answer))
    }
}

/// What the card forgets at power-off and reset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Volatile {
    /// The current DF.
    pub current_df: DfId,
    /// The current EF of the current DF.
    pub current_ef: Option<EfId>,
    /// PINs verified in this session.
    pub verified: BTreeSet<Pin>,
    /// Response data waiting for GET RESPONSE (T=0 quirk only).
    pub pending: Vec<u8>,
}

impl Volatile {
    /// The state right after power-on.
    pub fn power_on(fs: &FileSystem) -> Self {
        Volatile {
            current_df: fs.power_on_df(),
            current_ef: None,
            verified: BTreeSet::new(),
            pending: Vec::new(),
        }
    }

    /// The one access check: `6982` unless every PIN `access` names is verified.
    pub fn check_access(&self, access: Access) -> Result<(), StatusWord> {
        if access.pins().iter().all(|pin| self.verified.contains(pin)) {
            Ok(())
        } else {
            Err(StatusWord::SecurityStatusNotSatisfied)
        }
    }
}
