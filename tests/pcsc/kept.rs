//! Reads you can keep, through pcscd and vpcd: a clone of each sample read through the
//! reader serves through `menkyo emulate` and reads back as the sample did, and `read
//! --watch` reads each card as it is presented, asking its PINs per card.

use std::path::Path;

use crate::harness::{self, wait_for_card, ServedCard, READER};
use crate::read::{menkyo, sample, with_pins};
use crate::support::Running;

/// The samples that hold a licence, with the PINs `--pin-stdin` gives them (synthetic cards).
const SAMPLES: [(&str, &str); 3] = [
    ("ic-licence", "1234\n5678\n"),
    ("ic-licence-no-pin", ""),
    ("myna-licence", ""),
];

#[test]
fn a_clone_read_through_pcscd_serves_through_emulate_and_reads_back_identical() {
    let stack = harness::stack_or_skip!();
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (name, pins) in SAMPLES {
        let image = dir.path().join(format!("{name}.json"));
        let image_arg = image.to_str().expect("a UTF-8 path");
        let served = ServedCard::start(&stack, sample(name));
        let args = vec!["card", "clone", "--reader", READER, "--out", image_arg];
        let cloned = menkyo(&with_pins(args, pins), pins);
        let err = String::from_utf8_lossy(&cloned.stderr);
        assert_eq!(cloned.status.code(), Some(0), "{name}: {err}");
        served.remove();

        let emulate = Running::start(&["emulate", image_arg]);
        assert!(
            wait_for_card(&stack.pcsc, READER, true).is_some(),
            "{name}: pcscd does not see the clone"
        );
        let mut reads = Vec::new();
        for format in ["json", "text"] {
            let read_args = vec!["read", "--format", format, "--emulator", name];
            let original = menkyo(&with_pins(read_args, pins), pins);
            let read_args = vec!["read", "--format", format, "--reader", READER];
            let through = menkyo(&with_pins(read_args, pins), pins);
            reads.push((format, original, through));
        }
        let (code, _, emulate_err) = emulate.terminate();
        assert_eq!(code, Some(0), "{name}: emulate: {emulate_err}");
        assert!(wait_for_card(&stack.pcsc, READER, false).is_none());
        for (format, original, through) in reads {
            assert_eq!(original.status.code(), Some(0), "{name} {format}");
            let err = String::from_utf8_lossy(&through.stderr);
            assert_eq!(through.status.code(), Some(0), "{name} {format}: {err}");
            assert_eq!(
                String::from_utf8_lossy(&through.stdout),
                String::from_utf8_lossy(&original.stdout),
                "{name} {format}: the clone reads back as the card"
            );
        }
        assert!(Path::new(&image).exists());
    }
}

#[test]
fn read_watch_reads_each_card_presented_asking_pins_per_card() {
    let stack = harness::stack_or_skip!();
    // PIN1 and PIN2 for each of the two IC licences presented; the My Number cards ask none.
    let pins = "1234\n5678\n1234\n5678\n";
    let args = [
        "read",
        "--watch",
        "--reader",
        READER,
        "--format",
        "json",
        "--pin-stdin",
    ];
    let mut watch = Running::start_with_stdin(&args, Some(pins));
    // A card that is not a licence fails alone; the watch goes on.
    let not_a_licence = ServedCard::start(&stack, sample("myna-card"));
    not_a_licence.remove();
    for (name, number) in [
        ("ic-licence", "012345678900"),
        ("myna-licence", "012345678920"),
        ("ic-licence", "012345678900"),
    ] {
        let served = ServedCard::start(&stack, sample(name));
        let line = watch.expect_line("\"schema\":\"menkyo/1\"");
        let doc: serde_json::Value = serde_json::from_str(&line).expect("one JSON document");
        assert_eq!(doc["number"]["value"], number, "{name}: {line}");
        assert!(doc["photo"].is_object(), "{name}: PIN2 was given: {line}");
        served.remove();
    }
    let (code, rest, err) = watch.terminate();
    assert_eq!(code, Some(0), "{err}");
    assert!(rest.is_empty(), "nothing more was read: {rest}");
    assert!(!err.contains("is needed"), "{err}");
    assert!(err.contains(&format!("menkyo: {READER}: ")), "{err}");
}
