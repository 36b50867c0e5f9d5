//! A full read of each built-in sample card through the in-process emulator with
//! `Reader::read_licence` (detection included), with extended length and with short APDUs only:
//! the time per read, and the APDUs it takes (printed before the timings).

use criterion::{criterion_group, criterion_main, Criterion};
use menkyo_client::{Error, Pins, ReadOptions, Reader};
use menkyo_codec::secret::Pin;
use menkyo_emulator::{samples, Emulator, InProcessTransport};
use menkyo_transport::Capabilities;

/// The PINs of the samples (synthetic, `fixtures/profiles/*.toml`).
fn pins() -> Pins {
    let pin = |digits: &str| Pin::digits(digits).ok();
    Pins {
        pin1: pin("1234"),
        pin2: pin("5678"),
        licence_ap: None,
        basic_info: pin("4321"),
    }
}

fn pins_for(sample: &str) -> Pins {
    let mut pins = pins();
    if sample == "myna-card" {
        pins.basic_info = Pin::digits("2468").ok();
    }
    pins
}

fn transport(sample: &str, caps: Capabilities) -> InProcessTransport {
    let image = samples::get(sample).expect("built-in sample");
    InProcessTransport::new(Emulator::new(image)).with_capabilities(caps)
}

/// One read; a card without a licence ends after detection with `NotALicence`.
fn read_once(transport: &mut InProcessTransport, pins: &Pins) -> u64 {
    let mut reader = Reader::new(transport);
    match reader.read_licence(pins, ReadOptions::default()) {
        Ok(read) => {
            std::hint::black_box(read);
        }
        Err(Error::NotALicence { .. }) => {}
        Err(err) => panic!("read failed: {err}"),
    }
    reader.apdu_count()
}

const MODES: [(&str, Capabilities); 2] = [
    ("extended", Capabilities::EXTENDED),
    ("short", Capabilities::SHORT_ONLY),
];

fn full_read(c: &mut Criterion) {
    for sample in samples::names() {
        for (mode, caps) in MODES {
            let apdus = read_once(&mut transport(sample, caps), &pins_for(sample));
            println!("full read {sample} {mode}: {apdus} APDUs");
        }
    }
    let mut group = c.benchmark_group("full_read");
    for sample in samples::names() {
        let pins = pins_for(sample);
        for (mode, caps) in MODES {
            let mut card = transport(sample, caps);
            group.bench_function(format!("{sample}/{mode}"), |b| {
                b.iter(|| read_once(&mut card, &pins))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, full_read);
criterion_main!(benches);
