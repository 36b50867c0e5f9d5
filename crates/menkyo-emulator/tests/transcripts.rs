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

/// Card notes §1.4, one row each (`6300` and `63Cx` are one row: every PIN here has a counter,
/// so a failed VERIFY always answers `63Cx`), plus `6581` of a failed write, which the
/// persistence tests cover.
const CARD_NOTES_STATUS_WORDS: [&str; 15] = [
    "9000", "6283", "63C", "6700", "6981", "6982", "6984", "6986", "6A81", "6A82", "6A86", "6A87",
    "6B00", "6D00", "6E00",
];

#[test]
fn the_transcripts_of_each_card_answer_every_status_word_of_the_card_notes() {
    for family in ["ic-licence", "myna-licence"] {
        let mut answers = String::new();
        for entry in std::fs::read_dir(transcript_dir()).expect("fixtures/transcripts exists") {
            let path = entry.expect("directory entry").path();
            let stem = path.file_stem().unwrap_or_default().to_string_lossy();
            if stem.starts_with(family) {
                let text = std::fs::read_to_string(&path).expect("readable transcript");
                for line in text.lines().filter(|l| l.starts_with('<')) {
                    answers.push_str(line.split_whitespace().last().unwrap_or_default());
                    answers.push('\n');
                }
            }
        }
        for sw in CARD_NOTES_STATUS_WORDS {
            let found = answers.lines().any(|a| a.starts_with(sw));
            assert!(found, "no {family} transcript answers {sw}");
        }
    }
}
