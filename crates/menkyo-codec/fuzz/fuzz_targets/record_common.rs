//! MF/EF01 共通データ要素.
//! Fixed-form decoder: no panic; what decodes encodes back to the same bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use menkyo_codec::records::CommonData;

fuzz_target!(|data: &[u8]| {
    if let Ok(record) = CommonData::decode(data) {
        assert_eq!(record.encode(), data);
        serde_json::to_string(&record).expect("serializes");
    }
});
