//! The date in Japan now (JST, UTC+9, no daylight saving): the day a licence's validity is told
//! for when the caller names none.

use menkyo_codec::date::Date;

/// Today's date in Japan, from the system clock; 1970-01-01 for a clock before it.
pub fn today() -> Date {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    on_unix_seconds(seconds)
}

/// The date in Japan `seconds` after 1970-01-01T00:00Z.
fn on_unix_seconds(seconds: u64) -> Date {
    let days = (seconds + 9 * 3600) / 86_400;
    i64::try_from(days)
        .ok()
        .and_then(Date::from_unix_days)
        .unwrap_or_else(|| Date::new(1970, 1, 1).unwrap_or_else(|_| unreachable!()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_day_turns_at_midnight_in_japan() {
        // 2026-03-31T14:59:59Z is 23:59:59 in Japan; a second later it is April.
        let before = 1_774_969_199;
        assert_eq!(on_unix_seconds(before), Date::new(2026, 3, 31).unwrap());
        assert_eq!(on_unix_seconds(before + 1), Date::new(2026, 4, 1).unwrap());
        assert!(today() > Date::new(2025, 1, 1).unwrap());
    }
}
