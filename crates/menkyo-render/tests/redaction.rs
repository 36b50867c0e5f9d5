//! `--redact` on the licence view of every sample: no personal value of the holder is left in
//! its JSON, and what is masked in the view came from a file the card registry marks as holding
//! personal items.

use menkyo_client::{LicenceView, Pins, ReadOptions, Reader};
use menkyo_codec::registry::{self, Personal};
use menkyo_codec::secret::Pin;
use menkyo_emulator::{samples, Emulator, InProcessTransport};
use menkyo_render::redaction::{self, MASK};

fn view(sample: &str) -> LicenceView {
    let mut card = Emulator::new(samples::get(sample).unwrap());
    card.power_on();
    let mut transport = InProcessTransport::new(card);
    let pins = Pins {
        pin1: Some(Pin::digits("1234").unwrap()),
        pin2: Some(Pin::digits("5678").unwrap()),
        ..Pins::default()
    };
    Reader::new(&mut transport)
        .read_licence(&pins, ReadOptions::default())
        .unwrap()
        .checked_view(None)
}

#[test]
fn a_redacted_view_holds_no_personal_value() {
    for sample in ["ic-licence", "ic-licence-no-pin", "myna-licence"] {
        let plain = view(sample);
        let mut redacted = plain.clone();
        redaction::licence(&mut redacted);
        let json = redacted.to_json_pretty().unwrap();
        let personal = [
            &plain.name,
            &plain.address,
            &plain.number,
            &plain.registered_domicile,
        ];
        for field in personal.into_iter().flatten() {
            if !field.value.is_empty() {
                assert!(!json.contains(&field.value), "{sample}: {}", field.value);
            }
            let file = registry::file(field.source).expect("a registry file");
            assert_ne!(
                file.personal,
                Personal::Nothing,
                "{sample}: {}",
                field.source
            );
        }
        if let Some(photo) = &plain.photo {
            assert!(!json.contains(&photo.value.sha256), "{sample}");
            assert_eq!(redacted.photo.as_ref().unwrap().value.sha256, MASK);
        }
        assert_eq!(redacted.classes, plain.classes, "classes are not personal");
        assert_eq!(redacted.pins, plain.pins, "PIN states are not personal");
    }
}
