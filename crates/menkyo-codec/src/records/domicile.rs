//! DF1/EF02 記載事項(本籍): one item, tag `41`, "0208" text (82 bytes = `41 50` + 80).

use std::borrow::Cow;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::item_values::Text0208;
use super::json::{text_entry, unknown_entry};
use super::tag_id::TagId;
use super::wire::{decode_one_item, ItemLayout, Items};
use super::Decoded;
use crate::registry::DF1_EF02;
use crate::tlv::Mode;
use crate::Error;

const FILE: &str = "DF1/EF02 記載事項(本籍)";
const TAG: u8 = 0x41;

/// DF1/EF02 記載事項(本籍).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RegisteredDomicile {
    /// 41 本籍.
    pub registered_domicile: Option<Text0208>,
    /// Length form, unknown items and filler as read.
    pub layout: ItemLayout,
}

impl RegisteredDomicile {
    /// Decodes DF1/EF02; lenient decoding keeps a malformed 本籍 as read.
    pub fn decode_with(bytes: &[u8], mode: Mode) -> Result<Decoded<Self>, Error> {
        decode_one_item(
            FILE,
            Items::Simple,
            bytes,
            mode,
            (TagId::from(TAG), "本籍"),
            |reader, item, slot| reader.set(slot, item, "本籍", Text0208::from_bytes),
            |registered_domicile, layout| Self {
                registered_domicile,
                layout,
            },
        )
    }

    strict_decode! {
        /// Decodes DF1/EF02 strictly.
    }

    /// The 82 bytes of DF1/EF02.
    pub fn encode(&self) -> Vec<u8> {
        let fields: Vec<(TagId, Cow<'_, [u8]>)> = self
            .registered_domicile
            .iter()
            .map(|t| (TagId::from(TAG), Cow::Borrowed(t.as_bytes())))
            .collect();
        self.layout.encode(&fields, DF1_EF02.fixed_size())
    }
}

impl Serialize for RegisteredDomicile {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        text_entry(
            &mut map,
            "registered_domicile",
            self.registered_domicile.as_ref(),
        )?;
        unknown_entry(&mut map, &self.layout)?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text;

    #[test]
    fn padded_domicile_round_trips() {
        let value = text::encode_str("架空県見本市本町１番地").unwrap();
        let mut bytes = vec![TAG, value.len() as u8];
        bytes.extend(&value);
        bytes.resize(DF1_EF02.fixed_size(), 0xFF);
        let record = RegisteredDomicile::decode(&bytes).unwrap();
        assert_eq!(
            record.registered_domicile.as_ref().unwrap().as_str(),
            "架空県見本市本町１番地"
        );
        assert_eq!(record.encode(), bytes);
        let json = serde_json::to_value(&record).unwrap();
        assert_eq!(json["registered_domicile"], "架空県見本市本町１番地");
    }

    #[test]
    fn full_length_domicile_fills_the_file() {
        let value = text::encode_str(&"見".repeat(40)).unwrap();
        let mut bytes = vec![TAG, 0x50];
        bytes.extend(&value);
        let record = RegisteredDomicile::decode(&bytes).unwrap();
        assert_eq!(record.encode(), bytes);
        assert_eq!(bytes.len(), DF1_EF02.fixed_size());
    }

    #[test]
    fn missing_domicile_is_an_error_only_when_strict() {
        let bytes = [0xFF; 82];
        assert!(matches!(
            RegisteredDomicile::decode(&bytes),
            Err(Error::MissingItem { .. })
        ));
        let lenient = RegisteredDomicile::decode_with(&bytes, Mode::Lenient).unwrap();
        assert_eq!(lenient.record.registered_domicile, None);
        assert!(matches!(lenient.warnings[..], [Error::MissingItem { .. }]));
        assert_eq!(lenient.record.encode(), bytes);
    }
}
