//! Which card is in the reader: from the ATR and SELECT probes, which cost no PIN tries.

pub use menkyo_codec::atr::{atr_hint, AtrHint};
use menkyo_codec::layout::{ic, myna};
use menkyo_codec::status::StatusWord;
use serde::Serialize;

use crate::commands;
use crate::error::{Error, Step};
use crate::exchange::Exchange;

/// The kind of card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CardKind {
    /// ICカード運転免許証.
    IcLicence,
    /// マイナ免許証: a My Number card carrying the 免許AP.
    MyNumberWithLicence,
    /// A My Number card without the 免許AP.
    MyNumberWithoutLicence,
    /// Neither.
    Unknown,
}

impl CardKind {
    /// A short English name, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            CardKind::IcLicence => "an IC driving licence (ICカード運転免許証)",
            CardKind::MyNumberWithLicence => "a My Number card with the 免許AP (マイナ免許証)",
            CardKind::MyNumberWithoutLicence => "a My Number card without the 免許AP",
            CardKind::Unknown => "an unknown card",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Probe {
    IcDf1,
    LicenceAp,
    Jpki,
    BasicInfo,
}

impl Probe {
    fn aid(self) -> &'static [u8] {
        match self {
            Probe::IcDf1 => &ic::AID_DF1,
            Probe::LicenceAp => &myna::AID_LICENCE_AP,
            Probe::Jpki => &myna::AID_JPKI,
            Probe::BasicInfo => &myna::AID_BASIC_INFO,
        }
    }

    fn found(self) -> CardKind {
        match self {
            Probe::IcDf1 => CardKind::IcLicence,
            Probe::LicenceAp => CardKind::MyNumberWithLicence,
            Probe::Jpki | Probe::BasicInfo => CardKind::MyNumberWithoutLicence,
        }
    }
}

/// Whether the ATR is the IC licence's (card notes §1.1): a read may then start with the IC
/// licence procedure, whose own first commands tell whether the card is one.
pub(crate) fn atr_says_ic_licence(atr: &[u8]) -> bool {
    atr_hint(atr) == AtrHint::IcLicence
}

/// Tells the card kind from its ATR and SELECT probes of the IC licence's DF1, the 免許AP
/// instance and the My Number card's JPKI and 券面事項入力補助 applications. The ATR only
/// orders the probes; the first application that answers `9000` decides. Leaves an
/// application selected.
pub fn detect(ex: &mut Exchange<'_>, atr: &[u8]) -> Result<CardKind, Error> {
    let order: &[Probe] = match atr_hint(atr) {
        AtrHint::IcLicence => &[
            Probe::IcDf1,
            Probe::LicenceAp,
            Probe::Jpki,
            Probe::BasicInfo,
        ],
        AtrHint::MyNumber | AtrHint::Unknown => &[
            Probe::LicenceAp,
            Probe::Jpki,
            Probe::BasicInfo,
            Probe::IcDf1,
        ],
    };
    for &probe in order {
        if selectable(ex, probe.aid())? {
            return Ok(probe.found());
        }
    }
    Ok(CardKind::Unknown)
}

/// Whether SELECT by name of `aid` succeeds (`9000`, or `6283` for a blocked DF).
pub(crate) fn selectable(ex: &mut Exchange<'_>, aid: &[u8]) -> Result<bool, Error> {
    let response = ex.send(&commands::select_aid(aid), Step::Detect)?;
    Ok(matches!(
        response.sw,
        StatusWord::Success | StatusWord::SelectedDfBlocked
    ))
}
