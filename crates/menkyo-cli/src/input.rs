//! Reading the bytes to work on: a file or standard input, as hex text or raw bytes.

use std::path::Path;

use menkyo_codec::hex_text;
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

/// The bytes the input stands for, in the form `form` says.
pub fn bytes(input: &[u8], form: InputForm) -> Result<Vec<u8>, menkyo_codec::Error> {
    let hex = match form {
        InputForm::Hex => Some(true),
        InputForm::Raw => Some(false),
        InputForm::Auto => None,
    };
    hex_text::input_bytes(input, hex)
}
