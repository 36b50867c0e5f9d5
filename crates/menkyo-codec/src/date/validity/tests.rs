use super::*;
use crate::date::Date7;

fn date(y: u16, m: u8, d: u8) -> Date {
    Date::new(y, m, d).unwrap()
}

/// A birth date, as the renewal-period rules take it.
fn born(y: u16, m: u8, d: u8) -> Option<Date> {
    Some(date(y, m, d))
}

/// The first day of the renewal period of a licence expiring on `expiry`.
fn period_start(expiry: Date, birth: Option<Date>) -> Date {
    renewal_period(expiry, birth).from
}

/// That a licence expiring on `expiry`, of a holder born on `birth`, can be renewed from `start`.
#[track_caller]
fn assert_period_start(expiry: Date, birth: Option<Date>, start: Date) {
    assert_eq!(
        period_start(expiry, birth),
        start,
        "expiry {expiry:?}, birth {birth:?}"
    );
}

#[test]
fn months_land_on_the_last_day_of_a_shorter_month() {
    assert_eq!(date(2024, 3, 31).add_months(-1), date(2024, 2, 29));
    assert_eq!(date(2023, 3, 31).add_months(-1), date(2023, 2, 28));
    assert_eq!(date(2023, 1, 31).add_months(1), date(2023, 2, 28));
    assert_eq!(date(2023, 5, 31).add_months(-1), date(2023, 4, 30));
    assert_eq!(date(2023, 1, 15).add_months(-1), date(2022, 12, 15));
    assert_eq!(date(2022, 12, 15).add_months(1), date(2023, 1, 15));
    assert_eq!(date(2023, 6, 10).add_months(-14), date(2022, 4, 10));
}

#[test]
fn the_next_day_crosses_months_years_and_leap_days() {
    assert_eq!(date(2024, 2, 28).next_day(), date(2024, 2, 29));
    assert_eq!(date(2024, 2, 29).next_day(), date(2024, 3, 1));
    assert_eq!(date(2023, 2, 28).next_day(), date(2023, 3, 1));
    assert_eq!(date(2019, 4, 30).next_day(), date(2019, 5, 1));
    assert_eq!(date(2020, 12, 31).next_day(), date(2021, 1, 1));
    assert_eq!(date(9999, 12, 31).next_day(), date(9999, 12, 31));
}

#[test]
fn unix_days_are_civil_dates() {
    assert_eq!(Date::from_unix_days(0), born(1970, 1, 1));
    assert_eq!(Date::from_unix_days(-1), born(1969, 12, 31));
    assert_eq!(Date::from_unix_days(11_016), born(2000, 2, 29));
    assert_eq!(Date::from_unix_days(18_017), born(2019, 5, 1));
    assert_eq!(Date::from_unix_days(20_513), born(2026, 3, 1));
    assert_eq!(Date::from_unix_days(i64::MAX), None);
    assert_eq!(Date::from_unix_days(-800_000), None);
}

#[test]
fn the_renewal_period_runs_from_a_month_before_the_birthday_to_the_expiry_date() {
    // Born 10 May, expires 10 June 2029: 10 April to 10 June.
    let v = Validity::on(date(2026, 1, 1), date(2029, 6, 10), born(1980, 5, 10));
    assert_eq!(v.state, ValidityState::Valid);
    assert_eq!(
        v.renewal_period,
        RenewalPeriod {
            from: date(2029, 4, 10),
            to: date(2029, 6, 10),
            basis: RenewalBasis::BirthDate,
        }
    );
    assert_eq!(v.expired_since, None);
    let on = |today| Validity::on(today, date(2029, 6, 10), born(1980, 5, 10)).state;
    assert_eq!(on(date(2029, 4, 9)), ValidityState::Valid);
    assert_eq!(on(date(2029, 4, 10)), ValidityState::RenewalPeriod);
    assert_eq!(on(date(2029, 6, 10)), ValidityState::RenewalPeriod);
    assert_eq!(on(date(2029, 6, 11)), ValidityState::Expired);
}

