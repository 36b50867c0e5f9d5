//! `menkyo readers` and `menkyo emulate` while pcscd stops and starts again.

use std::process::Command;

use crate::private_pcscd::{self, PrivatePcscd, PORT, READER};
use crate::restart::skip_or_fail;
use crate::support::{menkyo_bin, Running};

#[test]
fn readers_says_the_service_is_down_and_long_running_commands_carry_on_after_it() {
    let _lock = private_pcscd::lock();
    if let Some(reason) = private_pcscd::unavailable() {
        return skip_or_fail(&reason);
    }
    let pcscd = match PrivatePcscd::start() {
        Ok(pcscd) => pcscd,
        Err(reason) => return skip_or_fail(&reason),
    };
    let vpcd = format!("127.0.0.1:{PORT}");
    let emulate = Running::start(&["emulate", "spec-ic-licence", "--vpcd", &vpcd]);
    let mut watch = Running::start(&["readers", "--watch"]);
    let card_line = format!("{READER}: card");
    watch.expect_line(&card_line);

    pcscd.stop();
    watch.expect_line("service stopped");
    let down = Command::new(menkyo_bin())
        .arg("readers")
        .output()
        .expect("menkyo readers");
    let err = String::from_utf8_lossy(&down.stderr);
    assert_eq!(down.status.code(), Some(3), "{err}");
    assert!(
        err.contains("not running") && err.contains("pcscd"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");

    let _pcscd = PrivatePcscd::start().expect("pcscd starts again");
    watch.expect_line("running again");
    watch.expect_line(&card_line);
    let up = Command::new(menkyo_bin())
        .arg("readers")
        .output()
        .expect("menkyo readers");
    let listing = String::from_utf8_lossy(&up.stdout);
    assert_eq!(up.status.code(), Some(0));
    assert!(
        listing.contains(&format!("{READER}: card, ATR 3B 88")),
        "{listing}"
    );

    let (code, _, err) = watch.terminate();
    assert_eq!(code, Some(0), "readers --watch: {err}");
    let (code, _, err) = emulate.terminate();
    assert_eq!(code, Some(0), "emulate: {err}");
}
