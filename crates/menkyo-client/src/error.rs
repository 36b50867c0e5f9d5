//! The crate's one error type and the step a failure happened in.

use std::fmt;
use std::path::PathBuf;

use menkyo_codec::status::{StatusWord, Tries};
use menkyo_transport::TransportError;

use crate::detect::CardKind;
use crate::files::EfRef;
use crate::pin::PinId;

/// What the client was doing when something went wrong; part of every card-related error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Step {
    /// Opening a session with the card.
    Connect,
    /// Reading the card's answer to reset.
    ReadAtr,
    /// SELECT of the MF.
    SelectMf,
    /// SELECT of a DF or application by its AID.
    SelectApplication(&'static str),
    /// SELECT of an EF by its FID.
    SelectFile(&'static EfRef),
    /// READ BINARY of an EF.
    Read(&'static EfRef),
    /// VERIFY without data (tries left).
    QueryTries(PinId),
    /// VERIFY with the PIN.
    Verify(PinId),
    /// Probing which applications the card holds.
    Detect,
    /// The JPKI signing command.
    Sign,
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::Connect => f.write_str("opening a session with the card"),
            Step::ReadAtr => f.write_str("reading the answer to reset"),
            Step::SelectMf => f.write_str("selecting the MF"),
            Step::SelectApplication(name) => write!(f, "selecting {name}"),
            Step::SelectFile(name) => write!(f, "selecting {name}"),
            Step::Read(name) => write!(f, "reading {name}"),
            Step::QueryTries(pin) => write!(f, "asking the tries left of {}", pin.name()),
            Step::Verify(pin) => write!(f, "verifying {}", pin.name()),
            Step::Detect => f.write_str("probing the card's applications"),
            Step::Sign => f.write_str("signing with the card's key"),
        }
    }
}

