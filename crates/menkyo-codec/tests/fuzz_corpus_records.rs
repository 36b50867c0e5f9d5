//! Replays the corpora of the record fuzz targets (`fuzz/corpus/record_*`) with the targets'
//! checks, shared through `fuzz/record_checks.rs`, so every input the fuzzers kept stays
//! covered by `cargo test`.

use std::path::PathBuf;

#[path = "../fuzz/record_checks.rs"]
mod record_checks;

fn corpus_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus")
}

#[test]
fn every_record_corpus_replays() {
    for (target, check) in record_checks::TARGETS {
        let dir = corpus_root().join(target);
        let mut inputs: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|entry| entry.unwrap().path())
            .collect();
        inputs.sort();
        assert!(!inputs.is_empty(), "{} is empty", dir.display());
        for path in inputs {
            let data = std::fs::read(&path).unwrap();
            let result = std::panic::catch_unwind(|| check(&data));
            assert!(result.is_ok(), "{} fails {target}", path.display());
        }
    }
}

#[test]
fn every_record_target_has_a_fuzz_target() {
    let targets = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/fuzz_targets");
    for (target, _) in record_checks::TARGETS {
        let source = std::fs::read_to_string(targets.join(format!("{target}.rs"))).unwrap();
        assert!(
            source.contains(&format!("record_checks::{target}(data)")),
            "{target}"
        );
    }
}
