//! How the items of a record sat in its file: their order, their length forms, the items the
//! record does not model, and the filler. Decoding keeps all of it, so that encoding a decoded
//! record gives back the exact bytes read.

use std::borrow::Cow;

use super::item_values::Bytes;
use super::tag_id::TagId;
use crate::tlv::simple::{self, End, LengthForm};
use crate::tlv::{ber, Mode};
use crate::Error;

/// The filler byte after the data, also the end mark of simple TLV.
pub const FILLER: u8 = 0xFF;

/// An item kept as read: one the record does not model, or (lenient decoding) one whose value
/// is malformed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawItem {
    /// The tag (one byte, or two for a two-byte BER tag such as `5F40`).
    pub tag: TagId,
    /// How the length was written.
    pub length_form: LengthForm,
    /// The value.
    pub value: Bytes,
}

/// One entry of a file, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// An item of the record's typed fields, written with this length form.
    Field {
        /// The tag.
        tag: TagId,
        /// How the length is written.
        length_form: LengthForm,
    },
    /// An item kept as read.
    Raw(RawItem),
    /// Padding bytes between BER objects, kept as read.
    Padding(Bytes),
}

/// What follows the last item.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Tail {
    /// `FF` up to the size of the file (the default for a record built in code).
    #[default]
    FillFile,
    /// Exactly this many `FF` bytes (as read; the end mark counts).
    Filler(usize),
    /// Exactly these bytes (as read, when they are not all `FF`).
    Bytes(Vec<u8>),
}

impl Tail {
    /// The tail of a file as read.
    pub fn from_read(bytes: &[u8]) -> Self {
        if simple::first_not_filler(bytes).is_none() {
            Tail::Filler(bytes.len())
        } else {
            Tail::Bytes(bytes.to_vec())
        }
    }
}

/// How the items of a record sat in its file. The default (no entries, [`Tail::FillFile`])
/// writes the record's items in the card's order with the shortest length forms.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ItemLayout {
    /// The entries in file order. Fields of the record missing here are written after them.
    pub entries: Vec<Entry>,
    /// What follows the items.
    pub tail: Tail,
}

impl ItemLayout {
    /// The items not modelled by the record (and, after lenient decoding, the malformed ones).
    pub fn raw_items(&self) -> impl Iterator<Item = &RawItem> {
        self.entries.iter().filter_map(|e| match e {
            Entry::Raw(item) => Some(item),
            _ => None,
        })
    }

