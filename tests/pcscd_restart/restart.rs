//! Stop pcscd under a running watcher and a card being served; start it again.

use std::time::{Duration, Instant};

use menkyo::emulator::vpcd::{VpcdConfig, VpcdServer};
use menkyo::emulator::{spec_cards, Emulator};
use menkyo::pcsc::{CardState, Event, Pcsc, Watcher};
use menkyo::transport::TransportError;

use crate::private_pcscd::{self, PrivatePcscd, PORT, READER};

fn required() -> bool {
    std::env::var("MENKYO_REQUIRE_PCSCD").is_ok_and(|v| v == "1")
}

pub fn skip_or_fail(reason: &str) {
    assert!(!required(), "MENKYO_REQUIRE_PCSCD=1 but {reason}");
    eprintln!("skipped: {reason}");
}

/// Waits for an event that `wanted` accepts, up to 15 s.
fn wait_for(watcher: &mut Watcher, what: &str, wanted: impl Fn(&Event) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while Instant::now() < deadline {
        let left = deadline.saturating_duration_since(Instant::now());
        let events = watcher.next(Some(left)).expect("watching");
        if events.iter().any(&wanted) {
            return;
        }
    }
    panic!("no event {what} within 15 s");
}

#[test]
fn watcher_and_vpcd_bridge_follow_pcscd_stopping_and_starting_again() {
    let Some((_lock, pcscd)) = private_pcscd::start_or_skip() else {
        return;
    };

    let config = VpcdConfig {
        port: PORT,
        ..VpcdConfig::default()
    };
    let mut server = VpcdServer::new(config);
    let stop = server.stop_handle();
    let mut card = Emulator::new(spec_cards::image("spec-ic-licence").expect("spec image"));
    let bridge = std::thread::spawn(move || server.serve(&mut card));

    let pcsc = Pcsc::establish()
        .unwrap_or_else(|e| panic!("the private pcscd at {}: {e}", private_pcscd::describe()));
    let mut watcher = Watcher::new(pcsc).expect("watching");
    let card_in = |e: &Event| matches!(e, Event::CardInserted { reader, .. } if reader == READER);
    let present_now = watcher
        .readers()
        .iter()
        .any(|r| r.name == READER && matches!(r.card, CardState::Present { .. }));
    if !present_now {
        wait_for(&mut watcher, "card inserted", card_in);
    }

    pcscd.stop();
    wait_for(&mut watcher, "service stopped", |e| {
        *e == Event::ServiceStopped
    });
    assert!(matches!(
        Pcsc::establish(),
        Err(TransportError::ServiceUnavailable)
    ));

    let _pcscd = PrivatePcscd::start().expect("pcscd starts again");
    wait_for(&mut watcher, "service started", |e| {
        *e == Event::ServiceStarted
    });
    let back = |w: &Watcher| {
        w.readers()
            .iter()
            .any(|r| r.name == READER && matches!(r.card, CardState::Present { .. }))
    };
    if !back(&watcher) {
        wait_for(&mut watcher, "the card back in the reader", card_in);
    }
    assert!(back(&watcher));

    stop.stop();
    let served = bridge.join().expect("the bridge thread");
    assert!(served.is_ok(), "{served:?}");
}
