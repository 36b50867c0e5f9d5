//! The card image: everything a card keeps across power-off (file contents, PIN digests, retry
//! counters), stored as a JSON file.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The value of [`CardImage::format`] this version writes and reads.
pub const IMAGE_FORMAT: &str = "menkyo-card-image/1";

/// Which card the image is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CardModel {
    /// ICカード運転免許証.
    IcLicence,
    /// マイナンバーカード (with or without the 免許AP).
    MyNumber,
}

/// The persistent state of one card.
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
}

/// A PIN as the card keeps it: never the PIN itself, only its digest, and the retry counter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinState {
    /// SHA-256 over `menkyo-pin`, the PIN id and the PIN bytes.
    pub digest: HexBytes,
    /// Tries left.
    pub tries_left: u8,
    /// Tries after a reset of the counter.
    pub max_tries: u8,
}

impl PinState {
    /// A fresh PIN with all tries left.
    pub fn new(id: &str, pin: &[u8], max_tries: u8) -> Self {
        PinState {
            digest: HexBytes(pin_digest(id, pin).to_vec()),
            tries_left: max_tries,
            max_tries,
        }
    }

    /// Whether `pin` is this PIN.
    pub fn matches(&self, id: &str, pin: &[u8]) -> bool {
        self.digest.0 == pin_digest(id, pin)
    }
}

fn pin_digest(id: &str, pin: &[u8]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(b"menkyo-pin");
    h.update([0]);
    h.update(id.as_bytes());
    h.update([0]);
    h.update(pin);
    h.finalize().into()
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
        };
        let json = serde_json::to_string(&image).unwrap();
        assert!(json.contains("\"MF/EF02\":\"050101\""));
        assert!(!json.contains("4711") && !json.contains("34373131"));
        let back: CardImage = serde_json::from_str(&json).unwrap();
        assert_eq!(back, image);
    }
}
