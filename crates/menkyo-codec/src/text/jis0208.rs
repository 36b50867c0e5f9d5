//! The JIS X 0208 code table (rows 1–8 and 16–84, 6 879 characters) in both directions.
//!
//! Built once from `encoding_rs`'s EUC-JP decoder (each row/cell byte + 0x80), restricted to
//! the rows JIS X 0208 assigns (the NEC row 13 and the IBM rows 89–92 of that decoder are
//! left out). The symbols of rows 1 and 2 that mappings disagree on are set to the choices in
//! [`AMBIGUOUS`] (those of glibc's and Python's EUC-JP); `docs/text.md` gives the reasons.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Cells per row, and rows.
const SIZE: usize = 94;

/// The symbols Unicode mappings disagree on: code, the character we decode to, and the other
/// characters we also encode to that code.
pub const AMBIGUOUS: &[(u16, char, &[char])] = &[
    // ￣ FULLWIDTH MACRON; OVERLINE in the JIS X 0213 mapping.
    (0x2131, '\u{FFE3}', &['\u{203E}']),
    // ― HORIZONTAL BAR; EM DASH in the JIS X 0213 mapping.
    (0x213D, '\u{2015}', &['\u{2014}']),
    // ＼ FULLWIDTH REVERSE SOLIDUS; REVERSE SOLIDUS in JIS0208.TXT.
    (0x2140, '\u{FF3C}', &['\u{005C}']),
    // 〜 WAVE DASH; FULLWIDTH TILDE in CP932 and WHATWG.
    (0x2141, '\u{301C}', &['\u{FF5E}']),
    // ‖ DOUBLE VERTICAL LINE; PARALLEL TO in CP932 and WHATWG.
    (0x2142, '\u{2016}', &['\u{2225}']),
    // − MINUS SIGN; FULLWIDTH HYPHEN-MINUS in CP932 and WHATWG.
    (0x215D, '\u{2212}', &['\u{FF0D}']),
    // ¢ CENT SIGN; FULLWIDTH CENT SIGN in CP932 and WHATWG.
    (0x2171, '\u{00A2}', &['\u{FFE0}']),
    // £ POUND SIGN; FULLWIDTH POUND SIGN in CP932 and WHATWG.
    (0x2172, '\u{00A3}', &['\u{FFE1}']),
    // ¬ NOT SIGN; FULLWIDTH NOT SIGN in CP932 and WHATWG.
    (0x224C, '\u{00AC}', &['\u{FFE2}']),
];

/// Whether JIS X 0208 assigns characters in this row (区).
pub fn is_assigned_row(row: u8) -> bool {
    matches!(row, 1..=8 | 16..=84)
}

struct Table {
    /// Indexed by `(row - 1) * 94 + (cell - 1)`.
    to_char: Vec<Option<char>>,
    to_code: HashMap<char, u16>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(build)
}

fn build() -> Table {
    let mut to_char = vec![None; SIZE * SIZE];
    let mut to_code = HashMap::with_capacity(7_000);
    for (index, slot) in to_char.iter_mut().enumerate() {
        let (row, cell) = (index / SIZE + 1, index % SIZE + 1);
        let (Ok(row), Ok(cell)) = (u8::try_from(row), u8::try_from(cell)) else {
            continue;
        };
        if !is_assigned_row(row) {
            continue;
        }
        let euc = [row + 0xA0, cell + 0xA0];
        let (decoded, had_errors) = encoding_rs::EUC_JP.decode_without_bom_handling(&euc);
        let mut chars = decoded.chars();
        if let (false, Some(c), None) = (had_errors, chars.next(), chars.next()) {
            *slot = Some(c);
            to_code.insert(c, u16::from_be_bytes([row + 0x20, cell + 0x20]));
        }
    }
    for &(code, canonical, others) in AMBIGUOUS {
        if let Some(slot) = index(code).and_then(|i| to_char.get_mut(i)) {
            *slot = Some(canonical);
        }
        to_code.insert(canonical, code);
        for &other in others {
            to_code.insert(other, code);
        }
    }
    Table { to_char, to_code }
}

fn index(code: u16) -> Option<usize> {
    let [hi, lo] = code.to_be_bytes();
    if !(0x21..=0x7E).contains(&hi) || !(0x21..=0x7E).contains(&lo) {
        return None;
    }
    Some(usize::from(hi - 0x21) * SIZE + usize::from(lo - 0x21))
}

/// The character of a JIS X 0208 code (`0x2121`–`0x7E7E`); `None` if unassigned.
pub fn to_char(code: u16) -> Option<char> {
    index(code).and_then(|i| table().to_char.get(i).copied().flatten())
}

/// The JIS X 0208 code of a character, including the alternative mappings of [`AMBIGUOUS`].
pub fn to_code(c: char) -> Option<u16> {
    table().to_code.get(&c).copied()
}

/// Every assigned code, in order.
pub fn assigned_codes() -> impl Iterator<Item = u16> {
    (0x21u8..=0x7E)
        .filter(|hi| is_assigned_row(hi - 0x20))
        .flat_map(|hi| (0x21u8..=0x7E).map(move |lo| u16::from_be_bytes([hi, lo])))
        .filter(|&code| to_char(code).is_some())
}