    /// Writes `fields` (the record's items as `(tag, value)` in the card's order) in this
    /// layout, then the tail; [`Tail::FillFile`] pads with `FF` to `file_size`.
    pub(crate) fn encode(&self, fields: &[(TagId, Cow<'_, [u8]>)], file_size: usize) -> Vec<u8> {
        self.encode_fields(fields, file_size, false)
    }

    /// As [`ItemLayout::encode`], but fields missing from the entries are written before them (a
    /// file's header item, such as `50` of DF1/EF04, ahead of records kept as entries).
    pub(crate) fn encode_first(
        &self,
        fields: &[(TagId, Cow<'_, [u8]>)],
        file_size: usize,
    ) -> Vec<u8> {
        self.encode_fields(fields, file_size, true)
    }

    fn encode_fields(
        &self,
        fields: &[(TagId, Cow<'_, [u8]>)],
        file_size: usize,
        missing_first: bool,
    ) -> Vec<u8> {
        let mut out = Vec::with_capacity(file_size);
        let mut used: Vec<bool> = fields
            .iter()
            .map(|(tag, _)| {
                missing_first
                    && !self
                        .entries
                        .iter()
                        .any(|e| matches!(e, Entry::Field { tag: t, .. } if t == tag))
            })
            .collect();
        for ((tag, value), first) in fields.iter().zip(&used) {
            if *first {
                write_item(&mut out, *tag, value, LengthForm::Short);
            }
        }
        // Fields before `unused` are all written: the search for the next one of a tag starts
        // there, so fields written in order (the usual case) cost one step each.
        let mut unused = 0;
        for entry in &self.entries {
            match entry {
                Entry::Field { tag, length_form } => {
                    let next = fields
                        .iter()
                        .zip(used.iter_mut())
                        .skip(unused)
                        .find(|((t, _), used)| t == tag && !**used);
                    if let Some(((_, value), used)) = next {
                        write_item(&mut out, *tag, value, *length_form);
                        *used = true;
                    }
                    while used.get(unused) == Some(&true) {
                        unused += 1;
                    }
                }
                Entry::Raw(item) => {
                    write_item(&mut out, item.tag, item.value.as_slice(), item.length_form)
                }
                Entry::Padding(bytes) => out.extend_from_slice(bytes.as_slice()),
            }
        }
        for ((tag, value), used) in fields.iter().zip(used) {
            if !used {
                write_item(&mut out, *tag, value, LengthForm::Short);
            }
        }
        match &self.tail {
            Tail::FillFile => {
                if out.len() < file_size {
                    out.resize(file_size, FILLER);
                }
            }
            Tail::Filler(n) => out.resize(out.len() + n, FILLER),
            Tail::Bytes(bytes) => out.extend_from_slice(bytes),
        }
        out
    }
}

/// The layout of a record built in code whose one field, `tag`, is written in `length_form`.
pub(crate) fn one_field_layout(tag: TagId, length_form: LengthForm) -> ItemLayout {
    ItemLayout {
        entries: vec![Entry::Field { tag, length_form }],
        ..ItemLayout::default()
    }
}

/// Appends one item; the length is written in `form` when the value fits it, else in the
/// shortest form that does. The header is put together on the stack and written in one copy,
/// the value in another: every item of a file passes here.
pub(crate) fn write_item(out: &mut Vec<u8>, tag: TagId, value: &[u8], form: LengthForm) {
    let form = if value.len() <= form.max_len() {
        form
    } else {
        LengthForm::minimal(value.len()).unwrap_or(LengthForm::Long2)
    };
    let [len_high, len_low] = u16::try_from(value.len()).unwrap_or(u16::MAX).to_be_bytes();
    let [tag_high, tag_low] = tag.0.to_be_bytes();
    // The tag in two bytes, then the length field; a one-byte tag starts at the second.
    let header = match form {
        LengthForm::Short => [tag_high, tag_low, len_low, 0, 0],
        LengthForm::Long1 => [tag_high, tag_low, 0x81, len_low, 0],
        LengthForm::Long2 => [tag_high, tag_low, 0x82, len_high, len_low],
    };
    let start = usize::from(tag.0 <= 0xFF);
    let header = header
        .get(start..2 + form.encoded_len())
        .unwrap_or_default();
    out.reserve(header.len() + value.len());
    out.extend_from_slice(header);
    out.extend_from_slice(value);
}

/// One item of a decoded file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ReadItem<'a> {
    pub tag: TagId,
    pub length_form: LengthForm,
    pub value: &'a [u8],
    pub offset: usize,
}

/// Collects the layout while a record decodes its items.
pub(crate) struct Reader {
    pub file: &'static str,
    pub mode: Mode,
    pub layout: ItemLayout,
    pub warnings: Vec<Error>,
}

impl Reader {
    pub fn new(file: &'static str, mode: Mode) -> Self {
        Self {
            file,
            mode,
            layout: ItemLayout::default(),
            warnings: Vec::new(),
        }
    }

    /// The item went into a typed field.
    pub fn field(&mut self, item: &ReadItem<'_>) {
        self.layout.entries.push(Entry::Field {
            tag: item.tag,
            length_form: item.length_form,
        });
    }

    /// The item is not modelled: keep it as read.
    pub fn raw(&mut self, item: &ReadItem<'_>) {
        // Values read through a length field never exceed what `Bytes` holds.
        let value = Bytes::new(item.value.to_vec()).unwrap_or_default();
        self.layout.entries.push(Entry::Raw(RawItem {
            tag: item.tag,
            length_form: item.length_form,
            value,
        }));
    }

    /// A problem: an error in strict mode; in lenient mode a warning, and the item is kept raw.
    pub fn reject(&mut self, item: &ReadItem<'_>, error: Error) -> Result<(), Error> {
        match self.mode {
            Mode::Strict => Err(error),
            Mode::Lenient => {
                self.warnings.push(error);
                self.raw(item);
                Ok(())
            }
        }
    }

    /// A problem not tied to an item: an error in strict mode, a warning in lenient mode.
    pub fn problem(&mut self, error: Error) -> Result<(), Error> {
        match self.mode {
            Mode::Strict => Err(error),
            Mode::Lenient => {
                self.warnings.push(error);
                Ok(())
            }
        }
    }

    /// Parses the value of `item` into `slot`, which must still be empty.
    pub fn set<T>(
        &mut self,
        slot: &mut Option<T>,
        item: &ReadItem<'_>,
        name: &'static str,
        parse: impl FnOnce(&[u8]) -> Result<T, Error>,
    ) -> Result<(), Error> {
        if slot.is_some() {
            let error = Error::DuplicateItem {
                file: self.file,
                tag: item.tag,
                offset: item.offset,
            };
            return self.reject(item, error);
        }
        match parse(item.value) {
            Ok(value) => {
                *slot = Some(value);
                self.field(item);
                Ok(())
            }
            Err(source) => {
                let error = self.bad_value(item, name, source);
                self.reject(item, error)
            }
        }
    }

    /// The error for a malformed value.
    pub fn bad_value(&self, item: &ReadItem<'_>, name: &'static str, source: Error) -> Error {
        Error::BadValue {
            file: self.file,
            item: name,
            tag: item.tag,
            offset: item.offset,
            source: Box::new(source),
        }
    }

    /// Notes that the file is in menkyo 0.1's layout: a warning in either mode.
    pub fn old_layout(&mut self, what: &'static str, card: &'static str) {
        self.warnings.push(Error::OldLayout {
            file: self.file,
            what,
            card,
        });
    }

    /// Reports `item` (`tag`) missing when `slot` is empty: an error when strict, a warning
    /// when lenient.
    pub fn require<T>(
        &mut self,
        slot: &Option<T>,
        item: &'static str,
        tag: TagId,
    ) -> Result<(), Error> {
        if slot.is_some() {
            return Ok(());
        }
        let error = Error::MissingItem {
            file: self.file,
            item,
            tag,
        };
        self.problem(error)
    }

    /// The decoded record with the reader's layout and warnings.
    pub fn finish<T>(self, record: impl FnOnce(ItemLayout) -> T) -> super::Decoded<T> {
        super::Decoded {
            record: record(self.layout),
            warnings: self.warnings,
        }
    }

    pub fn tlv_error(&self, source: crate::Error) -> Error {
        Error::Tlv {
            file: self.file,
            source: Box::new(source),
        }
    }
}

/// Decodes simple TLV; returns the items and sets the reader's tail.
pub(crate) fn read_simple<'a>(
    reader: &mut Reader,
    bytes: &'a [u8],
) -> Result<impl Iterator<Item = ReadItem<'a>>, Error> {
    let parsed = simple::parse(bytes, reader.mode).map_err(|e| reader.tlv_error(e))?;
    for warning in parsed.warnings {
        let error = reader.tlv_error(warning);
        reader.problem(error)?;
    }
    reader.layout.tail = match parsed.end {
        // The parser has looked at the filler already.
        End::Filler {
            len, all_ff: true, ..
        } => Tail::Filler(len),
        End::Filler { offset, .. } | End::Malformed { offset } => {
            Tail::from_read(bytes.get(offset..).unwrap_or_default())
        }
        End::Exhausted => Tail::Filler(0),
    };
    reader.layout.entries.reserve(parsed.items.len());
    Ok(parsed.items.into_iter().map(|item| ReadItem {
        tag: TagId::from(item.tag),
        length_form: item.length_form,
        value: item.value,
        offset: item.offset,
    }))
}

/// Decodes a flat sequence of BER objects with one- or two-byte tags and lengths of up to
/// `82 HH LL` (the 免許AP's WEF02, the 券面事項入力補助AP's files, the photo): calls `each` for
/// every object in order, keeps padding between objects as [`Entry::Padding`] and sets the
/// reader's tail.
pub(crate) fn read_ber_each<'a>(
    reader: &mut Reader,
    bytes: &'a [u8],
    mut each: impl FnMut(&mut Reader, ReadItem<'a>) -> Result<(), Error>,
) -> Result<(), Error> {
    let parsed = ber::parse_flat(bytes, reader.mode).map_err(|e| reader.tlv_error(e))?;
    for warning in parsed.warnings {
        let error = reader.tlv_error(warning);
        reader.problem(error)?;
    }
    let mut pos = 0;
    for object in &parsed.objects {
        let (Some(offset), Some(raw)) = (object.offset(), object.raw()) else {
            continue;
        };
        if offset > pos {
            push_padding(reader, bytes.get(pos..offset).unwrap_or_default());
        }
        let tag = object.tag();
        let tag_bytes = tag.as_bytes();
        let header = raw.get(tag_bytes.len()..).and_then(|r| r.first()).copied();
        let length_form = match header {
            Some(0x00..=0x7F) => Some(LengthForm::Short),
            Some(0x81) => Some(LengthForm::Long1),
            Some(0x82) => Some(LengthForm::Long2),
            _ => None,
        };
        let tag = match *tag_bytes {
            [a] => Some(TagId(u16::from(a))),
            [a, b] => Some(TagId(u16::from_be_bytes([a, b]))),
            _ => None,
        };
        let (Some(tag), Some(length_form)) = (tag, length_form) else {
            // A tag or length form these files do not use: the rest stays as read.
            let error = Error::FileTrailingBytes {
                file: reader.file,
                offset,
                len: bytes.len() - offset,
            };
            reader.problem(error)?;
            reader.layout.tail = Tail::from_read(bytes.get(offset..).unwrap_or_default());
            return Ok(());
        };
        let value = object.value_bytes().unwrap_or_default();
        each(
            reader,
            ReadItem {
                tag,
                length_form,
                value,
                offset,
            },
        )?;
        pos = offset + raw.len();
    }
    reader.layout.tail = Tail::from_read(bytes.get(pos..).unwrap_or_default());
    Ok(())
}

/// How the items of a file are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Items {
    /// Simple TLV ([`read_simple`]).
    Simple,
    /// Flat BER-TLV ([`read_ber_each`]).
    Ber,
}

/// Decodes a file that holds one typed item, `name` under `tag`, required: `parse` fills its
/// slot (most through [`Reader::set`]); every other item is kept as read. `build` makes the
/// record of the slot and the layout.
pub(crate) fn decode_one_item<T, R>(
    file: &'static str,
    items: Items,
    bytes: &[u8],
    mode: Mode,
    (tag, name): (TagId, &'static str),
    mut parse: impl FnMut(&mut Reader, &ReadItem<'_>, &mut Option<T>) -> Result<(), Error>,
    build: impl FnOnce(Option<T>, ItemLayout) -> R,
) -> Result<super::Decoded<R>, Error> {
    let mut reader = Reader::new(file, mode);
    let mut slot = None;
    let mut each = |reader: &mut Reader, item: ReadItem<'_>| {
        if item.tag == tag {
            parse(reader, &item, &mut slot)
        } else {
            reader.raw(&item);
            Ok(())
        }
    };
    match items {
        Items::Simple => {
            for item in read_simple(&mut reader, bytes)? {
                each(&mut reader, item)?;
            }
        }
        Items::Ber => read_ber_each(&mut reader, bytes, &mut each)?,
    }
    reader.require(&slot, name, tag)?;
    Ok(reader.finish(|layout| build(slot, layout)))
}

fn push_padding(reader: &mut Reader, bytes: &[u8]) {
    if let Ok(bytes) = Bytes::new(bytes.to_vec()) {
        reader.layout.entries.push(Entry::Padding(bytes));
    }
}
