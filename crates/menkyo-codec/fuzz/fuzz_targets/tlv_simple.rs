//! Simple TLV decoder: no panic in either mode; strict and lenient agree on valid input;
//! decoded items re-encode to the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use menkyo_codec::tlv::simple::{self, End};
use menkyo_codec::tlv::Mode;

fuzz_target!(|data: &[u8]| {
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
});
