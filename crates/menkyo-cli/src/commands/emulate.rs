//! `menkyo emulate`: serves a software card to vsmartcard's virtual reader (vpcd), so every
//! PC/SC program sees it in `Virtual PCD 00 00`, until Ctrl-C or SIGTERM.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use menkyo_emulator::reader_profile::ReaderProfile;
use menkyo_emulator::vpcd::address::{is_local, parse_address};
use menkyo_emulator::vpcd::{VpcdConfig, VpcdEvent, VpcdServer};
use menkyo_emulator::{named, samples, CardImage, Emulator};
use menkyo_pcsc::KeepAlive;

use crate::cli::EmulateArgs;
use crate::error::Error;

/// Runs `menkyo emulate`: the trace goes to standard output, notes on the link to standard
/// error.
pub fn run(args: &EmulateArgs) -> Result<(), Error> {
    let err = &mut std::io::stderr();
    let (host, port) =
        parse_address(&args.vpcd).ok_or_else(|| Error::BadAddress(args.vpcd.clone()))?;
    let mut emulator = open_card(args, err)?;
    let config = VpcdConfig {
        host: host.clone(),
        port,
        ..VpcdConfig::default()
    };
    let stopped = Arc::new(AtomicBool::new(false));
    let keepalive = is_local(&host).then(|| KeepAlive::start(Arc::clone(&stopped)));

    let trace = args.trace;
    let (lines, printed) = std::sync::mpsc::channel::<(bool, String)>();
    let mut server = VpcdServer::new(config).on_event(move |event| {
        let line = match event {
            VpcdEvent::Inserted(addr) => {
                (false, format!("the card is in the reader (vpcd at {addr})"))
            }
            VpcdEvent::Disconnected => (false, "vpcd went away; reconnecting".to_owned()),
            VpcdEvent::Reinserting => (
                false,
                "pcscd still shows the card before this one; taking the card out and in again"
                    .to_owned(),
            ),
            VpcdEvent::Apdu(apdu) if trace => {
                (true, format!("{} => {}", apdu.command, apdu.response))
            }
            _ => return,
        };
        let _ = lines.send(line);
    });
    if let Some(profile) = args
        .reader_profile
        .as_deref()
        .and_then(ReaderProfile::named)
    {
        server = server.with_reader_profile(profile);
    }
    let stop = server.stop_handle();
    super::readers::on_interrupt(Arc::clone(&stopped), move || stop.stop())?;

    let printer = std::thread::spawn(move || {
        let mut out = std::io::stdout();
        for (to_out, line) in printed {
            if to_out {
                let _ = writeln!(out, "{line}").and_then(|()| out.flush());
            } else {
                eprintln!("{line}");
            }
        }
    });
    let served = server.serve(&mut emulator);
    drop(server);
    let _ = printer.join();
    stopped.store(true, Ordering::SeqCst);
    if let Some(keepalive) = keepalive {
        keepalive.join();
    }
    if let Some(state) = &args.state {
        // Every change of a retry counter was written to the image before the card answered;
        // writing the copy held here would undo what other programs did to the image since.
        writeln!(err, "the card stays in {}", state.display()).ok();
    }
    served.map_err(Error::from)
}

fn open_card(args: &EmulateArgs, err: &mut dyn Write) -> Result<Emulator, Error> {
    match &args.state {
        Some(state) if state.exists() => {
            if args.card.is_some() {
                writeln!(
                    err,
                    "continuing the card saved in {} (CARD is not used)",
                    state.display()
                )
                .ok();
            }
            Emulator::open(state).map_err(Error::Emulator)
        }
        Some(state) => {
            resolve_card(args.card.as_deref())?.save(state)?;
            Emulator::open(state).map_err(Error::Emulator)
        }
        None => Ok(Emulator::new(resolve_card(args.card.as_deref())?)),
    }
}

fn resolve_card(card: Option<&str>) -> Result<CardImage, Error> {
    Ok(named::image(card.unwrap_or(samples::DEFAULT))?)
}
