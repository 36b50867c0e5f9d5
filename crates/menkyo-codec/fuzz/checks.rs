//! What each fuzz target checks. This is the fuzz crate's library; the corpus replay test
//! (`tests/fuzz_corpus.rs`) includes it too. Each function panics only when the codec breaks a
//! promise.

use menkyo_codec::apdu::{CommandApdu, ResponseApdu};
use menkyo_codec::date::{Date, Date7};
use menkyo_codec::text::{self, TextMode};
use menkyo_codec::tlv::ber::{self, Limits};
use menkyo_codec::tlv::simple::{self, End};
use menkyo_codec::tlv::Mode;
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

/// Simple TLV: lenient decoding always succeeds; strict agrees with it on valid input, and the
/// decoded items re-encode to the input.
pub fn tlv_simple(data: &[u8]) {
    let lenient = simple::parse(data, Mode::Lenient).expect("lenient never fails");
    match simple::parse(data, Mode::Strict) {
        Ok(strict) => {
            assert_eq!(strict, lenient);
            let encoded = match strict.end {
                End::Filler { .. } => simple::encode_with_filler(&strict.items, data.len()),
                End::Exhausted | End::Malformed { .. } => simple::encode(&strict.items),
            };
            assert_eq!(encoded.expect("decoded items encode"), data);
        }
        Err(err) => assert_eq!(lenient.warnings.first(), Some(&err)),
    }
}

/// BER-TLV with the depth limit in the first byte: no panic or stack exhaustion; strict and
/// lenient agree on valid input; decoded objects re-encode and decode to equal objects.
pub fn tlv_ber(input: &[u8]) {
    let Some((&depth, data)) = input.split_first() else {
        return;
    };
    let limits = Limits::with_max_depth(usize::from(depth));
    let lenient = ber::parse_detailed(data, Mode::Lenient, limits);
    ber::parse_flat(data, Mode::Lenient).expect("flat lenient never fails");
    if let Ok(objects) = ber::parse(data, Mode::Strict, limits) {
        let lenient = lenient.expect("lenient accepts what strict accepts");
        assert_eq!(objects, lenient.objects);
        assert!(lenient.warnings.is_empty());
        let mut encoded = Vec::new();
        for object in &objects {
            object
                .write_to(&mut encoded)
                .expect("decoded objects encode");
        }
        let again = ber::parse(&encoded, Mode::Strict, limits).expect("re-encoding decodes");
        assert_eq!(again, objects);
    }
}
