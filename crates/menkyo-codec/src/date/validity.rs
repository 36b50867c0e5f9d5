//! Whether a licence is valid on a given day: 有効 (valid), 更新期間 (renewal period) or 失効
//! (expired), from 有効期間の末日 and, where read, 生年月日.
//!
//! 更新期間 (道路交通法 第101条): from one month before to one month after the holder's birthday
//! in the year the licence expires; 有効期間の末日 is its last day. Without a birth date, the
//! birthday is taken as one month before 有効期間の末日. A month before or after a day that the
//! other month lacks is that month's last day (31 March less a month is 28 or 29 February), and a
//! 29 February birthday falls on 28 February in a common year.

use serde::{Deserialize, Serialize};

use super::{days_in_month, Date};

/// What a licence's validity was worked out from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RenewalBasis {
    /// 生年月日: the birthday before 有効期間の末日.
    BirthDate,
    /// 有効期間の末日 alone (the birth date was not read): the birthday is taken as one month
    /// before it.
    ExpiryDate,
}

/// 有効, 更新期間 or 失効 on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ValidityState {
    /// Valid, before the renewal period.
    Valid,
    /// Valid, within 更新期間.
    RenewalPeriod,
    /// 失効: past 有効期間の末日.
    Expired,
}

/// 更新期間: the first and the last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenewalPeriod {
    /// The first day (one month before the birthday).
    pub from: Date,
    /// The last day: 有効期間の末日.
    pub to: Date,
    /// Whether the birthday came from the birth date or from the expiry date.
    pub basis: RenewalBasis,
}

/// A licence's validity on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validity {
    /// The day it was worked out for.
    pub today: Date,
    /// Valid, in its renewal period, or expired.
    pub state: ValidityState,
    /// 有効期間の末日.
    pub expires_on: Date,
    /// The first day it is no longer valid, when expired.
    pub expired_since: Option<Date>,
    /// 更新期間.
    pub renewal_period: RenewalPeriod,
}

impl Validity {
    /// The validity on `today` of a licence that expires on `expires_on`, its holder born on
    /// `birth_date` where read.
    pub fn on(today: Date, expires_on: Date, birth_date: Option<Date>) -> Self {
        let renewal_period = renewal_period(expires_on, birth_date);
        let (state, expired_since) = if today > expires_on {
            (ValidityState::Expired, Some(expires_on.next_day()))
        } else if today >= renewal_period.from {
            (ValidityState::RenewalPeriod, None)
        } else {
            (ValidityState::Valid, None)
        };
        Self {
            today,
            state,
            expires_on,
            expired_since,
            renewal_period,
        }
    }

    /// One line for people: `valid until 2029-06-10 (renewal from 2029-04-10)`,
    /// `in its renewal period (更新期間) until 2029-06-10`, `expired (失効) since 2020-06-11`.
    pub fn describe(&self) -> String {
        let basis = match self.renewal_period.basis {
            RenewalBasis::BirthDate => "from the birth date",
            RenewalBasis::ExpiryDate => "from the expiry date",
        };
        match self.state {
            ValidityState::Valid => format!(
                "valid until {} (更新期間 {} to {}, {basis})",
                self.expires_on, self.renewal_period.from, self.renewal_period.to
            ),
            ValidityState::RenewalPeriod => format!(
                "in its renewal period (更新期間 {} to {}, {basis}): renew by {}",
                self.renewal_period.from, self.renewal_period.to, self.expires_on
            ),
            ValidityState::Expired => format!(
                "expired (失効) since {}: the last valid day was {}",
                self.expired_since.unwrap_or(self.expires_on),
                self.expires_on
            ),
        }
    }
}

/// 更新期間 of a licence that expires on `expires_on`.
pub fn renewal_period(expires_on: Date, birth_date: Option<Date>) -> RenewalPeriod {
    let (birthday, basis) = match birth_date {
        Some(born) => (birthday_before(born, expires_on), RenewalBasis::BirthDate),
        None => (expires_on.add_months(-1), RenewalBasis::ExpiryDate),
    };
    RenewalPeriod {
        from: birthday.add_months(-1),
        to: expires_on,
        basis,
    }
}

/// The holder's last birthday on or before `day` (in `day`'s year, else the year before).
fn birthday_before(born: Date, day: Date) -> Date {
    let in_year = |year: u16| {
        let d = born.day.min(days_in_month(year, born.month));
        Date {
            year,
            month: born.month,
            day: d,
        }
    };
    let this_year = in_year(day.year);
    if this_year <= day || day.year <= 1 {
        this_year
    } else {
        in_year(day.year - 1)
    }
}

impl Date {
    /// The date `months` calendar months later (earlier when negative), on the last day of the
    /// month where that month is shorter; kept within years 1–9999.
    pub fn add_months(self, months: i32) -> Date {
        let index = i32::from(self.year) * 12 + i32::from(self.month) - 1 + months;
        let index = index.clamp(12, 9999 * 12 + 11);
        let year = (index / 12) as u16;
        let month = (index % 12 + 1) as u8;
        Date {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        }
    }

    /// The next day (9999-12-31 stays).
    pub fn next_day(self) -> Date {
        if self.day < days_in_month(self.year, self.month) {
            Date {
                day: self.day + 1,
                ..self
            }
        } else if self.month < 12 {
            Date {
                month: self.month + 1,
                day: 1,
                ..self
            }
        } else if self.year < 9999 {
            Date {
                year: self.year + 1,
                month: 1,
                day: 1,
            }
        } else {
            self
        }
    }

    /// The date `days` days after 1970-01-01 (UNIX time's days); `None` outside years 1–9999.
    pub fn from_unix_days(days: i64) -> Option<Date> {
        // Howard Hinnant's civil_from_days.
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
        .ok()
    }
}

#[cfg(test)]
mod tests;
