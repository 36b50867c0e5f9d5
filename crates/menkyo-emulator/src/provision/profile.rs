//! Card profiles: a synthetic card described in TOML (`fixtures/profiles/*.toml`), turned into
//! the codec's typed records and, encoded by the codec, into a [`CardImage`](crate::image::CardImage).
//!
//! Dates are written Gregorian (`2024-05-20`) and stored as the card stores them; text may hold
//! `{外字N}` (external character N) and `{欠字}` (missing character); photos are files next to
//! the profile. `fixtures/README.md` describes every field.

mod build;
mod image;
mod schema;

use std::path::Path;

use menkyo_codec::records::{IcLicenceCard, MyNumberCard};
use menkyo_codec::secret::{Pin, SigningPassword};

use crate::Error;

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
    ) -> Result<Self, Error> {
        build::profile(file, text, photo).map_err(|problem| Error::Profile {
            file: file.to_owned(),
            source: Box::new(problem),
        })
    }

    /// Reads a profile file; photos are read relative to its directory.
    pub fn load(path: &Path) -> Result<Self, Error> {
        let file = path.display().to_string();
        let text = crate::persist::read_bounded(path, MAX_PROFILE_BYTES)
            .and_then(|bytes| {
                String::from_utf8(bytes).map_err(|_| {
                    std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text")
                })
            })
            .map_err(|source| Error::Profile {
                file: file.clone(),
                source: Box::new(Error::ProfileRead {
                    path: path.to_path_buf(),
                    source,
                }),
            })?;
        let dir = path.parent().unwrap_or_else(|| Path::new("."));
        Self::parse(&file, &text, &|name| {
            crate::persist::read_bounded(&dir.join(name), MAX_PHOTO_FILE_BYTES)
        })
    }

    /// The card image: every record encoded by the codec, the PINs as digests with full tries.
    pub fn to_image(&self) -> Result<crate::image::CardImage, Error> {
        image::build(self).map_err(|problem| Error::Profile {
            file: self.name.clone(),
            source: Box::new(problem),
        })
    }
}
