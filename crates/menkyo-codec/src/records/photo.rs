//! DF2/EF01 写真: `5F 40 82 HH LL` + a JPEG 2000 codestream (starts `FF 4F`) of at most 2000
//! bytes, then `FF` filler. The 免許AP's WEF02 holds the same item.

use std::borrow::Cow;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::item_values::Bytes;
use super::json::{sha256_hex, unknown_entry};
use super::tag_id::TagId;
use super::wire::{decode_one_item, one_field_layout, ItemLayout, Items, Reader};
use super::Decoded;
use crate::layout::ic::MAX_PHOTO_LEN;
use crate::registry::DF2_EF01;
use crate::tlv::simple::LengthForm;
use crate::tlv::Mode;
use crate::Error;

const FILE: &str = "DF2/EF01 写真";
/// Tag of the photo item.
pub const PHOTO_TAG: u16 = 0x5F40;
/// Start of a JPEG 2000 codestream: SOC `FF 4F`.
const J2K_SOC: [u8; 2] = [0xFF, 0x4F];
/// Start of a JP2 file: the signature box.
const JP2_SIGNATURE: [u8; 12] = [
    0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A,
];

/// What the photo bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoFormat {
    /// A JPEG 2000 codestream (`.j2k`), as the cards store it.
    Jpeg2000Codestream,
    /// A JP2 file.
    Jp2,
    /// Something else.
    Unknown,
}

impl PhotoFormat {
    /// The JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            PhotoFormat::Jpeg2000Codestream => "jpeg2000-codestream",
            PhotoFormat::Jp2 => "jp2",
            PhotoFormat::Unknown => "unknown",
        }
    }
}

/// 写真: the image bytes.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct PhotoData(Bytes);

impl PhotoData {
    /// A JPEG 2000 codestream of at most 2000 bytes.
    pub fn new(bytes: Vec<u8>) -> Result<Self, Error> {
        check(&bytes)?;
        Ok(Self(Bytes::new(bytes)?))
    }

    /// Any bytes, as read leniently.
    pub(crate) fn any(bytes: &[u8]) -> Result<Self, Error> {
        Bytes::new(bytes.to_vec()).map(Self)
    }

    /// The image bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_slice()
    }

    /// SHA-256 of the bytes, in lower-case hex.
    pub fn sha256_hex(&self) -> String {
        sha256_hex(self.as_bytes())
    }

    /// What they are.
    pub fn format(&self) -> PhotoFormat {
        let bytes = self.as_bytes();
        if bytes.starts_with(&J2K_SOC) {
            PhotoFormat::Jpeg2000Codestream
        } else if bytes.starts_with(&JP2_SIGNATURE) {
            PhotoFormat::Jp2
        } else {
            PhotoFormat::Unknown
        }
    }
}

impl std::fmt::Debug for PhotoData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "PhotoData({} bytes, {})",
            self.as_bytes().len(),
            self.format().as_str()
        )
    }
}

impl Serialize for PhotoData {
    /// `{"format", "length", "sha256"}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("format", self.format().as_str())?;
        map.serialize_entry("length", &self.as_bytes().len())?;
        map.serialize_entry("sha256", &sha256_hex(self.as_bytes()))?;
        map.end()
    }
}

/// Strict checks of photo bytes: a JPEG 2000 codestream of at most 2000 bytes.
pub(crate) fn check(bytes: &[u8]) -> Result<(), Error> {
    if !bytes.starts_with(&J2K_SOC) {
        return Err(Error::Signature {
            expected: "a JPEG 2000 codestream (FF 4F)",
        });
    }
    if bytes.len() > MAX_PHOTO_LEN {
        return Err(Error::TooLong {
            len: bytes.len(),
            max: MAX_PHOTO_LEN,
        });
    }
    Ok(())
}

/// Parses photo bytes: strictly checked, or any bytes leniently (the problem is a warning).
pub(crate) fn parse(
    reader: &mut Reader,
    item: &super::wire::ReadItem<'_>,
    slot: &mut Option<PhotoData>,
) -> Result<(), Error> {
    if let (Mode::Lenient, Err(source)) = (reader.mode, check(item.value)) {
        let warning = reader.bad_value(item, "写真", source);
        reader.warnings.push(warning);
        return reader.set(slot, item, "写真", PhotoData::any);
    }
    reader.set(slot, item, "写真", |v| {
        check(v)?;
        PhotoData::any(v)
    })
}

