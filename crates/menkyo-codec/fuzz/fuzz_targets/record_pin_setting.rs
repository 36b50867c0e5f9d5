//! MF/EF02 暗証番号設定 and 免許AP WEF01 PIN設定.
//! Fixed-form decoder: no panic; what decodes encodes back to the same bytes.
#![no_main]

#[path = "../record_checks.rs"]
mod record_checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| record_checks::record_pin_setting(data));
