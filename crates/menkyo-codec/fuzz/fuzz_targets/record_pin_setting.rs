//! MF/EF02 暗証番号設定 and 免許AP WEF01 PIN設定.
//! Fixed-form decoder: no panic; what decodes encodes back to the same bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use menkyo_codec::records::{LicenceApPinSetting, PinSetting};

fuzz_target!(|data: &[u8]| {
    if let Ok(record) = PinSetting::decode(data) {
        assert_eq!(record.encode(), data);
        serde_json::to_string(&record).expect("serializes");
    }
    if let Ok(record) = LicenceApPinSetting::decode(data) {
        assert_eq!(record.encode(), data);
        serde_json::to_string(&record).expect("serializes");
    }
});
