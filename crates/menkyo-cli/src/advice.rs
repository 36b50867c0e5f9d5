//! What to do next after an error, for the end of its one line.

use menkyo_client::advice;
use menkyo_transport::TransportError;

use crate::error::Error;

/// The advice for `err`, when there is more to say than the error itself.
pub fn of(err: &Error) -> Option<String> {
    Some(match err {
        Error::Transport(err) => return transport(err),
        Error::ReaderList(err) => return menkyo_pcsc::advice(err).map(str::to_owned),
        Error::Card(err) | Error::JpkiCard(err) => return client(err),
        Error::SecretRead { env, .. } => {
            format!("set {env}, pipe it with --pin-stdin, or run on a terminal to be asked")
        }
        Error::SecretInvalid { .. } => "check it and type it again".into(),
        Error::Image(menkyo_emulator::Error::ImageNotFound { .. }) => {
            "create one with `menkyo card new`".into()
        }
        Error::Choose(menkyo_pcsc::Error::SeveralReaders(_)) => {
            "choose one with --reader NAME or --reader INDEX (from 0)".into()
        }
        Error::Choose(_) => "`menkyo readers` lists them, from 0".into(),
        Error::Named(menkyo_emulator::Error::UnknownCard(_)) => format!(
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
            source: menkyo_codec::Error::SecretLength { .. },
            ..
        } => return None,
        Error::BadPin { .. } => "a licence PIN is 4 digits".into(),
        Error::PinBlocked(pin) => advice::blocked(*pin).into(),
        Error::LastTry(_) | Error::Raw(menkyo_client::Error::LastTry { .. }) => {
            advice::LAST_TRY.into()
        }
        Error::Raw(menkyo_client::Error::RawTransport(err)) => return transport(err),
        Error::Raw(menkyo_client::Error::NotReadOnly { .. }) => {
            "it may change the card for good; add --unsafe-any-command only if you mean it".into()
        }
        Error::NoPhoto { .. } => {
            "the photo needs PIN2 on an IC licence; give it (MENKYO_PIN2)".into()
        }
        Error::PhotoExtension(_) => format!("name it {}", menkyo_render::portrait::EXTENSIONS),
        Error::Photo(_) => "write it as .j2k to keep the bytes as stored".into(),
        Error::Exists(_) => "add --force to replace it".into(),
        Error::Signature { why, .. } => menkyo_auth::advice::signature(why.as_ref()).into(),
        Error::Raw(
            menkyo_client::Error::Unexpected { .. } | menkyo_client::Error::AnsweredErrors { .. },
        ) => "the answers above show which".into(),
        _ => return None,
    })
}

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
    match err {
        menkyo_client::Error::Transport { source, .. } => transport(source),
        other => other.advice(),
    }
}
