//! A licence read made from files kept outside a card (a card image): decoded and viewed as a
//! read of the card decodes and views them.

use menkyo_codec::tlv::Mode;

use crate::decoded::{IcLicence, MynaLicence};
use crate::detect::CardKind;
use crate::error::Error;
use crate::files::EfRef;
use crate::ic::{self, IcLicenceFiles};
use crate::licence::LicenceRead;
use crate::myna::{self, MynaLicenceFiles};
use crate::outcome::{RawFile, SkipReason, Skipped};
use crate::pin::{PinId, PinState, PinStatus};

/// The files of an IC licence a full read takes, in order.
fn ic_files() -> Vec<EfRef> {
    let mut files = vec![ic::MF_EF01, ic::MF_EF02];
    files.extend(ic::DF_FILES.iter().map(|(_, ef)| *ef));
    files
}

/// The files of a マイナ免許証 a read with `--basic-info` takes, in order.
fn myna_files() -> Vec<EfRef> {
    vec![
        myna::WEF01,
        myna::WEF02,
        myna::WEF03,
        myna::BASIC_INFO_EF0002,
    ]
}

impl LicenceRead {
    /// The licence of a card of `kind` whose files `file` gives by path (`DF1/EF01`,
    /// `LICENCE_AP/WEF02` …); a file it lacks is skipped as not on the card. `pins`: the tries
    /// left of each PIN. `None` for a card without a licence.
    pub fn from_files(
        kind: CardKind,
        file: impl Fn(&str) -> Option<Vec<u8>>,
        pins: &[(PinId, u8)],
        mode: Mode,
    ) -> Result<Option<Self>, Error> {
        let wanted = match kind {
            CardKind::IcLicence => ic_files(),
            CardKind::MyNumberWithLicence => myna_files(),
            CardKind::MyNumberWithoutLicence | CardKind::Unknown => return Ok(None),
        };
        let mut files = Vec::new();
        let mut skipped = Vec::new();
        for ef in wanted {
            match file(ef.path) {
                Some(bytes) => files.push(RawFile { ef, bytes }),
                None => skipped.push(Skipped::new(&ef, SkipReason::NotOnCard)),
            }
        }
        let pins = pins
            .iter()
            .map(|&(id, tries)| {
                let state = match tries {
                    0 => PinState::Blocked,
                    tries => PinState::TriesLeft { tries },
                };
                PinStatus::new(id, state)
            })
            .collect();
        Ok(Some(match kind {
            CardKind::IcLicence => {
                let files = IcLicenceFiles {
                    pin_set: true,
                    pins,
                    files,
                    skipped,
                };
                LicenceRead::Ic(Box::new(IcLicence::decode(files, mode)?))
            }
            _ => {
                let files = MynaLicenceFiles {
                    pin_set: true,
                    pins,
                    files,
                    skipped,
                };
                LicenceRead::Myna(Box::new(MynaLicence::decode(files, mode)?))
            }
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_files_are_skipped_and_pins_kept() {
        let read = LicenceRead::from_files(
            CardKind::MyNumberWithLicence,
            |_| None,
            &[(PinId::LicenceAp, 0), (PinId::BasicInfo, 2)],
            Mode::Lenient,
        )
        .unwrap()
        .unwrap();
        let view = read.view();
        assert_eq!(view.skipped.len(), 4);
        assert_eq!(view.pins[0].state, PinState::Blocked);
        assert_eq!(view.pins[1].state, PinState::TriesLeft { tries: 2 });
        assert!(LicenceRead::from_files(
            CardKind::MyNumberWithoutLicence,
            |_| None,
            &[],
            Mode::Lenient
        )
        .unwrap()
        .is_none());
    }
}
