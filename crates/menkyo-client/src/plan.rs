//! The one reading procedure of both cards, driven by the registry: for each application
//! that holds files a licence read takes, its free files (暗証番号設定 among them), the tries
//! left of its PINs, the PINs asked and verified, then every file the PINs open.
//!
//! IC licence: SELECT MF, MF/EF01, MF/EF02, tries of 暗証番号1 and 2, VERIFY, then DF1 and DF2
//! (each selected before its first file read). マイナ免許証: SELECT of the 免許AP, WEF01, tries,
//! VERIFY, WEF02 and WEF03; then, when the caller wants its PIN and the card has it, the
//! 券面事項入力補助AP's 基本4情報.

use std::collections::BTreeSet;

use menkyo_codec::records::{Record, RecordKind};
use menkyo_codec::registry::{Access, Application, Card, File, Pin as PinId, PinAsk};
use menkyo_codec::secret::Pin;
use menkyo_codec::tlv::Mode;

use crate::detect::selectable;
use crate::error::Error;
use crate::exchange::Exchange;
use crate::file_read::{read_or_skip, RawFile, SkipReason, Skipped};
use crate::pin::{query_tries, LastTry, PinLedger, PinStatus};
use crate::pin_request::{PinNeed, PinSource};

/// Everything one read of a card brought back, undecoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardFiles {
    /// Whether the holder set the PINs (MF/EF02 or the 免許AP's WEF01); when not, `****` was
    /// used.
    pub pin_set: bool,
    /// Each PIN as the tries query found it, before VERIFY.
    pub pins: Vec<PinStatus>,
    /// The files read, in the order read.
    pub files: Vec<RawFile>,
    /// The files left out and why.
    pub skipped: Vec<Skipped>,
}

/// One pass of the licence read of `card` over `ex`. `ledger` survives a restart after a card
/// reset so that only PINs that had succeeded are verified again without asking.
pub(crate) fn read_card_files(
    ex: &mut Exchange<'_>,
    card: &Card,
    pins: &mut dyn PinSource,
    last_try: LastTry,
    ledger: &mut PinLedger,
) -> Result<CardFiles, Error> {
    let mut out = CardFiles {
        pin_set: true,
        pins: Vec::new(),
        files: Vec::new(),
        skipped: Vec::new(),
    };
    let mut read = Procedure {
        ex,
        card,
        current: None,
        verified: BTreeSet::new(),
    };
    for top in card.applications.iter().filter(|a| a.parent.is_none()) {
        read.application(top, pins, last_try, ledger, &mut out)?;
    }
    Ok(out)
}

struct Procedure<'e, 'x> {
    ex: &'e mut Exchange<'x>,
    card: &'e Card,
    /// The application selected last, by id.
    current: Option<&'static str>,
    verified: BTreeSet<PinId>,
}

impl Procedure<'_, '_> {
    /// An application (with the DFs below it) whose files a licence read takes.
    fn application(
        &mut self,
        top: &'static Application,
        pins: &mut dyn PinSource,
        last_try: LastTry,
        ledger: &mut PinLedger,
        out: &mut CardFiles,
    ) -> Result<(), Error> {
        let reads: Vec<&'static File> = self
            .card
            .applications
            .iter()
            .filter(|a| a.id == top.id || a.parent == Some(top.id))
            .flat_map(|a| a.files)
            .filter(|f| f.in_licence_read)
            .collect();
        if reads.is_empty() {
            return Ok(());
        }
        let app_pins: Vec<PinId> = top
            .pins()
            .filter(|p| p.spec().ask != PinAsk::Never)
            .collect();
        if let Some(pin) = app_pins
            .iter()
            .copied()
            .find(|p| matches!(p.spec().ask, PinAsk::OnRequest { .. }))
        {
            let absent = if !pins.wants(pin) {
                Some(SkipReason::PinNotGiven { pin })
            } else if !selectable(self.ex, top.aid.unwrap_or_default())? {
                Some(SkipReason::NotOnCard)
            } else {
                None
            };
            if let Some(reason) = absent {
                out.skipped
                    .extend(reads.iter().map(|f| Skipped::new(f, reason)));
                return Ok(());
            }
            self.current = Some(top.id);
        }

        let mut holder_set = true;
        for file in reads.iter().filter(|f| f.access == Access::Free) {
            self.select(file)?;
            let bytes = self.ex.read_ef(file)?;
            if let Some(set) = pin_set(file, &bytes)? {
                holder_set = set;
                out.pin_set = set;
            }
            out.files.push(RawFile { ef: **file, bytes });
        }

        let mut states = Vec::with_capacity(app_pins.len());
        for pin in app_pins {
            self.select_application(top)?;
            if let Some(ef) = pin.file().filter(|f| f.sfi.is_none()) {
                self.ex.select_ef(ef)?;
            }
            let status = PinStatus::new(pin, query_tries(self.ex, pin)?);
            out.pins.push(status);
            states.push(status);
        }
        let mut given = Vec::with_capacity(states.len());
        for status in states {
            let spec = status.id.spec();
            let secret = match (holder_set, spec.default) {
                (false, Some(_)) => Some(Pin::licence_default()),
                _ => {
                    let need = match spec.ask {
                        PinAsk::Optional { skips } | PinAsk::OnRequest { skips } => {
                            PinNeed::Optional { skips }
                        }
                        PinAsk::Required | PinAsk::Never => PinNeed::Required,
                    };
                    let answer = pins.pin(status, need)?;
                    if answer.is_none() && need == PinNeed::Required {
                        break;
                    }
                    answer
                }
            };
            if let Some(secret) = secret {
                given.push((status, secret));
            }
        }
        for (status, secret) in given {
            ledger.verify(self.ex, status.id, &secret, status.state, last_try)?;
            self.verified.insert(status.id);
        }

        for file in reads.iter().filter(|f| f.access != Access::Free) {
            let missing = file
                .access
                .pins()
                .iter()
                .copied()
                .find(|p| !self.verified.contains(p));
            if let Some(pin) = missing {
                out.skipped
                    .push(Skipped::new(file, SkipReason::PinNotGiven { pin }));
                continue;
            }
            self.select(file)?;
            read_or_skip(self.ex, file, &mut out.files, &mut out.skipped)?;
        }
        Ok(())
    }

    /// Selects the application holding `file` unless it is current.
    fn select(&mut self, file: &File) -> Result<(), Error> {
        match self.card.application_of(file) {
            Some(app) => self.select_application(app),
            None => Ok(()),
        }
    }

    fn select_application(&mut self, app: &'static Application) -> Result<(), Error> {
        if self.current == Some(app.id) {
            return Ok(());
        }
        match app.aid {
            Some(aid) => self.ex.select_aid(aid, app.label)?,
            None => self.ex.select_mf()?,
        }
        self.current = Some(app.id);
        Ok(())
    }
}

/// Whether the holder set the PINs, when `file` is a 暗証番号設定.
fn pin_set(file: &File, bytes: &[u8]) -> Result<Option<bool>, Error> {
    let Some(kind @ (RecordKind::IcPinSetting | RecordKind::MynaPinSetting)) = file.record else {
        return Ok(None);
    };
    match kind.decode(bytes, Mode::Strict) {
        Ok(decoded) => Ok(match decoded.record {
            Record::IcPinSetting(setting) => Some(setting.pin_set),
            Record::MynaPinSetting(setting) => Some(setting.pin_set),
            _ => None,
        }),
        Err(source) => Err(Error::MalformedRecord { source }),
    }
}
