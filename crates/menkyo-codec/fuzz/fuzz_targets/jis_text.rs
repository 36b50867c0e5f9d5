#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| menkyo_codec_fuzz::jis_text(data));
