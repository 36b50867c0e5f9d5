//! The card image: everything a card keeps across power-off (file contents, PIN digests, retry
//! counters), stored as a JSON file.
//!
//! [`CardImage::load`] never panics on a corrupt file: every defect is an [`Error`].
//! [`CardImage::save`] replaces the file atomically (temporary file, fsync, rename, fsync of the directory).

use std::collections::BTreeMap;
use std::path::Path;

use menkyo_codec::registry;
use serde::{Deserialize, Serialize};

use crate::persist::ImageLock;
use crate::pin_digest;
use crate::Error;

/// The largest image file read: the largest image of either model (every EF at the most READ
/// BINARY can address, in hex) is well below it.
pub const MAX_IMAGE_BYTES: u64 = 4 * 1024 * 1024;

/// Takes the image lock of `path` (see [`crate::persist`]).
pub(crate) fn lock(path: &Path) -> Result<ImageLock, Error> {
    ImageLock::acquire(path).map_err(|source| read_error(path, source))
}

fn read_error(path: &Path, source: std::io::Error) -> Error {
    if source.kind() == std::io::ErrorKind::NotFound {
        Error::ImageNotFound {
            path: path.to_path_buf(),
            source,
        }
    } else {
        Error::ImageRead {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// The value of [`CardImage::format`] this version writes.
pub const IMAGE_FORMAT: &str = "menkyo-card-image/2";

/// Every format this version reads: format 1 kept unsalted SHA-256 PIN digests (still
/// compared); an image read in it is written back in [`IMAGE_FORMAT`].
pub const IMAGE_FORMATS_READ: [&str; 2] = ["menkyo-card-image/1", IMAGE_FORMAT];

/// Which card the image is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CardModel {
    /// ICカード運転免許証.
    IcLicence,
    /// マイナンバーカード (with or without the 免許AP).
    MyNumber,
}

/// The persistent state of one card (the persistent half of the card's state).
///
/// File paths: `MF/EF01`, `MF/EF02`, `DF1/EF01` … `DF1/EF07`, `DF2/EF01` on the IC licence;
/// `LICENCE_AP/WEF01` … `WEF03`, `BASIC_INFO/EF0001` … `EF0003`, `JPKI/EF0006` … on the My
/// Number card. PIN ids: `PIN1`, `PIN2` on the IC licence; `LICENCE_AP`, `BASIC_INFO`, … on the
/// My Number card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardImage {
    /// Always [`IMAGE_FORMAT`].
    pub format: String,
    /// Which card.
    pub model: CardModel,
    /// A human label; says that the holder is synthetic when built from a fixture.
    pub label: String,
    /// Applications installed on a My Number card (`licence-ap`, `basic-info`, `jpki`).
    #[serde(default)]
    pub applications: Vec<String>,
    /// File contents by path.
    pub files: BTreeMap<String, HexBytes>,
    /// PINs by id.
    pub pins: BTreeMap<String, PinState>,
    /// Working EFs the image does not hold, by path, each with why (a partial clone: the read
    /// that made it could not open them). The emulator answers them as absent (`6A82`), since
    /// their content is unknown. Optional: images without it hold every file.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub unread: BTreeMap<String, String>,
}

/// A PIN as the card keeps it: never the PIN itself, only its digest, and the retry counter
/// (see [`crate::pin_digest`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinState {
    /// Argon2id of the PIN id and PIN with [`PinState::salt`]; without a salt (images of
    /// format `menkyo-card-image/1`), SHA-256 over `menkyo-pin`, the PIN id and the PIN.
    pub digest: HexBytes,
    /// The random salt of the Argon2id digest; absent in images of format 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salt: Option<HexBytes>,
    /// Tries left.
    pub tries_left: u8,
    /// Tries after a reset of the counter.
    pub max_tries: u8,
    /// The PIN's value is not known (a clone made without it): no PIN matches, and the digest
    /// is all zeros. Optional: absent means `false`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub value_unknown: bool,
}

impl PinState {
    /// A fresh PIN with all tries left, under a new random salt.
    pub fn new(id: &str, pin: &[u8], max_tries: u8) -> Self {
        let salt = pin_digest::new_salt();
        PinState {
            digest: HexBytes(pin_digest::argon2id(id, pin, &salt).to_vec()),
            salt: Some(HexBytes(salt.to_vec())),
            tries_left: max_tries,
            max_tries,
            value_unknown: false,
        }
    }

    /// A fresh `pin` of the registry set to `secret`: its image id, all its tries left.
    pub(crate) fn fresh(pin: registry::Pin, secret: &[u8]) -> Self {
        Self::new(pin.image_id(), secret, pin.max_tries())
    }

