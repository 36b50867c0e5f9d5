//! menkyo never writes to a real card: a command whose instruction changes a card's files, PINs
//! or applications is refused here, before it reaches the reader. Only the emulator writes, and
//! only to card images.

use crate::Error;

/// Instructions that write (ISO/IEC 7816-4, 7816-9 and GlobalPlatform), with their names.
pub const WRITE_INSTRUCTIONS: [(u8, &str); 34] = [
    (0x04, "DEACTIVATE FILE"),
    (0x0C, "ERASE RECORD(S)"),
    (0x0E, "ERASE BINARY"),
    (0x0F, "ERASE BINARY"),
    (0x24, "CHANGE REFERENCE DATA"),
    (0x25, "CHANGE REFERENCE DATA"),
    (0x26, "DISABLE VERIFICATION REQUIREMENT"),
    (0x28, "ENABLE VERIFICATION REQUIREMENT"),
    (0x2C, "RESET RETRY COUNTER"),
    (0x2D, "RESET RETRY COUNTER"),
    (0x44, "ACTIVATE FILE"),
    (0x46, "GENERATE ASYMMETRIC KEY PAIR"),
    (0x47, "GENERATE ASYMMETRIC KEY PAIR"),
    (0xC2, "ENVELOPE"),
    (0xC3, "ENVELOPE"),
    (0xD0, "WRITE BINARY"),
    (0xD1, "WRITE BINARY"),
    (0xD2, "WRITE RECORD"),
    (0xD6, "UPDATE BINARY"),
    (0xD7, "UPDATE BINARY"),
    (0xD8, "PUT KEY"),
    (0xDA, "PUT DATA"),
    (0xDB, "PUT DATA"),
    (0xDC, "UPDATE RECORD"),
    (0xDD, "UPDATE RECORD"),
    (0xDE, "UPDATE DATA"),
    (0xDF, "UPDATE DATA"),
    (0xE0, "CREATE FILE"),
    (0xE2, "APPEND RECORD / STORE DATA"),
    (0xE4, "DELETE"),
    (0xE6, "INSTALL / TERMINATE DF"),
    (0xE8, "LOAD / TERMINATE EF"),
    (0xF0, "SET STATUS"),
    (0xFE, "TERMINATE CARD USAGE"),
];

/// `Err` when `command`'s instruction writes; commands too short to have one pass (the card
/// answers them).
pub fn check(command: &[u8]) -> Result<(), Error> {
    let Some(&ins) = command.get(1) else {
        return Ok(());
    };
    match WRITE_INSTRUCTIONS.iter().find(|(i, _)| *i == ins) {
        Some(&(ins, name)) => Err(Error::WriteRefused { ins, name }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_are_refused_and_reads_pass() {
        for command in [
            &[0x00, 0xD6, 0x00, 0x00, 0x01, 0xFF][..],
            &[0x00, 0xD0, 0x00, 0x00, 0x01, 0xFF],
            &[0x00, 0xDA, 0x01, 0x02, 0x01, 0x00],
            &[0x80, 0xE6, 0x0C, 0x00, 0x00],
            &[0x80, 0xE4, 0x00, 0x00, 0x00],
            &[0x00, 0x24, 0x00, 0x81, 0x08, 1, 2, 3, 4, 5, 6, 7, 8],
            &[0x00, 0x46, 0x00, 0x00, 0x00],
            &[0x00, 0x47, 0x80, 0x00, 0x00],
            &[0x00, 0xFE, 0x00, 0x00],
            &[0x00, 0x26, 0x00, 0x81],
            &[0x00, 0x28, 0x00, 0x81],
            &[0x00, 0xDE, 0x00, 0x00, 0x01, 0x00],
            &[0x00, 0x0C, 0x00, 0x04],
            &[0x00, 0xC2, 0x00, 0x00, 0x01, 0x00],
            &[0x00, 0x25, 0x00, 0x81],
            &[0x00, 0x2D, 0x00, 0x81],
        ] {
            assert!(check(command).is_err(), "{command:02X?}");
        }
        let refused = check(&[0x00, 0xD6, 0x00, 0x00]).unwrap_err();
        assert!(
            matches!(
                refused,
                Error::WriteRefused {
                    ins: 0xD6,
                    name: "UPDATE BINARY"
                }
            ),
            "{refused:?}"
        );
        assert!(refused.to_string().contains("never writes"));
        for command in [
            &[0x00, 0xA4, 0x04, 0x0C, 0x01, 0xA0][..],
            &[0x00, 0xB0, 0x81, 0x00, 0x10],
            &[0x00, 0x20, 0x00, 0x81],
            &[0x80, 0x2A, 0x00, 0x80, 0x01, 0x00],
            &[0x00, 0xC0, 0x00, 0x00, 0x10],
            &[0x00],
            &[],
        ] {
            assert!(check(command).is_ok(), "{command:02X?}");
        }
    }

    #[test]
    fn the_table_names_each_instruction_once() {
        for (i, (a, _)) in WRITE_INSTRUCTIONS.iter().enumerate() {
            assert!(WRITE_INSTRUCTIONS[i + 1..].iter().all(|(b, _)| a != b));
        }
    }
}
