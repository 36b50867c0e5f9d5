//! DF1/EF03 外字 and EF05 記載事項変更(外字).
//! Record decoder: no panic; lenient decoding never fails
//! and encodes back to the input; strict agrees with lenient where it succeeds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use menkyo_codec::records::{ExternalCharacters, GaijiFile};
use menkyo_codec::tlv::Mode;

fuzz_target!(|data: &[u8]| {
    for file in [GaijiFile::Ef03, GaijiFile::Ef05] {
        let lenient = ExternalCharacters::decode_with(file, data, Mode::Lenient)
            .expect("lenient never fails");
        assert_eq!(lenient.record.encode(), data);
        serde_json::to_string(&lenient.record).expect("serializes");
        match ExternalCharacters::decode(file, data) {
            Ok(strict) => {
                assert_eq!(strict, lenient.record);
                assert!(lenient.warnings.is_empty());
            }
            Err(_) => assert!(!lenient.warnings.is_empty()),
        }
    }
});
