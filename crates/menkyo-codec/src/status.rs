//! ISO/IEC 7816-4 status words (SW1 SW2, ステータスワード) and what they mean on these cards.
//!
//! The fixed status words live in one table (the `status_words!` list) that gives each variant its
//! value, its English meaning and its Japanese term; the enum, the conversions and `Display`
//! are generated from it. The counter forms (`61xx`, `63Cx`, `6Cxx`) are written by hand, and
//! every other value is kept as is in [`StatusWord::Other`], so `from_u16` → `to_u16` is lossless.

use std::fmt;

/// Generates [`StatusWord`] and its lookups from one list of
/// `Variant = value, "English meaning", "日本語";`.
macro_rules! status_words {
    ($( $variant:ident = $value:literal, $en:literal, $ja:literal; )*) => {
        /// A status word (SW1 SW2).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum StatusWord {
            $(
                #[doc = concat!("`", stringify!($value), "`: ", $en, " (", $ja, ").")]
                $variant,
            )*
            /// `0x61xx`: xx more bytes are available with GET RESPONSE (`00` = 256)
            /// (応答データ残りあり).
            MoreAvailable(u8),
            /// `0x63Cx`: verification failed, x tries left (照合不一致、残り x 回).
            /// Only the low nibble is sent.
            RemainingRetries(u8),
            /// `0x6Cxx`: wrong Le; xx is the exact length (`00` = 256) (Le 不正).
            WrongLe(u8),
            /// Any other value, kept as is.
            Other(u16),
        }

        impl StatusWord {
            /// Every status word of the table (the counter forms and `Other` excluded).
            pub const FIXED: &'static [StatusWord] = &[$(StatusWord::$variant),*];

            fn fixed_from_u16(v: u16) -> Option<Self> {
                match v {
                    $( $value => Some(Self::$variant), )*
                    _ => None,
                }
            }

            fn fixed_entry(self) -> Option<(u16, &'static str, &'static str)> {
                match self {
                    $( Self::$variant => Some(($value, $en, $ja)), )*
                    _ => None,
                }
            }
        }
    };
}

status_words! {
    Success = 0x9000, "success", "正常終了";
    SelectedDfBlocked = 0x6283, "selected DF is blocked", "選択されたDFが閉塞している";
    VerificationFailed = 0x6300, "verification failed", "照合不一致";
    MemoryFailure = 0x6581, "memory failure", "メモリ異常";
    WrongLength = 0x6700, "wrong Lc or Le", "Lc/Le不正";
    IncompatibleFileStructure = 0x6981, "command incompatible with file structure",
        "ファイル構造と矛盾するコマンド";
    SecurityStatusNotSatisfied = 0x6982, "security status not satisfied",
        "セキュリティステータスが満足されていない";
    PinBlocked = 0x6984, "referenced PIN is blocked", "参照された暗証番号が閉塞している";
    ConditionsNotSatisfied = 0x6985, "conditions of use not satisfied", "使用条件が満足されていない";
    NoCurrentEf = 0x6986, "no current EF", "カレントEFがない";
    IncorrectData = 0x6A80, "incorrect parameters in the data field", "データフィールドのパラメータ不正";
    FunctionNotSupported = 0x6A81, "function not supported", "機能がサポートされていない";
    FileNotFound = 0x6A82, "file not found", "ファイルが存在しない";
    IncorrectP1P2 = 0x6A86, "incorrect P1-P2", "P1-P2不正";
    LcInconsistentWithP1P2 = 0x6A87, "Lc inconsistent with P1-P2", "LcがP1-P2と矛盾している";
    ReferencedDataNotFound = 0x6A88, "referenced data not found", "参照されたデータが存在しない";
    OffsetOutsideEf = 0x6B00, "offset outside the EF", "オフセットがEFの範囲外";
    InsNotSupported = 0x6D00, "INS not supported", "INSがサポートされていない";
    ClaNotSupported = 0x6E00, "CLA not supported", "CLAがサポートされていない";
    NoPreciseDiagnosis = 0x6F00, "no precise diagnosis", "原因を特定できないエラー";
}

impl StatusWord {
    /// From the two status bytes.
    pub fn from_bytes(sw1: u8, sw2: u8) -> Self {
        Self::from_u16(u16::from_be_bytes([sw1, sw2]))
    }

    /// From the 16-bit value `SW1 << 8 | SW2`.
    pub fn from_u16(v: u16) -> Self {
        if let Some(sw) = Self::fixed_from_u16(v) {
            return sw;
        }
        let [sw1, sw2] = v.to_be_bytes();
        match (sw1, sw2) {
            (0x61, n) => Self::MoreAvailable(n),
            (0x63, 0xC0..=0xCF) => Self::RemainingRetries(sw2 & 0x0F),
            (0x6C, n) => Self::WrongLe(n),
            _ => Self::Other(v),
        }
    }

    /// The 16-bit value `SW1 << 8 | SW2`.
    pub fn to_u16(self) -> u16 {
        match self {
            Self::MoreAvailable(n) => 0x6100 | u16::from(n),
            Self::RemainingRetries(n) => 0x63C0 | u16::from(n & 0x0F),
            Self::WrongLe(n) => 0x6C00 | u16::from(n),
            Self::Other(v) => v,
            fixed => fixed.fixed_entry().map_or(0, |(v, _, _)| v),
        }
    }

    /// The two status bytes.
    pub fn to_bytes(self) -> [u8; 2] {
        self.to_u16().to_be_bytes()
    }

    /// `9000` 正常終了.
    pub fn is_success(self) -> bool {
        self == Self::Success
    }

    /// Whether the card refused the command: SW1 `64`–`6F`, the execution and checking errors
    /// of ISO/IEC 7816-4 §5.6 (warnings `62`/`63` and `61xx`/`9000` are not).
    pub fn is_error(self) -> bool {
        (0x64..=0x6F).contains(&self.to_bytes()[0])
    }

