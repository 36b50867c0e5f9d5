//! Command and response APDUs (ISO/IEC 7816-4 §5.1): cases 1–4, short and extended length.
//!
//! Short: `Lc` is one byte (1–255) and `Le` one byte (`00` = 256). Extended: `Lc` is
//! `00 HH LL` (1–65 535), `Le` is two bytes after an extended `Lc` and `00 HH LL` in case 2,
//! `0000` meaning 65 536.

use std::fmt;

use crate::status::StatusWord;
use crate::Error;

/// INS of VERIFY (照合).
pub const INS_VERIFY: u8 = 0x20;
/// INS of CHANGE REFERENCE DATA (暗証番号変更).
pub const INS_CHANGE_REFERENCE_DATA: u8 = 0x24;
/// INS of RESET RETRY COUNTER (閉塞解除).
pub const INS_RESET_RETRY_COUNTER: u8 = 0x2C;
/// INS of SELECT FILE.
pub const INS_SELECT: u8 = 0xA4;
/// INS of READ BINARY.
pub const INS_READ_BINARY: u8 = 0xB0;
/// INS of GET RESPONSE.
pub const INS_GET_RESPONSE: u8 = 0xC0;

/// Largest Nc of a short command.
pub const MAX_SHORT_NC: usize = 255;
/// Largest Ne of a short command.
pub const MAX_SHORT_NE: usize = 256;
/// Largest Nc of an extended command.
pub const MAX_EXTENDED_NC: usize = 65_535;
/// Largest Ne of an extended command.
pub const MAX_EXTENDED_NE: usize = 65_536;

/// Instructions whose data can be a PIN or password, even and odd INS (ISO/IEC 7816-4): VERIFY,
/// CHANGE REFERENCE DATA, DISABLE and ENABLE VERIFICATION REQUIREMENT, RESET RETRY COUNTER, and
/// ENVELOPE, which can carry any of them.
pub const SECRET_INSTRUCTIONS: [u8; 12] = [
    0x20, 0x21, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2C, 0x2D, 0xC2, 0xC3,
];

/// Whether a command's data can be a PIN or password ([`SECRET_INSTRUCTIONS`]): such data must
/// never be printed.
pub fn ins_carries_secret(ins: u8) -> bool {
    SECRET_INSTRUCTIONS.contains(&ins)
}

/// Which length fields a command uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LengthEncoding {
    /// One-byte `Lc` and `Le` (also reported for case 1, which has no length field).
    Short,
    /// Two-byte `Lc` and `Le` behind a `00` marker.
    Extended,
}

/// The four command cases of ISO/IEC 7816-4 §5.1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ApduCase {
    /// No data, no response data.
    Case1,
    /// No data, response data expected.
    Case2,
    /// Data, no response data.
    Case3,
    /// Data and response data.
    Case4,
}

/// A command APDU.
#[derive(Clone, PartialEq, Eq)]
pub struct CommandApdu {
    /// Class byte.
    pub cla: u8,
    /// Instruction byte.
    pub ins: u8,
    /// Parameter 1.
    pub p1: u8,
    /// Parameter 2.
    pub p2: u8,
    /// Command data (Nc = its length).
    pub data: Vec<u8>,
    /// Expected response length Ne (1..=65536), `None` when no response data is expected.
    pub ne: Option<usize>,
}

impl CommandApdu {
    /// A case 1 command: header only.
    pub fn new(cla: u8, ins: u8, p1: u8, p2: u8) -> Self {
        Self {
            cla,
            ins,
            p1,
            p2,
            data: Vec::new(),
            ne: None,
        }
    }

    /// The same command with this data.
    #[must_use]
    pub fn with_data(mut self, data: impl Into<Vec<u8>>) -> Self {
        self.data = data.into();
        self
    }

    /// The same command expecting `ne` response bytes (1..=65536; 256 and 65536 are sent as
    /// `Le` = `00` and `0000`).
    #[must_use]
    pub fn with_ne(mut self, ne: usize) -> Self {
        self.ne = Some(ne);
        self
    }

