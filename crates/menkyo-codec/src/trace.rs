//! One-line APDU traces: hex with the header and the length fields set apart, the data of PIN
//! commands masked, and the meaning of the status word.
//!
//! Masking is done here, from the INS byte, so no caller can forget it: the data of every
//! instruction that can carry a PIN or password ([`crate::apdu::SECRET_INSTRUCTIONS`]: VERIFY,
//! CHANGE REFERENCE DATA, RESET RETRY COUNTER … with their odd INS, and ENVELOPE) always prints
//! as `**` per byte, even when the command is malformed.

use std::fmt::Write;

use crate::apdu::{ins_carries_secret, CommandApdu, LengthEncoding};
use crate::status::StatusWord;

/// A command as `CLA INS P1 P2 | Lc .. | data | Le ..`, e.g.
/// `00 20 00 81 | Lc 04 | ** ** ** **` or `00 B0 00 00 | Le 00 03 70`.
pub fn format_command(bytes: &[u8]) -> String {
    let Some((header, body)) = bytes.split_first_chunk::<4>() else {
        let mut out = hex_spaced(bytes);
        out.push_str(" (malformed: shorter than the header)");
        return out;
    };
    let secret = ins_carries_secret(header[1]);
    let mut out = hex_spaced(header);
    match CommandApdu::parse_with_encoding(bytes) {
        Ok((apdu, encoding)) => {
            let extended = encoding == LengthEncoding::Extended;
            let nc = apdu.data.len();
            let lc_len = match (nc, extended) {
                (0, _) => 0,
                (_, false) => 1,
                (_, true) => 3,
            };
            let (lc, rest) = body.split_at(lc_len.min(body.len()));
            let (data, le) = rest.split_at(nc.min(rest.len()));
            if !lc.is_empty() {
                let _ = write!(out, " | Lc {}", hex_spaced(lc));
            }
            if !data.is_empty() {
                out.push_str(" | ");
                out.push_str(&data_field(data, secret));
            }
            if !le.is_empty() {
                let _ = write!(out, " | Le {}", hex_spaced(le));
            }
        }
        Err(err) => {
            if !body.is_empty() {
                out.push_str(" | ");
                out.push_str(&data_field(body, secret));
            }
            let _ = write!(out, " (malformed: {err})");
        }
    }
    out
}

/// A response as `data | SW1 SW2: meaning`, e.g. `05 01 00 | 90 00: success (正常終了)`.
pub fn format_response(bytes: &[u8]) -> String {
    let Some((data, &[sw1, sw2])) = bytes.split_last_chunk::<2>() else {
        let mut out = hex_spaced(bytes);
        out.push_str(" (malformed: no status word)");
        return out;
    };
    let sw = StatusWord::from_bytes(sw1, sw2);
    let mut out = String::new();
    if !data.is_empty() {
        out.push_str(&hex_spaced(data));
        out.push_str(" | ");
    }
    let _ = write!(out, "{sw1:02X} {sw2:02X} = {sw}");
    out
}

/// A response as [`format_response`] writes it, its data hidden: `(3 bytes redacted) | 90 00
/// = …`; an answer without data stays as it is.
pub fn redact_response(response: &str) -> String {
    match response.split_once(" | ") {
        Some((data, sw)) => {
            let bytes = data.split_whitespace().count();
            format!("({bytes} bytes redacted) | {sw}")
        }
        None => response.to_owned(),
    }
}

fn data_field(data: &[u8], secret: bool) -> String {
    if secret {
        vec!["**"; data.len()].join(" ")
    } else {
        hex_spaced(data)
    }
}

