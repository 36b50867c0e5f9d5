//! Replays the fuzz corpora in `fuzz/corpus/<target>/` with the checks of each fuzz target, so
//! every input the fuzzers kept stays covered by `cargo test`. The APDU, text, date and TLV
//! targets share their checks with this test through `fuzz/checks.rs`.

#[path = "../fuzz/checks.rs"]
mod checks;
#[path = "../fuzz/record_checks.rs"]
mod record_checks;

use std::path::PathBuf;

/// The inputs of one target's corpus.
fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut inputs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "{} is empty", dir.display());
    inputs
}

#[test]
fn tlv_simple_corpus() {
    for (path, data) in corpus("tlv_simple") {
        eprintln!("{}", path.display());
        checks::tlv_simple(&data);
    }
}

#[test]
fn tlv_ber_corpus() {
    for (path, data) in corpus("tlv_ber") {
        eprintln!("{}", path.display());
        checks::tlv_ber(&data);
    }
}

/// The checks of one fuzz target.
type Check = fn(&[u8]);

/// Every target with its checks; a corpus directory missing here fails
/// [`every_corpus_directory_has_its_checks`].
const TARGETS: &[(&str, Check)] = &[
    ("apdu_command", checks::apdu_command),
    ("apdu_response", checks::apdu_response),
    ("jis_text", checks::jis_text),
    ("date7", checks::date7),
    ("tlv_simple", checks::tlv_simple),
    ("tlv_ber", checks::tlv_ber),
];

#[test]
fn apdu_text_and_date_corpora() {
    for target in ["apdu_command", "apdu_response", "jis_text", "date7"] {
        let check = TARGETS
            .iter()
            .find(|(name, _)| *name == target)
            .map(|(_, check)| *check)
            .expect("listed in TARGETS");
        for (path, data) in corpus(target) {
            eprintln!("{}", path.display());
            check(&data);
        }
    }
}

#[test]
fn every_corpus_directory_has_its_checks() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    for entry in std::fs::read_dir(&root).unwrap() {
        let name = entry.unwrap().file_name();
        let name = name.to_string_lossy();
        assert!(
            TARGETS
                .iter()
                .chain(record_checks::TARGETS)
                .any(|(target, _)| *target == name),
            "fuzz/corpus/{name} has no checks in tests/fuzz_corpus.rs"
        );
    }
}
