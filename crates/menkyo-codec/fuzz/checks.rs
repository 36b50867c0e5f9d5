//! What each fuzz target checks. This is the fuzz crate's library; the corpus replay test
//! (`tests/fuzz_corpus.rs`) includes it too. Each function panics only when the codec breaks a
//! promise.

use menkyo_codec::apdu::{CommandApdu, ResponseApdu};
use menkyo_codec::date::{Date, Date7};
use menkyo_codec::text::{self, TextMode};
use menkyo_codec::trace;

/// A parsed command re-encodes, in the encoding it was read in, to the same bytes.
pub fn apdu_command(data: &[u8]) {
    if let Ok((apdu, encoding)) = CommandApdu::parse_with_encoding(data) {
        assert_eq!(apdu.to_bytes_with(encoding).ok().as_deref(), Some(data));
    }
    let _ = trace::format_command(data);
}

/// A parsed response re-encodes to the same bytes.
pub fn apdu_response(data: &[u8]) {
    if let Ok(response) = ResponseApdu::parse(data) {
        assert_eq!(response.to_bytes(), data);
    }
    let _ = trace::format_response(data);
}

/// Strictly decoded text re-encodes to the same bytes; lenient decoding always succeeds.
pub fn jis_text(data: &[u8]) {
    if let Ok(decoded) = text::decode(data, TextMode::Strict) {
        assert_eq!(decoded.to_bytes().ok().as_deref(), Some(data));
    }
    let lenient = text::decode(data, TextMode::Lenient);
    assert!(lenient.is_ok());
}

/// A parsed date7 or BCD date re-encodes to the same bytes.
pub fn date7(data: &[u8]) {
    if let Ok(date) = Date7::parse(data) {
        assert_eq!(date.to_bytes().as_slice(), data);
    }
    if let Ok(date) = Date::parse_bcd(data) {
        assert_eq!(date.to_bcd().as_slice(), data);
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(date) = text.parse::<Date>() {
            assert_eq!(date.to_string(), text);
        }
    }
}
