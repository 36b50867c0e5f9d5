//! The reading procedures as the tools call them: detect the card, read it with the PINs that
//! belong to it, decode the files, and restart once after a card reset.

use menkyo_codec::secret::Pin;
use menkyo_codec::tlv::Mode;

use crate::ask::{Asker, PinProvider};
use crate::decoded::{IcLicence, MynaLicence};
use crate::detect::{atr_says_ic_licence, detect, CardKind};
use crate::error::{Error, Step};
use crate::ic::{IcLicenceFiles, IcPins, MF_EF01};
use crate::myna::{MynaLicenceFiles, MynaPins};
use crate::pin::{LastTry, PinId, PinLedger};
use crate::plan::{read_card_files, CardFiles};
use crate::reader::Reader;
use crate::view::LicenceView;
use menkyo_codec::registry::{Card, IC_LICENCE, MY_NUMBER_CARD};

/// How a read treats PINs and malformed records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// Whether VERIFY may spend a PIN's last try.
    pub last_try: LastTry,
    /// Strict decoding refuses a malformed item; lenient keeps it as read and warns.
    pub mode: Mode,
}

impl Default for ReadOptions {
    /// Refuse the last try; decode leniently.
    fn default() -> Self {
        Self {
            last_try: LastTry::Refuse,
            mode: Mode::Lenient,
        }
    }
}

/// The PINs a caller may give; each card uses those that belong to it.
#[derive(Debug, Clone, Default)]
pub struct Pins {
    /// IC licence 暗証番号1.
    pub pin1: Option<Pin>,
    /// IC licence 暗証番号2.
    pub pin2: Option<Pin>,
    /// The 免許AP's PIN.
    pub licence_ap: Option<Pin>,
    /// The 券面事項入力補助AP's PIN.
    pub basic_info: Option<Pin>,
}

impl Pins {
    /// Those of the IC licence.
    pub fn ic(&self) -> IcPins {
        IcPins {
            pin1: self.pin1.clone(),
            pin2: self.pin2.clone(),
        }
    }

    /// Those of the マイナ免許証.
    pub fn myna(&self) -> MynaPins {
        MynaPins {
            licence: self.licence_ap.clone(),
            basic_info: self.basic_info.clone(),
        }
    }

    /// The one given for `pin`.
    pub fn get(&self, pin: PinId) -> Option<&Pin> {
        match pin {
            PinId::IcPin1 => self.pin1.as_ref(),
            PinId::IcPin2 => self.pin2.as_ref(),
            PinId::LicenceAp => self.licence_ap.as_ref(),
            PinId::BasicInfo => self.basic_info.as_ref(),
            _ => None,
        }
    }
}

/// The files of a licence as read from either card, undecoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LicenceFiles {
    /// ICカード運転免許証.
    Ic(IcLicenceFiles),
    /// マイナ免許証.
    Myna(MynaLicenceFiles),
}

/// A licence as read from either card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LicenceRead {
    /// ICカード運転免許証.
    Ic(Box<IcLicence>),
    /// マイナ免許証.
    Myna(Box<MynaLicence>),
}

impl LicenceRead {
    /// The merged view.
    pub fn view(&self) -> LicenceView {
        match self {
            LicenceRead::Ic(read) => LicenceView::from_ic(read),
            LicenceRead::Myna(read) => LicenceView::from_myna(read),
        }
    }
}

