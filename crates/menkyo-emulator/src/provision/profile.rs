//! Card profiles: a synthetic card described in TOML (`fixtures/profiles/*.toml`), turned into
//! the codec's typed records and, encoded by the codec, into a [`CardImage`](crate::image::CardImage).
//!
//! Dates are written Gregorian (`2024-05-20`) and stored as the card stores them; text may hold
//! `{外字N}` (external character N) and `{欠字}` (missing character); photos are files next to
//! the profile. `fixtures/README.md` describes every field.

mod build;
mod image;
mod schema;

use std::path::{Path, PathBuf};

use menkyo_codec::records::{IcLicenceCard, MyNumberCard};
use menkyo_codec::secret::{Pin, SigningPassword};

use crate::image::ImageError;

/// A card profile: the label, the records and the PINs.
#[derive(Debug, Clone)]
pub struct Profile {
    /// Where it came from: its path or sample name.
    pub name: String,
    /// The card's label (says that the holder is synthetic).
    pub label: String,
    /// The card.
    pub card: ProfileCard,
    /// `[quirks]`: how the emulator answers where the public record is silent (give them to
    /// [`crate::Emulator::with_quirks`]).
    pub quirks: crate::Quirks,
}

/// The card a profile describes.
#[derive(Debug, Clone)]
pub enum ProfileCard {
    /// ICカード運転免許証.
    IcLicence(Box<IcLicenceProfile>),
    /// マイナンバーカード, with or without the 免許AP.
    MyNumber(Box<MyNumberProfile>),
}

/// An IC licence: every file and both PINs.
#[derive(Debug, Clone)]
pub struct IcLicenceProfile {
    /// Every file, all `Some`.
    pub card: IcLicenceCard,
    /// 暗証番号1 (`****` when MF/EF02 says no PIN is set).
    pub pin1: Pin,
    /// 暗証番号2.
    pub pin2: Pin,
}

/// A My Number card: the files of its applications and their PINs.
#[derive(Debug, Clone)]
pub struct MyNumberProfile {
    /// The applications; an absent one is `None`.
    pub card: MyNumberCard,
    /// The 免許AP PIN (`****` when WEF01 says no PIN is set), with the 免許AP.
    pub licence_ap_pin: Option<Pin>,
    /// The 券面事項入力補助 PIN, with that application.
    pub basic_info_pin: Option<Pin>,
    /// The JPKI 署名用パスワード: the synthetic 署名用 set is issued with it.
    pub jpki_signing_password: Option<SigningPassword>,
    /// The JPKI 利用者証明用 PIN: the synthetic 利用者証明用 set is issued with it.
    pub jpki_user_pin: Option<Pin>,
}

/// A profile that cannot be read or built; `file` is the profile's path or sample name.
#[derive(Debug, thiserror::Error)]
#[error("card profile {file}")]
pub struct ProfileError {
    /// The profile.
    pub file: String,
    /// What is wrong.
    #[source]
    pub problem: ProfileProblem,
}

