//! Simple-TLV encoders.

use super::{Item, LengthForm, END_MARK};
use crate::Error;

/// Appends one item to `out`, writing its length in `form`.
///
/// Errors: tag `FF` ([`Error::ReservedTag`]); a value longer than `form` allows.
pub fn encode_item(
    out: &mut Vec<u8>,
    tag: u8,
    value: &[u8],
    form: LengthForm,
) -> Result<(), Error> {
    if tag == END_MARK {
        return Err(Error::ReservedTag);
    }
    let len = value.len();
    let too_long = || Error::ValueTooLong {
        len,
        max: form.max_len(),
    };
    out.push(tag);
    match form {
        LengthForm::Short if len <= form.max_len() => out.push(len as u8),
        LengthForm::Long1 => out.extend([0x81, u8::try_from(len).map_err(|_| too_long())?]),
        LengthForm::Long2 => {
            out.push(0x82);
            out.extend(u16::try_from(len).map_err(|_| too_long())?.to_be_bytes());
        }
        LengthForm::Short => return Err(too_long()),
    }
    out.extend_from_slice(value);
    Ok(())
}

/// Encodes `items` one after the other, each with its own length form.
pub fn encode(items: &[Item<'_>]) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(items.iter().map(Item::encoded_len).sum());
    for item in items {
        encode_item(&mut out, item.tag, item.value, item.length_form)?;
    }
    Ok(out)
}

/// Encodes `items` and pads with `FF` to `total_size` bytes, the size of the file.
///
/// Errors: as [`encode_item`]; [`Error::DoesNotFit`] when the items take more than
/// `total_size` bytes.
pub fn encode_with_filler(items: &[Item<'_>], total_size: usize) -> Result<Vec<u8>, Error> {
    let mut out = encode(items)?;
    if out.len() > total_size {
        return Err(Error::DoesNotFit {
            needed: out.len(),
            size: total_size,
        });
    }
    out.resize(total_size, END_MARK);
    Ok(out)
}
