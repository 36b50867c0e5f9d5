//! `menkyo pin status`: the card's status as text.

use menkyo_client::{CardStatus, PinState};

use crate::columns::{pad, tries_left_of, width};
use crate::style::Style;

/// The card, each PIN with its tries left, and whether the holder set the licence PINs.
pub fn render(status: &CardStatus, style: Style) -> String {
    let mut out = format!("{}\n", style.bold(status.card.describe()));
    let names = status.pins.iter().map(|p| width(p.name)).max().unwrap_or(0);
    for pin in &status.pins {
        let state = match pin.state {
            PinState::TriesLeft { tries: 1 } => style.warn(&format!(
                "{}: the next wrong PIN blocks it",
                tries_left_of(1, usize::from(pin.max_tries))
            )),
            PinState::TriesLeft { tries } => {
                style.good(&tries_left_of(tries, usize::from(pin.max_tries)))
            }
            PinState::Blocked => style.bad("blocked (閉塞)"),
            PinState::Verified => "verified".to_owned(),
        };
        out.push_str(&format!("{}  {state}\n", pad(pin.name, names)));
    }
    match status.pin_set {
        Some(false) => {
            out.push_str(&style.dim(
                "the holder set no licence PIN: the card takes **** (no PIN needed to read)\n",
            ))
        }
        Some(true) => out.push_str(&style.dim("the holder set the licence PINs\n")),
        None => {}
    }
    out
}
