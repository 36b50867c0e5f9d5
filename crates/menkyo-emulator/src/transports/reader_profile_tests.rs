use super::*;
use crate::{spec_cards, Emulator};

fn licence() -> Emulator {
    Emulator::new(spec_cards::image("spec-ic-licence").expect("the spec licence image"))
}

fn hex(text: &str) -> Vec<u8> {
    hex::decode(text.replace(' ', "")).unwrap_or_default()
}

fn answer(played: Played) -> Vec<u8> {
    match played {
        Played::Answer(answer) => answer,
        Played::FieldDropped => panic!("the field dropped"),
    }
}

/// What `reader` answers to `apdu` (hex) for `card`; fails if it drops the field.
fn play(reader: &mut PlayedReader, card: &mut Emulator, apdu: &str) -> Vec<u8> {
    answer(reader.exchange(card, &hex(apdu)))
}

#[test]
fn a_short_only_reader_answers_6700_to_extended_length_and_long_answers() {
    let mut card = licence();
    let mut reader = PlayedReader::new(ReaderProfile::PASORI);
    // 暗証番号設定 by SFI, extended Le: refused before the card.
    assert_eq!(
        play(&mut reader, &mut card, "00 B0 8A 00 00 00 03"),
        REFUSED
    );
    assert_eq!(play(&mut reader, &mut card, "00 B0 8A 00 03").len(), 5);
    let mut acr = PlayedReader::new(ReaderProfile::ACR122U);
    card.reset();
    acr.exchange(&mut card, &hex("00 20 00 81 04 31323334"));
    acr.exchange(
        &mut card,
        &hex("00 A4 04 0C 10 A0000002310100000000000000000000"),
    );
    assert_eq!(play(&mut acr, &mut card, "00 B0 81 00 00"), REFUSED);
    assert_eq!(play(&mut acr, &mut card, "00 B0 81 00 FF").len(), 257);
}

#[test]
fn a_t0_reader_answers_6cxx_to_a_short_le_and_61xx_for_case_4_data() {
    let mut card = licence();
    let mut reader = PlayedReader::new(ReaderProfile::SCR3310);
    // MF/EF02 has 3 bytes: Le 10 is answered 6C 03, Le 03 with the data.
    assert_eq!(play(&mut reader, &mut card, "00 B0 8A 00 10"), hex("6C03"));
    assert_eq!(play(&mut reader, &mut card, "00 B0 8A 00 03").len(), 5);
    // SELECT by FID with Le (case 4): the FCI, if any, waits behind 61xx.
    let first = play(&mut reader, &mut card, "00 A4 02 00 02 2F01 00");
    assert!(
        first == hex("9000") || first.first() == Some(&0x61),
        "{first:02X?}"
    );
}

#[test]
fn a_field_drop_at_apdu_n_resets_the_card_once() {
    let mut card = licence();
    let drop = FieldDrop::AtApdu {
        apdu: 2,
        after_card: true,
    };
    let mut reader = PlayedReader::new(ReaderProfile::UNLIMITED.with_field_drop(drop));
    assert_eq!(
        play(&mut reader, &mut card, "00 A4 02 0C 02 2F01"),
        hex("9000")
    );
    // The card read MF/EF01 and the answer was lost; the field came back with the card reset.
    assert_eq!(
        reader.exchange(&mut card, &hex("00 B0 00 00 05")),
        Played::FieldDropped
    );
    // No current EF after the reset.
    assert_eq!(play(&mut reader, &mut card, "00 B0 00 00 05"), hex("6986"));
    assert_eq!(reader.drops(), 1);
    assert_eq!(reader.commands(), 3);
}

#[test]
fn random_drops_follow_the_seed() {
    let profile = ReaderProfile::PASORI_FLAKY;
    let run = || {
        let mut card = licence();
        let mut reader = PlayedReader::new(profile);
        (0..400)
            .map(|_| reader.exchange(&mut card, &hex("00 A4 00 00")) == Played::FieldDropped)
            .collect::<Vec<_>>()
    };
    let first = run();
    assert_eq!(first, run());
    let drops = first.iter().filter(|d| **d).count();
    assert!((8..=35).contains(&drops), "{drops} drops in 400 at 5 %");
}

#[test]
fn the_link_model_adds_bits_and_turnarounds() {
    let link = LinkModel::CONTACTLESS_212K_5MS;
    // 100 + 200 bytes and 6 of framing, 10 bits each, at 212 kbit/s: 14.43 ms, plus 5 ms.
    let time = link.exchange_time(100, 200);
    assert_eq!(time.as_micros(), 14_433 + 5_000);
    let mut card = licence();
    let mut reader = PlayedReader::new(ReaderProfile::PASORI);
    reader.exchange(&mut card, &hex("00 A4 00 00"));
    assert_eq!(reader.link_time(), link.exchange_time(4, 2));
}

#[test]
fn every_profile_is_found_by_its_name() {
    for profile in ReaderProfile::ALL {
        assert_eq!(ReaderProfile::named(profile.name), Some(profile));
    }
    assert_eq!(ReaderProfile::named("nonesuch"), None);
}
