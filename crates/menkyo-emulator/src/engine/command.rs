//! Commands the cards know, parsed from CLA/INS/P1/P2 and the body. A command that cannot be
//! parsed fails with the status word the card answers.

use menkyo_codec::apdu::{
    CommandApdu, LengthEncoding, INS_CHANGE_REFERENCE_DATA, INS_GET_RESPONSE, INS_READ_BINARY,
    INS_RESET_RETRY_COUNTER, INS_SELECT, INS_VERIFY,
};
use menkyo_codec::secret::Secret;
use menkyo_codec::status::StatusWord;

/// The class byte of every command the cards take.
const CLA: u8 = 0x00;

/// UPDATE BINARY.
const INS_UPDATE_BINARY: u8 = 0xD6;
/// Instructions the cards know but refuse: CHANGE REFERENCE DATA (the PINs cannot be changed
/// after issue), RESET RETRY COUNTER (unblocking only at a police facility), UPDATE BINARY.
const INS_REFUSED: [u8; 3] = [
    INS_CHANGE_REFERENCE_DATA,
    INS_RESET_RETRY_COUNTER,
    INS_UPDATE_BINARY,
];

/// P2 of SELECT: `00` (first occurrence, FCI asked) or `0C` (no response data). Both answer the
/// status word only.
const SELECT_P2: [u8; 2] = [0x00, 0x0C];

/// A parsed command.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    /// SELECT FILE (`A4`).
    Select(Select),
    /// READ BINARY (`B0`).
    ReadBinary(ReadBinary),
    /// VERIFY (`20`).
    Verify(Verify),
    /// The JPKI signing command (`80 2A 00 80`).
    Sign(crate::handlers::sign::Sign),
    /// GET RESPONSE (`C0`), served only with the T=0 quirk.
    GetResponse {
        /// Bytes asked for.
        ne: usize,
    },
}

/// What SELECT selects.
#[derive(Debug, PartialEq, Eq)]
pub enum Select {
    /// P1 `00`, no data or `3F00`: the MF.
    Mf {
        /// Whether the command carried `3F00`.
        with_fid: bool,
    },
    /// P1 `00` with a FID other than `3F00`.
    OtherFid(u16),
    /// P1 `02`: an EF of the current DF by FID.
    Ef(u16),
    /// P1 `04`: a DF or application by name.
    DfName(Vec<u8>),
}

/// Where READ BINARY reads.
#[derive(Debug, PartialEq, Eq)]
pub enum ReadTarget {
    /// The current EF (P1 bit 8 clear).
    Current,
    /// The EF with this SFI in the current DF (P1 = `80` + SFI); it becomes current.
    Sfi(u8),
}

/// READ BINARY.
#[derive(Debug, PartialEq, Eq)]
pub struct ReadBinary {
    /// Which EF.
    pub target: ReadTarget,
    /// Offset of the first byte.
    pub offset: usize,
    /// Ne: bytes asked for.
    pub ne: usize,
}

/// Which PIN VERIFY checks.
#[derive(Debug, PartialEq, Eq)]
pub enum PinReference {
    /// P2 `80`: the current EF, which must be an IEF.
    CurrentEf,
    /// P2 `80` + SFI: the IEF with that SFI.
    Sfi(u8),
}

/// VERIFY.
#[derive(Debug)]
pub struct Verify {
    /// Which PIN.
    pub reference: PinReference,
    /// The PIN, or `None` to ask for the tries left.
    pub pin: Option<Secret>,
}

impl PartialEq for Verify {
    fn eq(&self, other: &Self) -> bool {
        self.reference == other.reference
            && self.pin.as_ref().map(Secret::expose) == other.pin.as_ref().map(Secret::expose)
    }
}

impl Eq for Verify {}

/// A command together with how its length fields were encoded.
#[derive(Debug, PartialEq, Eq)]
pub struct Parsed {
    /// The command.
    pub command: Command,
    /// Ne of the command.
    pub ne: Option<usize>,
    /// Short or extended length fields.
    pub encoding: LengthEncoding,
}

