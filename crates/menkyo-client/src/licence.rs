//! The reading procedures as the tools call them: detect the card, read it with the PINs that
//! belong to it, decode the files, and restart once after a card reset.

use menkyo_auth::{Report, SignedCard, TrustAnchor};
use menkyo_codec::records::PhotoData;
use menkyo_codec::secret::Pin;
use menkyo_codec::tlv::Mode;

use crate::decoded::{IcLicence, MynaLicence};
use crate::detect::{atr_says_ic_licence, detect, CardKind};
use crate::error::{Error, Step};
use crate::file_read::{RawFile, Skipped};
use crate::ic::{IcLicenceFiles, IcPins, DF2_EF01, MF_EF01};
use crate::myna::{MynaLicenceFiles, MynaPins, WEF02};
use crate::pin::{LastTry, PinId, PinLedger, PinStatus};
use crate::pin_request::{PinProvider, PinsAskedOnce};
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

impl LicenceFiles {
    /// Which card they came from.
    pub fn card(&self) -> CardKind {
        match self {
            LicenceFiles::Ic(_) => CardKind::IcLicence,
            LicenceFiles::Myna(_) => CardKind::MyNumberWithLicence,
        }
    }

    /// What the read brought: the files, those left out, the PINs.
    pub fn card_files(&self) -> &CardFiles {
        match self {
            LicenceFiles::Ic(files) | LicenceFiles::Myna(files) => files,
        }
    }

    /// Every file read, in the order read.
    pub fn files(&self) -> &[RawFile] {
        &self.card_files().files
    }

    /// The files left out, and why.
    pub fn skipped(&self) -> &[Skipped] {
        &self.card_files().skipped
    }

    /// Each PIN as found before VERIFY.
    pub fn pins(&self) -> &[PinStatus] {
        &self.card_files().pins
    }
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
    /// The merged view, without a signature check.
    pub fn view(&self) -> LicenceView {
        match self {
            LicenceRead::Ic(read) => LicenceView::from_ic(read),
            LicenceRead::Myna(read) => LicenceView::from_myna(read),
        }
    }

    /// The merged view with the check of the licence's signature against `anchor` (without
    /// one, the signature is `unverifiable`).
    pub fn checked_view(&self, anchor: Option<&TrustAnchor>) -> LicenceView {
        let mut view = self.view();
        view.signature = Some(self.check_signature(anchor));
        view
    }

    /// The check of the licence's signature (DF1/EF07 電子署名 or 免許AP WEF03) over the files
    /// read, against `anchor`.
    pub fn check_signature(&self, anchor: Option<&TrustAnchor>) -> Report {
        let files = self.files();
        let file = |path: &str| {
            files
                .iter()
                .find(|f| f.ef.path == path)
                .map(|f| f.bytes.as_slice())
        };
        menkyo_auth::verify(self.signed_card(), file, anchor)
    }

    /// Which card's signature covers the licence.
    pub fn signed_card(&self) -> SignedCard {
        match self {
            LicenceRead::Ic(_) => SignedCard::IcLicence,
            LicenceRead::Myna(_) => SignedCard::LicenceAp,
        }
    }

    /// What the read brought, undecoded: the files, those left out, the PINs.
    pub fn card_files(&self) -> &CardFiles {
        match self {
            LicenceRead::Ic(ic) => &ic.files,
            LicenceRead::Myna(myna) => &myna.files,
        }
    }

    /// Every file read, undecoded, in the order read.
    pub fn files(&self) -> &[RawFile] {
        &self.card_files().files
    }

    /// Which card it came from.
    pub fn card(&self) -> CardKind {
        match self {
            LicenceRead::Ic(_) => CardKind::IcLicence,
            LicenceRead::Myna(_) => CardKind::MyNumberWithLicence,
        }
    }

    /// The files left out, and why.
    pub fn skipped(&self) -> &[Skipped] {
        &self.card_files().skipped
    }

    /// The photo (写真), when it was read: IC licence DF2/EF01, 免許AP WEF02.
    pub fn photo(&self) -> Option<&PhotoData> {
        match self {
            LicenceRead::Ic(ic) => ic.card.photo.as_ref().and_then(|p| p.photo.as_ref()),
            LicenceRead::Myna(myna) => myna
                .card
                .licence_ap
                .as_ref()
                .and_then(|ap| ap.record.as_ref())
                .and_then(|r| r.photo.as_ref()),
        }
    }

    /// Why the file that holds the photo was not read, when it was not.
    pub fn photo_skipped(&self) -> Option<&Skipped> {
        let ef = match self {
            LicenceRead::Ic(_) => &DF2_EF01,
            LicenceRead::Myna(_) => &WEF02,
        };
        self.skipped().iter().find(|s| s.file == ef.path)
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
        let mut asked_once = PinsAskedOnce::new(&mut pins);
        let mut ledger = PinLedger::default();
        let read = self.run(|ex| read_card_files(ex, card, &mut asked_once, last_try, &mut ledger));
        asked_once.finish(read)
    }

    /// [`Reader::read_licence_asking`], undecoded.
    pub fn read_licence_files_asking<E: From<Error>>(
        &mut self,
        pins: &mut dyn PinProvider<Error = E>,
        last_try: LastTry,
    ) -> Result<LicenceFiles, E> {
        let atr = self.atr()?;
        let mut asked_once = PinsAskedOnce::new(pins);
        let mut ledger = PinLedger::default();
        let read = self.run(|ex| {
            if atr_says_ic_licence(&atr) {
                match read_card_files(ex, &IC_LICENCE, &mut asked_once, last_try, &mut ledger) {
                    Err(e) if is_not_an_ic_licence(&e) => {}
                    read => return read.map(LicenceFiles::Ic),
                }
            }
            match detect(ex, &atr)? {
                CardKind::IcLicence => {
                    read_card_files(ex, &IC_LICENCE, &mut asked_once, last_try, &mut ledger)
                        .map(LicenceFiles::Ic)
                }
                CardKind::MyNumberWithLicence => {
                    read_card_files(ex, &MY_NUMBER_CARD, &mut asked_once, last_try, &mut ledger)
                        .map(LicenceFiles::Myna)
                }
                other => Err(Error::NotALicence { card: other }),
            }
        });
        asked_once.finish(read)
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
