//! Reading the ICカード運転免許証: 共通データ要素, 暗証番号設定, tries left of both PINs,
//! VERIFY, then every file of DF1 and DF2 the given PINs open.

use menkyo_codec::layout::ic::{self, Access, DfFile};
use menkyo_codec::records::PinSetting;
use menkyo_codec::secret::Pin;

use crate::error::Error;
use crate::exchange::Exchange;
use crate::file_read::{read_or_skip, RawFile, SkipReason, Skipped};
use crate::files::EfRef;
use crate::licence::Pins;
use crate::pin::{query_tries, LastTry, PinId, PinLedger, PinStatus};
use crate::pin_request::{Ask, Asker, PinNeed};
use crate::reader::Reader;

/// MF/EF01 共通データ要素 (read after SELECT by FID; it has no SFI).
pub const MF_EF01: EfRef = EfRef {
    path: "MF/EF01",
    name: "共通データ要素",
    fid: ic::FID_COMMON,
    sfi: None,
    size: Some(ic::SIZE_COMMON),
};

/// MF/EF02 暗証番号設定.
pub const MF_EF02: EfRef = EfRef {
    path: "MF/EF02",
    name: "暗証番号設定",
    fid: ic::FID_PIN_SETTING,
    sfi: Some(ic::SFI_PIN_SETTING),
    size: Some(ic::SIZE_PIN_SETTING),
};

/// DF1 記載事項, for messages.
pub(crate) const DF1: &str = "DF1 記載事項";
/// DF2 写真, for messages.
pub(crate) const DF2: &str = "DF2 写真";

/// A DF file of the layout as an [`EfRef`], read by its SFI (= its FID).
const fn df_ef(file: DfFile, path: &'static str) -> EfRef {
    EfRef {
        path,
        name: file.name,
        fid: file.fid,
        sfi: if file.fid <= 0x1E {
            Some(file.fid as u8)
        } else {
            None
        },
        size: Some(file.size),
    }
}

/// DF1/EF01 記載事項(本籍除く).
pub const DF1_EF01: EfRef = df_ef(ic::DF1_EF01, "DF1/EF01");
/// DF1/EF02 記載事項(本籍).
pub const DF1_EF02: EfRef = df_ef(ic::DF1_EF02, "DF1/EF02");
/// DF1/EF03 外字.
pub const DF1_EF03: EfRef = df_ef(ic::DF1_EF03, "DF1/EF03");
/// DF1/EF04 記載事項変更等(本籍除く).
pub const DF1_EF04: EfRef = df_ef(ic::DF1_EF04, "DF1/EF04");
/// DF1/EF05 記載事項変更(外字).
pub const DF1_EF05: EfRef = df_ef(ic::DF1_EF05, "DF1/EF05");
/// DF1/EF06 記載事項変更(本籍).
pub const DF1_EF06: EfRef = df_ef(ic::DF1_EF06, "DF1/EF06");
/// DF1/EF07 電子署名.
pub const DF1_EF07: EfRef = df_ef(ic::DF1_EF07, "DF1/EF07");
/// DF2/EF01 写真.
pub const DF2_EF01: EfRef = df_ef(ic::DF2_EF01, "DF2/EF01");

/// The files of DF1 and DF2 with their layout entries, in the order a full read takes them.
pub const DF_FILES: [(DfFile, EfRef); 8] = [
    (ic::DF1_EF01, DF1_EF01),
    (ic::DF1_EF02, DF1_EF02),
    (ic::DF1_EF03, DF1_EF03),
    (ic::DF1_EF04, DF1_EF04),
    (ic::DF1_EF05, DF1_EF05),
    (ic::DF1_EF06, DF1_EF06),
    (ic::DF1_EF07, DF1_EF07),
    (ic::DF2_EF01, DF2_EF01),
];

/// The PINs the caller gives for an IC licence. Ignored when MF/EF02 says the holder set none
/// (`****` is used then).
#[derive(Debug, Clone, Default)]
pub struct IcPins {
    /// 暗証番号1.
    pub pin1: Option<Pin>,
    /// 暗証番号2.
    pub pin2: Option<Pin>,
}

