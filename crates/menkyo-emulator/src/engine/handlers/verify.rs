//! VERIFY (card notes §1.3, §2.2, §3, §4).

use menkyo_codec::status::StatusWord;

use crate::command::{PinReference, Verify};
use crate::fs::{EfKind, Pin};
use crate::handlers::{Card, HandlerResult, Reply};

impl Card {
    /// §1.3 VERIFY of the current IEF (P2 `80`) or by SFI (P2 `80` + SFI, found in the current
    /// DF or above it). §4: without data it answers `63Cx` and costs nothing; a wrong PIN
    /// answers `63Cx` with the new count (`63C0` on the attempt that blocks it); a blocked PIN
    /// answers `6984`. The counter is read from the image file and, after a PIN was compared,
    /// written to it before the answer, under the image lock; if the image cannot be read or
    /// written the answer is `6581` for the right and a wrong PIN alike, and nothing is
    /// verified.
    pub fn verify(&mut self, verify: Verify) -> HandlerResult {
        let pin = self.pin_reference(&verify.reference)?;
        let candidate = verify.pin;
        let outcome = self.persistent.pin_step(pin, |state| {
            let (tries_left, max_tries) = (state.tries_left, state.max_tries);
            if tries_left == 0 {
                return (None, Err((StatusWord::PinBlocked, false)));
            }
            let Some(candidate) = candidate else {
                return (None, Err((StatusWord::RemainingRetries(tries_left), false)));
            };
            if !pin.lengths().contains(&candidate.len()) {
                return (None, Err((StatusWord::WrongLength, false)));
            }
            if state.matches(pin.image_id(), candidate.expose()) {
                (Some(max_tries), Ok(()))
            } else {
                let left = tries_left - 1;
                (Some(left), Err((StatusWord::RemainingRetries(left), true)))
            }
        });
        match outcome {
            Ok(Some(Ok(()))) => {
                self.volatile.verified.insert(pin);
                Ok(Reply::ok())
            }
            Ok(Some(Err((sw, wrong)))) => {
                if wrong {
                    self.volatile.verified.remove(&pin);
                }
                Err(sw)
            }
            Ok(None) => Err(StatusWord::FileNotFound),
            Err(error) => {
                self.volatile.verified.remove(&pin);
                self.persistent.record_failure(error);
                Err(StatusWord::MemoryFailure)
            }
        }
    }

    /// The PIN a VERIFY names: `6986` without a current EF, `6981` when the current EF is not
    /// an IEF, `6A82` when no IEF has the SFI.
    fn pin_reference(&self, reference: &PinReference) -> Result<Pin, StatusWord> {
        let df = self.volatile.current_df;
        match reference {
            PinReference::CurrentEf => {
                let ef = self
                    .volatile
                    .current_ef
                    .and_then(|ef| self.fs.ef(df, ef))
                    .ok_or(StatusWord::NoCurrentEf)?;
                match ef.kind {
                    EfKind::Internal(pin) => Ok(pin),
                    EfKind::Working { .. } | EfKind::Key { .. } => {
                        Err(StatusWord::IncompatibleFileStructure)
                    }
                }
            }
            PinReference::Sfi(sfi) => self.fs.pin_by_sfi(df, *sfi).ok_or(StatusWord::FileNotFound),
        }
    }
}
