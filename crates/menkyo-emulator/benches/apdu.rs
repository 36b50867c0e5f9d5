//! APDUs per second through the in-process emulator: READ BINARY of 256 bytes, and a SELECT +
//! READ BINARY mix as a full read of the IC licence does it.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use menkyo_emulator::{spec_cards, Emulator};

fn hex(text: &str) -> Vec<u8> {
    hex::decode(text.replace(' ', "")).expect("benchmark APDUs are valid hex")
}

fn verified_licence() -> Emulator {
    let mut card = Emulator::new(spec_cards::image("spec-ic-licence").expect("built-in card"));
    for command in ["00 20 00 81 04 31323334", "00 20 00 82 04 35363738"] {
        assert_eq!(card.process(&hex(command)), [0x90, 0x00]);
    }
    card
}

fn read_binary_256(c: &mut Criterion) {
    let mut card = verified_licence();
    card.process(&hex("00 A4 04 0C 10 A0000002310100000000000000000000"));
    card.process(&hex("00 A4 02 0C 02 0001"));
    let read = hex("00 B0 00 00 00");
    let mut group = c.benchmark_group("emulator");
    group.throughput(Throughput::Elements(1));
    group.bench_function("read_binary_256", |b| {
        b.iter(|| {
            let answer = card.process(&read);
            assert_eq!(answer.len(), 258);
            answer
        })
    });
    group.finish();
}

fn select_read_mix(c: &mut Criterion) {
    let mut card = verified_licence();
    let mix: Vec<Vec<u8>> = [
        "00 A4 04 0C 10 A0000002310100000000000000000000",
        "00 A4 02 0C 02 0001",
        "00 B0 00 00 00",
        "00 B0 81 00 00",
        "00 A4 02 0C 02 0002",
        "00 B0 00 00 52",
        "00 A4 04 0C 10 A0000002310200000000000000000000",
        "00 B0 81 00 00",
    ]
    .iter()
    .map(|text| hex(text))
    .collect();
    let mut group = c.benchmark_group("emulator");
    group.throughput(Throughput::Elements(mix.len() as u64));
    group.bench_function("select_read_mix", |b| {
        b.iter(|| {
            for command in &mix {
                let answer = card.process(command);
                assert!(answer.ends_with(&[0x90, 0x00]));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, read_binary_256, select_read_mix);
criterion_main!(benches);