/// Any error of `menkyo-client`. PINs never appear in it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The back end could not move an APDU.
    #[error("{step}: the reader failed")]
    Transport {
        /// What was being done.
        step: Step,
        /// The back end's error.
        #[source]
        source: TransportError,
    },
    /// The card answered a status word the procedure cannot go on from.
    #[error("{step}: the card answered {sw}")]
    UnexpectedStatus {
        /// What was being done.
        step: Step,
        /// The card's status word.
        sw: StatusWord,
    },
    /// A command could not be encoded (too long for any encoding).
    #[error("{step}: the command cannot be encoded")]
    Command {
        /// What was being done.
        step: Step,
        /// Why.
        #[source]
        source: menkyo_codec::Error,
    },
    /// A command needs extended length but the reader carries short APDUs only.
    #[error("{step}: the command needs extended length, which the reader does not carry")]
    NeedsExtendedLength {
        /// What was being done.
        step: Step,
    },
    /// The encoded command is longer than the reader can carry.
    #[error("{step}: the command of {len} bytes is longer than the reader can carry ({max})")]
    CommandTooLong {
        /// What was being done.
        step: Step,
        /// Length of the encoded command.
        len: usize,
        /// The reader's limit.
        max: usize,
    },
    /// The card's answer is not a response APDU.
    #[error("{step}: the card's answer is malformed")]
    MalformedResponse {
        /// What was being done.
        step: Step,
        /// Why.
        #[source]
        source: menkyo_codec::Error,
    },
    /// The card kept answering `61xx` beyond any sensible response length.
    #[error("{step}: the card's chained answer exceeds {max} bytes")]
    ResponseTooLong {
        /// What was being done.
        step: Step,
        /// The limit.
        max: usize,
    },
    /// The card answered GET RESPONSE with `61xx` again but handed out no data.
    #[error("{step}: the card answered GET RESPONSE with {sw} but no data")]
    GetResponseStalled {
        /// What was being done.
        step: Step,
        /// Its answer.
        sw: StatusWord,
    },
    /// An EF is longer than READ BINARY's 15-bit offsets can reach.
    #[error("{step}: the file is longer than READ BINARY offsets reach")]
    FileTooLong {
        /// What was being done.
        step: Step,
    },
    /// A file was read but its content does not decode (the source names the file).
    #[error("a file on the card is malformed")]
    MalformedRecord {
        /// The decoder's error.
        #[source]
        source: menkyo_codec::Error,
    },
    /// VERIFY failed: the PIN is wrong. The card's counter went down by one.
    #[error("wrong {}: {} left", .pin.name(), Tries(usize::from(*.tries_left)))]
    WrongPin {
        /// Which PIN.
        pin: PinId,
        /// Tries left after this failure.
        tries_left: u8,
    },
    /// The PIN is blocked (閉塞). A licence PIN can only be unblocked at a police facility.
    #[error("{} is blocked", .pin.name())]
    PinBlocked {
        /// Which PIN.
        pin: PinId,
    },
    /// Only one try is left and the caller did not force the VERIFY: a failure would block the
    /// PIN.
    #[error("{} has only one try left; not verifying unless forced", .pin.name())]
    LastTryGuard {
        /// Which PIN.
        pin: PinId,
    },
    /// The caller's PIN provider failed to answer a request for a PIN.
    #[error("no answer came for {}", .pin.name())]
    PinNotProvided {
        /// Which PIN.
        pin: PinId,
    },
    /// The procedure needs a PIN the caller did not give.
    #[error("{} is needed", .pin.name())]
    PinMissing {
        /// Which PIN.
        pin: PinId,
    },
    /// The card was reset while a VERIFY was on its way, and the card's counter shows the
    /// outcome is unknown.
    #[error("the card was reset during VERIFY of {}", .pin.name())]
    ResetDuringVerify {
        /// Which PIN.
        pin: PinId,
    },
    /// The card's signature is not the 256 bytes of RSA-2048.
    #[error("the card's signature has {len} bytes, not 256")]
    UnexpectedSignatureLength {
        /// Bytes received.
        len: usize,
    },
    /// The reader answered `6F 00` where a card answer was due: the field dropped (or the card
    /// failed) and the card's volatile state is unknown.
    #[error("{step}: the link to the card was lost (6F 00)")]
    LinkLost {
        /// What was being done.
        step: Step,
    },
    /// The card was reset twice during one procedure.
    #[error("the card was reset twice during the read")]
    ResetAgain {
        /// The second reset.
        #[source]
        source: Box<Error>,
    },
    /// The card holds no driving licence.
    #[error("the card is {}, which holds no driving licence", .card.describe())]
    NotALicence {
        /// What the card is.
        card: CardKind,
    },
    /// A dump's file or folder could not be read.
    #[error("cannot read {}", .path.display())]
    Read {
        /// The path.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A dump's file is not JSON of the dump's shape.
    #[error("{} is not the JSON of `menkyo dump`", .path.display())]
    Json {
        /// The path.
        path: PathBuf,
        /// What is wrong.
        #[source]
        source: serde_json::Error,
    },
    /// The JSON given as a dump is another menkyo document.
    #[error("{} is a {kind:?} document, not a dump{hint}", .path.display())]
    NotADump {
        /// The path.
        path: PathBuf,
        /// Its `kind` (or `format`).
        kind: String,
        /// What to use it with instead.
        hint: &'static str,
    },
    /// A file's hex in a dump does not decode.
    #[error("{}: {file} is not valid hex", .path.display())]
    Hex {
        /// The dump.
        path: PathBuf,
        /// The EF.
        file: String,
    },
    /// A file in a dump that the licence's cards do not hold.
    #[error("{}: {file} is not a file of a licence read", .path.display())]
    UnknownFile {
        /// The dump.
        path: PathBuf,
        /// The EF path or file name.
        file: String,
    },
    /// A file's bytes in a dump disagree with its `length`.
    #[error("{}: {file} holds {len} bytes, its length says {length}", .path.display())]
    Length {
        /// The dump.
        path: PathBuf,
        /// The EF.
        file: String,
        /// Bytes in the hex.
        len: usize,
        /// The `length` field.
        length: usize,
    },
    /// Neither card's first files are in the dump.
    #[error(
        "{} holds neither MF/EF01 and MF/EF02 (IC licence) nor LICENCE_AP/WEF01 (マイナ免許証)",
        .path.display()
    )]
    NoLicence {
        /// The dump.
        path: PathBuf,
    },
    /// A dump with files of both cards.
    #[error("{} mixes the files of an IC licence and of a My Number card", .path.display())]
    Mixed {
        /// The dump.
        path: PathBuf,
    },
    /// The PIN setting file of a dump does not decode.
    #[error("{}: {file} does not decode", .path.display())]
    PinSetting {
        /// The dump.
        path: PathBuf,
        /// The EF.
        file: &'static str,
    },
    /// A raw command (no procedure step) cannot be encoded.
    #[error("the command cannot be encoded")]
    RawCommand(#[source] menkyo_codec::Error),
    /// A raw command needs extended length and the reader carries short APDUs only.
    #[error("the command needs extended length, which the reader does not carry")]
    RawNeedsExtendedLength,
    /// A raw command is longer than the reader carries.
    #[error("the command of {len} bytes is longer than the reader can carry ({max})")]
    RawCommandTooLong {
        /// Its length.
        len: usize,
        /// The reader's limit.
        max: usize,
    },
    /// The card's answer to a raw command is not a response APDU.
    #[error("the card's answer is malformed")]
    RawMalformedResponse(#[source] menkyo_codec::Error),
    /// The chained answer to a raw command is too long.
    #[error("the card's chained answer exceeds {0} bytes")]
    RawResponseTooLong(usize),
    /// A raw command not on the allow-list, under [`Guard::read_only`](crate::raw::Guard::read_only); nothing was sent.
    #[error("{place}: INS {ins:02X} is not sent to a card in a real reader: only SELECT, READ BINARY, GET RESPONSE, GET DATA and VERIFY are")]
    NotReadOnly {
        /// The step, as its [`Origin`](crate::raw::Origin) names it.
        place: String,
        /// Its instruction byte.
        ins: u8,
    },
    /// A VERIFY with data held back by [`Guard::last_try`](crate::raw::Guard::last_try): its PIN has one try left.
    #[error("{place}: the PIN this VERIFY names has one try left")]
    LastTry {
        /// The step, as its [`Origin`](crate::raw::Origin) names it.
        place: String,
    },
    /// In a run of raw commands (no procedure step), the card or reader went away, or the
    /// transport failed.
    #[error(transparent)]
    RawTransport(TransportError),
    /// A raw command of a run could not be exchanged.
    #[error("line {line}")]
    Exchange {
        /// Its line in the script, or its place among the arguments (from 1).
        line: usize,
        /// Why.
        #[source]
        source: Box<Error>,
    },
    /// Answers with an expected status word (`=> SW`) that did not match it, after every
    /// step ran.
    #[error("{failed} of {total} answers were not as expected (last: {last})")]
    Unexpected {
        /// How many.
        failed: usize,
        /// Of how many.
        total: usize,
        /// The last unexpected status word.
        last: StatusWord,
    },
    /// Answers without an expected status word that were errors, after every step ran.
    #[error("the card answered {failed} of {total} commands with an error (last: {last})")]
    AnsweredErrors {
        /// How many.
        failed: usize,
        /// Of how many.
        total: usize,
        /// The last error status word.
        last: StatusWord,
    },
}

impl Error {
    /// Whether this is the back end reporting that the card was reset under us.
    pub fn is_card_reset(&self) -> bool {
        matches!(
            self,
            Error::Transport {
                source: TransportError::CardReset,
                ..
            }
        )
    }

    /// Whether the reader lost the link to the card ([`Error::LinkLost`]).
    pub fn is_link_lost(&self) -> bool {
        matches!(self, Error::LinkLost { .. })
    }

    /// The error as a raw command's (`menkyo apdu`, `menkyo script`), which has no procedure
    /// step: the variants that name a step become their step-less twins.
    pub(crate) fn without_step(self) -> Error {
        match self {
            Error::Command { source, .. } => Error::RawCommand(source),
            Error::NeedsExtendedLength { .. } => Error::RawNeedsExtendedLength,
            Error::CommandTooLong { len, max, .. } => Error::RawCommandTooLong { len, max },
            Error::MalformedResponse { source, .. } => Error::RawMalformedResponse(source),
            Error::ResponseTooLong { max, .. } => Error::RawResponseTooLong(max),
            other => other,
        }
    }

    /// The card's status word, for [`Error::UnexpectedStatus`].
    pub fn status(&self) -> Option<StatusWord> {
        match self {
            Error::UnexpectedStatus { sw, .. } => Some(*sw),
            _ => None,
        }
    }
}