/// Parses raw command bytes. Order of the checks: length structure (`6700`), CLA (`6E00`), INS
/// (`6D00`, `6A81`), P1-P2 (`6A86`), body (`6A87`, `6700`).
pub fn parse(bytes: &[u8], get_response: bool) -> Result<Parsed, StatusWord> {
    let (apdu, encoding) =
        CommandApdu::parse_with_encoding(bytes).map_err(|_| StatusWord::WrongLength)?;
    let ne = apdu.ne;
    if apdu.cla == menkyo_codec::layout::myna::JPKI_SIGN_CLA {
        let command = crate::handlers::sign::parse(&apdu)?;
        return Ok(Parsed {
            command,
            ne,
            encoding,
        });
    }
    if apdu.cla != CLA {
        return Err(StatusWord::ClaNotSupported);
    }
    let command = match apdu.ins {
        INS_SELECT => Command::Select(parse_select(&apdu)?),
        INS_READ_BINARY => Command::ReadBinary(parse_read_binary(&apdu)?),
        INS_VERIFY => Command::Verify(parse_verify(apdu)?),
        INS_GET_RESPONSE if get_response => parse_get_response(&apdu)?,
        ins if INS_REFUSED.contains(&ins) => return Err(StatusWord::FunctionNotSupported),
        _ => return Err(StatusWord::InsNotSupported),
    };
    Ok(Parsed {
        command,
        ne,
        encoding,
    })
}

/// Card notes §1.3: SELECT MF (P1 `00`), EF (P1 `02`), DF name (P1 `04`); P2 `00` or `0C`.
fn parse_select(apdu: &CommandApdu) -> Result<Select, StatusWord> {
    if !SELECT_P2.contains(&apdu.p2) {
        return Err(StatusWord::IncorrectP1P2);
    }
    let fid = |data: &[u8]| match data {
        [hi, lo] => Ok(u16::from_be_bytes([*hi, *lo])),
        _ => Err(StatusWord::LcInconsistentWithP1P2),
    };
    match apdu.p1 {
        0x00 if apdu.data.is_empty() => Ok(Select::Mf { with_fid: false }),
        0x00 => match fid(&apdu.data)? {
            menkyo_codec::layout::ic::FID_MF => Ok(Select::Mf { with_fid: true }),
            other => Ok(Select::OtherFid(other)),
        },
        0x02 => Ok(Select::Ef(fid(&apdu.data)?)),
        0x04 if (1..=16).contains(&apdu.data.len()) => Ok(Select::DfName(apdu.data.clone())),
        0x04 => Err(StatusWord::LcInconsistentWithP1P2),
        _ => Err(StatusWord::IncorrectP1P2),
    }
}

/// Card notes §1.3: READ BINARY with a 15-bit offset in P1-P2, or P1 = `80` + SFI and an 8-bit
/// offset in P2; §4: P1 = `80` (short EF identifier 0) reads the current EF with the 8-bit
/// offset in P2. No command data; Le required.
fn parse_read_binary(apdu: &CommandApdu) -> Result<ReadBinary, StatusWord> {
    let (target, offset) = if apdu.p1 & 0x80 == 0 {
        let offset = u16::from_be_bytes([apdu.p1, apdu.p2]);
        (ReadTarget::Current, usize::from(offset))
    } else {
        let sfi = apdu.p1 & 0x1F;
        if apdu.p1 & 0x60 != 0 {
            return Err(StatusWord::IncorrectP1P2);
        }
        let target = if sfi == 0 {
            ReadTarget::Current
        } else {
            ReadTarget::Sfi(sfi)
        };
        (target, usize::from(apdu.p2))
    };
    let ne = match apdu.ne {
        Some(ne) if apdu.data.is_empty() => ne,
        _ => return Err(StatusWord::WrongLength),
    };
    Ok(ReadBinary { target, offset, ne })
}