impl Reader<'_> {
    /// The card kind, from the ATR and SELECT probes; no PIN try is spent.
    pub fn detect(&mut self) -> Result<CardKind, Error> {
        let atr = self.atr()?;
        self.run(|ex| detect(ex, &atr))
    }

    /// Reads an IC licence: MF/EF01, MF/EF02, the tries of both PINs, VERIFY, and every DF
    /// file the PINs open, decoded.
    pub fn read_ic_licence(
        &mut self,
        pins: &IcPins,
        options: ReadOptions,
    ) -> Result<IcLicence, Error> {
        let files = self.read_ic_licence_files(pins, options.last_try)?;
        IcLicence::decode(files, options.mode)
    }

    /// Reads a マイナ免許証: the 免許AP and, with its PIN, 基本4情報, decoded.
    pub fn read_myna_licence(
        &mut self,
        pins: &MynaPins,
        options: ReadOptions,
    ) -> Result<MynaLicence, Error> {
        let files = self.read_myna_licence_files(pins, options.last_try)?;
        MynaLicence::decode(files, options.mode)
    }

    /// Detects the card and reads the licence on it with the PINs that belong to it; see
    /// [`Reader::read_licence_asking`].
    pub fn read_licence(
        &mut self,
        pins: &Pins,
        options: ReadOptions,
    ) -> Result<LicenceRead, Error> {
        self.read_licence_asking(&mut pins.clone(), options)
    }

    /// Detects the card and reads the licence on it in one card session, asking `pins` for
    /// each PIN when the procedure needs it: after reading whether the holder set it and its
    /// tries left, never for a PIN left at `****`. A card with the IC licence's ATR is read at
    /// once, the procedure's SELECT MF and SELECT of MF/EF01 standing for the detection probe;
    /// should either fail, the card is probed.
    pub fn read_licence_asking<E: From<Error>>(
        &mut self,
        pins: &mut dyn PinProvider<Error = E>,
        options: ReadOptions,
    ) -> Result<LicenceRead, E> {
        Ok(
            match self.read_licence_files_asking(pins, options.last_try)? {
                LicenceFiles::Ic(files) => {
                    LicenceRead::Ic(Box::new(IcLicence::decode(files, options.mode)?))
                }
                LicenceFiles::Myna(files) => {
                    LicenceRead::Myna(Box::new(MynaLicence::decode(files, options.mode)?))
                }
            },
        )
    }

    /// The licence read of `card` (a card of the registry) with the given PINs, undecoded;
    /// restarts once after a card reset. The procedure follows the registry: each file a
    /// licence read takes is read when its PINs were given.
    pub fn read_card_files(
        &mut self,
        card: &Card,
        pins: &Pins,
        last_try: LastTry,
    ) -> Result<CardFiles, Error> {
        let mut pins = pins.clone();
        let mut asker = Asker::new(&mut pins);
        let mut ledger = PinLedger::default();
        let read = self.run(|ex| read_card_files(ex, card, &mut asker, last_try, &mut ledger));
        asker.finish(read)
    }

    /// [`Reader::read_licence_asking`], undecoded.
    pub fn read_licence_files_asking<E: From<Error>>(
        &mut self,
        pins: &mut dyn PinProvider<Error = E>,
        last_try: LastTry,
    ) -> Result<LicenceFiles, E> {
        let atr = self.atr()?;
        let mut asker = Asker::new(pins);
        let mut ledger = PinLedger::default();
        let read = self.run(|ex| {
            if atr_says_ic_licence(&atr) {
                match read_card_files(ex, &IC_LICENCE, &mut asker, last_try, &mut ledger) {
                    Err(e) if is_not_an_ic_licence(&e) => {}
                    read => return read.map(LicenceFiles::Ic),
                }
            }
            match detect(ex, &atr)? {
                CardKind::IcLicence => {
                    read_card_files(ex, &IC_LICENCE, &mut asker, last_try, &mut ledger)
                        .map(LicenceFiles::Ic)
                }
                CardKind::MyNumberWithLicence => {
                    read_card_files(ex, &MY_NUMBER_CARD, &mut asker, last_try, &mut ledger)
                        .map(LicenceFiles::Myna)
                }
                other => Err(Error::NotALicence { card: other }),
            }
        });
        asker.finish(read)
    }
}

/// Whether the IC licence procedure failed on its first commands (SELECT MF, SELECT of
/// MF/EF01), before any PIN was sent: the card is then not an IC licence despite its ATR, and
/// the probes of [`detect`] tell what it is.
fn is_not_an_ic_licence(error: &Error) -> bool {
    matches!(
        error,
        Error::UnexpectedStatus {
            step: Step::SelectMf,
            ..
        }
    ) || matches!(
        error,
        Error::UnexpectedStatus { step: Step::SelectFile(ef), .. } if **ef == MF_EF01
    )
}
