//! A full read of the `ic-licence` sample on a simulated 212 kbit/s contactless link with 5 ms
//! of turnaround per APDU (`menkyo_emulator::reader_profile::LinkModel`), then on faster links
//! and longer turnarounds, where the APDU count weighs more than the bytes: menkyo's read with
//! extended length and with short APDUs, a naive read (SELECT of each EF by FID, 256-byte
//! chunks, tries asked before each VERIFY), and the link's floor. The time is computed from
//! the bytes and APDUs the link carries, not slept, so the figures are exact and the run quick.
//!
//! `cargo bench -p menkyo-client --bench link`

use std::time::Duration;

use menkyo_client::commands;
use menkyo_client::{Error, Exchange, IcPins, ReadOptions, Reader, Step};
use menkyo_codec::layout::ic;
use menkyo_codec::registry::{self, File};
use menkyo_codec::secret::Pin;
use menkyo_emulator::reader_profile::{LinkModel, ReaderProfile};
use menkyo_emulator::{samples, Emulator, InProcessTransport};
use menkyo_transport::{Capabilities, CardTransport};

/// The links measured: the goal's (212 kbit/s, 5 ms) first.
const LINKS: [(u32, u64); 5] = [(212, 5), (424, 5), (848, 5), (212, 15), (848, 10)];

fn card(profile: ReaderProfile, link: LinkModel) -> InProcessTransport {
    let image = samples::get("ic-licence").expect("the ic-licence sample");
    InProcessTransport::new(Emulator::new(image)).with_reader_profile(profile.with_link(Some(link)))
}

fn pin(digits: &str) -> Pin {
    Pin::licence(digits).expect("test PIN")
}

/// menkyo's read: APDUs and time on the link.
fn menkyo_read(profile: ReaderProfile, link: LinkModel) -> (u64, Duration) {
    let mut transport = card(profile, link);
    let pins = IcPins {
        pin1: Some(pin("1234")),
        pin2: Some(pin("5678")),
    };
    let mut reader = Reader::new(&mut transport);
    let read = reader.read_ic_licence(&pins, ReadOptions::default());
    assert!(
        read.is_ok_and(|r| r.files.skipped.is_empty()),
        "menkyo's read failed"
    );
    let apdus = reader.apdu_count();
    (apdus, link_time(&transport))
}

fn link_time(transport: &InProcessTransport) -> Duration {
    transport
        .played_reader()
        .map_or(Duration::ZERO, |p| p.link_time())
}

/// Reads the current EF in 256-byte chunks until a short answer or the end of the file.
fn read_in_chunks(ex: &mut Exchange<'_>) -> Result<usize, Error> {
    let mut offset = 0usize;
    loop {
        let Ok(at) = u16::try_from(offset) else {
            return Ok(offset);
        };
        let answer = ex.send(&commands::read_binary(at, 256), Step::Detect)?;
        if !answer.sw.is_success() {
            return Ok(offset);
        }
        offset += answer.data.len();
        if answer.data.len() < 256 {
            return Ok(offset);
        }
    }
}

/// The naive read many readers do: every EF selected by FID and read in 256-byte chunks, the
/// tries asked before each VERIFY.
fn naive_read(link: LinkModel) -> (u64, Duration, usize) {
    let mut transport = card(ReaderProfile::UNLIMITED, link);
    let mut bytes = 0;
    let apdus = {
        let mut tx = transport.transaction().expect("a transaction");
        let mut ex = Exchange::new(&mut *tx, Capabilities::SHORT_ONLY);
        let mut run = || -> Result<(), Error> {
            ex.send(&commands::select_mf(), Step::SelectMf)?;
            for fid in [registry::MF_EF01.fid, registry::MF_EF02.fid] {
                ex.send(&commands::select_ef(fid), Step::Detect)?;
                bytes += read_in_chunks(&mut ex)?;
            }
            for (p2, digits) in [
                (registry::Pin::IcPin1.verify_p2(), "1234"),
                (registry::Pin::IcPin2.verify_p2(), "5678"),
            ] {
                ex.send(&commands::query_tries(p2), Step::Detect)?;
                let verify = commands::verify(p2, pin(digits).expose());
                let answer = ex.send(&verify, Step::Detect)?;
                assert!(answer.sw.is_success(), "the naive VERIFY failed");
            }
            let mut df = 0;
            for (file_df, file) in df_files() {
                if file_df != df {
                    let aid = if file_df == 1 {
                        ic::AID_DF1
                    } else {
                        ic::AID_DF2
                    };
                    ex.send(&commands::select_aid(&aid), Step::Detect)?;
                    df = file_df;
                }
                ex.send(&commands::select_ef(file.fid), Step::Detect)?;
                bytes += read_in_chunks(&mut ex)?;
            }
            Ok(())
        };
        run().expect("the naive read");
        ex.apdu_count()
    };
    (apdus, link_time(&transport), bytes)
}

