//! `menkyo emulate`: serves a software card to vsmartcard's virtual reader (vpcd), so every
//! PC/SC program sees it in `Virtual PCD 00 00`, until Ctrl-C or SIGTERM.

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use menkyo_emulator::profile::{Profile, ProfileError};
use menkyo_emulator::vpcd::{VpcdConfig, VpcdError, VpcdEvent, VpcdServer};
use menkyo_emulator::{samples, spec_cards, CardImage, Emulator, ImageError};
use menkyo_pcsc::Pcsc;

use super::pcsc_failure::NO_READER_OR_CARD;
use crate::cli::EmulateArgs;

/// Why `menkyo emulate` failed.
#[derive(Debug, thiserror::Error)]
pub enum EmulateError {
    /// `--vpcd` is not `HOST:PORT`.
    #[error("--vpcd {0:?} is not HOST:PORT (for example 127.0.0.1:35963)")]
    BadAddress(String),
    /// CARD names no built-in sample and no file.
    #[error(
        "{0:?} is neither a built-in sample ({names}) nor a profile or image file",
        names = samples::names().join(", ")
    )]
    UnknownCard(String),
    /// The card image could not be read or written.
    #[error("cannot use the card image")]
    Image(#[from] ImageError),
    /// The card profile could not be read or built.
    #[error("cannot build the card from its profile")]
    Profile(#[from] ProfileError),
    /// The emulator could not open the state file.
    #[error("cannot open the card")]
    Emulator(#[from] menkyo_emulator::Error),
    /// vpcd is not there. Printed with its cause and what to do next, so it carries no
    /// chained source.
    #[error("{}", unreachable_line(.0))]
    Unreachable(VpcdError),
    /// The link to vpcd failed.
    #[error("serving the card failed")]
    Vpcd(#[source] VpcdError),
    /// The Ctrl-C and SIGTERM handler could not be installed.
    #[error("cannot catch Ctrl-C and SIGTERM")]
    Signal(#[from] ctrlc::Error),
}

fn unreachable_line(err: &VpcdError) -> String {
    let cause = std::error::Error::source(err)
        .map(|c| format!(": {c}"))
        .unwrap_or_default();
    format!(
        "{err}{cause}; is pcscd running with vsmartcard-vpcd? Install and start them \
         (`sudo apt install pcscd vsmartcard-vpcd`, `sudo systemctl restart pcscd`), or give \
         vpcd's address with --vpcd HOST:PORT"
    )
}

impl EmulateError {
    /// 2 for options or a card the command cannot use, 3 when vpcd (pcscd) is not there, 1
    /// otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            EmulateError::BadAddress(_) | EmulateError::UnknownCard(_) => 2,
            EmulateError::Image(ImageError::Write { .. }) => 1,
            EmulateError::Image(_) | EmulateError::Profile(_) | EmulateError::Emulator(_) => 2,
            EmulateError::Unreachable(_) => NO_READER_OR_CARD,
            EmulateError::Vpcd(_) | EmulateError::Signal(_) => 1,
        }
    }
}

/// Runs `menkyo emulate`: the trace goes to standard output, notes on the link to standard
/// error.
pub fn run(args: &EmulateArgs) -> Result<(), EmulateError> {
    let err = &mut std::io::stderr();
    let (host, port) = split_address(&args.vpcd)?;
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
            VpcdEvent::Apdu(apdu) if trace => {
                (true, format!("{} => {}", apdu.command, apdu.response))
            }
            _ => return,
        };
        let _ = lines.send(line);
    });
    let stop = server.stop_handle();
    let flag = Arc::clone(&stopped);
    ctrlc::set_handler(move || {
        flag.store(true, Ordering::SeqCst);
        stop.stop();
    })?;

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
    served.map_err(|e| match e {
        VpcdError::Unreachable { .. } => EmulateError::Unreachable(e),
        other => EmulateError::Vpcd(other),
    })
}

fn split_address(text: &str) -> Result<(String, u16), EmulateError> {
    let bad = || EmulateError::BadAddress(text.to_owned());
    if let Ok(addr) = text.parse::<SocketAddr>() {
        return Ok((addr.ip().to_string(), addr.port()));
    }
    let (host, port) = text.rsplit_once(':').ok_or_else(bad)?;
    let port = port.parse().map_err(|_| bad())?;
    if host.is_empty() {
        return Err(bad());
    }
    Ok((host.to_owned(), port))
}

fn is_local(host: &str) -> bool {
    host == "localhost" || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

fn open_card(args: &EmulateArgs, err: &mut dyn Write) -> Result<Emulator, EmulateError> {
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
            Ok(Emulator::open(state)?)
        }
        Some(state) => {
            resolve_card(args.card.as_deref())?.save(state)?;
            Ok(Emulator::open(state)?)
        }
        None => Ok(Emulator::new(resolve_card(args.card.as_deref())?)),
    }
}

fn resolve_card(card: Option<&str>) -> Result<CardImage, EmulateError> {
    let name = card.unwrap_or(samples::DEFAULT);
    if let Some(image) = samples::get(name).or_else(|| spec_cards::image(name)) {
        return Ok(image);
    }
    let path = Path::new(name);
    if !path.exists() {
        return Err(EmulateError::UnknownCard(name.to_owned()));
    }
    if path.extension().is_some_and(|e| e == "toml") {
        Ok(Profile::load(path)?.to_image()?)
    } else {
        Ok(CardImage::load(path)?)
    }
}

/// Holds a PC/SC connection while serving: pcscd started on demand (systemd's `pcscd.socket`,
/// `--auto-exit`) opens vpcd's port only once a client connected, and quits after a minute
/// without one. Re-established when pcscd restarts.
struct KeepAlive {
    thread: std::thread::JoinHandle<()>,
}

impl KeepAlive {
    fn start(stopped: Arc<AtomicBool>) -> KeepAlive {
        let thread = std::thread::spawn(move || {
            let mut pcsc: Option<Pcsc> = None;
            while !stopped.load(Ordering::SeqCst) {
                if !pcsc.as_ref().is_some_and(Pcsc::is_alive) {
                    pcsc = Pcsc::establish().ok();
                }
                for _ in 0..20 {
                    if stopped.load(Ordering::SeqCst) {
                        return;
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
            }
        });
        KeepAlive { thread }
    }

    fn join(self) {
        let _ = self.thread.join();
    }
}