#[test]
fn without_a_birth_date_the_birthday_is_a_month_before_the_expiry_date() {
    let v = Validity::on(date(2029, 4, 10), date(2029, 6, 10), None);
    assert_eq!(v.state, ValidityState::RenewalPeriod);
    assert_eq!(v.renewal_period.from, date(2029, 4, 10));
    assert_eq!(v.renewal_period.basis, RenewalBasis::ExpiryDate);
    assert_eq!(
        Validity::on(date(2029, 4, 9), date(2029, 6, 10), None).state,
        ValidityState::Valid
    );
}

#[test]
fn an_expired_licence_says_since_when() {
    let v = Validity::on(date(2026, 11, 30), date(2020, 2, 29), None);
    assert_eq!(v.state, ValidityState::Expired);
    assert_eq!(v.expired_since, Some(date(2020, 3, 1)));
    assert_eq!(
        v.describe(),
        "expired (失効) since 2020-03-01: the last valid day was 2020-02-29"
    );
}

#[test]
fn month_ends_clamp_the_period() {
    // Born 31 March: in 2023 the period starts on 28 February.
    assert_period_start(date(2023, 4, 30), born(1990, 3, 31), date(2023, 2, 28));
    assert_period_start(date(2024, 4, 30), born(1990, 3, 31), date(2024, 2, 29));
    // Expiry on 31 March without a birth date: birthday 28/29 February, start 28/29 January.
    assert_period_start(date(2023, 3, 31), None, date(2023, 1, 28));
    assert_period_start(date(2024, 3, 31), None, date(2024, 1, 29));
}

#[test]
fn a_leap_day_birthday_falls_on_28_february_in_a_common_year() {
    assert_period_start(date(2027, 3, 29), born(1988, 2, 29), date(2027, 1, 28));
    assert_period_start(date(2028, 3, 29), born(1988, 2, 29), date(2028, 1, 29));
}

#[test]
fn a_december_birthday_with_a_january_expiry_uses_the_year_before() {
    assert_period_start(date(2030, 1, 15), born(1975, 12, 15), date(2029, 11, 15));
    assert_eq!(
        Validity::on(date(2029, 12, 31), date(2030, 1, 15), born(1975, 12, 15)).state,
        ValidityState::RenewalPeriod
    );
}

#[test]
fn dates_across_the_heisei_reiwa_boundary_compare_as_days() {
    // 有効期間の末日 平成31年4月30日, the last day of 平成; 令和元年5月1日 is the next day.
    let expires = Date7::parse(b"4310430").unwrap().date().unwrap();
    let first_reiwa = Date7::parse(b"5010501").unwrap().date().unwrap();
    let born = Date7::parse(b"3500330").unwrap().date().unwrap();
    assert_eq!(expires.next_day(), first_reiwa);
    let v = Validity::on(first_reiwa, expires, Some(born));
    assert_eq!(v.state, ValidityState::Expired);
    assert_eq!(v.expired_since, Some(first_reiwa));
    assert_eq!(v.renewal_period.from, date(2019, 2, 28));
    assert_eq!(
        Validity::on(expires, expires, Some(born)).state,
        ValidityState::RenewalPeriod
    );
    // 昭和64年1月7日 to 平成元年1月8日.
    let last_showa = Date7::parse(b"3640107").unwrap().date().unwrap();
    let first_heisei = Date7::parse(b"4010108").unwrap().date().unwrap();
    assert_eq!(last_showa.next_day(), first_heisei);
}

#[test]
fn the_json_names_the_state_and_the_basis() {
    let v = Validity::on(date(2029, 5, 1), date(2029, 6, 10), born(1980, 5, 10));
    let json = serde_json::to_string(&v).unwrap();
    assert_eq!(
        json,
        r#"{"today":"2029-05-01","state":"renewal-period","expires_on":"2029-06-10","expired_since":null,"renewal_period":{"from":"2029-04-10","to":"2029-06-10","basis":"birth-date"}}"#
    );
}

#[test]
fn the_json_reads_back() {
    let v = Validity::on(date(2026, 11, 30), date(2020, 2, 29), None);
    let back: Validity = serde_json::from_str(&serde_json::to_string(&v).unwrap()).unwrap();
    assert_eq!(back, v);
    assert!(serde_json::from_str::<Date>("\"2020-02-30\"").is_err());
}