    /// A PIN whose value is not known, with the tries a card showed: no PIN verifies it.
    pub fn unknown(tries_left: u8, max_tries: u8) -> Self {
        PinState {
            digest: HexBytes(vec![0; pin_digest::DIGEST_LEN]),
            salt: None,
            tries_left,
            max_tries,
            value_unknown: true,
        }
    }

    /// Whether `pin` is this PIN; never when the value is unknown.
    pub fn matches(&self, id: &str, pin: &[u8]) -> bool {
        if self.value_unknown {
            return false;
        }
        let expected = match &self.salt {
            Some(salt) => pin_digest::argon2id(id, pin, &salt.0),
            None => pin_digest::legacy_sha256(id, pin),
        };
        pin_digest::same(&self.digest.0, &expected)
    }
}

impl CardImage {
    /// Puts `bytes` as the content of `file`.
    pub(crate) fn put_file(&mut self, file: &registry::File, bytes: Vec<u8>) {
        self.files.insert(file.path.to_owned(), HexBytes(bytes));
    }

    /// Sets `pin` to `secret` with all its tries left.
    pub(crate) fn set_fresh_pin(&mut self, pin: registry::Pin, secret: &[u8]) {
        self.pins
            .insert(pin.image_id().to_owned(), PinState::fresh(pin, secret));
    }

    /// Reads and checks an image file (symbolic links followed), under the image lock; at most
    /// [`MAX_IMAGE_BYTES`] are read.
    pub fn load(path: &Path) -> Result<CardImage, Error> {
        let lock = lock(path)?;
        CardImage::load_locked(path, &lock)
    }

    pub(crate) fn load_locked(path: &Path, lock: &ImageLock) -> Result<CardImage, Error> {
        let bytes = lock
            .read(MAX_IMAGE_BYTES)
            .map_err(|source| read_error(path, source))?;
        CardImage::from_json(&bytes)
    }

    /// Reads the image at `path`, lets `change` change it, checks it and writes it back, all
    /// under the image lock, so no other process changes the image in between. Nothing is
    /// written when `change` fails or leaves the image as it was.
    pub fn update<T, E: From<Error>>(
        path: &Path,
        change: impl FnOnce(&mut CardImage) -> Result<T, E>,
    ) -> Result<T, E> {
        let lock = lock(path)?;
        let mut image = CardImage::load_locked(path, &lock)?;
        let before = image.clone();
        let value = change(&mut image)?;
        if image != before {
            image.validate()?;
            image.save_locked(path, &lock)?;
        }
        Ok(value)
    }

    /// Parses and checks an image from its JSON text.
    pub fn from_json(bytes: &[u8]) -> Result<CardImage, Error> {
        let value: serde_json::Value = serde_json::from_slice(bytes).map_err(Error::ImageJson)?;
        let format = value.get("format").and_then(|f| f.as_str());
        if !format.is_some_and(|f| IMAGE_FORMATS_READ.contains(&f)) {
            return Err(Error::UnknownFormat {
                found: format.map(str::to_owned),
            });
        }
        // Parsed again from the text, not from the value: a key given twice is an error here,
        // where the value kept the last one.
        let raw: raw::RawImage = serde_json::from_slice(bytes).map_err(Error::ImageJson)?;
        let mut image = raw.decode()?;
        image.format = IMAGE_FORMAT.to_owned();
        image.validate()?;
        Ok(image)
    }

    /// The image as JSON text.
    pub fn to_json(&self) -> Result<Vec<u8>, Error> {
        let mut text = serde_json::to_vec_pretty(self).map_err(Error::ImageJson)?;
        text.push(b'\n');
        Ok(text)
    }

    /// Writes the image to `path`, replacing the real file behind it atomically (symbolic
    /// links followed, mode and owner kept, anything but a regular file refused), under the
    /// image lock.
    pub fn save(&self, path: &Path) -> Result<(), Error> {
        let lock = lock(path)?;
        self.save_locked(path, &lock)
    }

    pub(crate) fn save_locked(&self, path: &Path, lock: &ImageLock) -> Result<(), Error> {
        lock.write(&self.to_json()?)
            .map_err(|source| Error::ImageWrite {
                path: path.to_path_buf(),
                source,
            })
    }

    /// Lists in [`CardImage::unread`] every working EF of the model the image does not hold,
    /// saying which PINs of unknown value ([`PinState::value_unknown`]) guard it; returns the
    /// paths listed. A clone made without every PIN calls it before [`CardImage::validate`].
    pub fn list_unread(&mut self) -> Vec<String> {
        let fs = crate::models::file_system(self);
        let mut listed = Vec::new();
        for (path, access, _) in fs.working_files() {
            if self.files.contains_key(path) {
                continue;
            }
            let guards: &[menkyo_codec::registry::Pin] = match &access {
                crate::fs::Access::Free => &[],
                crate::fs::Access::Pin(pin) => std::slice::from_ref(pin),
                crate::fs::Access::Pins(pins) => pins,
            };
            let unknown: Vec<&str> = guards
                .iter()
                .map(|pin| pin.image_id())
                .filter(|id| self.pins.get(*id).is_some_and(|p| p.value_unknown))
                .collect();
            let why = if unknown.is_empty() {
                "not read".to_owned()
            } else {
                format!(
                    "not read: needs {}, which was not given",
                    unknown.join(" and ")
                )
            };
            self.unread.insert(path.to_owned(), why);
            listed.push(path.to_owned());
        }
        listed
    }

