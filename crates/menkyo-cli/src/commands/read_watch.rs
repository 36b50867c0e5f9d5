//! `menkyo read --watch`: reads each card as it is presented to a PC/SC reader, until
//! interrupted. Every card is read in a session of its own, its PINs asked anew; a card that
//! fails is reported on standard error and the watch goes on.

use std::sync::atomic::Ordering;
use std::time::Duration;

use menkyo_auth::TrustAnchor;
use menkyo_pcsc::{CardState, Event, Pcsc, Watcher};

use crate::args::ReadArgs;
use crate::error::Error;

/// How long one wait for PC/SC events may last before it is renewed.
const WAIT: Duration = Duration::from_secs(60);

pub fn run(args: &ReadArgs, anchor: Option<&TrustAnchor>) -> Result<(), Error> {
    let mut watcher = Watcher::new(Pcsc::establish()?)?;
    let stop = super::readers::stop_on_interrupt(&watcher).map_err(Error::Signal)?;

    let readers = watcher.readers();
    let watched = |name: &str| match &args.card.reader {
        None => true,
        Some(given) => match given.parse::<usize>() {
            Ok(index) => readers.get(index).is_some_and(|r| r.name == name),
            Err(_) => name.contains(given.as_str()),
        },
    };
    eprintln!("menkyo: waiting for cards (Ctrl-C ends)");
    let present: Vec<String> = readers
        .iter()
        .filter(|r| matches!(r.card, CardState::Present { .. }) && watched(&r.name))
        .map(|r| r.name.clone())
        .collect();
    for reader in present {
        read_one(args, anchor, &reader);
    }
    while !stop.load(Ordering::SeqCst) {
        for event in watcher.next(Some(WAIT))? {
            if let Event::CardInserted { reader, .. } = event {
                if watched(&reader) && !stop.load(Ordering::SeqCst) {
                    read_one(args, anchor, &reader);
                }
            }
        }
    }
    Ok(())
}

/// Reads and prints the card in `reader`; a failure is one line on standard error.
fn read_one(args: &ReadArgs, anchor: Option<&TrustAnchor>, reader: &str) {
    let mut card = args.card.clone();
    card.reader = Some(reader.to_owned());
    let result = super::read::read_card(args, &card, false)
        .and_then(|(read, link)| super::read::present(args, &read, Some(link), anchor, true));
    if let Err(failure) = result {
        eprintln!("menkyo: {reader}: {}", failure.one_line());
    }
}