/// Everything one read of an IC licence brought back, undecoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcLicenceFiles {
    /// Whether the holder set PINs (MF/EF02); when not, `****` was used.
    pub pin_set: bool,
    /// PIN1 and PIN2 as the tries query found them, before VERIFY.
    pub pins: Vec<PinStatus>,
    /// MF/EF01, MF/EF02 and every DF file read, in the order read.
    pub files: Vec<RawFile>,
    /// The DF files left out and why.
    pub skipped: Vec<Skipped>,
}

/// One pass of the IC licence procedure over `ex`, asking PIN1 and PIN2 (when the holder set
/// them) after their tries are known and before either VERIFY. `ledger` survives a restart
/// after a card reset so that only PINs that had succeeded are verified again without asking.
pub(crate) fn read_ic_files(
    ex: &mut Exchange<'_>,
    pins: &mut dyn Ask,
    last_try: LastTry,
    ledger: &mut PinLedger,
) -> Result<IcLicenceFiles, Error> {
    ex.select_mf()?;
    ex.select_ef(&MF_EF01)?;
    let common = ex.read_current_ef(&MF_EF01)?;
    let setting = ex.read_ef(&MF_EF02)?;
    let holder_set = PinSetting::decode(&setting)
        .map_err(|source| Error::MalformedRecord { source })?
        .pin_set;
    let mut out = IcLicenceFiles {
        pin_set: holder_set,
        pins: Vec::with_capacity(2),
        files: vec![
            RawFile {
                ef: MF_EF01,
                bytes: common,
            },
            RawFile {
                ef: MF_EF02,
                bytes: setting,
            },
        ],
        skipped: Vec::new(),
    };
    let state1 = query_tries(ex, PinId::IcPin1)?;
    let state2 = query_tries(ex, PinId::IcPin2)?;
    out.pins.push(PinStatus::new(PinId::IcPin1, state1));
    out.pins.push(PinStatus::new(PinId::IcPin2, state2));

    let mut verified1 = false;
    let mut verified2 = false;
    if holder_set {
        let status1 = PinStatus::new(PinId::IcPin1, state1);
        if let Some(pin1) = pins.ask(status1, PinNeed::Required)? {
            let need2 = PinNeed::Optional {
                skips: "本籍 and the photo",
            };
            let pin2 = pins.ask(PinStatus::new(PinId::IcPin2, state2), need2)?;
            ledger.verify(ex, PinId::IcPin1, &pin1, state1, last_try)?;
            verified1 = true;
            if let Some(pin2) = pin2 {
                ledger.verify(ex, PinId::IcPin2, &pin2, state2, last_try)?;
                verified2 = true;
            }
        }
    } else {
        let default = Pin::licence_default();
        ledger.verify(ex, PinId::IcPin1, &default, state1, last_try)?;
        ledger.verify(ex, PinId::IcPin2, &default, state2, last_try)?;
        verified1 = true;
        verified2 = true;
    }

    let mut df_selected = 0u8;
    for (file, ef) in DF_FILES {
        let missing = match file.access {
            Access::Free => None,
            Access::Pin1 if verified1 => None,
            Access::Pin1And2 if verified1 && verified2 => None,
            Access::Pin1 | Access::Pin1And2 if !verified1 => Some(PinId::IcPin1),
            Access::Pin1 | Access::Pin1And2 => Some(PinId::IcPin2),
        };
        if let Some(pin) = missing {
            out.skipped
                .push(Skipped::new(&ef, SkipReason::PinNotGiven { pin }));
            continue;
        }
        if df_selected != file.df {
            let (aid, name) = if file.df == 1 {
                (&ic::AID_DF1, DF1)
            } else {
                (&ic::AID_DF2, DF2)
            };
            ex.select_aid(aid, name)?;
            df_selected = file.df;
        }
        read_or_skip(ex, &ef, &mut out.files, &mut out.skipped)?;
    }
    Ok(out)
}

impl Reader<'_> {
    /// Reads an IC licence with the given PINs, undecoded; restarts once after a card reset.
    pub fn read_ic_licence_files(
        &mut self,
        pins: &IcPins,
        last_try: LastTry,
    ) -> Result<IcLicenceFiles, Error> {
        let mut pins = Pins {
            pin1: pins.pin1.clone(),
            pin2: pins.pin2.clone(),
            ..Pins::default()
        };
        let mut asker = Asker::new(&mut pins);
        let mut ledger = PinLedger::default();
        let read = self.run(|ex| read_ic_files(ex, &mut asker, last_try, &mut ledger));
        asker.finish(read)
    }
}
