//! DF1/EF07 電子署名 and 免許AP WEF03.
//! Record decoder: no panic; lenient decoding never fails
//! and encodes back to the input; strict agrees with lenient where it succeeds.
#![no_main]

#[path = "../record_checks.rs"]
mod record_checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| record_checks::record_signature(data));
