//! `menkyo readers`: the PC/SC readers, whether each holds a card, its ATR and what card the
//! ATR suggests; `--watch` follows cards coming and going.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use menkyo_client::detect::{atr_hint, AtrHint};
use menkyo_codec::trace::hex_spaced;
use menkyo_pcsc::{CardState, Event, Pcsc, Reader, Watcher};
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
                readers: readers.iter().map(reader_json).collect(),
            };
            let text = serde_json::to_string_pretty(&document).unwrap_or_default();
            return output::print(&format!("{text}\n"));
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
    let flag = Arc::clone(&stop);
    ctrlc::set_handler(move || {
        flag.store(true, Ordering::SeqCst);
        canceller.cancel();
    })?;
    Ok(stop)
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

/// The JSON document of `menkyo readers --format json`.
#[derive(serde::Serialize)]
struct ReadersDocument {
    schema: &'static str,
    kind: &'static str,
    readers: Vec<ReaderEntry>,
}

/// One reader: `state` is `no-card`, `card`, `mute` or `unavailable`; the rest `null` without a
/// card.
#[derive(serde::Serialize)]
struct ReaderEntry {
    name: String,
    state: &'static str,
    atr: Option<String>,
    card_kind: Option<&'static str>,
    exclusive: Option<bool>,
    in_use: Option<bool>,
}

fn reader_json(reader: &Reader) -> ReaderEntry {
    let (state, atr, kind, exclusive, in_use) = match &reader.card {
        CardState::Absent => ("no-card", None, None, None, None),
        CardState::Present {
            atr,
            exclusive,
            in_use,
        } => (
            "card",
            Some(hex::encode_upper(atr)),
            Some(card_kind_id(atr)),
            Some(*exclusive),
            Some(*in_use),
        ),
        CardState::Mute => ("mute", None, None, None, None),
        CardState::Unavailable => ("unavailable", None, None, None, None),
    };
    ReaderEntry {
        name: reader.name.clone(),
        state,
        atr,
        card_kind: kind,
        exclusive,
        in_use,
    }
}

/// One line of JSON per event of `readers --watch --format json`.
fn event_json(event: &Event) -> serde_json::Value {
    match event {
        Event::ReaderAdded(reader) => {
            serde_json::json!({"event": "reader-added", "reader": reader_json(reader)})
        }
        Event::ReaderRemoved { reader } => {
            serde_json::json!({"event": "reader-removed", "reader": reader})
        }
        Event::CardInserted { reader, atr } => serde_json::json!({
            "event": "card-inserted",
            "reader": reader,
            "atr": hex::encode_upper(atr),
            "card_kind": card_kind_id(atr),
        }),
        Event::CardRemoved { reader } => {
            serde_json::json!({"event": "card-removed", "reader": reader})
        }
        Event::ServiceStopped => serde_json::json!({"event": "service-stopped"}),
        Event::ServiceStarted => serde_json::json!({"event": "service-started"}),
    }
}

/// What the ATR suggests, as the JSON names it: `ic-licence`, `my-number` (with or without
/// the 免許AP: only SELECT tells) or `unknown`.
fn card_kind_id(atr: &[u8]) -> &'static str {
    match card_kind(atr) {
        k if k.starts_with("IC driving licence") => "ic-licence",
        k if k.starts_with("My Number card") => "my-number",
        _ => "unknown",
    }
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
pub(super) fn card_kind(atr: &[u8]) -> &'static str {
    match atr_hint(atr) {
        AtrHint::IcLicence => "IC driving licence (ICカード運転免許証)",
        AtrHint::MyNumber => {
            "My Number card (マイナンバーカード; `menkyo read` tells whether it carries the 免許AP)"
        }
        AtrHint::Unknown => "unknown card",
    }
}
