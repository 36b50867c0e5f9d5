//! The card's state, split as on a real card: the persistent part (the [`CardImage`]: file
//! contents, retry counters; written before the card answers) and the volatile part (current
//! DF and EF, verified PINs; gone at power-off and reset).

use std::collections::BTreeSet;
use std::path::PathBuf;

use menkyo_codec::status::StatusWord;

use crate::fs::{Access, DfId, EfId, FileSystem, Pin};
use crate::image::{CardImage, ImageError, PinState};

/// What the card keeps across power-off: its image, and the file it is bound to.
#[derive(Debug)]
pub struct Persistent {
    image: CardImage,
    store: Option<PathBuf>,
}

impl Persistent {
    /// State held in memory only.
    pub fn new(image: CardImage) -> Self {
        Persistent { image, store: None }
    }

    /// State written to `store` whenever it changes.
    pub fn bound(image: CardImage, store: PathBuf) -> Self {
        Persistent {
            image,
            store: Some(store),
        }
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

    /// Sets the retry counter of `pin` and, for a bound image, writes the image before
    /// returning. When that write fails, a lowered counter stays lowered in memory and a
    /// raised one is put back: the card never shows more tries than its storage holds.
    pub fn set_tries_left(&mut self, pin: Pin, tries_left: u8) -> Result<(), ImageError> {
        let Some(state) = self.image.pins.get_mut(pin.image_id()) else {
            return Ok(());
        };
        let before = state.tries_left;
        state.tries_left = tries_left;
        let Some(path) = &self.store else {
            return Ok(());
        };
        let written = self.image.save(path);
        if written.is_err() && tries_left > before {
            if let Some(state) = self.image.pins.get_mut(pin.image_id()) {
                state.tries_left = before;
            }
        }
        written
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
