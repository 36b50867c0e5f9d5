//! A full read of the `ic-licence` sample through pcscd and vsmartcard's vpcd, side by side in
//! one run: menkyo's client (the library `menkyo read --reader` runs, and the `menkyo` command
//! itself when it is built), against a minimal PC/SC client on the `pcsc` crate that sends the
//! same APDUs in one transaction. The card is the emulator, served to vpcd from this process.
//!
//! It holds the machine-wide end-to-end lock while it uses vpcd. Without pcscd and vpcd's
//! `Virtual PCD 00 00` it says so and stops.
//!
//! `cargo bench -p menkyo --bench wire`

#[allow(dead_code)]
#[path = "../tests/support/mod.rs"]
mod support;

use std::ffi::CString;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use menkyo::client::{IcPins, ReadOptions, Reader};
use menkyo::codec::secret::Pin;
use menkyo::emulator::vpcd::{VpcdConfig, VpcdServer};
use menkyo::emulator::{samples, Emulator, InProcessTransport, VirtualCard};
use menkyo::pcsc::{ConnectOptions, Pcsc};

const READER: &str = "Virtual PCD 00 00";
const RUNS: usize = 100;

fn pins() -> IcPins {
    let pin = |digits: &str| Pin::licence(digits).expect("test PIN");
    IcPins {
        pin1: Some(pin("1234")),
        pin2: Some(pin("5678")),
    }
}

fn card() -> Emulator {
    Emulator::new(samples::get("ic-licence").expect("the ic-licence sample"))
}

/// The raw commands menkyo's read sends, recorded in process.
fn commands_of_a_read() -> Vec<Vec<u8>> {
    struct Recording(Emulator, Vec<Vec<u8>>);
    impl VirtualCard for Recording {
        fn atr(&self) -> Vec<u8> {
            self.0.atr()
        }
        fn power_on(&mut self) {
            self.0.power_on()
        }
        fn power_off(&mut self) {
            self.0.power_off()
        }
        fn reset(&mut self) {
            self.0.reset()
        }
        fn process(&mut self, command: &[u8]) -> Vec<u8> {
            self.1.push(command.to_vec());
            self.0.process(command)
        }
        fn image(&self) -> &menkyo::emulator::CardImage {
            self.0.image()
        }
    }
    let mut transport = InProcessTransport::new(Recording(card(), Vec::new()));
    Reader::new(&mut transport)
        .read_licence(
            &menkyo::client::Pins {
                pin1: pins().pin1,
                pin2: pins().pin2,
                ..Default::default()
            },
            ReadOptions::default(),
        )
        .expect("the in-process read");
    transport.into_card().1
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

/// Runs each client in turn, `RUNS` rounds after one to warm up, so that the load of the
/// machine weighs on all alike; the median time of each.
fn side_by_side(clients: &mut [&mut dyn FnMut()]) -> Vec<Duration> {
    let mut times = vec![Vec::with_capacity(RUNS); clients.len()];
    for round in 0..=RUNS {
        for (client, times) in clients.iter_mut().zip(&mut times) {
            let started = Instant::now();
            client();
            if round > 0 {
                times.push(started.elapsed());
            }
        }
    }
    times.into_iter().map(median).collect()
}

/// The minimal client: connect, one transaction, the same APDUs, disconnect.
fn minimal(context: &pcsc::Context, commands: &[Vec<u8>]) {
    let reader = CString::new(READER).expect("reader name");
    let mut card = context
        .connect(&reader, pcsc::ShareMode::Shared, pcsc::Protocols::ANY)
        .expect("SCardConnect");
    let tx = card.transaction().expect("SCardBeginTransaction");
    let mut buffer = vec![0u8; 65_538];
    for command in commands {
        let answer = tx.transmit(command, &mut buffer).expect("SCardTransmit");
        // 90 00, or 63 Cx for the tries queries.
        let sw1 = answer.len().checked_sub(2).and_then(|at| answer.get(at));
        assert!(matches!(sw1, Some(0x90 | 0x63)), "{answer:02X?}");
    }
    drop(tx);
    let _ = card.disconnect(pcsc::Disposition::ResetCard);
}

fn menkyo_library(pcsc: &Pcsc) {
    let mut card = pcsc
        .connect(READER, ConnectOptions::default())
        .expect("connecting");
    let mut reader = Reader::new(&mut card);
    let read = reader.read_ic_licence(&pins(), ReadOptions::default());
    assert!(read.is_ok_and(|r| r.files.skipped.is_empty()));
}

fn menkyo_command(bin: &PathBuf) {
    let mut child = support::spawn_with_stdin(
        Command::new(bin)
            .args(support::read_json_args(READER))
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
        "1234\n5678\n",
    );
    assert!(child.wait().expect("menkyo ends").success());
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let commands = commands_of_a_read();
    let _lock = support::machine_lock();
    let (Ok(pcsc), Ok(context)) = (
        Pcsc::establish(),
        pcsc::Context::establish(pcsc::Scope::User),
    ) else {
        println!("skipped: pcscd is not reachable");
        return;
    };
    if !pcsc
        .readers()
        .is_ok_and(|r| r.iter().any(|r| r.name == READER))
    {
        println!("skipped: pcscd has no reader {READER:?}");
        return;
    }
    let mut server = VpcdServer::new(VpcdConfig::default());
    let stop = server.stop_handle();
    let serving = std::thread::spawn(move || server.serve(&mut card()));
    let started = Instant::now();
    while pcsc.connect(READER, ConnectOptions::default()).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the card never came"
        );
        std::thread::sleep(Duration::from_millis(50));
    }

    let bin = std::env::var_os("MENKYO_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/release/menkyo"));
    let mut minimal_read = || minimal(&context, &commands);
    let mut minimal_connect = || minimal(&context, &[]);
    let mut library_read = || menkyo_library(&pcsc);
    let mut library_connect = || {
        let card = pcsc.connect(READER, ConnectOptions::default());
        assert!(card.is_ok());
    };
    let mut command_read = || menkyo_command(&bin);
    let mut clients: Vec<&mut dyn FnMut()> = vec![
        &mut minimal_connect,
        &mut library_connect,
        &mut minimal_read,
        &mut library_read,
    ];
    if bin.exists() {
        clients.push(&mut command_read);
    }
    let times = side_by_side(&mut clients);
    stop.stop();
    let _ = serving.join();

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "ic-licence full read through pcscd + vpcd, {} APDUs, median of {RUNS} rounds (clients in turn)",
        commands.len()
    );
    println!("| Client | Time | Per APDU | vs minimal |");
    println!("|---|---|---|---|");
    let names = [
        "minimal client: connect, transaction, disconnect, no APDU",
        "menkyo: connect (reader properties), disconnect, no APDU",
        "minimal PC/SC client (pcsc crate): the read's APDUs",
        "menkyo client (library, as `menkyo read --reader`)",
        "`menkyo read --reader --format json` (the command: process start, output)",
    ];
    let minimal_time = times.get(2).copied().unwrap_or_default();
    let rows = names.into_iter().zip(times);
    for (name, time) in rows {
        println!(
            "| {name} | {:.2} ms | {:.3} ms | {:.2}× |",
            ms(time),
            ms(time) / commands.len() as f64,
            ms(time) / ms(minimal_time)
        );
    }
}
