//! BER-TLV of ISO/IEC 7816-4 §5.2 (the X.690 subset smart cards use): tags of one to four
//! bytes, definite lengths (`00`–`7F`, `81`, `82`, `83`), constructed objects decoded into
//! their data objects.
//!
//! **Padding.** ISO/IEC 7816-4 allows `00` and `FF` bytes before, between and after data
//! objects. The decoder skips every `00` there, and every `FF` that is followed by `FF`, `00` or
//! the end of the enclosing value. Any other `FF` is the first byte of a tag: the My Number
//! card's 券面事項入力補助AP uses `FF10`, `FF20` and `FF30`. A single `FF` padding byte directly
//! before an object is therefore misread; no card in scope writes one.
//!
//! **Depth.** Nesting of constructed objects is limited by [`Limits`]; the decoder is not
//! recursive, so no input exhausts the stack.

mod header;
mod tag;
mod tlv;

pub use tag::{Class, Tag};
pub use tlv::{encode, find, write_length, Tlv, Value, MAX_VALUE_LEN};

use super::{Mode, TlvError};

/// Resource limits of [`parse`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    max_depth: usize,
}

impl Limits {
    /// Default nesting limit.
    pub const DEFAULT_MAX_DEPTH: usize = 16;
    /// Highest nesting limit accepted; larger requests are lowered to it, so that dropping,
    /// printing and encoding a decoded tree (which recurse) stay shallow.
    pub const MAX_DEPTH: usize = 64;

    /// Constructed objects may nest `max_depth` deep (a top-level constructed object is depth
    /// 1), at most [`Limits::MAX_DEPTH`].
    pub fn with_max_depth(max_depth: usize) -> Self {
        Self {
            max_depth: max_depth.min(Self::MAX_DEPTH),
        }
    }

    /// The nesting limit.
    pub fn max_depth(&self) -> usize {
        self.max_depth
    }
}

impl Default for Limits {
    fn default() -> Self {
        Self::with_max_depth(Self::DEFAULT_MAX_DEPTH)
    }
}

/// The result of [`parse_detailed`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed<'a> {
    /// The top-level data objects.
    pub objects: Vec<Tlv<'a>>,
    /// [`Mode::Lenient`] only: what strict mode would have rejected.
    pub warnings: Vec<TlvError>,
}

/// Decodes a sequence of BER-TLV data objects.
///
/// [`Mode::Strict`]: any malformed object is an error naming its offset. [`Mode::Lenient`]:
/// see [`parse_detailed`]. Nesting deeper than `limits` is an error in both modes.
pub fn parse(input: &[u8], mode: Mode, limits: Limits) -> Result<Vec<Tlv<'_>>, TlvError> {
    parse_detailed(input, mode, limits).map(|parsed| parsed.objects)
}

/// A constructed object whose value is being decoded.
struct Frame<'a> {
    tag: Tag,
    offset: usize,
    header_len: usize,
    end: usize,
    children: Vec<Tlv<'a>>,
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

/// Like [`parse`], also returning the warnings of [`Mode::Lenient`].
///
/// Lenient: a malformed object inside a constructed value ends that value (the data objects
/// before it are kept) and decoding resumes after the constructed object; a malformed
/// top-level object ends decoding. Each becomes a warning.
pub fn parse_detailed(input: &[u8], mode: Mode, limits: Limits) -> Result<Parsed<'_>, TlvError> {
    let mut objects = Vec::new();
    let mut warnings = Vec::new();
    let mut stack: Vec<Frame<'_>> = Vec::new();
    let mut pos = 0;
    loop {
        let end = stack.last().map_or(input.len(), |frame| frame.end);
        pos = skip_padding(input, pos, end);
        if pos >= end {
            let Some(frame) = stack.pop() else { break };
            let raw = input.get(frame.offset..frame.end).unwrap_or_default();
            let tlv = Tlv::decoded(
                frame.tag,
                Value::Constructed(frame.children),
                frame.offset,
                raw,
                frame.header_len,
            );
            match stack.last_mut() {
                Some(parent) => parent.children.push(tlv),
                None => objects.push(tlv),
            }
            pos = frame.end;
            continue;
        }
        match object_header(input, pos, end) {
            Ok((tag, header_len, value_end)) if tag.is_constructed() => {
                if stack.len() >= limits.max_depth {
                    return Err(TlvError::TooDeep {
                        offset: pos,
                        limit: limits.max_depth,
                    });
                }
                stack.push(Frame {
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
                let value = raw.get(header_len..).unwrap_or_default();
                let tlv = Tlv::decoded(tag, Value::Primitive(value), pos, raw, header_len);
                match stack.last_mut() {
                    Some(parent) => parent.children.push(tlv),
                    None => objects.push(tlv),
                }
                pos = value_end;
            }
            Err(err) => match mode {
                Mode::Strict => return Err(err),
                Mode::Lenient => {
                    warnings.push(err);
                    match stack.last() {
                        Some(frame) => pos = frame.end,
                        None => break,
                    }
                }
            },
        }
    }
    Ok(Parsed { objects, warnings })
}

/// Decodes the header of the object at `pos` within `input[..end]`: its tag, header length
/// and the end of its value.
fn object_header(input: &[u8], pos: usize, end: usize) -> Result<(Tag, usize, usize), TlvError> {
    let window = input.get(pos..end).unwrap_or_default();
    let (rest, (tag, len, header_len)) = header::header(window)
        .map_err(|e| super::nom_error::inner(e, window).into_tlv_error(pos, window))?;
    if len > rest.len() {
        return Err(TlvError::TruncatedValue {
            offset: pos,
            declared: len,
            available: rest.len(),
        });
    }
    Ok((tag, header_len, pos + header_len + len))
}
