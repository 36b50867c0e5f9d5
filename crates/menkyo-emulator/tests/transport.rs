//! The emulator behind the transport trait, with the limits of a short-only reader.

use menkyo_emulator::{spec_cards, Emulator, InProcessTransport};
use menkyo_transport::{Capabilities, CardTransport, TransportError};

fn licence() -> InProcessTransport {
    InProcessTransport::new(Emulator::new(spec_cards::image("spec-ic-licence").unwrap()))
}

fn hex(text: &str) -> Vec<u8> {
    hex::decode(text.replace(' ', "")).unwrap()
}

#[test]
fn a_short_only_reader_refuses_extended_commands_and_long_answers() {
    let mut reader = licence().with_capabilities(Capabilities::SHORT_ONLY);
    assert_eq!(reader.capabilities(), Capabilities::SHORT_ONLY);
    let mut t = reader.transaction().unwrap();
    assert_eq!(
        t.transmit(&hex("00 20 00 81 04 31323334")).unwrap(),
        hex("9000")
    );
    assert_eq!(
        t.transmit(&hex("00 A4 04 0C 10 A0000002310100000000000000000000"))
            .unwrap(),
        hex("9000")
    );
    let err = t.transmit(&hex("00 B0 81 00 00 03 70")).unwrap_err();
    assert!(matches!(err, TransportError::Backend { .. }), "{err:?}");
    assert_eq!(t.transmit(&hex("00 B0 81 00 00")).unwrap().len(), 258);

    let small = Capabilities {
        extended_length: true,
        max_command_len: 261,
        max_response_len: 102,
    };
    drop(t);
    let mut reader = reader.with_capabilities(small);
    let mut t = reader.transaction().unwrap();
    assert_eq!(t.transmit(&hex("00 B0 81 00 00 00 64")).unwrap().len(), 102);
    assert!(matches!(
        t.transmit(&hex("00 B0 81 00 00 00 65")),
        Err(TransportError::Backend { .. })
    ));
    let longest = [hex("00 A4 04 0C FF"), vec![0; 255]].concat();
    assert_eq!(t.transmit(&longest).unwrap(), hex("6A87"));
    assert!(matches!(
        t.transmit(&[longest, vec![0, 0]].concat()),
        Err(TransportError::CommandTooLong { len: 262, max: 261 })
    ));
}

#[test]
fn reset_ends_the_session_state_and_an_unpowered_card_is_unresponsive() {
    let mut reader = licence();
    assert_eq!(reader.atr().unwrap(), menkyo_codec::layout::ic::ATR);
    // Each command in a transaction of its own.
    let send = |reader: &mut InProcessTransport, command: &str| {
        reader.transaction().unwrap().transmit(&hex(command))
    };
    send(&mut reader, "00 A4 02 0C 02 2F01").unwrap();
    reader.reset().unwrap();
    assert_eq!(send(&mut reader, "00 B0 00 00 01").unwrap(), hex("6986"));
    reader.card_mut().power_off();
    let err = send(&mut reader, "00 A4 00 00").unwrap_err();
    assert!(matches!(err, TransportError::Unresponsive), "{err:?}");
}
