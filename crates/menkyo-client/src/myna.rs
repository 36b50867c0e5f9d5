//! Reading the マイナ免許証: the 免許AP (WEF01 PIN設定, tries, VERIFY, WEF02 免許情報, WEF03)
//! and, when its PIN is given, 基本4情報 from the 券面事項入力補助AP.

use menkyo_codec::layout::myna;
use menkyo_codec::records::LicenceApPinSetting;
use menkyo_codec::secret::Pin;

use crate::detect::selectable;
use crate::error::Error;
use crate::exchange::Exchange;
use crate::file_read::{read_or_skip, RawFile, SkipReason, Skipped};
use crate::files::EfRef;
use crate::licence::Pins;
use crate::pin::{query_tries, LastTry, PinId, PinLedger, PinStatus};
use crate::pin_request::{Ask, Asker, PinNeed};
use crate::pin_status::{BASIC_INFO_PIN_EF, LICENCE_AP};
use crate::reader::Reader;

/// 免許AP WEF01 PIN設定.
pub const WEF01: EfRef = EfRef {
    path: "LICENCE_AP/WEF01",
    name: "PIN設定",
    fid: myna::FID_PIN_SETTING,
    sfi: Some(myna::SFI_PIN_SETTING),
    size: Some(myna::SIZE_PIN_SETTING),
};

/// 免許AP WEF02 免許情報.
pub const WEF02: EfRef = EfRef {
    path: "LICENCE_AP/WEF02",
    name: "免許情報",
    fid: myna::FID_RECORD,
    sfi: Some(myna::SFI_RECORD),
    size: None,
};

/// 免許AP WEF03 security data (署名等).
pub const WEF03: EfRef = EfRef {
    path: "LICENCE_AP/WEF03",
    name: "セキュリティデータ",
    fid: myna::FID_SECURITY,
    sfi: Some(myna::SFI_SECURITY),
    size: None,
};

/// 券面事項入力補助AP EF0002 基本4情報.
pub const BASIC_INFO_EF0002: EfRef = EfRef {
    path: "BASIC_INFO/EF0002",
    name: "基本4情報",
    fid: myna::FID_BASIC_INFO,
    sfi: None,
    size: None,
};

/// The PINs the caller gives for a マイナ免許証.
#[derive(Debug, Clone, Default)]
pub struct MynaPins {
    /// The 免許AP's PIN; ignored when WEF01 says the holder set none (`****` is used then).
    pub licence: Option<Pin>,
    /// The 券面事項入力補助AP's PIN: name, address, birth date and sex are read only with it.
    pub basic_info: Option<Pin>,
}

/// Everything one read of a マイナ免許証 brought back, undecoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MynaLicenceFiles {
    /// Whether the holder set the 免許AP PIN (WEF01); when not, `****` was used.
    pub pin_set: bool,
    /// Each PIN as the tries query found it, before VERIFY.
    pub pins: Vec<PinStatus>,
    /// The files read, in order.
    pub files: Vec<RawFile>,
    /// The files left out and why.
    pub skipped: Vec<Skipped>,
}

/// One pass of the マイナ免許証 procedure over `ex`, asking each PIN after its tries are known.
/// The 券面事項入力補助AP is read only when the caller wants its PIN; a card without it has
/// 基本4情報 skipped as not on the card.
pub(crate) fn read_myna_files(
    ex: &mut Exchange<'_>,
    pins: &mut dyn Ask,
    last_try: LastTry,
    ledger: &mut PinLedger,
) -> Result<MynaLicenceFiles, Error> {
    ex.select_aid(&myna::AID_LICENCE_AP, LICENCE_AP)?;
    let setting = ex.read_ef(&WEF01)?;
    let holder_set = LicenceApPinSetting::decode(&setting)
        .map_err(|source| Error::MalformedRecord { source })?
        .pin_set;
    let mut out = MynaLicenceFiles {
        pin_set: holder_set,
        pins: Vec::with_capacity(2),
        files: vec![RawFile {
            ef: WEF01,
            bytes: setting,
        }],
        skipped: Vec::new(),
    };
    let state = query_tries(ex, PinId::LicenceAp)?;
    out.pins.push(PinStatus::new(PinId::LicenceAp, state));
    let pin = if holder_set {
        pins.ask(PinStatus::new(PinId::LicenceAp, state), PinNeed::Required)?
    } else {
        Some(Pin::licence_default())
    };
    match pin {
        Some(pin) => {
            ledger.verify(ex, PinId::LicenceAp, &pin, state, last_try)?;
            for ef in [WEF02, WEF03] {
                read_or_skip(ex, &ef, &mut out.files, &mut out.skipped)?;
            }
        }
        None => {
            for ef in [WEF02, WEF03] {
                out.skipped.push(Skipped::new(
                    &ef,
                    SkipReason::PinNotGiven {
                        pin: PinId::LicenceAp,
                    },
                ));
            }
        }
    }

    if !pins.wants(PinId::BasicInfo) {
        out.skipped.push(Skipped::new(
            &BASIC_INFO_EF0002,
            SkipReason::PinNotGiven {
                pin: PinId::BasicInfo,
            },
        ));
    } else if !selectable(ex, &myna::AID_BASIC_INFO)? {
        out.skipped
            .push(Skipped::new(&BASIC_INFO_EF0002, SkipReason::NotOnCard));
    } else {
        ex.select_ef(&BASIC_INFO_PIN_EF)?;
        let state = query_tries(ex, PinId::BasicInfo)?;
        let status = PinStatus::new(PinId::BasicInfo, state);
        out.pins.push(status);
        let need = PinNeed::Optional {
            skips: "基本4情報"
        };
        match pins.ask(status, need)? {
            Some(pin) => {
                ledger.verify(ex, PinId::BasicInfo, &pin, state, last_try)?;
                read_or_skip(ex, &BASIC_INFO_EF0002, &mut out.files, &mut out.skipped)?;
            }
            None => out.skipped.push(Skipped::new(
                &BASIC_INFO_EF0002,
                SkipReason::PinNotGiven {
                    pin: PinId::BasicInfo,
                },
            )),
        }
    }
    Ok(out)
}

impl Reader<'_> {
    /// Reads a マイナ免許証 with the given PINs, undecoded; restarts once after a card reset.
    pub fn read_myna_licence_files(
        &mut self,
        pins: &MynaPins,
        last_try: LastTry,
    ) -> Result<MynaLicenceFiles, Error> {
        let mut pins = Pins {
            licence_ap: pins.licence.clone(),
            basic_info: pins.basic_info.clone(),
            ..Pins::default()
        };
        let mut asker = Asker::new(&mut pins);
        let mut ledger = PinLedger::default();
        let read = self.run(|ex| read_myna_files(ex, &mut asker, last_try, &mut ledger));
        asker.finish(read)
    }
}
