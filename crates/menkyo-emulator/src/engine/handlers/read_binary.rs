//! READ BINARY (card notes §1.1, §1.3, §4).

use menkyo_codec::status::StatusWord;

use crate::command::{ReadBinary, ReadTarget};
use crate::fs::EfKind;
use crate::handlers::{Card, HandlerResult, Reply};

/// Largest file the emulator serves: every byte must be reachable by a 15-bit offset.
pub const MAX_FILE_SIZE: usize = 0x8000;

/// Bytes past the image's content up to a fixed file size read as `FF`, as unwritten card
/// memory does.
const FILL: u8 = 0xFF;

impl Card {
    /// §1.3 READ BINARY of the current EF (15-bit offset) or of an EF by SFI (8-bit offset;
    /// the EF becomes current). §1.1: Le beyond the end returns the rest with `9000`; an offset
    /// at or past the end answers `6B00`. `6986` without a current EF, `6981` on an IEF,
    /// `6982` before the needed VERIFY.
    pub fn read_binary(&mut self, read: ReadBinary) -> HandlerResult {
        let df = self.volatile.current_df;
        let ef_id = match read.target {
            ReadTarget::Current => self.volatile.current_ef.ok_or(StatusWord::NoCurrentEf)?,
            ReadTarget::Sfi(sfi) => self.fs.ef_by_sfi(df, sfi).ok_or(StatusWord::FileNotFound)?,
        };
        let ef = self.fs.ef(df, ef_id).ok_or(StatusWord::NoCurrentEf)?;
        let EfKind::Working {
            path,
            access,
            fixed_size,
        } = &ef.kind
        else {
            return Err(StatusWord::IncompatibleFileStructure);
        };
        self.volatile.check_access(*access)?;
        let content = self.persistent.file(path);
        let size = fixed_size.map_or(content.len(), |size| size.max(content.len()));
        if read.offset >= size {
            return Err(StatusWord::OffsetOutsideEf);
        }
        let end = read.offset + read.ne.min(size - read.offset);
        let mut data = content
            .get(read.offset..end.min(content.len()))
            .unwrap_or_default()
            .to_vec();
        data.resize(end - read.offset, FILL);
        self.volatile.current_ef = Some(ef_id);
        Ok(Reply::data(data))
    }
}
