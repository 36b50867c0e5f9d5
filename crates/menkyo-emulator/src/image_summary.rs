//! What a card image holds, in short (`menkyo card show --format json`): its model, label and
//! applications, each PIN with its tries, each file with its length, and every record decoded
//! leniently.

use menkyo_codec::records::{IcLicenceCard, MyNumberCard};
use menkyo_codec::registry::File;
use menkyo_codec::tlv::Mode;
use serde::Serialize;

use crate::image::{CardImage, CardModel};

/// The summary.
#[derive(Debug, Serialize)]
pub struct ImageSummary<'a> {
    /// Which card.
    pub model: CardModel,
    /// Its label.
    pub label: &'a str,
    /// The applications installed.
    pub applications: &'a [String],
    /// Each PIN.
    pub pins: Vec<PinEntry<'a>>,
    /// Each file.
    pub files: Vec<FileEntry<'a>>,
    /// Every record of the card, decoded leniently (`null` when the card does not decode).
    pub records: serde_json::Value,
}

/// One PIN.
#[derive(Debug, Serialize)]
pub struct PinEntry<'a> {
    /// Its id in the image (`PIN1`).
    pub id: &'a str,
    /// Tries left.
    pub tries_left: u8,
    /// Tries of a fresh PIN.
    pub max_tries: u8,
}

/// One file.
#[derive(Debug, Serialize)]
pub struct FileEntry<'a> {
    /// Its path (`DF1/EF01`).
    pub path: &'a str,
    /// Its length in bytes.
    pub length: usize,
}

impl<'a> ImageSummary<'a> {
    /// The summary of `image`.
    pub fn of(image: &'a CardImage) -> Self {
        ImageSummary {
            model: image.model,
            label: &image.label,
            applications: &image.applications,
            pins: image
                .pins
                .iter()
                .map(|(id, pin)| PinEntry {
                    id,
                    tries_left: pin.tries_left,
                    max_tries: pin.max_tries,
                })
                .collect(),
            files: image
                .files
                .iter()
                .map(|(path, bytes)| FileEntry {
                    path,
                    length: bytes.0.len(),
                })
                .collect(),
            records: records(image),
        }
    }
}

/// Every file of the image decoded, leniently.
fn records(image: &CardImage) -> serde_json::Value {
    let read = |file: &File| image.files.get(file.path).map(|b| b.0.as_slice());
    match image.model {
        CardModel::IcLicence => IcLicenceCard::decode(read, Mode::Lenient)
            .ok()
            .and_then(|d| serde_json::to_value(&d.record).ok())
            .unwrap_or_default(),
        CardModel::MyNumber => MyNumberCard::decode(read, Mode::Lenient)
            .ok()
            .and_then(|d| serde_json::to_value(&d.record).ok())
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples;

    #[test]
    fn pins_files_and_records_are_all_there() {
        let image = samples::get("ic-licence").unwrap();
        let summary = ImageSummary::of(&image);
        assert_eq!(summary.files.len(), image.files.len());
        assert!(summary
            .pins
            .iter()
            .any(|p| p.id == "PIN1" && p.max_tries == 3));
        assert!(summary.records.is_object(), "{:?}", summary.records);
        let mut broken = image.clone();
        for bytes in broken.files.values_mut() {
            bytes.0 = vec![0xFF];
        }
        assert!(ImageSummary::of(&broken).records.is_null());
    }
}
