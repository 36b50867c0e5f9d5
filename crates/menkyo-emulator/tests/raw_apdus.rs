//! The emulator answers any bytes with a status word and never panics.

use menkyo_emulator::{spec_cards, Emulator, Quirks};
use proptest::prelude::*;

/// Every spec card, built once (each build hashes its PINs) and copied for each case.
fn cards() -> Vec<Emulator> {
    static IMAGES: std::sync::OnceLock<Vec<menkyo_emulator::CardImage>> =
        std::sync::OnceLock::new();
    let images = IMAGES.get_or_init(|| {
        spec_cards::NAMES
            .iter()
            .map(|name| spec_cards::image(name).unwrap())
            .collect()
    });
    let licence = images.first().cloned().unwrap();
    images
        .iter()
        .cloned()
        .map(Emulator::new)
        .chain([Emulator::new(licence).with_quirks(Quirks::T0)])
        .collect()
}

proptest! {
    #[test]
    fn any_bytes_get_a_status_word(commands in prop::collection::vec(
        prop_oneof![
            prop::collection::vec(any::<u8>(), 0..12),
            (prop::sample::select(vec![0xA4u8, 0xB0, 0x20, 0xC0]), any::<[u8; 2]>(), prop::collection::vec(any::<u8>(), 0..20))
                .prop_map(|(ins, p, body)| [vec![0x00, ins, p[0], p[1]], body].concat()),
        ],
        1..20,
    )) {
        for mut card in cards() {
            for command in &commands {
                let answer = card.process(command);
                prop_assert!(answer.len() >= 2);
            }
        }
    }
}

#[test]
fn the_atr_follows_the_model() {
    let licence = Emulator::new(spec_cards::image("spec-ic-licence").unwrap());
    assert_eq!(licence.atr(), menkyo_codec::layout::ic::ATR);
    let myna = Emulator::new(spec_cards::image("spec-myna-plain").unwrap());
    assert_eq!(myna.atr(), menkyo_codec::layout::myna::ATR_CONTACTLESS);
}
