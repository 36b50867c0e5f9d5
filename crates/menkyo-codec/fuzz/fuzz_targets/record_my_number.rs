//! 券面事項入力補助AP EF0001 個人番号.
//! Record decoder: no panic; lenient decoding never fails
//! and encodes back to the input; strict agrees with lenient where it succeeds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use menkyo_codec::records::MyNumber;
use menkyo_codec::tlv::Mode;

fuzz_target!(|data: &[u8]| {
    let lenient = MyNumber::decode_with(data, Mode::Lenient).expect("lenient never fails");
    assert_eq!(lenient.record.encode(), data);
    serde_json::to_string(&lenient.record).expect("serializes");
    match MyNumber::decode(data) {
        Ok(strict) => {
            assert_eq!(strict, lenient.record);
            assert!(lenient.warnings.is_empty());
        }
        Err(_) => assert!(!lenient.warnings.is_empty()),
    }
});
