//! The examples in `docs/json.md` are the output of the code for the built-in samples. Run
//! with `MENKYO_BLESS_DOCS=1` to rewrite them after a deliberate change of the JSON.

use std::path::PathBuf;

use menkyo_auth::{SignedCard, TrustAnchor};
use menkyo_codec::records::json::Document;
use menkyo_codec::records::{IcLicenceCard, MyNumberCard, RecordKind};
use menkyo_codec::registry::{self, File};
use menkyo_codec::tlv::Mode;
use menkyo_emulator::image::CardImage;
use menkyo_emulator::samples;

fn doc_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/json.md")
}

fn files<'a>(image: &'a CardImage) -> impl Fn(&'static File) -> Option<&'a [u8]> + 'a {
    |f| image.files.get(f.path).map(|b| b.0.as_slice())
}

/// The examples: marker name → JSON the code prints today.
fn examples() -> Vec<(&'static str, String)> {
    let ic = samples::get("ic-licence").unwrap();
    let ic_card = IcLicenceCard::decode(files(&ic), Mode::Strict)
        .unwrap()
        .record;
    let myna = samples::get("myna-licence").unwrap();
    let myna_card = MyNumberCard::decode(files(&myna), Mode::Strict)
        .unwrap()
        .record;
    let plain = samples::get("myna-card").unwrap();
    let plain_card = MyNumberCard::decode(files(&plain), Mode::Strict)
        .unwrap()
        .record;
    let common = ic.files[registry::MF_EF01.path].0.clone();
    let common = RecordKind::IcCommon
        .decode(&common, Mode::Strict)
        .unwrap()
        .record;
    vec![
        (
            "ic-licence",
            Document::new(IcLicenceCard::KIND, &ic_card).to_json_pretty(),
        ),
        (
            "myna-licence",
            Document::new(MyNumberCard::KIND, &myna_card).to_json_pretty(),
        ),
        (
            "myna-card",
            Document::new(MyNumberCard::KIND, &plain_card).to_json_pretty(),
        ),
        (
            "ic-common",
            Document::new(RecordKind::IcCommon.name(), &common).to_json_pretty(),
        ),
        ("read-signature", read_signature(&myna)),
    ]
}

/// The `signature` object of `menkyo read --trust` on the sample マイナ免許証: the check of its
/// files against the SYNTHETIC test issuer, which must be what the command prints.
fn read_signature(image: &CardImage) -> String {
    let trust = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/test-issuer/issuer.cert.pem");
    let anchor = TrustAnchor::load(&trust).unwrap();
    let file = |path: &str| image.files.get(path).map(|b| b.0.as_slice());
    let report = menkyo_auth::verify(SignedCard::LicenceAp, file, Some(&anchor));
    let out = assert_cmd::Command::cargo_bin("menkyo")
        .unwrap()
        .args([
            "read",
            "--emulator",
            "myna-licence",
            "--format",
            "json",
            "--trust",
        ])
        .arg(&trust)
        .output()
        .unwrap();
    assert!(out.status.success());
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed["signature"], serde_json::to_value(&report).unwrap());
    serde_json::to_string_pretty(&report).unwrap()
}

/// The JSON block after `<!-- example: NAME -->`, as (start, end) byte offsets of its body.
fn block(doc: &str, name: &str) -> (usize, usize) {
    let marker = format!("<!-- example: {name} -->\n```json\n");
    let start = doc
        .find(&marker)
        .unwrap_or_else(|| panic!("docs/json.md has no example {name}"))
        + marker.len();
    let len = doc[start..].find("```").expect("the block ends");
    (start, start + len)
}

#[test]
fn the_json_examples_are_what_the_code_prints() {
    let mut doc = std::fs::read_to_string(doc_path()).unwrap();
    let bless = std::env::var_os("MENKYO_BLESS_DOCS").is_some();
    for (name, json) in examples() {
        let (start, end) = block(&doc, name);
        let expected = format!("{json}\n");
        if bless {
            doc.replace_range(start..end, &expected);
        } else {
            assert_eq!(
                doc[start..end],
                expected,
                "docs/json.md example {name} is stale; rerun with MENKYO_BLESS_DOCS=1"
            );
        }
    }
    if bless {
        std::fs::write(doc_path(), doc).unwrap();
    }
}

#[test]
fn every_record_key_is_explained() {
    let doc = std::fs::read_to_string(doc_path()).unwrap();
    for (name, json) in examples() {
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let mut keys = Vec::new();
        collect_keys(&value, &mut keys);
        for key in keys {
            assert!(
                doc.contains(&format!("`{key}`")),
                "{name}: key {key} is not explained"
            );
        }
    }
}

fn collect_keys(value: &serde_json::Value, keys: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                keys.push(k.clone());
                collect_keys(v, keys);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_keys(v, keys)),
        _ => {}
    }
}
