//! What an ATR suggests before any command is sent: only SELECT tells a マイナ免許証 from a
//! plain My Number card.

use crate::layout::{ic, myna};

/// What the ATR suggests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AtrHint {
    /// The ATR, or its historical bytes, of an ICカード運転免許証.
    IcLicence,
    /// One of the ATRs of the My Number card (contact or contactless).
    MyNumber,
    /// Neither.
    Unknown,
}

/// What `atr` suggests.
pub fn atr_hint(atr: &[u8]) -> AtrHint {
    let has_ic_history = atr
        .windows(ic::HISTORICAL_BYTES.len())
        .any(|w| w == ic::HISTORICAL_BYTES);
    if atr == ic::ATR || has_ic_history {
        AtrHint::IcLicence
    } else if [
        &myna::ATR_CONTACT[..],
        &myna::ATR_CONTACT_OTHER,
        &myna::ATR_CONTACTLESS,
        &myna::ATR_CONTACTLESS_OTHER,
    ]
    .contains(&atr)
    {
        AtrHint::MyNumber
    } else {
        AtrHint::Unknown
    }
}

impl AtrHint {
    /// What the card is, as `menkyo readers` says it.
    pub fn describe(self) -> &'static str {
        match self {
            AtrHint::IcLicence => "IC driving licence (ICカード運転免許証)",
            AtrHint::MyNumber => {
                "My Number card (マイナンバーカード; `menkyo read` tells whether it carries the 免許AP)"
            }
            AtrHint::Unknown => "unknown card",
        }
    }

    /// Its name in JSON: `ic-licence`, `my-number` (with or without the 免許AP) or `unknown`.
    pub fn id(self) -> &'static str {
        match self {
            AtrHint::IcLicence => "ic-licence",
            AtrHint::MyNumber => "my-number",
            AtrHint::Unknown => "unknown",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_card_is_told_by_its_atr() {
        assert_eq!(atr_hint(&ic::ATR), AtrHint::IcLicence);
        let mut other_ic = vec![0x3B, 0x88, 0x80, 0x01];
        other_ic.extend(ic::HISTORICAL_BYTES);
        assert_eq!(atr_hint(&other_ic), AtrHint::IcLicence);
        for atr in [&myna::ATR_CONTACT[..], &myna::ATR_CONTACTLESS] {
            assert_eq!(atr_hint(atr), AtrHint::MyNumber);
        }
        assert_eq!(atr_hint(&[0x3B, 0x00]), AtrHint::Unknown);
        assert_eq!(AtrHint::MyNumber.id(), "my-number");
        assert!(AtrHint::IcLicence
            .describe()
            .starts_with("IC driving licence"));
    }
}
