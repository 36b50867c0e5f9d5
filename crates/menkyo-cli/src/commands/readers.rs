//! `menkyo readers`: the PC/SC readers, whether each holds a card, its ATR and what card the
//! ATR suggests; `--watch` follows cards coming and going.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use menkyo_codec::layout::{ic, myna};
use menkyo_codec::trace::hex_spaced;
use menkyo_pcsc::{CardState, Event, Pcsc, Reader, Watcher};
use menkyo_transport::TransportError;

use super::pcsc_failure;
use crate::cli::ReadersArgs;

/// Why `menkyo readers` failed.
#[derive(Debug, thiserror::Error)]
pub enum ReadersError {
    /// PC/SC failed: no service, no reader, …. Printed with its causes and what to do next,
    /// so it carries no chained source.
    #[error("{}", pcsc_failure::line(.0))]
    Pcsc(TransportError),
    /// Writing the listing failed (a closed pipe, say).
    #[error("cannot write the listing")]
    Output(#[from] std::io::Error),
    /// The Ctrl-C handler could not be installed.
    #[error("cannot catch Ctrl-C")]
    Signal(#[from] ctrlc::Error),
}

impl From<TransportError> for ReadersError {
    fn from(err: TransportError) -> Self {
        ReadersError::Pcsc(err)
    }
}

impl ReadersError {
    /// 3 when PC/SC has no service or no reader, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            ReadersError::Pcsc(err) => pcsc_failure::exit_code(err),
            _ => 1,
        }
    }
}

/// Runs `menkyo readers`.
pub fn run(args: &ReadersArgs) -> Result<(), ReadersError> {
    let stdout = std::io::stdout();
    let out = &mut stdout.lock();
    let pcsc = Pcsc::establish()?;
    if !args.watch {
        let readers = pcsc.readers()?;
        if readers.is_empty() {
            return Err(TransportError::NoReader.into());
        }
        for reader in &readers {
            writeln!(out, "{}", describe(reader))?;
        }
        return Ok(());
    }
    let mut watcher = Watcher::new(pcsc)?;
    let readers = watcher.readers();
    if readers.is_empty() {
        writeln!(out, "no reader yet; waiting for one")?;
    }
    for reader in &readers {
        writeln!(out, "{}", describe(reader))?;
    }
    out.flush()?;
    let stop = Arc::new(AtomicBool::new(false));
    let canceller = watcher.canceller();
    let flag = Arc::clone(&stop);
    ctrlc::set_handler(move || {
        flag.store(true, Ordering::SeqCst);
        canceller.cancel();
    })?;
    while !stop.load(Ordering::SeqCst) {
        for event in watcher.next(Some(Duration::from_secs(60)))? {
            writeln!(out, "{}", describe_event(&event))?;
        }
        out.flush()?;
    }
    Ok(())
}

/// One line for a reader: `NAME: no card` or `NAME: card, ATR …, KIND`.
fn describe(reader: &Reader) -> String {
    let state = match &reader.card {
        CardState::Absent => "no card".to_owned(),
        CardState::Present {
            atr,
            exclusive,
            in_use,
        } => {
            let mut line = format!("card, ATR {}, {}", hex_spaced(atr), card_kind(atr));
            if *exclusive {
                line.push_str(" (held exclusively by another program)");
            } else if *in_use {
                line.push_str(" (in use by another program)");
            }
            line
        }
        CardState::Mute => "a card that does not answer (mute)".to_owned(),
        CardState::Unavailable => "unavailable".to_owned(),
    };
    format!("{}: {state}", reader.name)
}

fn describe_event(event: &Event) -> String {
    match event {
        Event::ReaderAdded(reader) => format!("reader added: {}", describe(reader)),
        Event::ReaderRemoved { reader } => format!("{reader}: reader removed"),
        Event::CardInserted { reader, atr } => {
            format!(
                "{reader}: card inserted, ATR {}, {}",
                hex_spaced(atr),
                card_kind(atr)
            )
        }
        Event::CardRemoved { reader } => format!("{reader}: card removed"),
        Event::ServiceStopped => {
            "the PC/SC service stopped; waiting for it to start again".to_owned()
        }
        Event::ServiceStarted => "the PC/SC service is running again".to_owned(),
    }
}

/// What the ATR suggests; only SELECT tells a マイナ免許証 from a plain My Number card.
fn card_kind(atr: &[u8]) -> &'static str {
    let ic_history = atr
        .windows(ic::HISTORICAL_BYTES.len())
        .any(|w| w == ic::HISTORICAL_BYTES);
    if atr == ic::ATR || ic_history {
        "IC driving licence (ICカード運転免許証)"
    } else if atr == myna::ATR_CONTACTLESS
        || atr == myna::ATR_CONTACTLESS_OTHER
        || atr == myna::ATR_CONTACT
        || atr == myna::ATR_CONTACT_OTHER
    {
        "My Number card (マイナンバーカード; `menkyo read` tells whether it carries the 免許AP)"
    } else {
        "unknown card"
    }
}