/// Card notes §1.3 and §2.2: VERIFY P1 `00`, P2 `80` (current IEF) or `80` + SFI; without data
/// it asks for the tries left.
fn parse_verify(apdu: CommandApdu) -> Result<Verify, StatusWord> {
    let reference = match (apdu.p1, apdu.p2) {
        (0x00, 0x80) => PinReference::CurrentEf,
        (0x00, 0x81..=0x9E) => PinReference::Sfi(apdu.p2 & 0x1F),
        _ => return Err(StatusWord::IncorrectP1P2),
    };
    let pin = (!apdu.data.is_empty()).then(|| Secret::new(apdu.data));
    Ok(Verify { reference, pin })
}

/// ISO/IEC 7816-4 §11.5.4 GET RESPONSE `00 C0 00 00 Le`.
fn parse_get_response(apdu: &CommandApdu) -> Result<Command, StatusWord> {
    if (apdu.p1, apdu.p2) != (0x00, 0x00) {
        return Err(StatusWord::IncorrectP1P2);
    }
    match apdu.ne {
        Some(ne) if apdu.data.is_empty() => Ok(Command::GetResponse { ne }),
        _ => Err(StatusWord::WrongLength),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_hex(hex: &str) -> Result<Command, StatusWord> {
        parse(&hex::decode(hex).unwrap(), false).map(|p| p.command)
    }

    #[test]
    fn select_forms() {
        assert_eq!(
            parse_hex("00A40000"),
            Ok(Command::Select(Select::Mf { with_fid: false }))
        );
        assert_eq!(
            parse_hex("00A4000C023F00"),
            Ok(Command::Select(Select::Mf { with_fid: true }))
        );
        assert_eq!(
            parse_hex("00A4020C022F01"),
            Ok(Command::Select(Select::Ef(0x2F01)))
        );
        assert_eq!(
            parse_hex("00A4020C03000102"),
            Err(StatusWord::LcInconsistentWithP1P2)
        );
        assert_eq!(parse_hex("00A40404"), Err(StatusWord::IncorrectP1P2));
        assert_eq!(parse_hex("00A4080C023F00"), Err(StatusWord::IncorrectP1P2));
    }

    #[test]
    fn read_binary_forms() {
        assert_eq!(
            parse_hex("00B08100000370"),
            Ok(Command::ReadBinary(ReadBinary {
                target: ReadTarget::Sfi(1),
                offset: 0,
                ne: 880
            }))
        );
        assert_eq!(
            parse_hex("00B07FFF00"),
            Ok(Command::ReadBinary(ReadBinary {
                target: ReadTarget::Current,
                offset: 0x7FFF,
                ne: 256
            }))
        );
        assert_eq!(parse_hex("00B00000"), Err(StatusWord::WrongLength));
        assert_eq!(parse_hex("00B0C00000"), Err(StatusWord::IncorrectP1P2));
        // P1 = 80: short EF identifier 0, the current EF, 8-bit offset in P2.
        assert_eq!(
            parse_hex("00B0800203"),
            Ok(Command::ReadBinary(ReadBinary {
                target: ReadTarget::Current,
                offset: 2,
                ne: 3
            }))
        );
    }

    #[test]
    fn class_and_instruction_checks_come_before_parameters() {
        assert_eq!(parse_hex("80A40000"), Err(StatusWord::ClaNotSupported));
        assert_eq!(parse_hex("00CA0000"), Err(StatusWord::InsNotSupported));
        assert_eq!(parse_hex("00C0000000"), Err(StatusWord::InsNotSupported));
        assert_eq!(
            parse_hex("002400810431323334"),
            Err(StatusWord::FunctionNotSupported)
        );
        assert_eq!(parse_hex("00B0"), Err(StatusWord::WrongLength));
    }

    #[test]
    fn verify_debug_hides_the_pin() {
        let command = parse_hex("0020008104 31323334".replace(' ', "").as_str()).unwrap();
        let text = format!("{command:?}");
        assert!(
            text.contains("REDACTED") && !text.contains("49, 50"),
            "{text}"
        );
    }
}
