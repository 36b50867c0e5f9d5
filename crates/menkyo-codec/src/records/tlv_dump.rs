//! Any TLV, shown item by item: the `tlv` (BER-TLV) and `simple-tlv` kinds.

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::json::hex;
use super::{Decoded, RecordError};
use crate::tlv::ber::{self, Limits, Tlv, Value};
use crate::tlv::simple::{self, End};
use crate::tlv::Mode;

const BER_FILE: &str = "BER-TLV";
const SIMPLE_FILE: &str = "simple TLV";

/// One BER-TLV object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BerNode {
    /// The tag in hex (`5F40`).
    pub tag: String,
    /// Offset of the tag in the input.
    pub offset: usize,
    /// Length of the value.
    pub length: usize,
    /// A primitive object's value in hex.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// A constructed object's objects.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub children: Option<Vec<BerNode>>,
}

impl BerNode {
    fn from_tlv(tlv: &Tlv<'_>) -> Self {
        let (value, children) = match tlv.value() {
            Value::Primitive(bytes) => (Some(hex(bytes)), None),
            Value::Constructed(children) => {
                (None, Some(children.iter().map(Self::from_tlv).collect()))
            }
        };
        Self {
            tag: tlv.tag().to_string(),
            offset: tlv.offset().unwrap_or_default(),
            length: tlv.value_bytes().map_or(0, <[u8]>::len),
            value,
            children,
        }
    }
}

/// Bytes read as BER-TLV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BerDump {
    bytes: Vec<u8>,
    /// The top-level objects.
    pub objects: Vec<BerNode>,
}

impl BerDump {
    /// Decodes BER-TLV with the default nesting limit.
    pub fn decode(bytes: &[u8], mode: Mode) -> Result<Decoded<Self>, RecordError> {
        let tlv_error = |source| RecordError::Tlv {
            file: BER_FILE,
            source,
        };
        let parsed = ber::parse_detailed(bytes, mode, Limits::default()).map_err(tlv_error)?;
        Ok(Decoded {
            record: Self {
                bytes: bytes.to_vec(),
                objects: parsed.objects.iter().map(BerNode::from_tlv).collect(),
            },
            warnings: parsed.warnings.into_iter().map(tlv_error).collect(),
        })
    }

    /// The bytes decoded.
    pub fn encode(&self) -> Vec<u8> {
        self.bytes.clone()
    }
}

impl Serialize for BerDump {
    /// `{"objects": [{"tag", "offset", "length", "value" or "children"}]}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("objects", &self.objects)?;
        map.end()
    }
}

/// One simple-TLV item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SimpleNode {
    /// The tag in hex.
    pub tag: String,
    /// Offset of the tag in the input.
    pub offset: usize,
    /// Length of the value.
    pub length: usize,
    /// The value in hex.
    pub value: String,
}

/// Bytes read as simple TLV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimpleDump {
    bytes: Vec<u8>,
    /// The items.
    pub items: Vec<SimpleNode>,
    /// Offset and length of what follows the items (`FF` filler or unreadable bytes).
    pub rest: Option<(usize, usize)>,
}

impl SimpleDump {
    /// Decodes simple TLV.
    pub fn decode(bytes: &[u8], mode: Mode) -> Result<Decoded<Self>, RecordError> {
        let tlv_error = |source| RecordError::Tlv {
            file: SIMPLE_FILE,
            source,
        };
        let parsed = simple::parse(bytes, mode).map_err(tlv_error)?;
        let rest = match parsed.end {
            End::Filler { offset, len, .. } => Some((offset, len)),
            End::Malformed { offset } => Some((offset, bytes.len() - offset)),
            End::Exhausted => None,
        };
        Ok(Decoded {
            record: Self {
                bytes: bytes.to_vec(),
                items: parsed
                    .items
                    .iter()
                    .map(|item| SimpleNode {
                        tag: format!("{:02X}", item.tag),
                        offset: item.offset,
                        length: item.value.len(),
                        value: hex(item.value),
                    })
                    .collect(),
                rest,
            },
            warnings: parsed.warnings.into_iter().map(tlv_error).collect(),
        })
    }

    /// The bytes decoded.
    pub fn encode(&self) -> Vec<u8> {
        self.bytes.clone()
    }
}

impl Serialize for SimpleDump {
    /// `{"items": [{"tag", "offset", "length", "value"}], "rest": {"offset", "length"}}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Rest {
            offset: usize,
            length: usize,
        }
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("items", &self.items)?;
        map.serialize_entry(
            "rest",
            &self.rest.map(|(offset, length)| Rest { offset, length }),
        )?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ber_dump_shows_the_tree() {
        let bytes = [0xFF, 0x20, 0x05, 0xDF, 0x25, 0x01, b'2', 0x00, 0x00];
        let dump = BerDump::decode(&bytes, Mode::Strict).unwrap().record;
        let json = serde_json::to_value(&dump).unwrap();
        assert_eq!(json["objects"][0]["tag"], "FF20");
        assert_eq!(json["objects"][0]["children"][0]["tag"], "DF25");
        assert_eq!(json["objects"][0]["children"][0]["value"], "32");
        assert_eq!(dump.encode(), bytes);
    }

    #[test]
    fn simple_dump_lists_items_and_filler() {
        let bytes = [0x12, 0x02, 0x30, 0x31, 0x1F, 0x00, 0xFF, 0xFF];
        let dump = SimpleDump::decode(&bytes, Mode::Strict).unwrap().record;
        assert_eq!(dump.items.len(), 2);
        assert_eq!(dump.items[1].tag, "1F");
        assert_eq!(dump.rest, Some((6, 2)));
        assert!(SimpleDump::decode(&[0x12, 0x05, 0x30], Mode::Strict).is_err());
    }
}
