//! `menkyo readers` and `menkyo emulate` while pcscd stops and starts again.

use crate::private_pcscd::{self, PrivatePcscd, PORT, READER};
use crate::support::{assert_one_line_error, run_menkyo, Running};

#[test]
fn readers_says_the_service_is_down_and_long_running_commands_carry_on_after_it() {
    let Some((_lock, pcscd)) = private_pcscd::start_or_skip() else {
        return;
    };
    let vpcd = format!("127.0.0.1:{PORT}");
    let emulate = Running::start(&["emulate", "spec-ic-licence", "--vpcd", &vpcd]);
    let mut watch = Running::start(&["readers", "--watch"]);
    let card_line = format!("{READER}: card");
    watch.expect_line(&card_line);

    pcscd.stop();
    watch.expect_line("service stopped");
    assert_one_line_error(&run_menkyo(&["readers"]), 3, &["not running", "pcscd"]);

    let _pcscd = PrivatePcscd::start().expect("pcscd starts again");
    watch.expect_line("running again");
    watch.expect_line(&card_line);
    let up = run_menkyo(&["readers"]);
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
