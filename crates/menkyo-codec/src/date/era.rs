//! The five eras (元号) a date7 can name.

use std::fmt;

use super::Date;

/// An era (元号), by its date7 digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Era {
    /// 1: 明治, from 1868-01-25.
    Meiji,
    /// 2: 大正, from 1912-07-30.
    Taisho,
    /// 3: 昭和, from 1926-12-25.
    Showa,
    /// 4: 平成, from 1989-01-08.
    Heisei,
    /// 5: 令和, from 2019-05-01.
    Reiwa,
}

/// One row of [`ERAS`].
struct EraInfo {
    era: Era,
    digit: u8,
    name: &'static str,
    start: Date,
}

const fn info(
    era: Era,
    digit: u8,
    name: &'static str,
    (year, month, day): (u16, u8, u8),
) -> EraInfo {
    EraInfo {
        era,
        digit,
        name,
        start: Date { year, month, day },
    }
}

/// Each era with its date7 digit, its name and its first day.
const ERAS: [EraInfo; 5] = [
    info(Era::Meiji, 1, "明治", (1868, 1, 25)),
    info(Era::Taisho, 2, "大正", (1912, 7, 30)),
    info(Era::Showa, 3, "昭和", (1926, 12, 25)),
    info(Era::Heisei, 4, "平成", (1989, 1, 8)),
    info(Era::Reiwa, 5, "令和", (2019, 5, 1)),
];

impl Era {
    /// Every era, oldest first.
    pub const ALL: [Era; 5] = [Era::Meiji, Era::Taisho, Era::Showa, Era::Heisei, Era::Reiwa];

    fn info(self) -> &'static EraInfo {
        &ERAS[self as usize]
    }

    /// The era of a date7 digit (1–5).
    pub fn from_digit(digit: u8) -> Option<Self> {
        ERAS.iter().find(|i| i.digit == digit).map(|i| i.era)
    }

    /// Its date7 digit.
    pub fn digit(self) -> u8 {
        self.info().digit
    }

    /// Its name: 明治, 大正, 昭和, 平成 or 令和.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// Its first day.
    pub fn start(self) -> Date {
        self.info().start
    }

    /// The first day of the next era; `None` for the current era.
    pub fn next_start(self) -> Option<Date> {
        Self::ALL.get(self as usize + 1).map(|next| next.start())
    }

    /// Gregorian year of its year 1 (元年).
    pub fn first_year(self) -> u16 {
        self.info().start.year
    }

    /// Whether the date falls in this era.
    pub fn contains(self, date: Date) -> bool {
        date >= self.start() && self.next_start().is_none_or(|next| date < next)
    }

    /// The era a date falls in; `None` before 明治.
    pub fn of(date: Date) -> Option<Self> {
        Self::ALL.into_iter().rev().find(|era| date >= era.start())
    }

    /// The year of the era (1 = 元年) of a date in it.
    pub fn year_of_era(self, date: Date) -> u16 {
        date.year.saturating_sub(self.first_year()) + 1
    }
}

impl fmt::Display for Era {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
