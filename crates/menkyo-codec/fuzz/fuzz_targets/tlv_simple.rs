//! Simple TLV decoder: no panic in either mode; strict and lenient agree on valid input;
//! decoded items re-encode to the input.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| menkyo_codec_fuzz::tlv_simple(data));
