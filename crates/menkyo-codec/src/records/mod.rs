//! The typed records of both cards: one type per file, each decoding the file's bytes and
//! encoding back the exact same bytes (item order, length forms, unknown items and `FF` filler
//! are kept in an [`ItemLayout`]).
//!
//! IC licence: [`CommonData`] (MF/EF01), [`PinSetting`] (MF/EF02), [`LicenceRecord`]
//! (DF1/EF01), [`RegisteredDomicile`] (DF1/EF02), [`ExternalCharacters`] (DF1/EF03 and EF05),
//! [`ChangeRecords`] (DF1/EF04 and EF06), [`Signature`] (DF1/EF07), [`Photo`] (DF2/EF01).
//! My Number card: [`LicenceApPinSetting`] (免許AP WEF01), [`LicenceApRecord`] (WEF02),
//! [`LicenceApSecurity`] (WEF03), [`MyNumber`] and [`BasicInfo`] (券面事項入力補助AP EF0001,
//! EF0002), [`JpkiToken`] (JPKI AP EF0006).

/// `decode`, a record's strict decoding: its `decode_with` in [`Mode::Strict`](crate::tlv::Mode),
/// keeping the record alone (strict decoding lets nothing pass with a warning).
macro_rules! strict_decode {
    ($(#[$doc:meta])*) => {
        $(#[$doc])*
        pub fn decode(bytes: &[u8]) -> Result<Self, $crate::Error> {
            Self::decode_with(bytes, $crate::tlv::Mode::Strict).map(|d| d.record)
        }
    };
}

mod basic_info;
mod card;
mod changes;
mod common_data;
mod domicile;
mod gaiji;
pub mod item_specs;
mod item_values;
mod jpki_token;
pub mod json;
mod kind;
pub mod labels;
mod licence_class;
mod licence_record;
pub mod myna_record;
mod photo;
mod pin_setting;
mod signature;
mod tag_id;
mod tlv_dump;
mod wire;

pub use basic_info::{BasicInfo, MyNumber, Sex, MY_NUMBER_LEN};
pub use card::{BasicInfoAp, IcLicenceCard, LicenceAp, MyNumberCard};
pub use changes::{ChangeEntry, ChangeKind, ChangeRecords, ChangesFile, CHANGE_KINDS};
pub use common_data::{CommonData, SpecVersion};
pub use domicile::RegisteredDomicile;
pub use gaiji::{
    glyph_bitmap, ExternalCharacters, GaijiFile, Glyph, GLYPH_BYTES, GLYPH_SIZE, GLYPH_STRUCTURE,
    NOTHING_APPENDED, SOMETHING_APPENDED,
};
pub use item_values::{Bytes, Digits, Text0208, Utf8Text, MAX_VALUE_LEN};
pub use jpki_token::JpkiToken;
pub use kind::{Framing, Record, RecordKind};
pub use licence_class::{ClassEntry, ClassGroup, LicenceClass, LicensedOn};
pub use licence_record::{LicenceRecord, LICENCE_NUMBER_LEN};
pub use myna_record::{LicenceApRecord, LICENCE_AP_ITEMS};
pub use photo::{Photo, PhotoData, PhotoFormat, PHOTO_TAG};
pub use pin_setting::{LicenceApPinSetting, PinSetting};
pub use signature::{LicenceApSecurity, Signature};
pub use tag_id::TagId;
pub use tlv_dump::{BerDump, BerNode, SimpleDump, SimpleNode};
pub use wire::{Entry, ItemLayout, RawItem, Tail, FILLER};

use crate::Error;

/// A record and what lenient decoding let pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<R> {
    /// The record.
    pub record: R,
    /// Problems strict decoding refuses, and [`Error::OldLayout`] notes (the only
    /// warnings strict decoding gives).
    pub warnings: Vec<Error>,
}
