//! Everything that can go wrong in this crate: one error type, [`Error`].
//!
//! Where one step fails because another did (a profile whose image is invalid, a 免許AP step
//! whose signing failed), the outer variant holds the inner error as its `source`, so the
//! chain printed is `outer: inner: cause`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use menkyo_codec::status::Tries;
use menkyo_transport::TransportError;

use crate::image::IMAGE_FORMATS_READ;

/// Everything that can go wrong in this crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    // The card image file (`image.rs`).
    /// There is no card image file at the path.
    #[error("there is no card image at {path}")]
    ImageNotFound {
        /// The path given.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The card image file could not be read.
    #[error("cannot read the card image {path}")]
    ImageRead {
        /// The path given.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The card image file could not be written.
    #[error("cannot write the card image {path}")]
    ImageWrite {
        /// The path given.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The card image is not JSON of the image's shape.
    #[error("the card image is not valid JSON of the image format")]
    ImageJson(#[source] serde_json::Error),
    /// The image's `format` field names a format this version does not read.
    #[error(
        "{}; this version reads {}",
        match found {
            Some(found) => format!("unknown card image format {found:?}"),
            None => "the card image has no \"format\" field".to_owned(),
        },
        IMAGE_FORMATS_READ.join(" and ")
    )]
    UnknownFormat {
        /// The `format` field, `None` when missing.
        found: Option<String>,
    },
    /// A hex field of the image does not hold hex.
    #[error("{field} is not valid hex")]
    BadHex {
        /// Which field.
        field: String,
        /// What is wrong with it.
        #[source]
        source: hex::FromHexError,
    },
    /// The image names an application the emulator does not know, or one the model cannot hold.
    #[error("unknown application {0:?} for this card model")]
    UnknownApplication(String),
    /// A file the card model needs is missing from the image.
    #[error("the image lacks the file {0}")]
    MissingFile(String),
    /// A fixed-size file of the image holds more than its size.
    #[error("{path} holds {len} bytes, more than its {size} bytes")]
    FileTooLarge {
        /// The file's path.
        path: String,
        /// Bytes in the image.
        len: usize,
        /// The file's fixed size.
        size: usize,
    },
    /// A file of the image is longer than READ BINARY can address.
    #[error("{path} holds {len} bytes, more than READ BINARY can address")]
    FileTooLong {
        /// The file's path.
        path: String,
        /// Bytes in the image.
        len: usize,
    },
    /// The image holds a file the card model does not have.
    #[error("the image holds the file {0}, which this card model does not have")]
    UnknownFile(String),
    /// The image lists as not read a file the card model has no working EF for.
    #[error("the image lists {0} as not read, which is no working file of this card model")]
    UnknownUnread(String),
    /// The image both holds a file and lists it as not read.
    #[error("the image holds {0} and also lists it as not read")]
    UnreadHeld(String),
    /// The image holds a PIN the card model does not have.
    #[error("the image holds the PIN {0}, which this card model does not have")]
    UnknownPin(String),
    /// A PIN digest or salt of the image has the wrong length.
    #[error("{field} holds {len} bytes; it must hold {expected}")]
    BadDigest {
        /// Which field.
        field: String,
        /// Its length.
        len: usize,
        /// The length it must have.
        expected: usize,
    },
    /// A PIN the card model needs is missing from the image.
    #[error("the image lacks the PIN {0}")]
    MissingPin(String),
    /// A retry counter outside 0..=max, or a max the status word cannot express.
    #[error("PIN {id}: {} left of at most {max_tries} (max 15)", Tries(usize::from(*.tries_left)))]
    BadCounter {
        /// The PIN id.
        id: String,
        /// Tries left.
        tries_left: u8,
        /// Tries after a reset.
        max_tries: u8,
    },

    // Cards by name (`named.rs`).
    /// No sample, spec card or file by that name.
    #[error("{0:?} is neither a built-in sample nor a card profile (.toml) or image (.json) file")]
    UnknownCard(String),
    /// No profile file and no sample by that name.
    #[error("{0:?} is neither a profile file nor a built-in sample")]
    NoSuchProfile(String),
    /// A card profile that cannot be used (`source` is [`Error::Profile`]).
    #[error("cannot use the card profile")]
    UnusableProfile {
        /// What is wrong with the profile.
        source: Box<Error>,
    },
    /// A card image that cannot be loaded.
    #[error("cannot use the card image")]
    UnusableImage {
        /// What is wrong with the image.
        source: Box<Error>,
    },

    // Card profiles (`profile.rs`).
    /// A profile that cannot be read or built; `file` is the profile's path or sample name.
    #[error("card profile {file}")]
    Profile {
        /// The profile.
        file: String,
        /// What is wrong.
        source: Box<Error>,
    },
    /// The profile file cannot be read.
    #[error("cannot read {}", path.display())]
    ProfileRead {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The profile is not TOML of the profile's form: the parser's message on one line, with
    /// the line.
    #[error("not a card profile: line {line}: {message}")]
    Toml {
        /// The line (from 1) the parser stopped at.
        line: usize,
        /// What the parser says.
        message: String,
    },
    /// A size in the profile beyond what the card can hold.
    #[error("{field} = {size} is more than the card can hold ({max} bytes at most)")]
    SizeTooLarge {
        /// The field.
        field: &'static str,
        /// The size given.
        size: usize,
        /// The largest size the card holds.
        max: usize,
    },
    /// The profile's `card.kind` is none of `ic-licence`, `my-number`.
    #[error("card.kind {0:?} is neither \"ic-licence\" nor \"my-number\"")]
    UnknownKind(String),
    /// A section or field the card needs is missing from the profile.
    #[error("{0} is missing")]
    MissingField(&'static str),
    /// A field of the profile that must be absent here is present.
    #[error("{field} must be absent: {why}")]
    UnexpectedField {
        /// The field.
        field: &'static str,
        /// Why.
        why: &'static str,
    },
    /// A value in the profile the card cannot hold.
    #[error("{field} cannot be written to the card")]
    BadValue {
        /// The field.
        field: String,
        /// Why.
        #[source]
        source: menkyo_codec::Error,
    },
    /// Marker text longer than the room its signed file leaves after the item headers.
    #[error("{}", no_room_message(field, *len, file, *size, *headers))]
    NoRoom {
        /// The text's field.
        field: &'static str,
        /// Bytes of the text.
        len: usize,
        /// The file as the user named it: `licence_ap.security.size = 20`, or the fixed file.
        file: String,
        /// Bytes the file has.
        size: usize,
        /// Bytes the item headers take.
        headers: usize,
    },
    /// A date in the profile that is not `YYYY-MM-DD` or cannot be written as the card writes
    /// it.
    #[error("{field} is not a date the card can hold")]
    BadDate {
        /// The field.
        field: String,
        /// Why.
        #[source]
        source: menkyo_codec::Error,
    },
    /// A PIN in the profile that is not 4 digits (or `****` where allowed).
    #[error("{field} is not a valid PIN")]
    BadPin {
        /// The field.
        field: &'static str,
        /// Why (never the PIN).
        #[source]
        source: menkyo_codec::Error,
    },
    /// A change record of a kind the card does not have.
    #[error("changes.entries[{index}].kind {name:?} is none of commission, name, reading, address, conditions, lifted_conditions, remarks, reserve, domicile")]
    UnknownChangeKind {
        /// Which record.
        index: usize,
        /// The kind given.
        name: String,
    },
    /// A licence class name that is not one of the 15.
    #[error("{field} names no licence class: {name:?}")]
    UnknownClass {
        /// The field.
        field: &'static str,
        /// The name.
        name: String,
    },
    /// A `{…}` in a text that is neither `{外字1}`–`{外字7}` nor `{欠字}`.
    #[error("{field} has a bad external character mark at character {position}")]
    BadGaijiMark {
        /// The field.
        field: &'static str,
        /// Where.
        position: usize,
    },
    /// A value in the profile that is not one of the allowed words.
    #[error("{field} is {value:?}, not one of {allowed}")]
    NotOneOf {
        /// The field.
        field: &'static str,
        /// The value.
        value: String,
        /// The allowed values.
        allowed: &'static str,
    },
    /// A photo file the profile names cannot be read.
    #[error("cannot read the photo {file}")]
    PhotoRead {
        /// The file as the profile names it.
        file: String,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// Data built from the profile cannot be encoded.
    #[error("cannot encode the data built from the profile")]
    Encode(#[source] menkyo_codec::Error),
    /// The card built from a profile could not be signed by the synthetic issuer.
    #[error("cannot sign the card")]
    SignCard {
        /// Why (a signing error).
        source: Box<Error>,
    },
    /// The JPKI sets of a profile could not be issued.
    #[error("cannot issue the JPKI certificates")]
    IssueJpki {
        /// Why (a JPKI error).
        source: Box<Error>,
    },
    /// The image built from a profile is not a valid card image.
    #[error("the card image built is invalid")]
    InvalidBuiltImage {
        /// What is wrong with the image.
        source: Box<Error>,
    },

    // Signing (`signing.rs`).
    /// The synthetic issuer's key or certificate did not load.
    #[error("the issuer's key or certificate is unusable")]
    IssuerKey(#[source] menkyo_auth::Error),
    /// The security data could not be made.
    #[error("the security data could not be made")]
    SecurityData(#[source] menkyo_auth::Error),
    /// The security data made does not decode as the codec's record.
    #[error("the security data made does not decode")]
    SecurityDataDecode(#[source] menkyo_codec::Error),

    // The JPKI AP (`jpki.rs`).
    /// Only a My Number card carries the JPKI AP.
    #[error("only a My Number card image carries the JPKI AP")]
    JpkiNotMyNumberCard,
    /// A JPKI certificate or the key does not decode.
    #[error("the JPKI credentials are unusable")]
    JpkiCredentials(#[source] menkyo_auth::Error),

    // The 免許AP life cycle (`licence_ap.rs`).
    /// Only a My Number card carries the 免許AP.
    #[error("the image is not a My Number card")]
    NotMyNumberCard,
    /// Installing a 免許AP that is there.
    #[error("the 免許AP is already installed")]
    AlreadyInstalled,
    /// Recording into or removing a 免許AP that is not there.
    #[error("the 免許AP is not installed")]
    NotInstalled,
    /// The profile holds no licence to record.
    #[error("the profile holds no licence (neither an IC licence nor a 免許AP)")]
    NoLicence,
    /// The IC licence holds no 記載事項 to take the licence from.
    #[error("the IC licence profile has no DF1/EF01 記載事項")]
    NoIcRecord,
    /// The WEF02 on the card does not decode.
    #[error("WEF02 on the card does not decode")]
    BadWef02(#[source] menkyo_codec::Error),
    /// The 免許AP record could not be signed.
    #[error("cannot sign the record")]
    SignRecord {
        /// Why (a signing error).
        source: Box<Error>,
    },

    // The ways to hold a licence (`lifecycle.rs`).
    /// The licence profile of a form is not an IC licence's.
    #[error("not an IC licence profile (card.kind = \"ic-licence\")")]
    NotIcLicence,
    /// A 免許AP life-cycle step of a form cannot be done.
    #[error("免許AP")]
    LicenceAp {
        /// Why (a 免許AP life-cycle error).
        source: Box<Error>,
    },
    /// A card of a form could not be signed.
    #[error("signing")]
    Signing {
        /// Why (a signing error).
        source: Box<Error>,
    },

    // Clones (`clone.rs`).
    /// The clone is not a valid image.
    #[error("the clone is not a valid card image")]
    InvalidClone {
        /// What is wrong with the image.
        source: Box<Error>,
    },

    // Transcripts (`transcript.rs`).
    /// The transcript file could not be read.
    #[error("cannot read the transcript {path}")]
    TranscriptRead {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A line of a transcript that is not part of the format.
    #[error("{name}:{line}: {reason}")]
    TranscriptSyntax {
        /// The transcript.
        name: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        reason: &'static str,
    },
    /// The transcript's header names no card, or a card that does not exist.
    #[error("{name}: unknown card {card:?}")]
    TranscriptUnknownCard {
        /// The transcript.
        name: String,
        /// The card named in the header.
        card: String,
    },
    /// The card answered differently from the transcript.
    #[error("{name}:{line}: > {command}: expected {expected}, got {got}")]
    TranscriptMismatch {
        /// The transcript.
        name: String,
        /// 1-based line number of the expected answer.
        line: usize,
        /// The command, with PIN data masked.
        command: String,
        /// The expected answer as written.
        expected: String,
        /// The answer, in the transcript's notation.
        got: String,
    },
    /// The transport failed while a transcript played.
    #[error("{name}:{line}: the transport failed")]
    TranscriptTransport {
        /// The transcript.
        name: String,
        /// 1-based line number.
        line: usize,
        /// The transport's error.
        #[source]
        source: TransportError,
    },

    // The vpcd bridge (`vpcd.rs`).
    /// The host and port do not name an address.
    #[error("{host}:{port} is not an address vpcd can listen on")]
    VpcdAddress {
        /// The host given.
        host: String,
        /// The port given.
        port: u16,
        /// Why it does not resolve.
        #[source]
        source: std::io::Error,
    },
    /// vpcd took the connection but never spoke: another card is served on that port.
    #[error(
        "vpcd at {addr} took the connection but never asked for the card within {} s: another \
         program (a second `menkyo emulate`?) serves a card on this port",
        .waited.as_secs()
    )]
    VpcdPortInUse {
        /// The address.
        addr: SocketAddr,
        /// How long it stayed silent.
        waited: Duration,
    },
    /// vpcd could not be reached for as long as the reconnect policy allows.
    #[error("cannot reach vpcd at {addr}")]
    VpcdUnreachable {
        /// The address tried.
        addr: SocketAddr,
        /// The last connection error.
        #[source]
        source: std::io::Error,
    },
    /// The card answered more than one vpcd message can carry. Serving stops and the
    /// connection is closed cleanly, which PC/SC programs see as the card being removed.
    #[error("the card's answer of {len} bytes is longer than vpcd can carry (65 535)")]
    VpcdResponseTooLong {
        /// Length of the answer.
        len: usize,
    },
    /// An extended-length command sent to a reader profile that carries short APDUs only.
    #[error("the reader carries short APDUs only")]
    ReaderShortOnly,
    /// The card's answer is longer than the reader profile takes.
    #[error("the card's answer of {len} bytes is longer than the reader takes ({max})")]
    ReaderAnswerTooLong {
        /// Length of the answer.
        len: usize,
        /// The reader's limit.
        max: usize,
    },
}

impl Error {
    /// `source`, an error of a card profile, as [`Error::UnusableProfile`].
    pub(crate) fn unusable_profile(source: Error) -> Error {
        Error::UnusableProfile {
            source: Box::new(source),
        }
    }
}

/// "signature.text takes 600 bytes; DF1/EF07 (578 bytes) has room for 564 after the 14 bytes
/// of the B1-B6 headers", and for a file that leaves no room the size it needs.
fn no_room_message(field: &str, len: usize, file: &str, size: usize, headers: usize) -> String {
    let room = size.saturating_sub(headers);
    if room == 0 {
        format!(
            "{field} takes {len} bytes, and {file} leaves no room for it: the B1-B6 headers \
             take {headers} bytes, so the file needs at least {}",
            len + headers
        )
    } else {
        format!(
            "{field} takes {len} bytes, and {file} has room for {room} after the {headers} \
             bytes of the B1-B6 headers"
        )
    }
}
