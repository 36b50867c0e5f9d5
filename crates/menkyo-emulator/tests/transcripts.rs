//! Plays every transcript of `fixtures/transcripts` against the in-process emulator.

use std::path::PathBuf;

use menkyo_emulator::transcript::{self, Transcript};
use menkyo_emulator::InProcessTransport;

fn transcript_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/transcripts")
}

#[test]
fn every_transcript_plays_against_the_emulator() {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(transcript_dir())
        .expect("fixtures/transcripts exists")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 3, "too few transcripts: {paths:?}");
    let mut failures = Vec::new();
    for path in &paths {
        let outcome = Transcript::load(path).and_then(|t| {
            let mut card = InProcessTransport::new(t.emulator()?);
            transcript::run(&mut card, &t)
        });
        if let Err(e) = outcome {
            failures.push(e.to_string());
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
