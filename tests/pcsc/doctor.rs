//! `menkyo doctor` against pcscd, without a card and with one (an extended-length reader, and a
//! PaSoRi-class profile that refuses extended length).

use std::process::Command;

use menkyo::emulator::reader_profile::ReaderProfile;
use menkyo::emulator::vpcd::{VpcdConfig, VpcdServer};

use crate::harness::{self, ServedCard};
use crate::read::sample;
use crate::support::menkyo_bin;

fn doctor() -> (Option<i32>, String) {
    let out = Command::new(menkyo_bin())
        .arg("doctor")
        .output()
        .expect("menkyo doctor runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn doctor_checks_the_service_the_readers_the_card_and_extended_length() {
    let Some(stack) = harness::stack() else {
        return;
    };
    let (code, text) = doctor();
    assert!(text.starts_with("ok   pcscd "), "{text}");
    assert!(
        text.contains("ok   reader          Virtual PCD 00 00"),
        "{text}"
    );
    assert!(text.contains("ok   vpcd "), "{text}");
    if !text.contains("ok   card ") {
        // No card anywhere (another reader of this machine may hold one).
        assert!(
            text.contains("fail card            no card on any reader — place"),
            "{text}"
        );
        assert_eq!(code, Some(3), "{text}");
    }

    let served = ServedCard::start(&stack, sample("ic-licence"));
    let (code, text) = doctor();
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("ok   card            Virtual PCD 00 00: IC driving licence"),
        "{text}"
    );
    assert!(
        text.contains(
            "ok   extended-length Virtual PCD 00 00: carried; answers of up to 65536 bytes"
        ),
        "{text}"
    );
    served.remove();

    let server = VpcdServer::new(VpcdConfig::default())
        .with_reader_profile(ReaderProfile::PASORI.with_link(None));
    let served = ServedCard::start_with(&stack, server, sample("ic-licence"));
    let (code, text) = doctor();
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("note extended-length Virtual PCD 00 00: refused; reads use short APDUs"),
        "{text}"
    );
    served.remove();
}
