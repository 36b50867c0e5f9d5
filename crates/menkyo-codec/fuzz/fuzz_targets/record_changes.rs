//! DF1/EF04 記載事項変更等 and EF06 記載事項変更(本籍).
//! Record decoder: no panic; lenient decoding never fails
//! and encodes back to the input; strict agrees with lenient where it succeeds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use menkyo_codec::records::{ChangeRecords, ChangesFile};
use menkyo_codec::tlv::Mode;

fuzz_target!(|data: &[u8]| {
    for file in [ChangesFile::Ef04, ChangesFile::Ef06] {
        let lenient =
            ChangeRecords::decode_with(file, data, Mode::Lenient).expect("lenient never fails");
        assert_eq!(lenient.record.encode(), data);
        serde_json::to_string(&lenient.record).expect("serializes");
        match ChangeRecords::decode(file, data) {
            Ok(strict) => {
                assert_eq!(strict, lenient.record);
                assert!(lenient.warnings.is_empty());
            }
            Err(_) => assert!(!lenient.warnings.is_empty()),
        }
    }
});
