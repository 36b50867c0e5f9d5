//! DF1/EF03 外字 and EF05 記載事項変更(外字).
//! Record decoder: no panic; lenient decoding never fails
//! and encodes back to the input; strict agrees with lenient where it succeeds.
#![no_main]

#[path = "../record_checks.rs"]
mod record_checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| record_checks::record_external_characters(data));
