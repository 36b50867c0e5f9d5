//! What the emulator tests share: APDUs given in hex, and dialogues with a card.
#![allow(dead_code)]

use menkyo_emulator::Emulator;

/// SELECT of the 免許AP instance by its AID.
pub const SELECT_LICENCE_AP: &str = "00 A4 04 0C 10 A0000002310600000000000000000000";
/// SELECT of DF1 (記載事項) by its AID.
pub const SELECT_DF1: &str = "00 A4 04 0C 10 A0000002310100000000000000000000";

/// `text` (hex, spaces allowed) as bytes.
pub fn hex(text: &str) -> Vec<u8> {
    hex::decode(text.replace(' ', "")).unwrap()
}

/// Sends `command` (hex, spaces allowed) and returns the answer as upper-case hex.
pub fn send(card: &mut Emulator, command: &str) -> String {
    hex::encode_upper(card.process(&hex(command)))
}

/// Sends each command of `steps` in turn, failing with the command unless the card gives the
/// answer (upper-case hex) beside it.
pub fn converse(card: &mut Emulator, steps: &[(&str, &str)]) {
    for (command, expected) in steps {
        assert_eq!(send(card, command), *expected, "answer to {command}");
    }
}
