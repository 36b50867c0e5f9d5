//! Any TLV, shown item by item: the `tlv` (BER-TLV) and `simple-tlv` kinds.

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use super::json::hex;
use super::Decoded;
use crate::tlv::ber::{self, Limits, Tag, Tlv, Value};
use crate::tlv::simple::{self, End};
use crate::tlv::Mode;
use crate::Error;

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

/// Bytes read as BER-TLV: the input and one small entry per object in document order (an
/// object, then the objects inside it). The JSON document is written from these entries while
/// it is serialized, so that a large input does not become a tree of strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BerDump {
    bytes: Vec<u8>,
    nodes: Vec<FlatNode>,
}

/// One object of a [`BerDump`]: where it sits in the input and, for a constructed object, how
/// many entries (its objects at every depth) follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FlatNode {
    tag: Tag,
    constructed: bool,
    offset: usize,
    value_start: usize,
    length: usize,
    descendants: usize,
}

impl BerDump {
    /// Decodes BER-TLV with the default nesting limit.
    pub fn decode(bytes: &[u8], mode: Mode) -> Result<Decoded<Self>, Error> {
        let tlv_error = |source| Error::Tlv {
            file: BER_FILE,
            source: Box::new(source),
        };
        let parsed = ber::parse_detailed(bytes, mode, Limits::default()).map_err(tlv_error)?;
        // Sized up front: the tree and the entries are both held while the entries are made.
        let mut nodes = Vec::with_capacity(parsed.objects.iter().map(count).sum());
        for object in &parsed.objects {
            flatten(object, &mut nodes);
        }
        Ok(Decoded {
            record: Self {
                bytes: bytes.to_vec(),
                nodes,
            },
            warnings: parsed.warnings.into_iter().map(tlv_error).collect(),
        })
    }

    /// The bytes decoded.
    pub fn encode(&self) -> Vec<u8> {
        self.bytes.clone()
    }

    /// The top-level objects as a tree.
    pub fn objects(&self) -> Vec<BerNode> {
        self.top().iter().map(|object| object.to_node()).collect()
    }

    fn top(&self) -> Objects<'_> {
        Objects {
            bytes: &self.bytes,
            nodes: &self.nodes,
        }
    }
}

/// How many objects `tlv` is, itself included.
fn count(tlv: &Tlv<'_>) -> usize {
    1 + tlv.children().iter().map(count).sum::<usize>()
}

/// Appends the entries of `tlv` and of the objects inside it, in document order.
fn flatten(tlv: &Tlv<'_>, nodes: &mut Vec<FlatNode>) {
    let value = tlv.value_bytes().unwrap_or_default();
    let offset = tlv.offset().unwrap_or_default();
    let header_len = tlv
        .raw()
        .map_or(0, |raw| raw.len().saturating_sub(value.len()));
    let at = nodes.len();
    nodes.push(FlatNode {
        tag: tlv.tag(),
        constructed: matches!(tlv.value(), Value::Constructed(_)),
        offset,
        value_start: offset + header_len,
        length: value.len(),
        descendants: 0,
    });
    for child in tlv.children() {
        flatten(child, nodes);
    }
    let descendants = nodes.len() - at - 1;
    if let Some(node) = nodes.get_mut(at) {
        node.descendants = descendants;
    }
}

/// Sibling objects given by their entries: the first object, the entries inside it, the next
/// object, …
#[derive(Clone, Copy)]
struct Objects<'a> {
    bytes: &'a [u8],
    nodes: &'a [FlatNode],
}

impl<'a> Objects<'a> {
    fn iter(self) -> impl Iterator<Item = Object<'a>> {
        let mut rest = self.nodes;
        std::iter::from_fn(move || {
            let (node, after) = rest.split_first()?;
            let (inner, next) = after.split_at(node.descendants.min(after.len()));
            rest = next;
            Some(Object {
                bytes: self.bytes,
                node: *node,
                inner,
            })
        })
    }
}

/// One object of a [`BerDump`] and the entries inside it.
struct Object<'a> {
    bytes: &'a [u8],
    node: FlatNode,
    inner: &'a [FlatNode],
}

impl<'a> Object<'a> {
    fn value(&self) -> Option<&'a [u8]> {
        let FlatNode {
            value_start,
            length,
            ..
        } = self.node;
        (!self.node.constructed).then(|| {
            self.bytes
                .get(value_start..value_start + length)
                .unwrap_or_default()
        })
    }

    fn children(&self) -> Option<Objects<'a>> {
        self.node.constructed.then_some(Objects {
            bytes: self.bytes,
            nodes: self.inner,
        })
    }

    fn to_node(&self) -> BerNode {
        BerNode {
            tag: hex(self.node.tag.as_bytes()),
            offset: self.node.offset,
            length: self.node.length,
            value: self.value().map(hex),
            children: self
                .children()
                .map(|objects| objects.iter().map(|o| o.to_node()).collect()),
        }
    }
}

impl Serialize for Objects<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.iter().count()))?;
        for object in self.iter() {
            seq.serialize_element(&object)?;
        }
        seq.end()
    }
}

impl Serialize for Object<'_> {
    /// As [`BerNode`]: `{"tag", "offset", "length", "value" or "children"}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("tag", &hex(self.node.tag.as_bytes()))?;
        map.serialize_entry("offset", &self.node.offset)?;
        map.serialize_entry("length", &self.node.length)?;
        if let Some(value) = self.value() {
            map.serialize_entry("value", &hex(value))?;
        }
        if let Some(children) = self.children() {
            map.serialize_entry("children", &children)?;
        }
        map.end()
    }
}

impl Serialize for BerDump {
    /// `{"objects": [{"tag", "offset", "length", "value" or "children"}]}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry("objects", &self.top())?;
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
    pub fn decode(bytes: &[u8], mode: Mode) -> Result<Decoded<Self>, Error> {
        let tlv_error = |source| Error::Tlv {
            file: SIMPLE_FILE,
            source: Box::new(source),
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

    /// The tree as it was built before the compact entries, straight from the decoder's objects.
    fn tree_of(tlv: &Tlv<'_>) -> BerNode {
        let (value, children) = match tlv.value() {
            Value::Primitive(bytes) => (Some(hex(bytes)), None),
            Value::Constructed(children) => (None, Some(children.iter().map(tree_of).collect())),
        };
        BerNode {
            tag: tlv.tag().to_string(),
            offset: tlv.offset().unwrap_or_default(),
            length: tlv.value_bytes().map_or(0, <[u8]>::len),
            value,
            children,
        }
    }

    #[test]
    fn the_compact_dump_writes_the_decoders_tree() {
        let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/corpus/tlv_ber");
        let mut checked = 0;
        for entry in std::fs::read_dir(corpus).unwrap() {
            let bytes = std::fs::read(entry.unwrap().path()).unwrap();
            for mode in [Mode::Strict, Mode::Lenient] {
                let Ok(parsed) = ber::parse_detailed(&bytes, mode, Limits::default()) else {
                    continue;
                };
                let tree: Vec<BerNode> = parsed.objects.iter().map(tree_of).collect();
                let dump = BerDump::decode(&bytes, mode).unwrap().record;
                assert_eq!(dump.objects(), tree);
                assert_eq!(
                    serde_json::to_string_pretty(&dump).unwrap(),
                    serde_json::to_string_pretty(&serde_json::json!({ "objects": tree })).unwrap()
                );
                checked += 1;
            }
        }
        assert!(checked > 100, "{checked} inputs decoded");
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