/// Bytes as upper-case hex pairs with a space between them: `3B 88 80`.
pub fn hex_spaced(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 3);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let _ = write!(out, "{b:02X}");
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn commands() {
        assert_eq!(format_command(&[0x00, 0xA4, 0x00, 0x00]), "00 A4 00 00");
        assert_eq!(
            format_command(&[0x00, 0xA4, 0x02, 0x0C, 0x02, 0x2F, 0x01]),
            "00 A4 02 0C | Lc 02 | 2F 01"
        );
        assert_eq!(
            format_command(&[0x00, 0xB0, 0x00, 0x00, 0x00, 0x03, 0x70]),
            "00 B0 00 00 | Le 00 03 70"
        );
        assert_eq!(
            format_command(&[0x00, 0xA4, 0x04, 0x00, 0x02, 0x3F, 0x00, 0x00]),
            "00 A4 04 00 | Lc 02 | 3F 00 | Le 00"
        );
        assert_eq!(
            format_command(&[0x80, 0x2A, 0x00, 0x80, 0x00, 0x00, 0x01, 0xAB, 0x01, 0x00]),
            "80 2A 00 80 | Lc 00 00 01 | AB | Le 01 00"
        );
        assert_eq!(
            format_command(&[0x00, 0xA4, 0x02, 0x0C, 0x05, 0x2F]),
            "00 A4 02 0C | 05 2F (malformed: Lc announces 5 data bytes but only 1 follow)"
        );
        assert_eq!(
            format_command(&[0x00]),
            "00 (malformed: shorter than the header)"
        );
    }

    #[test]
    fn pin_commands_are_masked() {
        assert_eq!(
            format_command(b"\x00\x20\x00\x81\x04\x35\x37\x39\x31"),
            "00 20 00 81 | Lc 04 | ** ** ** **"
        );
        assert_eq!(
            format_command(b"\x00\x20\x00\x86\x04****"),
            "00 20 00 86 | Lc 04 | ** ** ** **"
        );
        assert_eq!(format_command(b"\x00\x20\x00\x81"), "00 20 00 81");
        // Odd INS and ENVELOPE carry PINs too.
        assert_eq!(
            format_command(b"\x00\x2D\x00\x81\x0812345678"),
            "00 2D 00 81 | Lc 08 | ** ** ** ** ** ** ** **"
        );
        assert_eq!(
            format_command(b"\x00\x21\x00\x81\x041234"),
            "00 21 00 81 | Lc 04 | ** ** ** **"
        );
        let envelope = format_command(b"\x00\xC2\x00\x00\x09\x00\x20\x00\x81\x041234");
        assert!(!envelope.contains("31 32"), "{envelope}");
        let change = format_command(b"\x00\x24\x00\x81\x081234abcd");
        assert_eq!(change, "00 24 00 81 | Lc 08 | ** ** ** ** ** ** ** **");
        let reset = format_command(b"\x00\x2C\x00\x81\x081234abcd");
        assert!(
            !reset.contains("31 32") && !reset.contains("61 62"),
            "{reset}"
        );
        let malformed = format_command(b"\x00\x20\x00\x81\x065791");
        assert!(
            malformed.starts_with("00 20 00 81 | ** ** ** ** **"),
            "{malformed}"
        );
    }

    #[test]
    fn responses() {
        assert_eq!(
            format_response(&[0x90, 0x00]),
            "90 00 = 9000: success (正常終了)"
        );
        assert_eq!(
            format_response(&[0x05, 0x01, 0x00, 0x90, 0x00]),
            "05 01 00 | 90 00 = 9000: success (正常終了)"
        );
        assert_eq!(
            format_response(&[0x63, 0xC2]),
            "63 C2 = 63C2: verification failed, 2 tries left (照合不一致、残り2回)"
        );
        assert_eq!(format_response(&[0x6A]), "6A (malformed: no status word)");
    }

    proptest! {
        #[test]
        fn a_pin_never_appears(
            ins in prop::sample::select(crate::apdu::SECRET_INSTRUCTIONS.to_vec()),
            p2 in any::<u8>(),
            pin in "[0-9]{4}",
            tail in prop::collection::vec(any::<u8>(), 0..3),
        ) {
            let mut bytes = vec![0x00, ins, 0x00, p2, 0x04];
            bytes.extend_from_slice(pin.as_bytes());
            bytes.extend_from_slice(&tail);
            let trace = format_command(&bytes);
            prop_assert!(!trace.contains(&hex_spaced(pin.as_bytes())), "{}", trace);
            prop_assert!(trace.contains("| ** ** ** **"), "{}", trace);
        }

        #[test]
        fn never_panics(bytes in prop::collection::vec(any::<u8>(), 0..80)) {
            let _ = format_command(&bytes);
            let _ = format_response(&bytes);
        }
    }

    #[test]
    fn redaction_keeps_the_status_word_only() {
        let response = format_response(&[0x12, 0x34, 0x56, 0x90, 0x00]);
        assert_eq!(
            redact_response(&response),
            "(3 bytes redacted) | 90 00 = 9000: success (正常終了)"
        );
        assert_eq!(redact_response("6A 82 = 6A82: x"), "6A 82 = 6A82: x");
    }
}
