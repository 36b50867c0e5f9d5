//! Where the personal items of a file lie in its bytes, for `--redact` (which masks them) and
//! for a cloned card image (which replaces them with synthetic values); and the keys they
//! appear under in the JSON document of its record, for `--redact` on documents.

use crate::records::item_specs::{self, ItemSpec};
use crate::records::{Framing, RecordKind};
use crate::tlv::ber::{self, Limits, Tlv};
use crate::tlv::{simple, Mode};

use super::{file_of, File, Mask, Personal};

/// A personal item of a file: where its value lies, its tag and how it is masked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PersonalItem {
    /// The offset of its value in the file.
    pub start: usize,
    /// The length of its value.
    pub len: usize,
    /// Its tag.
    pub tag: u16,
    /// How it is masked.
    pub mask: Mask,
}

impl File {
    /// The personal items in `bytes`, the content of this file, in order: none when the file
    /// holds nothing personal, `None` when the bytes do not parse as its TLV (or the file has no
    /// TLV), so a caller masks them whole.
    pub fn personal_items(&self, bytes: &[u8]) -> Option<Vec<PersonalItem>> {
        let personal = self.personal;
        let Some(kind) = self.record.filter(|_| personal != Personal::Nothing) else {
            return Some(Vec::new());
        };
        let mut items = Vec::new();
        match kind.framing() {
            Framing::Simple => {
                for item in simple::parse(bytes, Mode::Lenient).ok()?.items {
                    let tag = u16::from(item.tag);
                    if let Some(mask) = personal.mask(tag) {
                        items.push(PersonalItem {
                            start: item.offset + item.encoded_len() - item.value.len(),
                            len: item.value.len(),
                            tag,
                            mask,
                        });
                    }
                }
            }
            Framing::Ber => {
                let parsed = ber::parse_detailed(bytes, Mode::Lenient, Limits::default()).ok()?;
                for object in &parsed.objects {
                    ber_items(personal, object, &mut items);
                }
            }
            Framing::Plain => return None,
        }
        Some(items)
    }
}

fn ber_items(personal: Personal, object: &Tlv<'_>, items: &mut Vec<PersonalItem>) {
    let tag = u16::try_from(object.tag().to_u32()).unwrap_or(0);
    if let (Some(mask), Some(offset), Some(raw), Some(value)) = (
        personal.mask(tag),
        object.offset(),
        object.raw(),
        object.value_bytes(),
    ) {
        items.push(PersonalItem {
            start: offset + raw.len() - value.len(),
            len: value.len(),
            tag,
            mask,
        });
        return;
    }
    for child in object.children() {
        ber_items(personal, child, items);
    }
}

/// A personal item of a record kind as its JSON document shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PersonalKey {
    /// The key it appears under (`name`; `licensed_on.other` is `other` inside `licensed_on`).
    pub key: &'static str,
    /// How its bytes are masked ([`Mask::Zero`]: binary, which a document shows by its digest).
    pub mask: Mask,
}

/// The JSON keys of the personal items of `kind`: the tags its file's [`File::personal`] marks,
/// named by the kind's item table ([`item_specs::of`]), in table order, each key once. None for
/// a kind no registry file holds (the TLV dumps).
pub fn personal_keys(kind: RecordKind) -> Vec<PersonalKey> {
    match file_of(kind) {
        Some(file) => keys_of(file.personal, item_specs::of(kind)),
        None => Vec::new(),
    }
}

/// The keys of the rows of `table` whose tags `personal` marks.
pub(super) fn keys_of(personal: Personal, table: &[ItemSpec]) -> Vec<PersonalKey> {
    let mut keys: Vec<PersonalKey> = Vec::new();
    for spec in table {
        if let Some(mask) = personal.mask(spec.tag) {
            if keys.iter().all(|k| k.key != spec.key) {
                keys.push(PersonalKey {
                    key: spec.key,
                    mask,
                });
            }
        }
    }
    keys
}
