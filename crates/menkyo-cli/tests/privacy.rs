//! `--trace` never shows a PIN; `--redact` leaves no name, number, address, birth date or photo
//! of the sample in any output.

mod common;

use common::{
    assert_fields, menkyo, run_on, run_with_pins, run_with_stdin, stderr, stdout, succeeded,
    IC_PINS,
};
use tempfile::TempDir;

/// The sample holder's personal values, as text and as the bytes the cards hold.
const TEXT: [&str; 8] = [
    "1990-04-01",
    "1975-12-04",
    "見本　花子",
    "架空県見本市見本町一丁目２番３号",
    "架空県見本市本町１番地",
    "012345678900",
    "012345678920",
    "00001",
];

/// "012345678900" and "012345678920" as the ASCII hex the card holds, and the birth dates: the
/// date7 of 1975-12-04 (昭和50年) and of 1990-04-01 (平成2年), and 19900401 of the
/// 券面事項入力補助AP.
const HEX: [&str; 5] = [
    "34303230343031",
    "303132333435363738393030",
    "303132333435363738393230",
    "33353031323034",
    "3139393030343031",
];

fn assert_clean(what: &str, text: &str) {
    for value in TEXT.iter().chain(&HEX) {
        assert!(!text.contains(value), "{what} shows {value}:\n{text}");
    }
    let spaced: Vec<String> = HEX
        .iter()
        .map(|h| {
            h.as_bytes()
                .chunks(2)
                .map(|c| std::str::from_utf8(c).unwrap())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    for value in &spaced {
        assert!(!text.contains(value.as_str()), "{what} shows {value}");
    }
}

#[test]
fn trace_masks_every_pin() {
    let out = succeeded(run_with_pins(
        [
            "read",
            "--emulator",
            "ic-licence",
            "--basic-info",
            "--trace",
        ],
        &IC_PINS,
    ));
    let err = stderr(&out);
    assert!(err.contains("00 20 00 81 | Lc 04 | ** ** ** **"), "{err}");
    assert!(err.contains("00 20 00 82 | Lc 04 | ** ** ** **"), "{err}");
    for pin in ["1234", "5678"] {
        assert!(!err.contains(pin), "the trace shows {pin}");
    }
    let verifies: Vec<&str> = err.lines().filter(|l| l.contains("> 00 20 ")).collect();
    assert_eq!(verifies.len(), 4, "{err}");
    for line in verifies {
        assert!(
            !line.contains("31 32 33 34") && !line.contains("35 36 37 38"),
            "{line}"
        );
    }
    let out = run_with_stdin(
        &[
            "read",
            "--emulator",
            "--basic-info",
            "--trace",
            "--pin-stdin",
        ],
        "4321\n",
    );
    let err = stderr(&succeeded(out));
    assert!(err.contains("00 20 00 80 | Lc 04 | ** ** ** **"), "{err}");
    assert!(!err.contains("34 33 32 31") && !err.contains("4321"));
}

#[test]
fn redact_masks_read_in_every_format() {
    for format in ["text", "json", "hex"] {
        let out = menkyo()
            .args([
                "read",
                "--emulator",
                "ic-licence",
                "--redact",
                "--format",
                format,
            ])
            .env("MENKYO_PIN1", "1234")
            .env("MENKYO_PIN2", "5678")
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        assert_clean(format, &stdout(&out));
    }
    let out = menkyo()
        .args([
            "read",
            "--emulator",
            "--basic-info",
            "--redact",
            "--format",
            "json",
        ])
        .env("MENKYO_BASIC_INFO_PIN", "4321")
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_fields(
        &doc,
        &[
            ("/name/value", "[redacted]"),
            ("/birth_date/value", "[redacted]"),
            ("/photo/value/sha256", "[redacted]"),
            ("/signature/covered/0/sha256", "[redacted]"),
            ("/signature/covered/0/name", "免許情報"),
            ("/classes/value/0/name", "大型"),
        ],
    );
    assert_clean("json", &stdout(&out));
}

#[test]
fn redact_masks_the_trace_dump_and_card_show() {
    let dir = TempDir::new().unwrap();
    let out = menkyo()
        .args([
            "dump",
            "--emulator",
            "ic-licence",
            "--redact",
            "--trace",
            "--out",
        ])
        .arg(dir.path())
        .env("MENKYO_PIN1", "1234")
        .env("MENKYO_PIN2", "5678")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_clean("dump", &stdout(&out));
    assert_clean("trace", &stderr(&out));
    let record = std::fs::read(dir.path().join("DF1_EF01.bin")).unwrap();
    assert!(!record.windows(12).any(|w| w == b"012345678900"));
    let photo = std::fs::read(dir.path().join("DF2_EF01.bin")).unwrap();
    assert!(photo[5..].iter().all(|&b| b == 0 || b == 0xFF));

    let image = common::image(dir.path(), "ic-licence");
    for format in ["text", "json", "hex"] {
        let out = run_on(&["card", "show", "--redact", "--format", format], &image);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_clean(format, &stdout(&out));
    }
}

#[test]
fn redact_masks_decode_in_every_format() {
    let dir = TempDir::new().unwrap();
    let ic = menkyo_emulator::samples::get("ic-licence").unwrap();
    let myna = menkyo_emulator::samples::get("myna-licence").unwrap();
    let files = [
        (&ic, "DF1/EF01", "ic-record"),
        (&ic, "DF1/EF02", "ic-domicile"),
        (&myna, "LICENCE_AP/WEF02", "myna-record"),
        (&myna, "BASIC_INFO/EF0002", "basic-info"),
    ];
    for (image, path, kind) in files {
        let file = dir.path().join(kind);
        std::fs::write(&file, &image.files[path].0).unwrap();
        for format in ["text", "json", "hex"] {
            let decode = |redact: bool| {
                let mut cmd = menkyo();
                cmd.args(["decode", "--kind", kind, "--format", format]);
                if redact {
                    cmd.arg("--redact");
                }
                let out = cmd.arg(&file).output().unwrap();
                assert!(out.status.success(), "{}", stderr(&out));
                stdout(&out)
            };
            let (plain, redacted) = (decode(false), decode(true));
            assert!(
                format == "hex" || TEXT.iter().any(|v| plain.contains(v)),
                "{kind} {format} shows nothing personal without --redact:\n{plain}"
            );
            assert_ne!(plain, redacted, "{kind} {format}");
            assert_clean(&format!("decode {kind} {format}"), &redacted);
        }
    }
    let out = menkyo()
        .args(["decode", "--kind", "ic-record", "--redact"])
        .arg(dir.path().join("ic-record"))
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_fields(
        &doc,
        &[
            ("/name", "[redacted]"),
            ("/number", "[redacted]"),
            ("/birth_date", "[redacted]"),
        ],
    );
}

#[test]
fn odd_ins_and_envelope_pins_are_masked_in_apdu_output_and_trace() {
    for command in [
        "002D0081083132333435363738",
        "00210081083132333435363738",
        "00250081083132333435363738",
        "00C200000B0020008108313233343536",
    ] {
        let out = common::menkyo()
            .args(["apdu", "--trace", command, "--emulator"])
            .output()
            .unwrap();
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(all.contains("** **"), "{command}: {all}");
        assert!(!all.contains("31 32 33 34"), "{command}: {all}");
    }
}
