//! Dates on the cards: the Japanese era (元号) dates "date7" of DF1 and the 免許AP, and the
//! Gregorian BCD `YYYYMMDD` of MF/EF01, over a small Gregorian [`Date`].

mod era;
mod validity;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Error;

pub use era::Era;
pub use validity::{renewal_period, RenewalBasis, RenewalPeriod, Validity, ValidityState};

/// A Gregorian calendar date, years 1–9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// A date, checked against the calendar (leap years included).
    pub fn new(year: u16, month: u8, day: u8) -> Result<Self, Error> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        if valid {
            Ok(Self { year, month, day })
        } else {
            Err(Error::NotACalendarDate { year, month, day })
        }
    }

    /// Year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// Month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// Day of the month.
    pub fn day(self) -> u8 {
        self.day
    }

    /// From 4 bytes of BCD `YYYYMMDD` (交付年月日 and 有効期間の末日 of MF/EF01).
    pub fn parse_bcd(bytes: &[u8]) -> Result<Self, Error> {
        let &[y1, y2, m, d] = bytes else {
            return Err(Error::DateLength {
                what: "BCD date",
                len: bytes.len(),
                expected: 4,
            });
        };
        let mut digits = [0u16; 4];
        for (offset, (slot, byte)) in digits.iter_mut().zip([y1, y2, m, d]).enumerate() {
            let (hi, lo) = (byte >> 4, byte & 0x0F);
            if hi > 9 || lo > 9 {
                return Err(Error::BadNibble { offset, byte });
            }
            *slot = u16::from(hi * 10 + lo);
        }
        let [century, year, month, day] = digits;
        Self::new(century * 100 + year, month as u8, day as u8)
    }

    /// As 4 bytes of BCD `YYYYMMDD`.
    pub fn to_bcd(self) -> [u8; 4] {
        let bcd = |v: u16| (((v / 10 % 10) << 4) | (v % 10)) as u8;
        [
            bcd(self.year / 100),
            bcd(self.year % 100),
            bcd(self.month.into()),
            bcd(self.day.into()),
        ]
    }
}

fn is_leap(year: u16) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    /// ISO 8601 `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = Error;

    /// From ISO 8601 `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Self, Error> {
        let bytes = s.as_bytes();
        let &[y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = bytes else {
            return Err(Error::NotIso);
        };
        let number = |digits: &[u8]| {
            digits.iter().try_fold(0u16, |acc, &b| {
                b.is_ascii_digit().then(|| acc * 10 + u16::from(b - b'0'))
            })
        };
        let (Some(year), Some(month), Some(day)) = (
            number(&[y1, y2, y3, y4]),
            number(&[m1, m2]),
            number(&[d1, d2]),
        ) else {
            return Err(Error::NotIso);
        };
        Self::new(year, month as u8, day as u8)
    }
}

impl Serialize for Date {
    /// As the string `YYYY-MM-DD`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    /// From the string `YYYY-MM-DD`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// A "date7": 7 ASCII digits, era digit + YYMMDD (生年月日, 交付年月日, 有効期間の末日, the
/// licence class dates of DF1/EF01, tag C5 of the 免許AP).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Date7 {
    /// A date in an era.
    Date {
        /// The era (元号).
        era: Era,
        /// The Gregorian date.
        date: Date,
    },
    /// `YYMMDD` = `000000`: a licence class the holder does not have. The era digit, often
    /// non-zero, is kept so the 7 bytes come back unchanged.
    NotLicensed {
        /// The era digit as written, 0–9.
        era_digit: u8,
    },
}

impl Date7 {
    /// Reads 7 ASCII digits.
    pub fn parse(bytes: &[u8]) -> Result<Self, Error> {
        let Ok(raw) = <[u8; 7]>::try_from(bytes) else {
            return Err(Error::DateLength {
                what: "date7",
                len: bytes.len(),
                expected: 7,
            });
        };
        let mut digits = [0u8; 7];
        for (offset, (slot, byte)) in digits.iter_mut().zip(raw).enumerate() {
            if !byte.is_ascii_digit() {
                return Err(Error::DateNotDigit { offset, byte });
            }
            *slot = byte - b'0';
        }
        let [era_digit, y1, y2, m1, m2, d1, d2] = digits;
        let (year_of_era, month, day) = (y1 * 10 + y2, m1 * 10 + m2, d1 * 10 + d2);
        if (year_of_era, month, day) == (0, 0, 0) {
            return Ok(Self::NotLicensed { era_digit });
        }
        let era = Era::from_digit(era_digit).ok_or(Error::UnknownEra { digit: era_digit })?;
        if year_of_era == 0 {
            return Err(Error::EraYearZero { era });
        }
        let year = era.first_year() + u16::from(year_of_era) - 1;
        let date = Date::new(year, month, day)?;
        if !era.contains(date) {
            return Err(Error::OutsideEra { era, date });
        }
        Ok(Self::Date { era, date })
    }

    /// The date in the era it falls in.
    pub fn from_date(date: Date) -> Result<Self, Error> {
        let era = Era::of(date).ok_or(Error::NotRepresentable { date })?;
        if era.year_of_era(date) > 99 {
            return Err(Error::NotRepresentable { date });
        }
        Ok(Self::Date { era, date })
    }

    /// The Gregorian date; `None` when not licensed.
    pub fn date(self) -> Option<Date> {
        match self {
            Self::Date { date, .. } => Some(date),
            Self::NotLicensed { .. } => None,
        }
    }

    /// The 7 ASCII digits.
    pub fn to_bytes(self) -> [u8; 7] {
        let (digit, yy, mm, dd) = match self {
            Self::Date { era, date } => (
                era.digit(),
                era.year_of_era(date).min(99) as u8,
                date.month,
                date.day,
            ),
            Self::NotLicensed { era_digit } => (era_digit.min(9), 0, 0, 0),
        };
        let ascii = |v: u8| [b'0' + v / 10 % 10, b'0' + v % 10];
        let [y1, y2] = ascii(yy);
        let [m1, m2] = ascii(mm);
        let [d1, d2] = ascii(dd);
        [b'0' + digit, y1, y2, m1, m2, d1, d2]
    }
}

impl fmt::Display for Date7 {
    /// `2002-09-13 (平成14年9月13日)`, or `not licensed (000000)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::Date { era, date } => {
                let year = era.year_of_era(date);
                write!(f, "{date} ({}", era.name())?;
                if year == 1 {
                    f.write_str("元")?;
                } else {
                    write!(f, "{year}")?;
                }
                write!(f, "年{}月{}日)", date.month, date.day)
            }
            Self::NotLicensed { .. } => f.write_str("not licensed (000000)"),
        }
    }
}

impl Serialize for Date7 {
    /// The Gregorian date as `YYYY-MM-DD`, or `null` when not licensed.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.date() {
            Some(date) => date.serialize(serializer),
            None => serializer.serialize_none(),
        }
    }
}

#[cfg(test)]
mod tests;
