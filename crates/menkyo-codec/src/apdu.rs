//! Command and response APDUs (ISO/IEC 7816-4 §5.1): cases 1–4, short and extended length.
// Stub: parsing, typed errors and the full encoder follow.

use crate::status::StatusWord;

/// A command APDU.
#[derive(Debug, Clone, PartialEq, Eq)]
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

/// A response APDU: data, then the status word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseApdu {
    /// Response data.
    pub data: Vec<u8>,
    /// SW1 SW2.
    pub sw: StatusWord,
}
