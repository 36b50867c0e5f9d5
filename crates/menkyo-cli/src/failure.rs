//! Why a card command failed, the exit status for it, and one line saying what to do next.

use std::path::PathBuf;

use menkyo_auth::{KeyError, SignedCard, Unverifiable};
use menkyo_client::{CardKind, PinId};
use menkyo_codec::secret::SecretError;
use menkyo_codec::status::StatusWord;
use menkyo_emulator::profile::ProfileError;
use menkyo_emulator::ImageError;
use menkyo_transport::TransportError;

/// The exit statuses (also in `menkyo --help` and the README).
pub mod exit {
    /// An unexpected failure.
    pub const FAILURE: u8 = 1;
    /// A usage or input error.
    pub const USAGE: u8 = 2;
    /// No reader, no card, or no PC/SC service.
    pub const NO_CARD: u8 = 3;
    /// Not the expected kind of card.
    pub const WRONG_CARD: u8 = 4;
    /// A PIN wrong, blocked, or refused by the last-try guard.
    pub const PIN: u8 = 5;
    /// The card answered an error status word.
    pub const CARD_ERROR: u8 = 6;
    /// A signature that is not valid: invalid, or not checkable where a check was asked for.
    pub const SIGNATURE: u8 = 7;
}

/// Why a card command failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Failure {
    /// The back end failed (no PC/SC service, no reader, card removed …).
    #[error("{0}")]
    Transport(#[source] TransportError),
    /// Several readers hold a card and none was chosen.
    #[error("several readers hold a card: {}", .0.join(", "))]
    SeveralReaders(Vec<String>),
    /// `--reader` gave an index past the last reader.
    #[error("there is no reader number {index}; there are {count}")]
    NoReaderIndex {
        /// The index given.
        index: usize,
        /// How many readers there are.
        count: usize,
    },
    /// `--emulator` named nothing known.
    #[error("{0:?} is neither a built-in sample nor a card profile (.toml) or image (.json) file")]
    UnknownCard(String),
    /// A card image that cannot be used.
    #[error("cannot use the card image")]
    Image(#[source] ImageError),
    /// A card image file the emulator cannot open.
    #[error("cannot open the emulated card")]
    Emulator(#[source] menkyo_emulator::Error),
    /// A card profile that cannot be used.
    #[error("cannot use the card profile")]
    Profile(#[source] ProfileError),
    /// The client failed on the card.
    #[error("{0}")]
    Card(#[source] menkyo_client::Error),
    /// The card is not what the command reads.
    #[error("the card is {}, not a driving licence", .0.describe())]
    NotALicence(CardKind),
    /// `--basic-info` on a card without the 券面事項入力補助AP.
    #[error("the card has no 券面事項入力補助AP")]
    NoBasicInfoAp,
    /// A PIN is needed and none of its sources gave it.
    #[error("{} is needed", .pin.name())]
    PinNotGiven {
        /// Which PIN.
        pin: PinId,
        /// Its environment variable.
        variable: &'static str,
    },
    /// A PIN that is not a PIN.
    #[error("the {} given is not valid", .pin.name())]
    BadPin {
        /// Which PIN.
        pin: PinId,
        /// Why (never the value).
        #[source]
        source: SecretError,
    },
    /// The PIN is blocked; checked before asking for it.
    #[error("{} is blocked", .0.name())]
    PinBlocked(PinId),
    /// One try is left and `--force-last-try` was not given; checked before asking.
    #[error("{} has only one try left", .0.name())]
    LastTry(PinId),
    /// Standard input or the terminal could not be read for a PIN.
    #[error("cannot read the PIN")]
    PinInput(#[source] std::io::Error),
    /// `--photo` but the photo was not read.
    #[error("the photo was not read: {why}")]
    NoPhoto {
        /// Why.
        why: String,
    },
    /// `--photo` with an extension that names no known format.
    #[error("cannot tell the photo format from {}", .0.display())]
    PhotoExtension(PathBuf),
    /// The photo could not be converted.
    #[error("cannot convert the photo")]
    Photo(#[source] crate::photo::PhotoError),
    /// A file could not be written.
    #[error("cannot write {}", path.display())]
    WriteFile {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A file could not be read.
    #[error("cannot read {}", path.display())]
    ReadFile {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A raw command not on the read-only allow-list, for a real reader.
    #[error("{place}: INS {ins:02X} is not sent to a card in a real reader: only SELECT, READ BINARY, GET RESPONSE, GET DATA and VERIFY are")]
    NotReadOnly {
        /// The script line or APDU argument of the command.
        place: String,
        /// Its instruction byte.
        ins: u8,
    },
    /// A raw VERIFY with data held back by the last-try guard.
    #[error("{place}: the PIN this VERIFY names has one try left")]
    RawLastTry {
        /// The script line or APDU argument of the VERIFY.
        place: String,
    },
    /// The output file exists and `--force` was not given.
    #[error("{} exists", .0.display())]
    Exists(PathBuf),
    /// A JPKI or 免許AP life-cycle command failed.
    #[error(transparent)]
    Lifecycle(Box<crate::lifecycle_error::LifecycleCliError>),
    /// A raw APDU or script that cannot be parsed.
    #[error("{0}")]
    Apdu(#[source] crate::script::ScriptError),
    /// A raw APDU that could not be exchanged.
    #[error("line {line}")]
    Exchange {
        /// Its line in the script, or its place among the arguments (from 1).
        line: usize,
        /// Why.
        #[source]
        source: crate::script::RawError,
    },
    /// A script's expectations did not hold, or a raw APDU got an error status word.
    #[error("{failed} of {total} answers were not as expected (last: {last})")]
    Unexpected {
        /// How many.
        failed: usize,
        /// Of how many.
        total: usize,
        /// The last unexpected status word.
        last: StatusWord,
    },
    /// The output could not be written.
    #[error("cannot write the output")]
    Output(#[source] std::io::Error),
    /// The output format does not apply to this command.
    #[error("--format {0} does not apply here")]
    Format(&'static str),
    /// `--trust` names no usable certificate or public key.
    #[error("cannot use the trust anchor {}", path.display())]
    Trust {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: KeyError,
    },
    /// The licence's signature was checked against `--trust` and is not valid (the licence was
    /// printed).
    #[error("the signature of the {} is {verdict}", .card.name())]
    Signature {
        /// Which card's signature.
        card: SignedCard,
        /// `invalid` or `unverifiable`.
        verdict: &'static str,
        /// Why it could not be checked, when it could not.
        #[source]
        why: Option<Unverifiable>,
    },
}

impl Failure {
    /// The exit status.
    pub fn exit_code(&self) -> u8 {
        use exit::*;
        match self {
            Failure::Transport(err) => transport_exit(err),
            Failure::SeveralReaders(_)
            | Failure::NoReaderIndex { .. }
            | Failure::UnknownCard(_)
            | Failure::Image(_)
            | Failure::Emulator(_)
            | Failure::Profile(_)
            | Failure::PinNotGiven { .. }
            | Failure::BadPin { .. }
            | Failure::NoPhoto { .. }
            | Failure::PhotoExtension(_)
            | Failure::Exists(_)
            | Failure::NotReadOnly { .. }
            | Failure::Apdu(_)
            | Failure::ReadFile { .. }
            | Failure::Format(_)
            | Failure::Trust { .. } => USAGE,
            Failure::Card(err) => client_exit(err),
            Failure::NotALicence(_) | Failure::NoBasicInfoAp => WRONG_CARD,
            Failure::PinBlocked(_) | Failure::LastTry(_) | Failure::RawLastTry { .. } => PIN,
            Failure::Unexpected { .. } => CARD_ERROR,
            Failure::Lifecycle(err) => err.exit_code(),
            Failure::Signature { .. } => SIGNATURE,
            Failure::PinInput(_)
            | Failure::Photo(_)
            | Failure::Exchange { .. }
            | Failure::WriteFile { .. }
            | Failure::Output(_) => FAILURE,
        }
    }

    /// What happened and what to do next, on one line.
    pub fn one_line(&self) -> String {
        let mut line = chain(self);
        if let Some(next) = self.advice() {
            line.push_str("; ");
            line.push_str(&next);
        }
        line
    }

    pub(crate) fn advice(&self) -> Option<String> {
        Some(match self {
            Failure::Transport(err) => return transport_advice(err),
            Failure::SeveralReaders(_) => {
                "choose one with --reader NAME or --reader INDEX (from 0)".into()
            }
            Failure::NoReaderIndex { .. } => "`menkyo readers` lists them, from 0".into(),
            Failure::UnknownCard(_) => format!(
                "the samples are {}",
                menkyo_emulator::samples::names().join(", ")
            ),
            Failure::Card(err) => return client_advice(err),
            Failure::NotALicence(_) => {
                "place an IC driving licence or a マイナ免許証 on the reader".into()
            }
            Failure::PinNotGiven { variable, .. } => format!(
                "set {variable}, pipe it with --pin-stdin, or run on a terminal to be asked"
            ),
            Failure::BadPin { .. } => "a licence PIN is 4 digits".into(),
            Failure::PinBlocked(pin) => blocked_advice(*pin).into(),
            Failure::LastTry(_) => {
                "a wrong PIN would block it; if you are sure of the PIN, add --force-last-try"
                    .into()
            }
            Failure::NoPhoto { .. } => {
                "the photo needs PIN2 on an IC licence; give it (MENKYO_PIN2)".into()
            }
            Failure::PhotoExtension(_) => "name the file .j2k, .jp2 or .png".into(),
            Failure::Photo(_) => "write it as .j2k to keep the bytes as stored".into(),
            Failure::Exists(_) => "add --force to replace it".into(),
            Failure::NotReadOnly { .. } => {
                "it may change the card for good; add --unsafe-any-command only if you mean it"
                    .into()
            }
            Failure::RawLastTry { .. } => {
                "a wrong PIN would block it; if you are sure of the PIN, add --force-last-try"
                    .into()
            }
            Failure::Signature { why, .. } => signature_advice(why.as_ref()).into(),
            Failure::Unexpected { .. } => "the answers above show which".into(),
            Failure::Lifecycle(err) => return err.advice(),
            _ => return None,
        })
    }
}

/// `err` and its causes, `a: b: c`.
fn chain(err: &dyn std::error::Error) -> String {
    let mut line = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !line.ends_with(&text) {
            line.push_str(": ");
            line.push_str(&text);
        }
        source = cause.source();
    }
    line
}

pub(crate) fn transport_exit(err: &TransportError) -> u8 {
    match err {
        TransportError::ServiceUnavailable
        | TransportError::NoReader
        | TransportError::UnknownReader(_)
        | TransportError::NoCard
        | TransportError::CardRemoved => exit::NO_CARD,
        _ => exit::FAILURE,
    }
}

pub(crate) fn transport_advice(err: &TransportError) -> Option<String> {
    let base = menkyo_pcsc::advice(err).map(str::to_owned);
    match err {
        TransportError::NoReader | TransportError::NoCard | TransportError::UnknownReader(_) => {
            base.map(|b| format!("{b}; or try the emulator with --emulator"))
        }
        _ => base,
    }
}

pub(crate) fn client_exit(err: &menkyo_client::Error) -> u8 {
    use menkyo_client::Error as E;
    match err {
        E::Transport { source, .. } => transport_exit(source),
        E::UnexpectedStatus { .. } => exit::CARD_ERROR,
        E::WrongPin { .. }
        | E::PinBlocked { .. }
        | E::LastTryGuard { .. }
        | E::ResetDuringVerify { .. } => exit::PIN,
        E::PinMissing { .. } => exit::USAGE,
        E::NotALicence { .. } => exit::WRONG_CARD,
        E::ResetAgain { source } => client_exit(source),
        _ => exit::FAILURE,
    }
}

pub(crate) fn client_advice(err: &menkyo_client::Error) -> Option<String> {
    use menkyo_client::Error as E;
    Some(match err {
        E::Transport { source, .. } => return transport_advice(source),
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
        E::PinBlocked { pin } => blocked_advice(*pin).into(),
        E::LastTryGuard { .. } => {
            "a wrong PIN would block it; if you are sure of the PIN, add --force-last-try".into()
        }
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

fn signature_advice(why: Option<&Unverifiable>) -> &'static str {
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

fn blocked_advice(pin: PinId) -> &'static str {
    match pin {
        PinId::BasicInfo | PinId::JpkiSign | PinId::JpkiAuth => {
            "a blocked PIN or password of the My Number card is reset at the municipal office \
             (市区町村窓口)"
        }
        _ => "a blocked licence PIN can only be reset at a police facility (運転免許センター・警察署)",
    }
}

impl From<TransportError> for Failure {
    fn from(err: TransportError) -> Self {
        Failure::Transport(err)
    }
}

impl From<menkyo_client::Error> for Failure {
    fn from(err: menkyo_client::Error) -> Self {
        match err {
            menkyo_client::Error::NotALicence { card } => Failure::NotALicence(card),
            other => Failure::Card(other),
        }
    }
}
