//! BER-TLV decoder: no panic and no stack exhaustion in any mode or depth limit; strict and
//! lenient agree on valid input; decoded objects re-encode and decode to equal objects.
#![no_main]

use libfuzzer_sys::fuzz_target;
use menkyo_codec::tlv::ber::{self, Limits};
use menkyo_codec::tlv::Mode;

fuzz_target!(|input: &[u8]| {
    let Some((&depth, data)) = input.split_first() else {
        return;
    };
    let limits = Limits::with_max_depth(usize::from(depth));
    let lenient = ber::parse_detailed(data, Mode::Lenient, limits);
    let _ = ber::parse_flat(data, Mode::Lenient).expect("flat lenient never fails");
    if let Ok(objects) = ber::parse(data, Mode::Strict, limits) {
        let lenient = lenient.expect("lenient accepts what strict accepts");
        assert_eq!(objects, lenient.objects);
        assert!(lenient.warnings.is_empty());
        let mut encoded = Vec::new();
        for object in &objects {
            object
                .write_to(&mut encoded)
                .expect("decoded objects encode");
        }
        let again = ber::parse(&encoded, Mode::Strict, limits).expect("re-encoding decodes");
        assert_eq!(again, objects);
    }
});
