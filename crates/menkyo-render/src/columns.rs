//! Text in terminal columns: East Asian wide characters take two.

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

/// `2 of 3 tries left`, the noun agreeing with the maximum (`1 of 1 try left`).
pub fn tries_left_of(left: impl std::fmt::Display, max: usize) -> String {
    format!("{left} of {} left", menkyo_codec::status::Tries(max))
}

/// `text` after `lead`, its words wrapped to `columns` characters and each further line
/// indented by the length of `lead` (a hanging indent: `  3  no reader …`).
pub fn hanging(lead: &str, text: &str, columns: usize) -> String {
    let mut line = lead.to_owned();
    let indent = lead.chars().count();
    let mut used = indent;
    for word in text.split(' ') {
        let len = word.chars().count();
        if used > indent && used + 1 + len > columns {
            line.push('\n');
            line.push_str(&" ".repeat(indent));
            used = indent;
        } else if used > indent {
            line.push(' ');
            used += 1;
        }
        line.push_str(word);
        used += len;
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tries_agree_with_their_number() {
        assert_eq!(tries_left_of(1, 3), "1 of 3 tries left");
        assert_eq!(tries_left_of(1, 1), "1 of 1 try left");
    }

    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!(width("氏名 a"), 6);
        assert_eq!(pad("氏名", 6), "氏名  ");
    }

    #[test]
    fn hanging_lines_fit_and_indent_under_the_text() {
        let text = hanging("  3  ", "no reader, no card, or no PC/SC service", 20);
        assert_eq!(
            text,
            "  3  no reader, no\n     card, or no\n     PC/SC service"
        );
        assert_eq!(hanging("- ", "短い", 20), "- 短い");
    }
}