    /// The English meaning and the Japanese term; `None` for a value outside the table.
    pub fn meaning(self) -> Option<(&'static str, &'static str)> {
        match self {
            Self::MoreAvailable(_) => Some(("more data available", "応答データ残りあり")),
            Self::RemainingRetries(_) => Some(("verification failed", "照合不一致")),
            Self::WrongLe(_) => Some(("wrong Le", "Le不正")),
            Self::Other(_) => None,
            fixed => fixed.fixed_entry().map(|(_, en, ja)| (en, ja)),
        }
    }
}

impl From<u16> for StatusWord {
    fn from(v: u16) -> Self {
        Self::from_u16(v)
    }
}

impl From<StatusWord> for u16 {
    fn from(sw: StatusWord) -> Self {
        sw.to_u16()
    }
}

impl fmt::Display for StatusWord {
    /// `6982: security status not satisfied (セキュリティステータスが満足されていない)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.to_u16();
        match *self {
            Self::MoreAvailable(n) => {
                let n = if n == 0 { 256 } else { usize::from(n) };
                write!(
                    f,
                    "{v:04X}: {n} more bytes available (応答データ残り{n}バイト)"
                )
            }
            Self::RemainingRetries(n) => {
                let n = n & 0x0F;
                write!(
                    f,
                    "{v:04X}: verification failed, {} left (照合不一致、残り{n}回)",
                    Tries(usize::from(n))
                )
            }
            Self::WrongLe(n) => {
                let n = if n == 0 { 256 } else { usize::from(n) };
                write!(f, "{v:04X}: wrong Le, expected {n} (Le不正、正しいLeは{n})")
            }
            other => match other.meaning() {
                Some((en, ja)) => write!(f, "{v:04X}: {en} ({ja})"),
                None => write!(f, "{v:04X}: unknown status word (未定義のステータスワード)"),
            },
        }
    }
}

/// A number of PIN tries with the noun agreeing: `1 try`, `0 tries`, `3 tries`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tries(pub usize);

impl fmt::Display for Tries {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            1 => f.write_str("1 try"),
            n => write!(f, "{n} tries"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_sw1_64_to_6f() {
        for (sw, error) in [
            (0x9000, false),
            (0x6100, false),
            (0x63C2, false),
            (0x6281, false),
            (0x6400, true),
            (0x6982, true),
            (0x6A82, true),
            (0x6F00, true),
            (0x9100, false),
        ] {
            assert_eq!(StatusWord::from_u16(sw).is_error(), error, "{sw:04X}");
        }
    }

    #[test]
    fn every_value_round_trips() {
        for v in 0..=u16::MAX {
            assert_eq!(StatusWord::from_u16(v).to_u16(), v, "{v:04X}");
            let [a, b] = v.to_be_bytes();
            assert_eq!(StatusWord::from_bytes(a, b).to_bytes(), [a, b]);
        }
    }

    #[test]
    fn table_values_are_distinct_and_decode_to_their_variant() {
        let mut seen = std::collections::HashSet::new();
        for &sw in StatusWord::FIXED {
            let v = sw.to_u16();
            assert!(seen.insert(v), "{v:04X} twice");
            assert_eq!(StatusWord::from_u16(v), sw);
        }
    }

    #[test]
    fn card_notes_status_words_are_named() {
        for v in [
            0x9000, 0x6283, 0x6300, 0x63C2, 0x6700, 0x6981, 0x6982, 0x6984, 0x6986, 0x6A81, 0x6A82,
            0x6A86, 0x6A87, 0x6B00, 0x6D00, 0x6E00, 0x6110, 0x6C10, 0x6581, 0x6A80, 0x6A88, 0x6985,
            0x6F00,
        ] {
            let sw = StatusWord::from_u16(v);
            assert!(!matches!(sw, StatusWord::Other(_)), "{v:04X}");
            assert!(sw.meaning().is_some());
        }
    }

    #[test]
    fn counters() {
        assert_eq!(
            StatusWord::from_u16(0x63CA),
            StatusWord::RemainingRetries(10)
        );
        assert_eq!(StatusWord::from_u16(0x6300), StatusWord::VerificationFailed);
        assert_eq!(StatusWord::from_u16(0x63B1), StatusWord::Other(0x63B1));
        assert_eq!(StatusWord::from_u16(0x6100), StatusWord::MoreAvailable(0));
        assert_eq!(StatusWord::from_u16(0x6C70), StatusWord::WrongLe(0x70));
        assert!(StatusWord::from_bytes(0x90, 0x00).is_success());
        assert!(!StatusWord::from_u16(0x6282).is_success());
    }

    #[test]
    fn display() {
        assert_eq!(
            StatusWord::SecurityStatusNotSatisfied.to_string(),
            "6982: security status not satisfied (セキュリティステータスが満足されていない)"
        );
        assert_eq!(
            StatusWord::RemainingRetries(2).to_string(),
            "63C2: verification failed, 2 tries left (照合不一致、残り2回)"
        );
        assert_eq!(
            StatusWord::RemainingRetries(1).to_string(),
            "63C1: verification failed, 1 try left (照合不一致、残り1回)"
        );
        assert_eq!(
            StatusWord::RemainingRetries(0).to_string(),
            "63C0: verification failed, 0 tries left (照合不一致、残り0回)"
        );
        assert_eq!(
            StatusWord::MoreAvailable(0).to_string(),
            "6100: 256 more bytes available (応答データ残り256バイト)"
        );
        assert_eq!(
            StatusWord::Other(0x1234).to_string(),
            "1234: unknown status word (未定義のステータスワード)"
        );
    }
}
