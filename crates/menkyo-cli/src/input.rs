//! Reading the bytes to work on: a file or standard input, as hex text or raw bytes.

use std::path::Path;

use menkyo_codec::hex_text::{self, HexTextError};
use menkyo_emulator::persist::{read_bounded, read_bounded_from};

use crate::cli::InputForm;
use crate::error::Error;

/// The most `decode` reads: the largest EF (what READ BINARY can address) as spaced hex text,
/// with room to spare.
pub const MAX_DECODE_INPUT_BYTES: u64 = 1024 * 1024;

/// Reads `file` (standard input for `None` or `-`), at most [`MAX_DECODE_INPUT_BYTES`].
pub fn read(file: Option<&Path>) -> Result<Vec<u8>, Error> {
    match file.filter(|p| p.as_os_str() != "-") {
        Some(path) => {
            read_bounded(path, MAX_DECODE_INPUT_BYTES).map_err(|source| Error::ReadFile {
                path: path.to_path_buf(),
                source,
            })
        }
        None => read_bounded_from(std::io::stdin(), MAX_DECODE_INPUT_BYTES).map_err(|source| {
            Error::ReadFile {
                path: "standard input".into(),
                source,
            }
        }),
    }
}

/// The bytes the input stands for.
pub fn bytes(input: &[u8], form: InputForm) -> Result<Vec<u8>, HexTextError> {
    let hex = match form {
        InputForm::Hex => true,
        InputForm::Raw => false,
        InputForm::Auto => {
            hex_text::looks_like_hex(input) || input.iter().all(u8::is_ascii_whitespace)
        }
    };
    let bytes = if hex {
        hex_text::parse(input)?
    } else {
        input.to_vec()
    };
    if bytes.is_empty() {
        return Err(HexTextError::Empty);
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_decides_hex_or_raw() {
        assert_eq!(bytes(b"05 01\n01\n", InputForm::Auto).unwrap(), [5, 1, 1]);
        assert_eq!(
            bytes(&[0x05, 0x01, 0x01], InputForm::Auto).unwrap(),
            [5, 1, 1]
        );
        assert_eq!(bytes(b"0501", InputForm::Raw).unwrap(), b"0501");
        assert!(matches!(
            bytes(b" \n", InputForm::Auto),
            Err(HexTextError::Empty)
        ));
        assert!(matches!(
            bytes(b"05 0g", InputForm::Hex),
            Err(HexTextError::NotHex { ch: 'g', offset: 4 })
        ));
    }
}
