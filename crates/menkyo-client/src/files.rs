//! Selecting files and reading whole EFs in the fewest commands (ISO/IEC 7816-4 §7.1.1,
//! §7.2.3).
//!
//! With extended length an EF of known size takes one READ BINARY, and one of unknown size is
//! asked with the largest Ne the reader takes. With short APDUs only the EF is read in 256-byte
//! chunks, the first by SFI where it has one (which makes it the current EF) and the rest by
//! 15-bit offset. A card that answers `6986` to the follow-up gets the EF selected by FID. A
//! known size is never probed past; an unknown size ends at a short answer or `6B00`.

use menkyo_codec::status::StatusWord;

use crate::commands::{self, MAX_READ_OFFSET};
use crate::error::{Error, Step};
use crate::exchange::Exchange;

/// An EF to read whole: a file of the registry (its path, spec name, FID, SFI and size).
pub type EfRef = menkyo_codec::registry::File;

impl Exchange<'_> {
    /// SELECT of the MF.
    pub fn select_mf(&mut self) -> Result<(), Error> {
        self.send_ok(&commands::select_mf(), Step::SelectMf)
            .map(drop)
    }

    /// SELECT of a DF or application by its AID.
    pub fn select_aid(&mut self, aid: &[u8], name: &'static str) -> Result<(), Error> {
        self.send_ok(&commands::select_aid(aid), Step::SelectApplication(name))
            .map(drop)
    }

    /// SELECT of an EF of the current DF by its FID.
    pub fn select_ef(&mut self, ef: &'static EfRef) -> Result<(), Error> {
        self.send_ok(&commands::select_ef(ef.fid), Step::SelectFile(ef))
            .map(drop)
    }

    /// Reads the whole EF: by SFI where it has one, otherwise after selecting it.
    pub fn read_ef(&mut self, ef: &'static EfRef) -> Result<Vec<u8>, Error> {
        if ef.sfi.is_none() {
            self.select_ef(ef)?;
        }
        self.read_whole(ef, ef.sfi)
    }

    /// Reads the whole EF, which is already the current EF.
    pub fn read_current_ef(&mut self, ef: &'static EfRef) -> Result<Vec<u8>, Error> {
        self.read_whole(ef, None)
    }

    fn read_whole(&mut self, ef: &'static EfRef, mut by_sfi: Option<u8>) -> Result<Vec<u8>, Error> {
        let step = Step::Read(ef);
        let chunk = self.capabilities().max_ne().max(1);
        let mut data = Vec::with_capacity(ef.size.unwrap_or(0));
        let mut selected_after_6986 = false;
        loop {
            let want = match ef.size {
                Some(size) if data.len() >= size => break,
                Some(size) => (size - data.len()).min(chunk),
                None => chunk,
            };
            let offset = data.len();
            let command = match by_sfi.take() {
                Some(sfi) => commands::read_binary_sfi(sfi, want),
                None => {
                    let offset = u16::try_from(offset)
                        .ok()
                        .filter(|o| usize::from(*o) <= MAX_READ_OFFSET)
                        .ok_or(Error::FileTooLong { step })?;
                    commands::read_binary(offset, want)
                }
            };
            let response = self.send(&command, step)?;
            match response.sw {
                StatusWord::Success => {
                    let got = response.data.len();
                    data.extend_from_slice(&response.data);
                    if got < want {
                        break;
                    }
                }
                StatusWord::OffsetOutsideEf if offset > 0 || ef.size.is_none() => break,
                StatusWord::NoCurrentEf
                    if offset > 0 && ef.sfi.is_some() && !selected_after_6986 =>
                {
                    self.select_ef(ef)?;
                    selected_after_6986 = true;
                }
                sw => return Err(Error::UnexpectedStatus { step, sw }),
            }
        }
        Ok(data)
    }
}
