//! MF/EF01 共通データ要素.
//! Fixed-form decoder: no panic; what decodes encodes back to the same bytes.
#![no_main]

#[path = "../record_checks.rs"]
mod record_checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| record_checks::record_common(data));