/// What is wrong with a profile.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ProfileProblem {
    /// The file cannot be read.
    #[error("cannot read {}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// Not TOML of the profile's form: the parser's message on one line, with the line.
    #[error("not a card profile: line {line}: {message}")]
    Toml {
        /// The line (from 1) the parser stopped at.
        line: usize,
        /// What the parser says.
        message: String,
    },
    /// A size beyond what the card can hold.
    #[error("{field} = {size} is more than the card can hold ({max} bytes at most)")]
    SizeTooLarge {
        /// The field.
        field: &'static str,
        /// The size given.
        size: usize,
        /// The largest size the card holds.
        max: usize,
    },
    /// `card.kind` is none of `ic-licence`, `my-number`.
    #[error("card.kind {0:?} is neither \"ic-licence\" nor \"my-number\"")]
    UnknownKind(String),
    /// A section or field the card needs is missing.
    #[error("{0} is missing")]
    Missing(&'static str),
    /// A field that must be absent here is present.
    #[error("{field} must be absent: {why}")]
    Unexpected {
        /// The field.
        field: &'static str,
        /// Why.
        why: &'static str,
    },
    /// A value the card cannot hold.
    #[error("{field} cannot be written to the card")]
    Value {
        /// The field.
        field: String,
        /// Why.
        #[source]
        source: menkyo_codec::Error,
    },
    /// Marker text longer than the room its signed file leaves after the item headers.
    #[error("{}", no_room_message(self))]
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
    /// A date that is not `YYYY-MM-DD` or cannot be written as the card writes it.
    #[error("{field} is not a date the card can hold")]
    Date {
        /// The field.
        field: String,
        /// Why.
        #[source]
        source: menkyo_codec::Error,
    },
    /// A PIN that is not 4 digits (or `****` where allowed).
    #[error("{field} is not a valid PIN")]
    Pin {
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
    /// A value that is not one of the allowed words.
    #[error("{field} is {value:?}, not one of {allowed}")]
    NotOneOf {
        /// The field.
        field: &'static str,
        /// The value.
        value: String,
        /// The allowed values.
        allowed: &'static str,
    },
    /// A photo file that cannot be read.
    #[error("cannot read the photo {file}")]
    Photo {
        /// The file as the profile names it.
        file: String,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// Data built from the profile cannot be encoded.
    #[error("cannot encode the data built from the profile")]
    Encode(#[source] menkyo_codec::Error),
    /// The card could not be signed by the synthetic issuer.
    #[error("cannot sign the card")]
    Sign(#[source] crate::signing::SigningError),
    /// The JPKI sets could not be issued.
    #[error("cannot issue the JPKI certificates")]
    Jpki(#[source] crate::jpki::JpkiError),
    /// The image built is not a valid card image.
    #[error("the card image built is invalid")]
    Image(#[from] ImageError),
}

/// The largest profile file read (TOML text of a few kilobytes).
pub const MAX_PROFILE_BYTES: u64 = 1024 * 1024;

/// The largest photo file a profile names: what the largest EF READ BINARY can address holds.
pub const MAX_PHOTO_FILE_BYTES: u64 = crate::handlers::read_binary::MAX_FILE_SIZE as u64;

impl Profile {
    /// Parses a profile. `file` names it in errors; `photo` reads a photo the profile names.
    pub fn parse(
        file: &str,
        text: &str,
        photo: &dyn Fn(&str) -> std::io::Result<Vec<u8>>,
    ) -> Result<Self, ProfileError> {
        build::profile(file, text, photo).map_err(|problem| ProfileError {
            file: file.to_owned(),
            problem,
        })
    }

    /// Reads a profile file; photos are read relative to its directory.
    pub fn load(path: &Path) -> Result<Self, ProfileError> {
        let file = path.display().to_string();
        let text = crate::persist::read_bounded(path, MAX_PROFILE_BYTES)
            .and_then(|bytes| {
                String::from_utf8(bytes).map_err(|_| {
                    std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text")
                })
            })
            .map_err(|source| ProfileError {
                file: file.clone(),
                problem: ProfileProblem::Read {
                    path: path.to_path_buf(),
                    source,
                },
            })?;
        let dir = path.parent().unwrap_or_else(|| Path::new("."));
        Self::parse(&file, &text, &|name| {
            crate::persist::read_bounded(&dir.join(name), MAX_PHOTO_FILE_BYTES)
        })
    }

    /// The card image: every record encoded by the codec, the PINs as digests with full tries.
    pub fn to_image(&self) -> Result<crate::image::CardImage, ProfileError> {
        image::build(self).map_err(|problem| ProfileError {
            file: self.name.clone(),
            problem,
        })
    }
}

/// "signature.text takes 600 bytes; DF1/EF07 (578 bytes) has room for 564 after the 14 bytes
/// of the B1-B6 headers", and for a file that leaves no room the size it needs.
fn no_room_message(problem: &ProfileProblem) -> String {
    let ProfileProblem::NoRoom {
        field,
        len,
        file,
        size,
        headers,
    } = problem
    else {
        return String::new();
    };
    let room = size.saturating_sub(*headers);
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
