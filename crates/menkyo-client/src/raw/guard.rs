//! What raw commands may be sent to a card in a real reader: an allow-list of commands known
//! not to change a card, and the last-try guard for a raw VERIFY. The emulator is not
//! restricted.

use menkyo_codec::apdu::CommandApdu;
use menkyo_codec::apdu_script::Step;

/// The guards a run of raw commands keeps; both off for the emulator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Guard {
    /// Send only commands on the allow-list ([`READ_ONLY_INSTRUCTIONS`]).
    pub read_only: bool,
    /// Send a VERIFY with data only when more than one try is left.
    pub last_try: bool,
}

/// A command not on the allow-list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotReadOnly {
    /// Its line in the script, or its place among the arguments (from 1).
    pub line: usize,
    /// Its instruction byte.
    pub ins: u8,
}

/// The first of `steps` not on the allow-list, checked before anything is sent.
pub fn check_read_only(steps: &[Step]) -> Result<(), NotReadOnly> {
    for step in steps {
        if let Step::Apdu { line, command, .. } = step {
            if verdict(command) == Verdict::NotAllowed {
                return Err(NotReadOnly {
                    line: *line,
                    ins: command.ins,
                });
            }
        }
    }
    Ok(())
}

/// Instructions sent to a real card under [`Guard::read_only`]: the interindustry commands
/// (CLA bit 8 clear) that only read or query (ISO/IEC 7816-4).
pub const READ_ONLY_INSTRUCTIONS: [(u8, &str); 7] = [
    (0xA4, "SELECT"),
    (0xB0, "READ BINARY"),
    (0xB1, "READ BINARY"),
    (0xC0, "GET RESPONSE"),
    (0xCA, "GET DATA"),
    (0xCB, "GET DATA"),
    (0x20, "VERIFY"),
];

/// ISO/IEC 7816-4 VERIFY.
const VERIFY: u8 = 0x20;

/// What the guard makes of one command for a real reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Send it.
    Send,
    /// A VERIFY with data: ask the tries left first (VERIFY without data, same P1 P2) and send
    /// it only when more than one is left, unless [`Guard::last_try`] is off.
    VerifyWithData,
    /// Not on the allow-list: only without [`Guard::read_only`].
    NotAllowed,
}

/// The verdict for `command` sent to a real card.
pub fn verdict(command: &CommandApdu) -> Verdict {
    let interindustry = command.cla & 0x80 == 0;
    let listed = READ_ONLY_INSTRUCTIONS
        .iter()
        .any(|(ins, _)| *ins == command.ins);
    match (interindustry && listed, command.ins) {
        (true, VERIFY) if !command.data.is_empty() => Verdict::VerifyWithData,
        (true, _) => Verdict::Send,
        (false, _) => Verdict::NotAllowed,
    }
}

/// The VERIFY without data that asks the tries left of the PIN `verify` names.
pub fn tries_query(verify: &CommandApdu) -> CommandApdu {
    CommandApdu {
        data: Vec::new(),
        ne: None,
        ..verify.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apdu(hex: &str) -> CommandApdu {
        CommandApdu::parse(&hex::decode(hex).unwrap()).unwrap()
    }

    #[test]
    fn reads_pass_and_everything_else_is_held() {
        for sent in [
            "00A4040C10A0000002310100000000000000000000",
            "00B0810000",
            "00B100000400000000",
            "00C0000010",
            "00CA010000",
            "00CB3FFF00",
            "0020008100",
        ] {
            assert_eq!(verdict(&apdu(sent)), Verdict::Send, "{sent}");
        }
        assert_eq!(
            verdict(&apdu("002000810431323334")),
            Verdict::VerifyWithData
        );
        for held in [
            "0026008100", // DISABLE VERIFICATION REQUIREMENT
            "0028008100", // ENABLE VERIFICATION REQUIREMENT
            "00DE000000", // UPDATE DATA
            "000C000400", // ERASE RECORD
            "00C2000000", // ENVELOPE
            "0025008100", // CHANGE REFERENCE DATA (odd INS)
            "002D0081083132333435363738",
            "0005000000",
            "00E3000000",
            "00E5000000",
            "00D6000001FF", // UPDATE BINARY
            "80B0000010",   // a proprietary class
            "802A9E9A00",
        ] {
            assert_eq!(verdict(&apdu(held)), Verdict::NotAllowed, "{held}");
        }
    }

    #[test]
    fn the_first_command_off_the_list_is_named_by_its_line() {
        let steps = menkyo_codec::apdu_script::parse(
            "00A4000C023F00\n00B0000010\n00D6000001FF\n80B0000010\n",
        )
        .unwrap();
        assert_eq!(
            check_read_only(&steps),
            Err(NotReadOnly { line: 3, ins: 0xD6 })
        );
        assert_eq!(check_read_only(&steps[..2]), Ok(()));
    }

    #[test]
    fn the_tries_query_keeps_the_reference_and_drops_the_pin() {
        let query = tries_query(&apdu("002000860431323334"));
        assert_eq!(query.to_bytes().unwrap(), [0x00, 0x20, 0x00, 0x86]);
    }
}
