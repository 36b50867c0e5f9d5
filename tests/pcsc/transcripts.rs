//! Every APDU transcript of `fixtures/transcripts`, played through pcscd and vpcd, gets the
//! answers it gets in process.

use std::path::{Path, PathBuf};

use menkyo::emulator::transcript::{self, Transcript};
use menkyo::emulator::InProcessTransport;
use menkyo::pcsc::ConnectOptions;

use crate::harness::{self, ServedCard, READER};

fn transcripts() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/transcripts");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures/transcripts exists")
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    paths.sort();
    paths
}

#[test]
fn every_transcript_answers_through_pcscd_as_in_process() {
    let stack = harness::stack_or_skip!();
    let paths = transcripts();
    assert!(paths.len() >= 3, "too few transcripts: {paths:?}");
    for path in &paths {
        let name = path.display();
        let script = Transcript::load(path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let emulator = || script.emulator().unwrap_or_else(|e| panic!("{name}: {e}"));

        let mut in_process = InProcessTransport::new(emulator());
        transcript::run(&mut in_process, &script)
            .unwrap_or_else(|e| panic!("{name} in process: {e}"));

        let served = ServedCard::start(&stack, emulator());
        let mut card = stack
            .pcsc
            .connect(READER, ConnectOptions::default())
            .unwrap_or_else(|e| panic!("{name}: connecting to {READER}: {e}"))
            .allowing_writes_to_an_emulated_card();
        transcript::run(&mut card, &script).unwrap_or_else(|e| panic!("{name} through pcscd: {e}"));
        drop(card);
        served.remove();
    }
}
