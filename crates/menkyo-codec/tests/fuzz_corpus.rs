//! Replays every file of every fuzz corpus (`fuzz/corpus/<target>/`) through the checks of its
//! fuzz target, so what fuzzing found stays fixed without a nightly toolchain.

#[path = "../fuzz/checks.rs"]
mod checks;

use std::fs;
use std::path::Path;

/// Each fuzz target with the check it runs.
const TARGETS: &[(&str, fn(&[u8]))] = &[
    ("apdu_command", checks::apdu_command),
    ("apdu_response", checks::apdu_response),
    ("jis_text", checks::jis_text),
    ("date7", checks::date7),
];

#[test]
fn every_corpus_file_passes_its_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let mut replayed = Vec::new();
    for dir in fs::read_dir(&root).expect("fuzz/corpus is readable") {
        let dir = dir.expect("corpus entry").path();
        let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        let Some((_, check)) = TARGETS.iter().find(|(target, _)| *target == name) else {
            panic!("corpus directory {name} has no check in tests/fuzz_corpus.rs");
        };
        let mut files = 0;
        for file in fs::read_dir(&dir).expect("corpus directory is readable") {
            let path = file.expect("corpus file").path();
            let data = fs::read(&path).expect("corpus file is readable");
            check(&data);
            files += 1;
        }
        assert!(files > 0, "corpus directory {name} is empty");
        replayed.push(name);
    }
    for (target, _) in TARGETS {
        assert!(replayed.iter().any(|n| n == target), "no corpus for {target}");
    }
}
