//! The files of a read decoded into the codec's typed records.

use menkyo_codec::records::json::error_chain;
use menkyo_codec::records::{Decoded, IcLicenceCard, MyNumberCard, RecordError};
use menkyo_codec::registry::File;
use menkyo_codec::tlv::Mode;

use crate::error::Error;
use crate::file_read::RawFile;
use crate::ic::IcLicenceFiles;
use crate::myna::MynaLicenceFiles;

/// A licence as read, the struct and its decoding: `files` as the read brought them back,
/// `card` the codec's records decoded from them, `warnings` what lenient decoding let pass.
macro_rules! licence_read {
    (
        $(#[$doc:meta])*
        $name:ident { files: $files:ty, $(#[$card_doc:meta])* card: $card:ident }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $name {
            /// The raw files, PIN states and skipped files.
            pub files: $files,
            $(#[$card_doc])*
            pub card: $card,
            /// What lenient decoding let pass, one message each.
            pub warnings: Vec<String>,
        }

        impl $name {
            pub(crate) fn decode(files: $files, mode: Mode) -> Result<Self, Error> {
                let decoded = $card::decode(|f| bytes_of(&files.files, f), mode);
                let (card, warnings) = finish(decoded)?;
                Ok(Self {
                    files,
                    card,
                    warnings,
                })
            }
        }
    };
}

licence_read! {
    /// An IC licence as read: the records of every file the PINs opened.
    IcLicence {
        files: IcLicenceFiles,
        /// The records; a file that was not read is `None`.
        card: IcLicenceCard
    }
}

licence_read! {
    /// A マイナ免許証 as read: the 免許AP's records and, with its PIN, 基本4情報.
    MynaLicence {
        files: MynaLicenceFiles,
        /// The records; 個人番号 and the JPKI token are never read.
        card: MyNumberCard
    }
}

fn bytes_of<'a>(files: &'a [RawFile], file: &File) -> Option<&'a [u8]> {
    files
        .iter()
        .find(|f| f.ef.path == file.path)
        .map(|f| f.bytes.as_slice())
}

fn finish<R>(decoded: Result<Decoded<R>, RecordError>) -> Result<(R, Vec<String>), Error> {
    match decoded {
        Ok(d) => Ok((d.record, d.warnings.iter().map(error_chain).collect())),
        Err(source) => Err(Error::MalformedRecord { source }),
    }
}