/// DF2/EF01 写真.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Photo {
    /// 5F40 写真.
    pub photo: Option<PhotoData>,
    /// Length form, unknown items and filler as read.
    pub layout: ItemLayout,
}

impl Photo {
    /// Decodes DF2/EF01. Lenient: accepts any bytes as the photo, with a warning.
    pub fn decode_with(bytes: &[u8], mode: Mode) -> Result<Decoded<Self>, Error> {
        decode_one_item(
            FILE,
            Items::Ber,
            bytes,
            mode,
            (TagId(PHOTO_TAG), "写真"),
            parse,
            |photo, layout| Self { photo, layout },
        )
    }

    strict_decode! {
        /// Decodes DF2/EF01 strictly.
    }

    /// `5F 40 82 HH LL` + the photo, then `FF` filler.
    pub fn new(photo: PhotoData) -> Self {
        Self {
            photo: Some(photo),
            layout: one_field_layout(TagId(PHOTO_TAG), LengthForm::Long2),
        }
    }

    /// The 2005 bytes of DF2/EF01.
    pub fn encode(&self) -> Vec<u8> {
        let fields: Vec<(TagId, Cow<'_, [u8]>)> = self
            .photo
            .iter()
            .map(|p| (TagId(PHOTO_TAG), Cow::Borrowed(p.as_bytes())))
            .collect();
        self.layout.encode(&fields, DF2_EF01.fixed_size())
    }
}

impl Serialize for Photo {
    /// `{"photo": {"format", "length", "sha256"}}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("photo", &self.photo)?;
        unknown_entry(&mut map, &self.layout)?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codestream(len: usize) -> Vec<u8> {
        let mut bytes = vec![0xFF, 0x4F, 0xFF, 0x51];
        bytes.resize(len - 2, 0x42);
        bytes.extend([0xFF, 0xD9]);
        bytes
    }

    #[test]
    fn photo_round_trips_and_summarizes() {
        let record = Photo::new(PhotoData::new(codestream(1500)).unwrap());
        let bytes = record.encode();
        assert_eq!(bytes.len(), DF2_EF01.fixed_size());
        assert_eq!(&bytes[..7], &[0x5F, 0x40, 0x82, 0x05, 0xDC, 0xFF, 0x4F]);
        let back = Photo::decode(&bytes).unwrap();
        assert_eq!(back.photo, record.photo);
        assert_eq!(back.encode(), bytes);
        let json = serde_json::to_value(&back).unwrap();
        assert_eq!(json["photo"]["format"], "jpeg2000-codestream");
        assert_eq!(json["photo"]["length"], 1500);
        assert_eq!(json["photo"]["sha256"].as_str().unwrap().len(), 64);
    }

    #[test]
    fn a_full_size_photo_fills_the_file() {
        let bytes = Photo::new(PhotoData::new(codestream(2000)).unwrap()).encode();
        assert_eq!(bytes.len(), DF2_EF01.fixed_size());
        assert_eq!(Photo::decode(&bytes).unwrap().encode(), bytes);
    }

    #[test]
    fn strict_wants_a_short_codestream_lenient_keeps_anything() {
        assert!(PhotoData::new(codestream(2001)).is_err());
        let mut bytes = vec![0x5F, 0x40, 0x82, 0x00, 0x04, 0x00, 0x00, 0x00, 0x0C];
        bytes.resize(20, 0xFF);
        let err = Photo::decode(&bytes).unwrap_err();
        assert!(
            matches!(
                &err,
                Error::BadValue { source, .. }
                    if matches!(source.as_ref(), Error::Signature { .. })
            ),
            "{err:?}"
        );
        let lenient = Photo::decode_with(&bytes, Mode::Lenient).unwrap();
        assert_eq!(lenient.warnings.len(), 1);
        assert_eq!(
            lenient.record.photo.as_ref().unwrap().format(),
            PhotoFormat::Unknown
        );
        assert_eq!(lenient.record.encode(), bytes);
    }

    #[test]
    fn truncated_photo_is_a_tlv_error() {
        let bytes = [0x5F, 0x40, 0x82, 0x07, 0xD0, 0xFF, 0x4F];
        assert!(matches!(Photo::decode(&bytes), Err(Error::Tlv { .. })));
        assert!(matches!(
            Photo::decode(&[0xFF; 30]),
            Err(Error::MissingItem { .. })
        ));
    }
}
