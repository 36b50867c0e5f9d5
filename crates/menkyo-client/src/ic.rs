//! Reading the ICカード運転免許証: 共通データ要素, 暗証番号設定, tries left of both PINs,
//! VERIFY, then every file of DF1 and DF2 the given PINs open (the registry's
//! [`IC_LICENCE`] read by [`crate::plan`]).

use menkyo_codec::registry::IC_LICENCE;
use menkyo_codec::secret::Pin;

pub use menkyo_codec::registry::{
    DF1_EF01, DF1_EF02, DF1_EF03, DF1_EF04, DF1_EF05, DF1_EF06, DF1_EF07, DF2_EF01, MF_EF01,
    MF_EF02,
};

use crate::error::Error;
use crate::licence::Pins;
use crate::pin::LastTry;
use crate::plan::CardFiles;
use crate::reader::Reader;

/// The PINs the caller gives for an IC licence. Ignored when MF/EF02 says the holder set none
/// (`****` is used then).
#[derive(Debug, Clone, Default)]
pub struct IcPins {
    /// 暗証番号1.
    pub pin1: Option<Pin>,
    /// 暗証番号2.
    pub pin2: Option<Pin>,
}

/// Everything one read of an IC licence brought back, undecoded: MF/EF01, MF/EF02 and every
/// DF file read, PIN1 and PIN2 as the tries query found them.
pub type IcLicenceFiles = CardFiles;

impl Reader<'_> {
    /// Reads an IC licence with the given PINs, undecoded; restarts once after a card reset.
    pub fn read_ic_licence_files(
        &mut self,
        pins: &IcPins,
        last_try: LastTry,
    ) -> Result<IcLicenceFiles, Error> {
        let pins = Pins {
            pin1: pins.pin1.clone(),
            pin2: pins.pin2.clone(),
            ..Pins::default()
        };
        self.read_card_files(&IC_LICENCE, &pins, last_try)
    }
}
