//! Bytes written as hex text: pairs of hex digits, white space allowed between them (`05 01
//! 00`, as people copy them from traces and specifications).

use crate::Error;

/// The bytes `text` writes in hex; white space is skipped.
pub fn parse(text: &[u8]) -> Result<Vec<u8>, Error> {
    if text.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty);
    }
    from_hex(text)
}

/// Whether `input` holds hex digits and white space only, and at least one digit.
pub fn looks_like_hex(input: &[u8]) -> bool {
    input.iter().any(u8::is_ascii_hexdigit)
        && input
            .iter()
            .all(|b| b.is_ascii_hexdigit() || b.is_ascii_whitespace())
}

/// The bytes `input` stands for: hex text (`hex` true), the bytes themselves (false), or
/// whichever it looks like (`None`: hex when it is hex digits and white space only). No bytes
/// at all is [`Error::Empty`].
pub fn input_bytes(input: &[u8], hex: Option<bool>) -> Result<Vec<u8>, Error> {
    let hex =
        hex.unwrap_or_else(|| looks_like_hex(input) || input.iter().all(u8::is_ascii_whitespace));
    let bytes = if hex { parse(input)? } else { input.to_vec() };
    if bytes.is_empty() {
        return Err(Error::Empty);
    }
    Ok(bytes)
}

fn from_hex(input: &[u8]) -> Result<Vec<u8>, Error> {
    let mut digits = Vec::with_capacity(input.len());
    for (offset, &b) in input.iter().enumerate() {
        if b.is_ascii_whitespace() {
            continue;
        }
        let digit = char::from(b).to_digit(16).ok_or(Error::NotHex {
            ch: char::from(b),
            offset,
        })?;
        digits.push(digit as u8);
    }
    if digits.len() % 2 != 0 {
        return Err(Error::OddHex {
            digits: digits.len(),
        });
    }
    Ok(digits
        .chunks(2)
        .map(|p| p.iter().fold(0, |acc, d| acc << 4 | d))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_with_white_space_is_read() {
        assert_eq!(parse(b"05 01\n01\n").unwrap(), [5, 1, 1]);
        assert_eq!(parse(b"c1 01 00").unwrap(), [0xC1, 1, 0]);
        assert!(looks_like_hex(b"0501\n"));
        assert!(!looks_like_hex(&[0x05, 0x01]));
    }

    #[test]
    fn bad_hex_and_empty_text_are_errors() {
        assert!(matches!(parse(b"050"), Err(Error::OddHex { digits: 3 })));
        assert!(matches!(
            parse(b"05 0g"),
            Err(Error::NotHex { ch: 'g', offset: 4 })
        ));
        assert!(matches!(parse(b" \n"), Err(Error::Empty)));
    }

    #[test]
    fn input_is_hex_or_raw_as_asked_or_as_it_looks() {
        assert_eq!(input_bytes(b"05 01\n01\n", None).unwrap(), [5, 1, 1]);
        assert_eq!(input_bytes(&[0x05, 0x01, 0x01], None).unwrap(), [5, 1, 1]);
        assert_eq!(input_bytes(b"0501", Some(false)).unwrap(), b"0501");
        assert!(matches!(input_bytes(b" \n", None), Err(Error::Empty)));
        assert!(matches!(input_bytes(b"", Some(false)), Err(Error::Empty)));
        assert!(matches!(
            input_bytes(b"05 0g", Some(true)),
            Err(Error::NotHex { ch: 'g', offset: 4 })
        ));
    }
}
