//! The files of a read decoded into the codec's typed records.

use menkyo_codec::records::json::error_chain;
use menkyo_codec::records::{Decoded, IcLicenceCard, MyNumberCard};
use menkyo_codec::registry::File;
use menkyo_codec::tlv::Mode;

use crate::error::Error;
use crate::file_read::RawFile;
use crate::ic::IcLicenceFiles;
use crate::myna::MynaLicenceFiles;

/// An IC licence as read: the records of every file the PINs opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcLicence {
    /// The raw files, PIN states and skipped files.
    pub files: IcLicenceFiles,
    /// The records; a file that was not read is `None`.
    pub card: IcLicenceCard,
    /// What lenient decoding let pass, one message each.
    pub warnings: Vec<String>,
}

/// A マイナ免許証 as read: the 免許AP's records and, with its PIN, 基本4情報.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MynaLicence {
    /// The raw files, PIN states and skipped files.
    pub files: MynaLicenceFiles,
    /// The records; 個人番号 and the JPKI token are never read.
    pub card: MyNumberCard,
    /// What lenient decoding let pass, one message each.
    pub warnings: Vec<String>,
}

fn bytes_of<'a>(files: &'a [RawFile], file: &File) -> Option<&'a [u8]> {
    files
        .iter()
        .find(|f| f.ef.path == file.path)
        .map(|f| f.bytes.as_slice())
}

fn finish<R>(decoded: Result<Decoded<R>, menkyo_codec::Error>) -> Result<(R, Vec<String>), Error> {
    match decoded {
        Ok(d) => Ok((d.record, d.warnings.iter().map(error_chain).collect())),
        Err(source) => Err(Error::MalformedRecord { source }),
    }
}

impl IcLicence {
    pub(crate) fn decode(files: IcLicenceFiles, mode: Mode) -> Result<Self, Error> {
        let decoded = IcLicenceCard::decode(|f| bytes_of(&files.files, f), mode);
        let (card, warnings) = finish(decoded)?;
        Ok(Self {
            files,
            card,
            warnings,
        })
    }
}

impl MynaLicence {
    pub(crate) fn decode(files: MynaLicenceFiles, mode: Mode) -> Result<Self, Error> {
        let decoded = MyNumberCard::decode(|f| bytes_of(&files.files, f), mode);
        let (card, warnings) = finish(decoded)?;
        Ok(Self {
            files,
            card,
            warnings,
        })
    }
}
