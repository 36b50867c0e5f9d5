//! The PINs a read needs, asked in a fixed order after the probe: IC licence PIN1 then PIN2
//! (PIN2 may be left out), マイナ免許証 the 免許AP PIN (only when the holder set one) then the
//! 券面事項入力補助AP PIN (only with `--basic-info`).

use menkyo_client::{CardKind, PinId, PinState, PinStatus, Pins};

use crate::failure::Failure;
use crate::feedback::Feedback;
use crate::pins::{Need, PinSource};
use crate::probe::Probe;

/// What the read should bring besides the licence.
#[derive(Debug, Clone, Copy, Default)]
pub struct Wanted {
    /// 基本4情報 from the 券面事項入力補助AP.
    pub basic_info: bool,
    /// The photo: PIN2 becomes required on an IC licence.
    pub photo: bool,
}

/// The PINs the read of the probed card needs, from their sources.
pub fn gather_pins(
    probe: &Probe,
    wanted: Wanted,
    source: &mut PinSource,
    feedback: &mut Feedback,
) -> Result<Pins, Failure> {
    let mut pins = Pins::default();
    let status = |id: PinId| {
        probe.pin(id).copied().unwrap_or(PinStatus {
            id,
            name: id.name(),
            max_tries: id.max_tries(),
            state: PinState::TriesLeft {
                tries: id.max_tries(),
            },
        })
    };
    match probe.kind {
        CardKind::IcLicence => {
            if wanted.basic_info {
                feedback.note(
                    "menkyo: note: an IC licence has no 券面事項入力補助AP; its name, address and \
                     birth date are read from DF1/EF01",
                );
            }
            if probe.pin_set == Some(true) {
                pins.pin1 = source.get(&status(PinId::IcPin1), Need::Required, feedback)?;
                let need2 = if wanted.photo {
                    Need::Required
                } else {
                    Need::Optional("本籍 and the photo")
                };
                pins.pin2 = source.get(&status(PinId::IcPin2), need2, feedback)?;
            }
        }
        CardKind::MyNumberWithLicence => {
            if probe.pin_set == Some(true) {
                pins.licence_ap =
                    source.get(&status(PinId::LicenceAp), Need::Required, feedback)?;
            }
            if wanted.basic_info {
                let basic = probe.pin(PinId::BasicInfo).ok_or(Failure::NoBasicInfoAp)?;
                pins.basic_info = source.get(basic, Need::Required, feedback)?;
            }
        }
        other => return Err(Failure::NotALicence(other)),
    }
    Ok(pins)
}
