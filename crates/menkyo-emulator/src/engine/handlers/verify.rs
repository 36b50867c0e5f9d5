//! VERIFY (card notes §1.3, §2.2, §3, §4).

use menkyo_codec::status::StatusWord;

use crate::command::{PinReference, Verify};
use crate::fs::{EfKind, Pin};
use crate::handlers::{Card, Outcome, Reply};

impl Card {
    /// §1.3 VERIFY of the current IEF (P2 `80`) or by SFI (P2 `80` + SFI, found in the current
    /// DF or above it). §4: without data it answers `63Cx` and costs nothing; a wrong PIN
    /// answers `63Cx` with the new count (`63C0` on the attempt that blocks it); a blocked PIN
    /// answers `6984`. A changed counter is written before the answer; if that write fails
    /// the answer is `6581` and the spent try stays spent.
    pub fn verify(&mut self, verify: Verify) -> Outcome {
        let pin = self.pin_reference(&verify.reference)?;
        let state = self.persistent.pin(pin).ok_or(StatusWord::FileNotFound)?;
        let (tries_left, max_tries) = (state.tries_left, state.max_tries);
        if tries_left == 0 {
            return Err(StatusWord::PinBlocked);
        }
        let Some(candidate) = verify.pin else {
            return Err(StatusWord::RemainingRetries(tries_left));
        };
        if !pin.lengths().contains(&candidate.len()) {
            return Err(StatusWord::WrongLength);
        }
        if state.matches(pin.image_id(), candidate.expose()) {
            if tries_left != max_tries {
                self.persistent
                    .set_tries_left(pin, max_tries)
                    .map_err(|_| StatusWord::MemoryFailure)?;
            }
            self.volatile.verified.insert(pin);
            Ok(Reply::ok())
        } else {
            self.volatile.verified.remove(&pin);
            let left = tries_left - 1;
            self.persistent
                .set_tries_left(pin, left)
                .map_err(|_| StatusWord::MemoryFailure)?;
            Err(StatusWord::RemainingRetries(left))
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
