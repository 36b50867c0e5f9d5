//! `menkyo readers`: the PC/SC readers, whether each holds a card, its ATR and what card the
//! ATR suggests; `--watch` follows cards coming and going.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use menkyo_pcsc::listing::{describe, describe_event, event_json, ReaderEntry};
use menkyo_pcsc::{Event, Pcsc, Watcher};
use menkyo_transport::TransportError;

use crate::cli::{Format, ReadersArgs};
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
        if args.format == Format::Json {
            let document = ReadersDocument {
                schema: menkyo_codec::records::json::SCHEMA,
                kind: "readers",
                readers: readers.iter().map(ReaderEntry::of).collect(),
            };
            return output::print_json(&document);
        }
        for reader in &readers {
            output::print(&format!("{}\n", describe(reader)))?;
        }
        return Ok(());
    }
    let json = args.format == Format::Json;
    let mut watcher = Watcher::new(pcsc).map_err(Error::ReaderList)?;
    let readers = watcher.readers();
    if readers.is_empty() && !json {
        output::print("no reader yet; waiting for one\n")?;
    }
    for reader in &readers {
        let line = match json {
            true => event_json(&Event::ReaderAdded(reader.clone())).to_string(),
            false => describe(reader),
        };
        output::print(&format!("{line}\n"))?;
    }
    let stop = stop_on_interrupt(&watcher)?;
    while !stop.load(Ordering::SeqCst) && !output::closed() {
        let events = watcher
            .next(Some(Duration::from_secs(60)))
            .map_err(Error::ReaderList)?;
        for event in events {
            let line = match json {
                true => event_json(&event).to_string(),
                false => describe_event(&event),
            };
            output::print(&format!("{line}\n"))?;
        }
    }
    Ok(())
}

/// A flag that Ctrl-C (or SIGTERM) sets, waking `watcher` at once.
pub(super) fn stop_on_interrupt(watcher: &Watcher) -> Result<Arc<AtomicBool>, ctrlc::Error> {
    let stop = Arc::new(AtomicBool::new(false));
    let canceller = watcher.canceller();
    on_interrupt(Arc::clone(&stop), move || canceller.cancel())?;
    Ok(stop)
}

/// On Ctrl-C (or SIGTERM): sets `flag`, then calls `wake` to end a wait at once.
pub(super) fn on_interrupt(
    flag: Arc<AtomicBool>,
    wake: impl Fn() + Send + 'static,
) -> Result<(), ctrlc::Error> {
    ctrlc::set_handler(move || {
        flag.store(true, Ordering::SeqCst);
        wake();
    })
}

/// The JSON document of `menkyo readers --format json`.
#[derive(serde::Serialize)]
struct ReadersDocument {
    schema: &'static str,
    kind: &'static str,
    readers: Vec<ReaderEntry>,
}
