//! Reading the bytes to work on: a file or standard input, as hex text or raw bytes.

use std::path::Path;

use menkyo_emulator::persist::{read_bounded, read_bounded_from};

use crate::cli::InputForm;
use crate::error::CliError;

/// Input that is not usable bytes.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// Nothing to decode.
    #[error("the input is empty")]
    Empty,
    /// Hex text with an odd number of digits.
    #[error("odd number of hex digits ({digits})")]
    OddHex {
        /// How many digits.
        digits: usize,
    },
    /// A character that is neither a hex digit nor white space.
    #[error("{ch:?} at byte {offset} is not a hex digit")]
    NotHex {
        /// The character.
        ch: char,
        /// Its offset in the input.
        offset: usize,
    },
}

/// The most `decode` reads: the largest EF (what READ BINARY can address) as spaced hex text,
/// with room to spare.
pub const MAX_DECODE_INPUT_BYTES: u64 = 1024 * 1024;

/// Reads `file` (standard input for `None` or `-`), at most [`MAX_DECODE_INPUT_BYTES`].
pub fn read(file: Option<&Path>) -> Result<Vec<u8>, CliError> {
    match file.filter(|p| p.as_os_str() != "-") {
        Some(path) => read_bounded(path, MAX_DECODE_INPUT_BYTES).map_err(|source| CliError::Read {
            path: path.to_path_buf(),
            source,
        }),
        None => read_bounded_from(std::io::stdin(), MAX_DECODE_INPUT_BYTES).map_err(|source| {
            CliError::Read {
                path: "standard input".into(),
                source,
            }
        }),
    }
}

/// The bytes the input stands for.
pub fn bytes(input: &[u8], form: InputForm) -> Result<Vec<u8>, InputError> {
    if form != InputForm::Raw && input.iter().all(u8::is_ascii_whitespace) {
        return Err(InputError::Empty);
    }
    let hex = match form {
        InputForm::Hex => true,
        InputForm::Raw => false,
        InputForm::Auto => looks_like_hex(input),
    };
    let bytes = if hex {
        from_hex(input)?
    } else {
        input.to_vec()
    };
    if bytes.is_empty() {
        return Err(InputError::Empty);
    }
    Ok(bytes)
}

fn looks_like_hex(input: &[u8]) -> bool {
    input.iter().any(u8::is_ascii_hexdigit)
        && input
            .iter()
            .all(|b| b.is_ascii_hexdigit() || b.is_ascii_whitespace())
}

fn from_hex(input: &[u8]) -> Result<Vec<u8>, InputError> {
    let mut digits = Vec::with_capacity(input.len());
    for (offset, &b) in input.iter().enumerate() {
        if b.is_ascii_whitespace() {
            continue;
        }
        let digit = char::from(b).to_digit(16).ok_or(InputError::NotHex {
            ch: char::from(b),
            offset,
        })?;
        digits.push(digit as u8);
    }
    if digits.len() % 2 != 0 {
        return Err(InputError::OddHex {
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
    fn hex_with_white_space_is_read_as_hex() {
        assert_eq!(bytes(b"05 01\n01\n", InputForm::Auto).unwrap(), [5, 1, 1]);
        assert_eq!(bytes(b"c1 01 00", InputForm::Auto).unwrap(), [0xC1, 1, 0]);
    }

    #[test]
    fn other_bytes_are_raw() {
        assert_eq!(
            bytes(&[0x05, 0x01, 0x01], InputForm::Auto).unwrap(),
            [5, 1, 1]
        );
        assert_eq!(bytes(b"0501", InputForm::Raw).unwrap(), b"0501");
    }

    #[test]
    fn bad_hex_and_empty_input_are_errors() {
        assert!(matches!(
            bytes(b"050", InputForm::Auto),
            Err(InputError::OddHex { digits: 3 })
        ));
        assert!(matches!(
            bytes(b"05 0g", InputForm::Hex),
            Err(InputError::NotHex { ch: 'g', offset: 4 })
        ));
        assert!(matches!(
            bytes(b" \n", InputForm::Auto),
            Err(InputError::Empty)
        ));
    }
}
