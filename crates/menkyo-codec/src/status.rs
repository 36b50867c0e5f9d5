//! ISO 7816-4 status words (SW1 SW2) and what they mean on these cards.
// Stub: the full enum with every status word of the card notes follows.

/// A status word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StatusWord {
    /// `9000` 正常終了.
    Success,
    /// `61xx`: xx more bytes with GET RESPONSE.
    MoreAvailable(u8),
    /// `63Cx`: verification failed, x tries left.
    RemainingRetries(u8),
    /// `6Cxx`: wrong Le; xx is the right one.
    WrongLe(u8),
    /// Anything else, kept as is.
    Other(u16),
}

impl StatusWord {
    /// From the two status bytes.
    pub fn from_bytes(sw1: u8, sw2: u8) -> Self {
        Self::from_u16(u16::from_be_bytes([sw1, sw2]))
    }
    /// From the 16-bit value.
    pub fn from_u16(v: u16) -> Self {
        match v {
            0x9000 => Self::Success,
            0x6100..=0x61FF => Self::MoreAvailable(v as u8),
            0x63C0..=0x63CF => Self::RemainingRetries((v & 0x0F) as u8),
            0x6C00..=0x6CFF => Self::WrongLe(v as u8),
            _ => Self::Other(v),
        }
    }
    /// The 16-bit value.
    pub fn to_u16(self) -> u16 {
        match self {
            Self::Success => 0x9000,
            Self::MoreAvailable(n) => 0x6100 | n as u16,
            Self::RemainingRetries(n) => 0x63C0 | (n & 0x0F) as u16,
            Self::WrongLe(n) => 0x6C00 | n as u16,
            Self::Other(v) => v,
        }
    }
    /// The two status bytes.
    pub fn to_bytes(self) -> [u8; 2] {
        self.to_u16().to_be_bytes()
    }
    /// `9000`.
    pub fn is_success(self) -> bool {
        self == Self::Success
    }
}
