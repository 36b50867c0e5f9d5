//! How records are printed for people: a labelled table, or an item listing in hex.

pub mod hexdump;
pub mod licence;
pub mod ordered;
pub mod table;

use ordered::Ordered;

/// Columns a string takes in a terminal: two for East Asian wide and full-width characters.
pub fn width(s: &str) -> usize {
    s.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

/// `s` padded with spaces to `columns`.
pub fn pad(s: &str, columns: usize) -> String {
    let mut out = s.to_owned();
    out.extend(std::iter::repeat_n(' ', columns.saturating_sub(width(s))));
    out
}

/// The classes held of a document's `classes` list, `普通 2010-06-01, 原付`, or `なし (none)`.
pub fn classes(items: &[Ordered]) -> String {
    let held: Vec<String> = items
        .iter()
        .filter(|c| c.get("licensed") == Some(&Ordered::Bool(true)))
        .map(|c| {
            let name = match c.get("name") {
                Some(Ordered::String(name)) => name.as_str(),
                _ => "",
            };
            match c.get("since") {
                Some(Ordered::String(since)) => format!("{name} {since}"),
                _ => name.to_owned(),
            }
        })
        .collect();
    if held.is_empty() {
        "なし (none)".into()
    } else {
        held.join(", ")
    }
}

/// `2 of 3 tries left`, the noun agreeing with the maximum (`1 of 1 try left`).
pub fn tries_left_of(left: impl std::fmt::Display, max: usize) -> String {
    format!("{left} of {} left", menkyo_codec::status::Tries(max))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tries_agree_with_their_number() {
        assert_eq!(tries_left_of(1, 3), "1 of 3 tries left");
        assert_eq!(tries_left_of(1, 1), "1 of 1 try left");
        assert_eq!(tries_left_of(0, 10), "0 of 10 tries left");
    }

    #[test]
    fn japanese_takes_two_columns() {
        assert_eq!(width("氏名"), 4);
        assert_eq!(width("name"), 4);
        assert_eq!(width("見本　花子１"), 12);
        assert_eq!(pad("氏名", 6), "氏名  ");
    }
}
