//! Reading the マイナ免許証: the 免許AP (WEF01 PIN設定, tries, VERIFY, WEF02 免許情報, WEF03)
//! and, when its PIN is given, 基本4情報 from the 券面事項入力補助AP (the registry's
//! [`MY_NUMBER_CARD`] read by [`crate::plan`]).

use menkyo_codec::registry::MY_NUMBER_CARD;
use menkyo_codec::secret::Pin;

pub use menkyo_codec::registry::{
    BASIC_INFO_EF0002, LICENCE_AP_WEF01 as WEF01, LICENCE_AP_WEF02 as WEF02,
    LICENCE_AP_WEF03 as WEF03,
};

use crate::error::Error;
use crate::licence::Pins;
use crate::pin::LastTry;
use crate::plan::CardFiles;
use crate::reader::Reader;

/// The PINs the caller gives for a マイナ免許証.
#[derive(Debug, Clone, Default)]
pub struct MynaPins {
    /// The 免許AP's PIN; ignored when WEF01 says the holder set none (`****` is used then).
    pub licence: Option<Pin>,
    /// The 券面事項入力補助AP's PIN: name, address, birth date and sex are read only with it.
    pub basic_info: Option<Pin>,
}

/// Everything one read of a マイナ免許証 brought back, undecoded.
pub type MynaLicenceFiles = CardFiles;

impl Reader<'_> {
    /// Reads a マイナ免許証 with the given PINs, undecoded; restarts once after a card reset.
    pub fn read_myna_licence_files(
        &mut self,
        pins: &MynaPins,
        last_try: LastTry,
    ) -> Result<MynaLicenceFiles, Error> {
        let pins = Pins {
            licence_ap: pins.licence.clone(),
            basic_info: pins.basic_info.clone(),
            ..Pins::default()
        };
        self.read_card_files(&MY_NUMBER_CARD, &pins, last_try)
    }
}
