//! What to do next after an error, for the end of its one line.

use menkyo_auth::Unverifiable;
use menkyo_client::PinId;
use menkyo_emulator::ImageError;
use menkyo_transport::TransportError;

use menkyo_codec::secret::SecretError;

use crate::error::Error;

/// The advice for `err`, when there is more to say than the error itself.
pub fn of(err: &Error) -> Option<String> {
    Some(match err {
        Error::Transport(err) => return transport(err),
        Error::ReaderList(err) => return menkyo_pcsc::advice(err).map(str::to_owned),
        Error::Card(err) | Error::JpkiCard(err) => return client(err),
        Error::Secret(err) => err.advice(),
        Error::Image(ImageError::NotFound { .. }) => "create one with `menkyo card new`".into(),
        Error::SeveralReaders(_) => {
            "choose one with --reader NAME or --reader INDEX (from 0)".into()
        }
        Error::NoReaderIndex { .. } => "`menkyo readers` lists them, from 0".into(),
        Error::UnknownCard(_) => format!(
            "the samples are {}",
            menkyo_emulator::samples::names().join(", ")
        ),
        Error::VpcdUnreachable(_) => "is pcscd running with vsmartcard-vpcd? Install and start \
             them (`sudo apt install pcscd vsmartcard-vpcd`, `sudo systemctl restart pcscd`), \
             or give vpcd's address with --vpcd HOST:PORT"
            .into(),
        Error::NotALicence(_) => {
            "place an IC driving licence or a マイナ免許証 on the reader".into()
        }
        Error::PinNotGiven { variable, .. } => {
            format!("set {variable}, pipe it with --pin-stdin, or run on a terminal to be asked")
        }
        // The length error says it already.
        Error::BadPin {
            source: SecretError::WrongLength { .. },
            ..
        } => return None,
        Error::BadPin { .. } => "a licence PIN is 4 digits".into(),
        Error::PinBlocked(pin) => blocked(*pin).into(),
        Error::LastTry(_) | Error::RawLastTry { .. } => LAST_TRY.into(),
        Error::NotReadOnly { .. } => {
            "it may change the card for good; add --unsafe-any-command only if you mean it".into()
        }
        Error::NoPhoto { .. } => {
            "the photo needs PIN2 on an IC licence; give it (MENKYO_PIN2)".into()
        }
        Error::PhotoExtension(_) => format!("name it {}", menkyo_render::portrait::EXTENSIONS),
        Error::Photo(_) => "write it as .j2k to keep the bytes as stored".into(),
        Error::Exists(_) => "add --force to replace it".into(),
        Error::Signature { why, .. } => signature(why.as_ref()).into(),
        Error::Unexpected { .. } | Error::AnsweredErrors { .. } => {
            "the answers above show which".into()
        }
        _ => return None,
    })
}

const LAST_TRY: &str =
    "a wrong PIN would block it; if you are sure of the PIN, add --force-last-try";

fn transport(err: &TransportError) -> Option<String> {
    let base = menkyo_pcsc::advice(err).map(str::to_owned);
    match err {
        TransportError::NoReader | TransportError::NoCard | TransportError::UnknownReader(_) => {
            base.map(|b| format!("{b}; or try the emulator with --emulator"))
        }
        _ => base,
    }
}

fn client(err: &menkyo_client::Error) -> Option<String> {
    use menkyo_client::Error as E;
    Some(match err {
        E::Transport { source, .. } => return transport(source),
        E::WrongPin { pin, tries_left } => {
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
        E::PinBlocked { pin } => blocked(*pin).into(),
        E::LastTryGuard { .. } => LAST_TRY.into(),
        E::ResetDuringVerify { .. } => {
            "run `menkyo pin status` to see the tries left before trying again".into()
        }
        E::UnexpectedStatus { .. } => "run again with --trace to see every APDU".into(),
        E::NeedsExtendedLength { .. } | E::CommandTooLong { .. } => {
            "this reader carries short APDUs only".into()
        }
        E::MalformedRecord { .. } | E::MalformedResponse { .. } | E::GetResponseStalled { .. } => {
            "run again with --trace, and report it with the output of `menkyo dump --redact`".into()
        }
        _ => return None,
    })
}

fn signature(why: Option<&Unverifiable>) -> &'static str {
    match why {
        None => "the licence data does not match the issuer's signature: the card may be forged or altered",
        Some(Unverifiable::FilesNotRead { .. }) => {
            "give the PINs that open them (an IC licence's signature covers 本籍 and the photo: PIN2)"
        }
        Some(Unverifiable::OtherSigner { .. }) => {
            "the card was signed by another issuer than the one --trust names"
        }
        Some(_) => {
            "menkyo does not know this security data; report it with the output of `menkyo dump --redact`"
        }
    }
}

fn blocked(pin: PinId) -> &'static str {
    match pin {
        PinId::BasicInfo | PinId::JpkiSign | PinId::JpkiAuth => {
            "a blocked PIN or password of the My Number card is reset at the municipal office \
             (市区町村窓口)"
        }
        _ => "a blocked licence PIN can only be reset at a police facility (運転免許センター・警察署)",
    }
}
