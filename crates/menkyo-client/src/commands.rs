//! The commands both cards take (all CLA 00), as typed [`CommandApdu`]s.

use std::ops::Deref;

use zeroize::Zeroize;

use menkyo_codec::apdu::{CommandApdu, INS_GET_RESPONSE, INS_READ_BINARY, INS_SELECT, INS_VERIFY};

const CLA: u8 = 0x00;

/// Largest offset READ BINARY takes in P1-P2 (15 bits).
pub const MAX_READ_OFFSET: usize = 0x7FFF;

/// SELECT FILE of the MF: `00 A4 00 00`.
pub fn select_mf() -> CommandApdu {
    CommandApdu::new(CLA, INS_SELECT, 0x00, 0x00)
}

/// SELECT FILE of an EF in the current DF, no response data: `00 A4 02 0C 02 <FID>`.
pub fn select_ef(fid: u16) -> CommandApdu {
    CommandApdu::new(CLA, INS_SELECT, 0x02, 0x0C).with_data(fid.to_be_bytes())
}

/// SELECT FILE of a DF or application by name, no response data: `00 A4 04 0C <Lc> <AID>`.
pub fn select_aid(aid: &[u8]) -> CommandApdu {
    CommandApdu::new(CLA, INS_SELECT, 0x04, 0x0C).with_data(aid)
}

/// READ BINARY of the current EF from a 15-bit offset: `00 B0 <offset> <Le>`.
/// The caller keeps `offset` within [`MAX_READ_OFFSET`].
pub fn read_binary(offset: u16, ne: usize) -> CommandApdu {
    let [p1, p2] = (offset & 0x7FFF).to_be_bytes();
    CommandApdu::new(CLA, INS_READ_BINARY, p1, p2).with_ne(ne)
}

/// READ BINARY by short file identifier from offset 0: `00 B0 <80+SFI> 00 <Le>`. Makes that EF
/// the current EF (ISO/IEC 7816-4 §7.2.2).
pub fn read_binary_sfi(sfi: u8, ne: usize) -> CommandApdu {
    CommandApdu::new(CLA, INS_READ_BINARY, 0x80 | (sfi & 0x1F), 0x00).with_ne(ne)
}

/// VERIFY without data: asks the tries left (`63Cx`) without spending one.
pub fn query_tries(p2: u8) -> CommandApdu {
    CommandApdu::new(CLA, INS_VERIFY, 0x00, p2)
}

/// VERIFY with the PIN bytes; the command wipes them when dropped.
pub fn verify(p2: u8, pin: &[u8]) -> SecretCommand {
    SecretCommand(CommandApdu::new(CLA, INS_VERIFY, 0x00, p2).with_data(pin))
}

/// A command whose data is a PIN or password: its data is wiped on drop, and its `Debug`
/// (that of [`CommandApdu`]) prints `REDACTED`.
#[derive(Debug)]
pub struct SecretCommand(CommandApdu);

impl Deref for SecretCommand {
    type Target = CommandApdu;

    fn deref(&self) -> &CommandApdu {
        &self.0
    }
}

impl Drop for SecretCommand {
    fn drop(&mut self) {
        self.0.data.zeroize();
    }
}

/// GET RESPONSE: `00 C0 00 00 <Le>`.
pub fn get_response(ne: usize) -> CommandApdu {
    CommandApdu::new(CLA, INS_GET_RESPONSE, 0x00, 0x00).with_ne(ne)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(apdu: &CommandApdu) -> String {
        hex::encode_upper(apdu.to_bytes().unwrap_or_default())
    }

    #[test]
    fn card_notes_encodings() {
        assert_eq!(hex(&select_mf()), "00A40000");
        assert_eq!(hex(&select_ef(0x2F01)), "00A4020C022F01");
        assert_eq!(
            hex(&select_aid(&menkyo_codec::layout::ic::AID_DF1)),
            "00A4040C10A0000002310100000000000000000000"
        );
        assert_eq!(hex(&read_binary_sfi(0x0A, 3)), "00B08A0003");
        assert_eq!(hex(&read_binary_sfi(0x01, 880)), "00B08100000370");
        assert_eq!(hex(&read_binary(0x0100, 256)), "00B0010000");
        assert_eq!(hex(&query_tries(0x81)), "00200081");
        assert_eq!(hex(&verify(0x86, b"****")), "00200086042A2A2A2A");
        assert_eq!(hex(&get_response(0x10)), "00C0000010");
    }
}
