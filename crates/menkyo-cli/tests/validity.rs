//! Every read says whether the licence is valid on the day: valid, in its renewal period
//! (更新期間) or expired and since when, in text and JSON, with `--today` for another day.

mod common;

use common::{fails_with, menkyo, ok_json, run, stdout};

fn validity(args: &[&str]) -> serde_json::Value {
    let out = menkyo()
        .args(["read", "--format", "json"])
        .args(args)
        .env("MENKYO_BASIC_INFO_PIN", "4321")
        .output()
        .unwrap();
    ok_json(&out)["validity"].clone()
}

#[test]
fn the_sample_that_expired_in_2020_says_so_today() {
    let v = validity(&["--emulator", "ic-licence-no-pin"]);
    assert_eq!(v["state"], "expired", "{v}");
    assert_eq!(v["expired_since"], "2020-12-05", "{v}");
    let out = menkyo()
        .args(["read", "--emulator", "ic-licence-no-pin"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(
        text.contains("expired (失効) since 2020-12-05: the last valid day was 2020-12-04"),
        "{text}"
    );
}

#[test]
fn today_moves_the_licence_through_its_states() {
    let state = |today: &str| validity(&["--emulator", "--today", today])["state"].clone();
    assert_eq!(state("2030-01-31"), "valid");
    assert_eq!(state("2030-02-01"), "renewal-period");
    assert_eq!(state("2030-04-01"), "renewal-period");
    assert_eq!(state("2030-04-02"), "expired");
    let v = validity(&["--emulator", "--today", "2030-02-01"]);
    assert_eq!(v["today"], "2030-02-01");
    assert_eq!(v["renewal_period"]["basis"], "expiry-date", "{v}");
}

#[test]
fn the_birth_date_sets_the_renewal_period_where_read_but_not_when_redacted() {
    let v = validity(&["--emulator", "--basic-info", "--today", "2030-02-15"]);
    assert_eq!(v["state"], "valid", "{v}");
    assert_eq!(v["renewal_period"]["from"], "2030-03-01", "{v}");
    assert_eq!(v["renewal_period"]["basis"], "birth-date", "{v}");
    let v = validity(&[
        "--emulator",
        "--basic-info",
        "--redact",
        "--today",
        "2030-02-15",
    ]);
    assert_eq!(v["state"], "renewal-period", "{v}");
    assert_eq!(v["renewal_period"]["basis"], "expiry-date", "{v}");
}

#[test]
fn a_date_that_is_not_one_is_refused() {
    fails_with(
        &run(&["read", "--emulator", "--today", "2030-02-30"]),
        2,
        "not a calendar date",
    );
}
