//! What to do next after an error of the client, for the end of the one line a program prints
//! about it. A transport error's advice is its back end's (`menkyo_pcsc::advice`).

use crate::{Error, PinId};

/// The advice for a PIN with one try left that the last-try guard held back.
pub const LAST_TRY: &str =
    "a wrong PIN would block it; if you are sure of the PIN, add --force-last-try";

/// Where a blocked PIN is reset: the municipal office for the My Number card's, a police
/// facility for a licence's.
pub fn blocked(pin: PinId) -> &'static str {
    match pin {
        PinId::BasicInfo | PinId::JpkiSign | PinId::JpkiAuth => {
            "a blocked PIN or password of the My Number card is reset at the municipal office \
             (市区町村窓口)"
        }
        _ => "a blocked licence PIN can only be reset at a police facility (運転免許センター・警察署)",
    }
}

impl Error {
    /// What to do next, when there is more to say than the error itself; `None` for a
    /// transport error.
    pub fn advice(&self) -> Option<String> {
        Some(match self {
            Error::WrongPin { pin, tries_left } => {
                let what = if *pin == PinId::JpkiSign {
                    "password"
                } else {
                    "PIN"
                };
                if *tries_left == 1 {
                    format!("check the {what} before trying again: one more failure blocks it")
                } else {
                    format!(
                        "check the {what} before trying again: after {tries_left} more failures it is blocked"
                    )
                }
            }
            Error::PinBlocked { pin } => blocked(*pin).into(),
            Error::LastTryGuard { .. } => LAST_TRY.into(),
            Error::ResetDuringVerify { .. } => {
                "run `menkyo pin status` to see the tries left before trying again".into()
            }
            Error::UnexpectedStatus { .. } => "run again with --trace to see every APDU".into(),
            Error::NeedsExtendedLength { .. } | Error::CommandTooLong { .. } => {
                "this reader carries short APDUs only".into()
            }
            Error::MalformedRecord { .. }
            | Error::MalformedResponse { .. }
            | Error::GetResponseStalled { .. } => {
                "run again with --trace, and report it with the output of `menkyo dump --redact`"
                    .into()
            }
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_pins_count_down_and_blocked_ones_say_where_to_go() {
        let wrong = |pin, tries_left| Error::WrongPin { pin, tries_left }.advice().unwrap();
        assert!(wrong(PinId::IcPin1, 1).ends_with("one more failure blocks it"));
        assert!(wrong(PinId::IcPin1, 2).ends_with("after 2 more failures it is blocked"));
        assert!(wrong(PinId::JpkiSign, 2).starts_with("check the password"));
        let blocked = |pin| Error::PinBlocked { pin }.advice().unwrap();
        assert!(blocked(PinId::IcPin2).contains("police facility"));
        assert!(blocked(PinId::BasicInfo).contains("municipal office"));
        let transport = Error::Transport {
            step: crate::Step::Connect,
            source: menkyo_transport::TransportError::NoCard,
        };
        assert_eq!(transport.advice(), None);
    }
}
