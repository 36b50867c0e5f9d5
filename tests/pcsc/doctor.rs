//! `menkyo doctor` against pcscd, without a card and with one (an extended-length reader, and a
//! PaSoRi-class profile that refuses extended length); on a My Number card behind each reader
//! profile, the answer size probed on the JPKI certificate matches the profile's cap.

use std::process::Command;

use menkyo::emulator::reader_profile::ReaderProfile;
use menkyo::emulator::vpcd::{VpcdConfig, VpcdServer};

use crate::harness::{self, ServedCard};
use crate::read::sample;
use crate::support::menkyo_bin;

fn doctor() -> (Option<i32>, String) {
    doctor_as("text")
}

fn doctor_as(format: &str) -> (Option<i32>, String) {
    let out = Command::new(menkyo_bin())
        .args(["doctor", "--format", format])
        .output()
        .expect("menkyo doctor runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn doctor_checks_the_service_the_readers_the_card_and_extended_length() {
    let stack = harness::stack_or_skip!();
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
            "ok   extended-length Virtual PCD 00 00: carried; answers of up to 65536 bytes \
             reported (no file free to read on this card is large enough to probe it)"
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

/// The `extended-length` check of the reader the card is on, from `menkyo doctor --format json`.
fn length_check() -> serde_json::Value {
    let (code, text) = doctor_as("json");
    assert_eq!(code, Some(0), "{text}");
    let json: serde_json::Value = serde_json::from_str(&text).expect("doctor's JSON");
    json["checks"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| {
            c["check"] == "extended-length"
                && c["found"]
                    .as_str()
                    .is_some_and(|f| f.starts_with("Virtual PCD 00 00:"))
        })
        .cloned()
        .unwrap_or_else(|| panic!("no extended-length check: {text}"))
}

#[test]
fn doctor_probes_the_answer_size_on_the_my_number_cards_certificate() {
    let stack = harness::stack_or_skip!();
    let card = sample("myna-card");
    let certificate = card
        .image()
        .files
        .get("JPKI/EF000A")
        .map(|f| f.0.len())
        .expect("the sample's 利用者証明用電子証明書");
    assert!(
        certificate > 256,
        "larger than a short answer: {certificate}"
    );

    // No cap: the whole certificate in one extended answer.
    let served = ServedCard::start(&stack, card);
    let check = length_check();
    assert_eq!(check["verdict"], "ok", "{check}");
    assert_eq!(check["answer"]["probed"], certificate, "{check}");
    assert_eq!(check["answer"]["reported"], 65_536, "{check}");
    let (_, text) = doctor();
    assert!(
        text.contains(&format!(
            "ok   extended-length Virtual PCD 00 00: carried; answers of at least {certificate} \
             bytes (the whole certificate EF000A in one answer; 65536 reported)"
        )),
        "{text}"
    );
    served.remove();

    // Each profile refuses extended length; the probe steps down to what its cap carries.
    for (profile, cap) in [
        (ReaderProfile::PASORI, 256),
        (ReaderProfile::ACR122U, 255),
        (ReaderProfile::SCR3310, 256),
    ] {
        assert_eq!(profile.max_response_len - 2, cap, "{}", profile.name);
        let server =
            VpcdServer::new(VpcdConfig::default()).with_reader_profile(profile.with_link(None));
        let served = ServedCard::start_with(&stack, server, sample("myna-card"));
        let check = length_check();
        assert_eq!(check["verdict"], "note", "{}: {check}", profile.name);
        assert_eq!(check["answer"]["probed"], cap, "{}: {check}", profile.name);
        let (_, text) = doctor();
        assert!(
            text.contains(&format!(
                "note extended-length Virtual PCD 00 00: refused; answers of {cap} bytes \
                 (certificate EF000A; "
            )),
            "{}: {text}",
            profile.name
        );
        served.remove();
    }
}