    /// Checks that the image can serve as the card its model names: known applications,
    /// every file and PIN of the model present, fixed-size files within their size, counters
    /// within range.
    pub fn validate(&self) -> Result<(), Error> {
        let card = crate::models::card_spec(self.model);
        for app in &self.applications {
            let known = card
                .applications
                .iter()
                .any(|a| a.installed_as == Some(app.as_str()));
            if !known {
                return Err(Error::UnknownApplication(app.clone()));
            }
        }
        for path in self.unread.keys() {
            let working = card.file(path).is_some_and(|file| {
                matches!(
                    file.access,
                    menkyo_codec::registry::Access::Free | menkyo_codec::registry::Access::Pins(_)
                )
            });
            if !working {
                return Err(Error::UnknownUnread(path.clone()));
            }
            if self.files.contains_key(path) {
                return Err(Error::UnreadHeld(path.clone()));
            }
        }
        let fs = crate::models::file_system(self);
        for (path, _, fixed_size) in fs.working_files() {
            let content = self
                .files
                .get(path)
                .ok_or_else(|| Error::MissingFile(path.to_owned()))?;
            let len = content.0.len();
            match fixed_size {
                Some(size) if len > size => {
                    return Err(Error::FileTooLarge {
                        path: path.to_owned(),
                        len,
                        size,
                    })
                }
                _ if len > crate::handlers::read_binary::MAX_FILE_SIZE => {
                    return Err(Error::FileTooLong {
                        path: path.to_owned(),
                        len,
                    })
                }
                _ => {}
            }
        }
        if let Some(path) = fs.key_files().find(|path| !self.files.contains_key(*path)) {
            return Err(Error::MissingFile(path.to_owned()));
        }
        let known_file = |path: &str| {
            fs.working_files().any(|(known, _, _)| known == path)
                || fs.key_files().any(|known| known == path)
        };
        if let Some(path) = self.files.keys().find(|path| !known_file(path)) {
            return Err(Error::UnknownFile(path.clone()));
        }
        if let Some(id) = self
            .pins
            .keys()
            .find(|id| !fs.pins().any(|pin| pin.image_id() == id.as_str()))
        {
            return Err(Error::UnknownPin(id.clone()));
        }
        for pin in fs.pins() {
            let id = pin.image_id();
            let state = self
                .pins
                .get(id)
                .ok_or_else(|| Error::MissingPin(id.to_owned()))?;
            if state.digest.0.len() != pin_digest::DIGEST_LEN {
                return Err(Error::BadDigest {
                    field: format!("pins.{id}.digest"),
                    len: state.digest.0.len(),
                    expected: pin_digest::DIGEST_LEN,
                });
            }
            if let Some(salt) = state
                .salt
                .as_ref()
                .filter(|s| s.0.len() != pin_digest::SALT_LEN)
            {
                return Err(Error::BadDigest {
                    field: format!("pins.{id}.salt"),
                    len: salt.0.len(),
                    expected: pin_digest::SALT_LEN,
                });
            }
            if state.tries_left > state.max_tries || state.max_tries > 15 {
                return Err(Error::BadCounter {
                    id: id.to_owned(),
                    tries_left: state.tries_left,
                    max_tries: state.max_tries,
                });
            }
        }
        Ok(())
    }
}

/// The image as read from JSON before its hex fields are decoded, so a bad field is named.
mod raw {
    use std::collections::BTreeMap;

    use serde::Deserialize;

