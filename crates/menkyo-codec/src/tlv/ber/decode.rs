//! The BER-TLV decoder: a loop over an explicit stack of open constructed objects.

use super::{header, Limits, Parsed, Tag, Tlv, Value};
use crate::tlv::nom_error::inner;
use crate::tlv::Mode;
use crate::Error;

/// A constructed object whose value is being decoded.
struct Frame<'a> {
    tag: Tag,
    offset: usize,
    header_len: usize,
    end: usize,
    children: Vec<Tlv<'a>>,
}

impl<'a> Frame<'a> {
    /// The finished object: its children, or its value bytes as a primitive value.
    fn close(self, input: &'a [u8], as_primitive: bool) -> Tlv<'a> {
        let raw = input.get(self.offset..self.end).unwrap_or_default();
        let value = if as_primitive {
            Value::Primitive(raw.get(self.header_len..).unwrap_or_default())
        } else {
            Value::Constructed(self.children)
        };
        Tlv::decoded(self.tag, value, self.offset, raw, self.header_len)
    }
}

/// Decoded objects: the top level and the open constructed objects.
struct Tree<'a> {
    objects: Vec<Tlv<'a>>,
    stack: Vec<Frame<'a>>,
}

impl<'a> Tree<'a> {
    fn attach(&mut self, tlv: Tlv<'a>) {
        match self.stack.last_mut() {
            Some(parent) => parent.children.push(tlv),
            None => self.objects.push(tlv),
        }
    }

    /// Closes the innermost open object; returns where decoding resumes, or `None` at the top
    /// level.
    fn close(&mut self, input: &'a [u8], as_primitive: bool) -> Option<usize> {
        let frame = self.stack.pop()?;
        let end = frame.end;
        let tlv = frame.close(input, as_primitive);
        self.attach(tlv);
        Some(end)
    }
}

/// Skips `00` and `FF` padding in `input[pos..end]`; returns the next position.
fn skip_padding(input: &[u8], mut pos: usize, end: usize) -> usize {
    while pos < end {
        match input.get(pos) {
            Some(0x00) => pos += 1,
            Some(0xFF) => match input.get(pos + 1) {
                Some(0xFF | 0x00) => pos += 1,
                _ if pos + 1 >= end => pos += 1,
                _ => break,
            },
            _ => break,
        }
    }
    pos
}

/// Decodes `input`; with `descend` false, constructed values are kept as bytes.
pub(super) fn decode(
    input: &[u8],
    mode: Mode,
    limits: Limits,
    descend: bool,
) -> Result<Parsed<'_>, Error> {
    let mut tree = Tree {
        objects: Vec::new(),
        stack: Vec::new(),
    };
    let mut warnings = Vec::new();
    let mut pos = 0;
    loop {
        let end = tree.stack.last().map_or(input.len(), |frame| frame.end);
        pos = skip_padding(input, pos, end);
        if pos >= end {
            match tree.close(input, false) {
                Some(next) => pos = next,
                None => break,
            }
            continue;
        }
        match object_header(input, pos, end) {
            Ok((tag, header_len, value_end)) if descend && tag.is_constructed() => {
                if tree.stack.len() >= limits.max_depth() {
                    return Err(Error::TooDeep {
                        offset: pos,
                        limit: limits.max_depth(),
                    });
                }
                tree.stack.push(Frame {
                    tag,
                    offset: pos,
                    header_len,
                    end: value_end,
                    children: Vec::new(),
                });
                pos += header_len;
            }
            Ok((tag, header_len, value_end)) => {
                let raw = input.get(pos..value_end).unwrap_or_default();
                let value = Value::Primitive(raw.get(header_len..).unwrap_or_default());
                tree.attach(Tlv::decoded(tag, value, pos, raw, header_len));
                pos = value_end;
            }
            Err(err) if mode == Mode::Lenient => {
                warnings.push(err);
                match tree.close(input, true) {
                    Some(next) => pos = next,
                    None => break,
                }
            }
            Err(err) => return Err(err),
        }
    }
    Ok(Parsed {
        objects: tree.objects,
        warnings,
    })
}

/// Decodes the header of the object at `pos` within `input[..end]`: its tag, header length
/// and the end of its value.
fn object_header(input: &[u8], pos: usize, end: usize) -> Result<(Tag, usize, usize), Error> {
    let window = input.get(pos..end).unwrap_or_default();
    let (rest, (tag, len, header_len)) =
        header::header(window).map_err(|e| inner(e, window).into_tlv_error(pos, window))?;
    if len > rest.len() {
        return Err(Error::TruncatedValue {
            offset: pos,
            declared: len,
            available: rest.len(),
        });
    }
    Ok((tag, header_len, pos + header_len + len))
}