/// The elementary files of DF1 and DF2, with the DF (1 or 2) each is in.
fn df_files() -> impl Iterator<Item = (u8, &'static File)> {
    registry::IC_LICENCE.files().filter_map(|file| {
        let df = if file.path.starts_with("DF1/") {
            1
        } else if file.path.starts_with("DF2/") {
            2
        } else {
            return None;
        };
        Some((df, file))
    })
}

/// The floor: what no read of these files with these PINs avoids. One SELECT of MF/EF01 (it
/// has no SFI), one READ BINARY per file with the whole file in the answer, both VERIFYs, one
/// SELECT per DF.
fn floor(link: LinkModel) -> (u64, Duration) {
    let read = |size: usize| (if size > 256 { 7 } else { 5 }, size + 2);
    let mut exchanges = vec![
        (7, 2),
        read(registry::MF_EF01.fixed_size()),
        read(registry::MF_EF02.fixed_size()),
    ];
    exchanges.extend([(9, 2), (9, 2), (21, 2), (21, 2)]);
    for (_, file) in df_files() {
        exchanges.push(read(file.fixed_size()));
    }
    let time = exchanges
        .iter()
        .map(|(command, response)| link.exchange_time(*command, *response))
        .sum();
    (exchanges.len() as u64, time)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    for (kbits, turnaround_ms) in LINKS {
        let link = LinkModel {
            bit_rate: kbits * 1000,
            turnaround: Duration::from_millis(turnaround_ms),
        };
        table(link);
    }
}

/// One link's table: every read, its time against the floor and the naive read's.
fn table(link: LinkModel) {
    let (floor_apdus, floor_time) = floor(link);
    let (ext_apdus, ext_time) = menkyo_read(ReaderProfile::UNLIMITED, link);
    let (short_apdus, short_time) = menkyo_read(ReaderProfile::PASORI, link);
    let (naive_apdus, naive_time, naive_bytes) = naive_read(link);
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let bytes_bits = u64::try_from(naive_bytes).unwrap_or(u64::MAX) * 10;
    let bytes_ms = bytes_bits as f64 * 1000.0 / f64::from(link.bit_rate);
    println!(
        "ic-licence full read (PIN1 and PIN2, {naive_bytes} bytes of files) on a {} kbit/s link, {} ms turnaround",
        link.bit_rate / 1000,
        link.turnaround.as_millis()
    );
    println!(
        "the files' bytes alone: {bytes_ms:.1} ms, {:.0} % of the naive read",
        bytes_ms / ms(naive_time) * 100.0
    );
    println!("| Read | APDUs | Time on the link | vs floor | naive / this |");
    println!("|---|---|---|---|---|");
    for (name, apdus, time) in [
        ("menkyo, extended length", ext_apdus, ext_time),
        (
            "menkyo, short APDUs (pasori profile)",
            short_apdus,
            short_time,
        ),
        (
            "naive: SELECT each EF, 256-byte chunks, tries before VERIFY",
            naive_apdus,
            naive_time,
        ),
        ("floor", floor_apdus, floor_time),
    ] {
        println!(
            "| {name} | {apdus} | {:.1} ms | {:+.1} % | {:.2}× |",
            ms(time),
            (ms(time) / ms(floor_time) - 1.0) * 100.0,
            ms(naive_time) / ms(time)
        );
    }
    println!();
}