    use super::{CardImage, CardModel, Error, HexBytes, PinState};

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct RawImage {
        format: String,
        model: CardModel,
        label: String,
        #[serde(default)]
        applications: Vec<String>,
        #[serde(deserialize_with = "unique::map")]
        files: BTreeMap<String, String>,
        #[serde(deserialize_with = "unique::map")]
        pins: BTreeMap<String, RawPin>,
        #[serde(default, deserialize_with = "unique::map")]
        unread: BTreeMap<String, String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct RawPin {
        digest: String,
        #[serde(default)]
        salt: Option<String>,
        tries_left: u8,
        max_tries: u8,
        #[serde(default)]
        value_unknown: bool,
    }

    /// A JSON object into a map, refusing a key given twice.
    mod unique {
        use std::collections::BTreeMap;
        use std::fmt;
        use std::marker::PhantomData;

        use serde::de::{Deserialize, Deserializer, Error, MapAccess, Visitor};

        pub fn map<'de, D, V>(d: D) -> Result<BTreeMap<String, V>, D::Error>
        where
            D: Deserializer<'de>,
            V: Deserialize<'de>,
        {
            struct Unique<V>(PhantomData<V>);
            impl<'de, V: Deserialize<'de>> Visitor<'de> for Unique<V> {
                type Value = BTreeMap<String, V>;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("an object")
                }
                fn visit_map<A: MapAccess<'de>>(
                    self,
                    mut access: A,
                ) -> Result<Self::Value, A::Error> {
                    let mut map = BTreeMap::new();
                    while let Some((key, value)) = access.next_entry::<String, V>()? {
                        if map.contains_key(&key) {
                            return Err(A::Error::custom(format!("{key:?} is given twice")));
                        }
                        map.insert(key, value);
                    }
                    Ok(map)
                }
            }
            d.deserialize_map(Unique(PhantomData))
        }
    }

    fn decode_hex(field: String, text: &str) -> Result<HexBytes, Error> {
        hex::decode(text)
            .map(HexBytes)
            .map_err(|source| Error::BadHex { field, source })
    }

    impl RawImage {
        pub(super) fn decode(self) -> Result<CardImage, Error> {
            let files = self
                .files
                .into_iter()
                .map(|(path, text)| {
                    let bytes = decode_hex(format!("files.{path}"), &text)?;
                    Ok((path, bytes))
                })
                .collect::<Result<_, Error>>()?;
            let pins = self
                .pins
                .into_iter()
                .map(|(id, pin)| {
                    let digest = decode_hex(format!("pins.{id}.digest"), &pin.digest)?;
                    let salt = pin
                        .salt
                        .map(|salt| decode_hex(format!("pins.{id}.salt"), &salt))
                        .transpose()?;
                    let state = PinState {
                        digest,
                        salt,
                        tries_left: pin.tries_left,
                        max_tries: pin.max_tries,
                        value_unknown: pin.value_unknown,
                    };
                    Ok((id, state))
                })
                .collect::<Result<_, Error>>()?;
            Ok(CardImage {
                format: self.format,
                model: self.model,
                label: self.label,
                applications: self.applications,
                files,
                pins,
                unread: self.unread,
            })
        }
    }
}

/// Bytes that serialize as a hex string.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct HexBytes(pub Vec<u8>);

impl std::fmt::Debug for HexBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&hex::encode_upper(&self.0))
    }
}

impl Serialize for HexBytes {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&hex::encode_upper(&self.0))
    }
}

impl<'de> Deserialize<'de> for HexBytes {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        hex::decode(s.as_bytes())
            .map(HexBytes)
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pin_digest_depends_on_id_and_pin() {
        let p = PinState::new("PIN1", b"1234", 3);
        assert!(p.matches("PIN1", b"1234"));
        assert!(!p.matches("PIN1", b"1235"));
        assert!(!p.matches("PIN2", b"1234"));
        assert_eq!(p.tries_left, 3);
    }

    #[test]
    fn a_pin1_only_clone_lists_the_files_pin2_guards() {
        let mut image = crate::samples::get("ic-licence").unwrap();
        for path in ["DF1/EF02", "DF1/EF06", "DF2/EF01"] {
            image.files.remove(path);
        }
        image
            .pins
            .insert("PIN2".to_owned(), PinState::unknown(2, 3));
        assert_eq!(image.list_unread(), ["DF1/EF02", "DF1/EF06", "DF2/EF01"]);
        assert_eq!(
            image.unread["DF2/EF01"],
            "not read: needs PIN2, which was not given"
        );
        image.validate().unwrap();
        assert!(!image.pins["PIN2"].matches("PIN2", b"5678"));
        assert!(image.list_unread().is_empty());
    }

    #[test]
    fn image_round_trips_through_json_without_the_pin() {
        let mut files = BTreeMap::new();
        files.insert("MF/EF02".to_string(), HexBytes(vec![0x05, 0x01, 0x01]));
        let mut pins = BTreeMap::new();
        pins.insert("PIN1".to_string(), PinState::new("PIN1", b"4711", 3));
        let image = CardImage {
            format: IMAGE_FORMAT.to_string(),
            model: CardModel::IcLicence,
            label: "synthetic".into(),
            applications: vec![],
            files,
            pins,
            unread: BTreeMap::new(),
        };
        let json = serde_json::to_string(&image).unwrap();
        assert!(json.contains("\"MF/EF02\":\"050101\""));
        assert!(!json.contains("4711") && !json.contains("34373131"));
        let back: CardImage = serde_json::from_str(&json).unwrap();
        assert_eq!(back, image);
    }
}
