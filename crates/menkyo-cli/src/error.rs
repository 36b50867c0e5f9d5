//! Why a command failed: one error type for the whole command, its exit status from the one
//! table ([`ExitStatus`]) and one line saying what happened and what to do next.

use std::path::PathBuf;

use menkyo_auth::{SignedCard, Unverifiable};
use menkyo_client::{CardKind, PinId};
use menkyo_codec::records::RecordKind;
use menkyo_transport::TransportError;

use crate::exit_status::ExitStatus;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read (a missing one included).
    #[error("cannot read {}", path.display())]
    ReadFile {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A file could not be written.
    #[error("cannot write {}", path.display())]
    WriteFile {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The output file exists and `--force` was not given.
    #[error("{} exists", .0.display())]
    Exists(PathBuf),
    /// A kept read (`read --from`) that cannot be loaded.
    #[error("{0}")]
    Dump(#[source] menkyo_client::Error),
    /// `card clone` could not make the image.
    #[error("cannot clone the card")]
    Clone(#[source] menkyo_emulator::Error),
    /// Standard output could not be written (other than closed early, which ends quietly).
    #[error("cannot write the output")]
    Output(#[source] std::io::Error),
    /// The input is not usable bytes.
    #[error("bad input")]
    Input(#[source] menkyo_codec::Error),
    /// The kind was not given and cannot be told from the bytes.
    #[error("cannot guess the kind (give --kind)")]
    Guess(#[source] menkyo_codec::Error),
    /// The bytes are not the kind they were said or guessed to be.
    #[error("not a valid {kind}{}", if *guessed { " (the kind guessed from how the bytes start; name another with --kind)" } else { "" })]
    Decode {
        /// The kind.
        kind: RecordKind,
        /// Whether the kind was guessed rather than given.
        guessed: bool,
        /// Why.
        #[source]
        source: menkyo_codec::Error,
    },
    /// The output format does not apply to this command.
    #[error("--format {0} does not apply here")]
    Format(&'static str),
    /// A raw APDU or script that cannot be parsed.
    #[error("{0}")]
    Apdu(#[source] menkyo_codec::Error),
    /// A run of raw APDUs failed, or answers were not as expected.
    #[error(transparent)]
    Raw(menkyo_client::Error),
    /// The back end failed (no PC/SC service, no reader, card removed …).
    #[error("{0}")]
    Transport(#[source] TransportError),
    /// Listing the readers failed (`menkyo readers`).
    #[error("{0}")]
    ReaderList(#[source] TransportError),
    /// No one reader could be chosen: several hold a card, or `--reader` gave an index past
    /// the last.
    #[error(transparent)]
    Choose(menkyo_pcsc::Error),
    /// A card (`--emulator`, `emulate CARD`) or profile named nothing known.
    #[error(transparent)]
    Named(menkyo_emulator::Error),
    /// A card image that cannot be loaded, used or saved.
    #[error("cannot use the card image")]
    Image(#[source] menkyo_emulator::Error),
    /// A card image file the emulator cannot open.
    #[error("cannot open the emulated card")]
    Emulator(#[source] menkyo_emulator::Error),
    /// A card profile that cannot be used.
    #[error("cannot use the card profile")]
    Profile(#[source] menkyo_emulator::Error),
    /// `card new --form` needs an IC licence profile.
    #[error("{0} is not an IC licence profile (card.kind = \"ic-licence\")")]
    NotIcLicenceProfile(String),
    /// The card images of a holding form cannot be made.
    #[error(transparent)]
    Form(menkyo_emulator::Error),
    /// A 免許AP life-cycle step cannot be done.
    #[error("免許AP")]
    Lifecycle(#[source] menkyo_emulator::Error),
    /// The card could not be signed.
    #[error("signing")]
    Signing(#[source] menkyo_emulator::Error),
    /// `--vpcd` is not `HOST:PORT`.
    #[error("--vpcd {0:?} is not HOST:PORT (for example 127.0.0.1:35963)")]
    BadAddress(String),
    /// vpcd is not there.
    #[error("{0}")]
    VpcdUnreachable(#[source] menkyo_emulator::Error),
    /// The link to vpcd failed.
    #[error("serving the card failed")]
    Vpcd(#[source] menkyo_emulator::Error),
    /// The Ctrl-C and SIGTERM handler could not be installed.
    #[error("cannot catch Ctrl-C and SIGTERM")]
    Signal(#[from] ctrlc::Error),
    /// The client failed on the card.
    #[error("{0}")]
    Card(#[source] menkyo_client::Error),
    /// A JPKI command failed on the card.
    #[error("card")]
    JpkiCard(#[source] menkyo_client::Error),
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
        source: menkyo_codec::Error,
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
    /// A PIN or password (life cycle, JPKI): standard input or the terminal could not be read.
    #[error("cannot read the {what}")]
    SecretRead {
        /// What was asked.
        what: &'static str,
        /// The environment variable that would have given it.
        env: &'static str,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A PIN or password (life cycle, JPKI) that is not valid (the value is never shown).
    #[error("the {what} is not valid")]
    SecretInvalid {
        /// What was asked.
        what: &'static str,
        /// The rule it broke.
        #[source]
        source: menkyo_codec::Error,
    },
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
    Photo(#[source] menkyo_render::Error),
    /// `--trust` names no usable certificate or public key.
    #[error("cannot use the trust anchor {}", path.display())]
    Trust {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: menkyo_auth::Error,
    },
    /// A key or certificate cannot be used.
    #[error("key or certificate")]
    Key(#[from] menkyo_auth::Error),
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
    /// A signature checked by `card verify` or `jpki verify` is not valid (the report was
    /// printed).
    #[error("the signature is {0}")]
    NotValid(&'static str),
}

impl Error {
    /// The exit status, from the one table.
    pub fn exit_status(&self) -> ExitStatus {
        use ExitStatus::*;
        match self {
            Error::Transport(err) | Error::ReaderList(err) => transport_status(err),
            Error::Card(err) | Error::JpkiCard(err) | Error::Raw(err) => client_status(err),
            Error::Image(err) | Error::Emulator(err) => image_status(err),
            Error::ReadFile { .. }
            | Error::Exists(_)
            | Error::Dump(_)
            | Error::Input(_)
            | Error::Guess(_)
            | Error::Decode { .. }
            | Error::Format(_)
            | Error::Apdu(_)
            | Error::Choose(_)
            | Error::Named(_)
            | Error::Profile(_)
            | Error::NotIcLicenceProfile(_)
            | Error::Lifecycle(_)
            | Error::Form(_)
            | Error::BadAddress(_)
            | Error::PinNotGiven { .. }
            | Error::BadPin { .. }
            | Error::SecretRead { .. }
            | Error::SecretInvalid { .. }
            | Error::NoPhoto { .. }
            | Error::PhotoExtension(_)
            | Error::Trust { .. }
            | Error::Key(_) => Usage,
            Error::VpcdUnreachable(_) => NoCard,
            Error::NotALicence(_) | Error::NoBasicInfoAp => WrongCard,
            Error::PinBlocked(_) | Error::LastTry(_) => Pin,
            Error::Signature { .. } | Error::NotValid(_) => Signature,
            Error::WriteFile { .. }
            | Error::Output(_)
            | Error::Signing(_)
            | Error::Vpcd(_)
            | Error::Signal(_)
            | Error::Clone(_)
            | Error::PinInput(_)
            | Error::Photo(_) => Failure,
        }
    }

    /// What happened and what to do next, on one line.
    pub fn one_line(&self) -> String {
        let mut line = chain(self);
        if let Some(next) = crate::advice::of(self) {
            line.push_str("; ");
            line.push_str(&next);
        }
        line
    }
}

/// `err` and its causes, `a: b: c`, a cause its effect already ends with left out.
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

/// A missing service, reader or card (removed during the command included) is
/// [`ExitStatus::NoCard`]; a `--reader` name matching several readers is a usage error.
pub fn transport_status(err: &TransportError) -> ExitStatus {
    match err {
        TransportError::ServiceUnavailable
        | TransportError::NoReader
        | TransportError::UnknownReader(_)
        | TransportError::NoCard
        | TransportError::CardRemoved => ExitStatus::NoCard,
        TransportError::Backend { source, .. }
            if matches!(
                source.downcast_ref::<menkyo_pcsc::Error>(),
                Some(menkyo_pcsc::Error::AmbiguousReader { .. })
            ) =>
        {
            ExitStatus::Usage
        }
        _ => ExitStatus::Failure,
    }
}

fn client_status(err: &menkyo_client::Error) -> ExitStatus {
    use menkyo_client::Error as E;
    match err {
        E::Transport { source, .. } => transport_status(source),
        E::UnexpectedStatus { .. } => ExitStatus::CardError,
        E::WrongPin { .. }
        | E::PinBlocked { .. }
        | E::LastTryGuard { .. }
        | E::ResetDuringVerify { .. } => ExitStatus::Pin,
        E::PinMissing { .. } => ExitStatus::Usage,
        E::NotALicence { .. } => ExitStatus::WrongCard,
        E::ResetAgain { source } => client_status(source),
        // A run of raw commands (`menkyo apdu`, `menkyo script`).
        E::NotReadOnly { .. } => ExitStatus::Usage,
        E::LastTry { .. } => ExitStatus::Pin,
        E::RawTransport(err) => transport_status(err),
        E::Exchange { .. } => ExitStatus::Failure,
        E::Unexpected { .. } | E::AnsweredErrors { .. } => ExitStatus::CardError,
        _ => ExitStatus::Failure,
    }
}

/// An image that cannot be written is a failure of the system; any other image error is bad
/// input.
fn image_status(err: &menkyo_emulator::Error) -> ExitStatus {
    match err {
        menkyo_emulator::Error::ImageWrite { .. } => ExitStatus::Failure,
        _ => ExitStatus::Usage,
    }
}

impl From<menkyo_pcsc::Error> for Error {
    fn from(err: menkyo_pcsc::Error) -> Self {
        match err {
            menkyo_pcsc::Error::Transport(err) => Error::Transport(err),
            other => Error::Choose(other),
        }
    }
}

/// An emulator error by the step that failed: a card or profile by name, an image, a profile,
/// a form, a 免許AP step, signing, a clone, vpcd. A step that failed because another did (a
/// card whose profile cannot be used) is that other step's error.
impl From<menkyo_emulator::Error> for Error {
    fn from(err: menkyo_emulator::Error) -> Self {
        use menkyo_emulator::ErrorArea as A;
        match err.into_area_and_cause() {
            (A::CardImage, err) => Error::Image(err),
            (A::CardName, err) => Error::Named(err),
            (A::Profile, err) => Error::Profile(err),
            (A::HoldingForm, err) => Error::Form(err),
            (A::LicenceAp, err) => Error::Lifecycle(err),
            (A::Signing, err) => Error::Signing(err),
            (A::Clone, err) => Error::Clone(err),
            (A::VpcdUnreachable, err) => Error::VpcdUnreachable(err),
            (A::Vpcd, err) => Error::Vpcd(err),
            (_, err) => Error::Emulator(err),
        }
    }
}

impl From<TransportError> for Error {
    fn from(err: TransportError) -> Self {
        Error::Transport(err)
    }
}

impl From<menkyo_client::Error> for Error {
    fn from(err: menkyo_client::Error) -> Self {
        match err {
            menkyo_client::Error::NotALicence { card } => Error::NotALicence(card),
            other => Error::Card(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn io() -> std::io::Error {
        std::io::Error::other("test")
    }

    #[test]
    fn a_removed_card_is_no_card_on_every_path() {
        let client = |source| menkyo_client::Error::Transport {
            step: menkyo_client::Step::Connect,
            source,
        };
        for err in [
            Error::Transport(TransportError::CardRemoved),
            Error::ReaderList(TransportError::CardRemoved),
            Error::Card(client(TransportError::CardRemoved)),
            Error::JpkiCard(client(TransportError::CardRemoved)),
        ] {
            assert_eq!(err.exit_status(), ExitStatus::NoCard, "{err:?}");
        }
    }

    #[test]
    fn a_reader_name_matching_several_readers_is_a_usage_error() {
        let err = TransportError::Backend {
            context: "choosing a reader",
            source: Box::new(menkyo_pcsc::Error::AmbiguousReader {
                given: "Virtual".into(),
                matches: vec!["Virtual PCD 00 00".into(), "Virtual PCD 00 01".into()],
            }),
        };
        assert_eq!(Error::Transport(err).exit_status(), ExitStatus::Usage);
    }

    #[test]
    fn an_image_that_cannot_be_written_is_a_failure_everywhere() {
        let write = || menkyo_emulator::Error::ImageWrite {
            path: "x.json".into(),
            source: io(),
        };
        assert_eq!(Error::Image(write()).exit_status(), ExitStatus::Failure);
        assert_eq!(Error::Emulator(write()).exit_status(), ExitStatus::Failure);
    }

    #[test]
    fn an_emulator_error_is_placed_by_the_step_that_failed() {
        use menkyo_emulator::Error as E;
        let profile = E::Profile {
            file: "p.toml".into(),
            source: Box::new(E::UnknownKind("x".into())),
        };
        let err = Error::from(E::UnusableProfile {
            source: Box::new(profile),
        });
        assert!(matches!(err, Error::Profile(E::Profile { .. })), "{err:?}");
        assert_eq!(err.exit_status(), ExitStatus::Usage);
        let err = Error::from(E::Signing {
            source: Box::new(E::IssuerKey(menkyo_auth::Error::KeyMismatch)),
        });
        assert!(matches!(err, Error::Signing(E::IssuerKey(_))), "{err:?}");
        assert_eq!(err.exit_status(), ExitStatus::Failure);
        let err = Error::from(E::NotInstalled);
        assert!(matches!(err, Error::Lifecycle(_)), "{err:?}");
        assert_eq!(err.exit_status(), ExitStatus::Usage);
        let err = Error::from(E::UnknownCard("x".into()));
        assert!(matches!(err, Error::Named(_)), "{err:?}");
        assert!(crate::advice::of(&err).is_some());
    }

    #[test]
    fn a_file_that_cannot_be_read_is_an_input_error() {
        let err = Error::ReadFile {
            path: "/nonexistent".into(),
            source: io(),
        };
        assert_eq!(err.exit_status(), ExitStatus::Usage);
    }
}
