//! BER-TLV decoder: no panic and no stack exhaustion in any mode or depth limit; strict and
//! lenient agree on valid input; decoded objects re-encode and decode to equal objects.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| menkyo_codec_fuzz::tlv_ber(data));