    /// The command case, from the presence of data and of Ne.
    pub fn case(&self) -> ApduCase {
        match (self.data.is_empty(), self.ne.is_some()) {
            (true, false) => ApduCase::Case1,
            (true, true) => ApduCase::Case2,
            (false, false) => ApduCase::Case3,
            (false, true) => ApduCase::Case4,
        }
    }

    /// Parses a command in any of the cases, short or extended.
    pub fn parse(bytes: &[u8]) -> Result<Self, Error> {
        Self::parse_with_encoding(bytes).map(|(apdu, _)| apdu)
    }

    /// Parses a command and tells which length encoding it used.
    pub fn parse_with_encoding(bytes: &[u8]) -> Result<(Self, LengthEncoding), Error> {
        let Some((&[cla, ins, p1, p2], body)) = bytes.split_first_chunk::<4>() else {
            return Err(Error::CommandTooShort { len: bytes.len() });
        };
        let header = Self::new(cla, ins, p1, p2);
        let (data, ne, encoding) = match body {
            [] => (&[][..], None, LengthEncoding::Short),
            [le] => (&[][..], Some(short_ne(*le)), LengthEncoding::Short),
            [0x00, rest @ ..] => {
                let (data, ne) = parse_extended_body(rest)?;
                (data, ne, LengthEncoding::Extended)
            }
            [lc, rest @ ..] => {
                let (data, ne) = parse_short_body(usize::from(*lc), rest)?;
                (data, ne, LengthEncoding::Short)
            }
        };
        Ok((
            Self {
                data: data.to_vec(),
                ne,
                ..header
            },
            encoding,
        ))
    }

    /// Encodes in short form when Nc ≤ 255 and Ne ≤ 256, in extended form otherwise.
    pub fn to_bytes(&self) -> Result<Vec<u8>, Error> {
        let short = self.data.len() <= MAX_SHORT_NC && self.ne.is_none_or(|ne| ne <= MAX_SHORT_NE);
        self.to_bytes_with(if short {
            LengthEncoding::Short
        } else {
            LengthEncoding::Extended
        })
    }

    /// Encodes with the given length encoding; an error if Nc or Ne does not fit it.
    pub fn to_bytes_with(&self, encoding: LengthEncoding) -> Result<Vec<u8>, Error> {
        let (max_nc, max_ne) = match encoding {
            LengthEncoding::Short => (MAX_SHORT_NC, MAX_SHORT_NE),
            LengthEncoding::Extended => (MAX_EXTENDED_NC, MAX_EXTENDED_NE),
        };
        let nc = self.data.len();
        if nc > max_nc {
            return Err(Error::DataTooLong { nc, max: max_nc });
        }
        if let Some(ne) = self.ne {
            if ne == 0 || ne > max_ne {
                return Err(Error::NeOutOfRange { ne, max: max_ne });
            }
        }
        let mut out = Vec::with_capacity(4 + 3 + nc + 3);
        out.extend_from_slice(&[self.cla, self.ins, self.p1, self.p2]);
        match encoding {
            LengthEncoding::Short => {
                if nc > 0 {
                    out.push(nc as u8);
                    out.extend_from_slice(&self.data);
                }
                if let Some(ne) = self.ne {
                    // 256 wraps to 00.
                    out.push(ne as u8);
                }
            }
            LengthEncoding::Extended => {
                if nc > 0 {
                    out.push(0x00);
                    out.extend_from_slice(&(nc as u16).to_be_bytes());
                    out.extend_from_slice(&self.data);
                }
                if let Some(ne) = self.ne {
                    if nc == 0 {
                        out.push(0x00);
                    }
                    // 65536 wraps to 0000.
                    out.extend_from_slice(&(ne as u16).to_be_bytes());
                }
            }
        }
        Ok(out)
    }

    /// Whether the data is a PIN or password (see [`ins_carries_secret`]).
    pub fn carries_secret(&self) -> bool {
        ins_carries_secret(self.ins)
    }
}

