//! `menkyo readers`: the PC/SC readers, whether each holds a card, its ATR and what card the
//! ATR suggests; `--watch` follows cards coming and going.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use menkyo_client::detect::{atr_hint, AtrHint};
use menkyo_codec::trace::hex_spaced;
use menkyo_pcsc::{CardState, Event, Pcsc, Reader, Watcher};
use menkyo_transport::TransportError;

use crate::cli::ReadersArgs;
use crate::error::Error;
use crate::output;

/// Runs `menkyo readers`.
pub fn run(args: &ReadersArgs) -> Result<(), Error> {
    let pcsc = Pcsc::establish().map_err(Error::ReaderList)?;
    if !args.watch {
        let readers = pcsc.readers().map_err(Error::ReaderList)?;
        if readers.is_empty() {
            return Err(Error::ReaderList(TransportError::NoReader));
        }
        for reader in &readers {
            output::print(&format!("{}\n", describe(reader)))?;
        }
        return Ok(());
    }
    let mut watcher = Watcher::new(pcsc).map_err(Error::ReaderList)?;
    let readers = watcher.readers();
    if readers.is_empty() {
        output::print("no reader yet; waiting for one\n")?;
    }
    for reader in &readers {
        output::print(&format!("{}\n", describe(reader)))?;
    }
    let stop = Arc::new(AtomicBool::new(false));
    let canceller = watcher.canceller();
    let flag = Arc::clone(&stop);
    ctrlc::set_handler(move || {
        flag.store(true, Ordering::SeqCst);
        canceller.cancel();
    })?;
    while !stop.load(Ordering::SeqCst) && !output::closed() {
        let events = watcher
            .next(Some(Duration::from_secs(60)))
            .map_err(Error::ReaderList)?;
        for event in events {
            output::print(&format!("{}\n", describe_event(&event)))?;
        }
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
    match atr_hint(atr) {
        AtrHint::IcLicence => "IC driving licence (ICカード運転免許証)",
        AtrHint::MyNumber => {
            "My Number card (マイナンバーカード; `menkyo read` tells whether it carries the 免許AP)"
        }
        AtrHint::Unknown => "unknown card",
    }
}