fn short_ne(le: u8) -> usize {
    if le == 0 {
        MAX_SHORT_NE
    } else {
        usize::from(le)
    }
}

fn extended_ne(le: [u8; 2]) -> usize {
    match u16::from_be_bytes(le) {
        0 => MAX_EXTENDED_NE,
        n => usize::from(n),
    }
}

/// The `lc` data bytes at the start of `rest`, and what follows them.
fn split_data(lc: usize, rest: &[u8]) -> Result<(&[u8], &[u8]), Error> {
    rest.split_at_checked(lc).ok_or(Error::LcMismatch {
        lc,
        available: rest.len(),
    })
}

/// The body after a one-byte, non-zero Lc: data, then an optional one-byte Le.
fn parse_short_body(lc: usize, rest: &[u8]) -> Result<(&[u8], Option<usize>), Error> {
    let (data, tail) = split_data(lc, rest)?;
    match tail {
        [] => Ok((data, None)),
        [le] => Ok((data, Some(short_ne(*le)))),
        _ => Err(Error::CommandTrailingBytes {
            count: tail.len() - 1,
        }),
    }
}

/// The body after the `00` marker: `Le(2)` (case 2E) or `Lc(2) data [Le(2)]` (cases 3E, 4E).
fn parse_extended_body(rest: &[u8]) -> Result<(&[u8], Option<usize>), Error> {
    let Some((&lc, after_lc)) = rest.split_first_chunk::<2>() else {
        return Err(Error::TruncatedExtendedLength);
    };
    if after_lc.is_empty() {
        return Ok((&[], Some(extended_ne(lc))));
    }
    let lc = usize::from(u16::from_be_bytes(lc));
    if lc == 0 {
        return Err(Error::ExtendedLcZero);
    }
    let (data, tail) = split_data(lc, after_lc)?;
    match tail {
        [] => Ok((data, None)),
        [_] => Err(Error::ShortLeAfterExtendedLc),
        [a, b] => Ok((data, Some(extended_ne([*a, *b])))),
        _ => Err(Error::CommandTrailingBytes {
            count: tail.len() - 2,
        }),
    }
}

impl fmt::Debug for CommandApdu {
    /// Prints the header, Ne and the data in hex, except the data of PIN commands.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("CommandApdu");
        s.field("cla", &format_args!("{:02X}", self.cla))
            .field("ins", &format_args!("{:02X}", self.ins))
            .field("p1", &format_args!("{:02X}", self.p1))
            .field("p2", &format_args!("{:02X}", self.p2));
        if self.carries_secret() && !self.data.is_empty() {
            s.field(
                "data",
                &format_args!("REDACTED ({} bytes)", self.data.len()),
            );
        } else {
            s.field("data", &format_args!("{}", hex::encode_upper(&self.data)));
        }
        s.field("ne", &self.ne).finish()
    }
}

/// A response APDU: data, then the status word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseApdu {
    /// Response data.
    pub data: Vec<u8>,
    /// SW1 SW2.
    pub sw: StatusWord,
}

impl ResponseApdu {
    /// A response with data.
    pub fn new(data: impl Into<Vec<u8>>, sw: StatusWord) -> Self {
        Self {
            data: data.into(),
            sw,
        }
    }

    /// A response with a status word only.
    pub fn status(sw: StatusWord) -> Self {
        Self {
            data: Vec::new(),
            sw,
        }
    }

    /// Splits a raw answer into data and SW1 SW2.
    pub fn parse(bytes: &[u8]) -> Result<Self, Error> {
        let Some((data, &[sw1, sw2])) = bytes.split_last_chunk::<2>() else {
            return Err(Error::ResponseTooShort { len: bytes.len() });
        };
        Ok(Self {
            data: data.to_vec(),
            sw: StatusWord::from_bytes(sw1, sw2),
        })
    }

    /// Data followed by SW1 SW2.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.data.len() + 2);
        out.extend_from_slice(&self.data);
        out.extend_from_slice(&self.sw.to_bytes());
        out
    }
}

#[cfg(test)]
mod tests;
