//! The readers as `menkyo readers` lists them: one line of text or one JSON entry a reader,
//! with whether it holds a card, the card's ATR and what card the ATR suggests; and each event
//! of a watch the same way.

use menkyo_codec::atr::atr_hint;
use menkyo_codec::trace::hex_spaced;
use serde::Serialize;

use crate::{CardState, Event, Reader};

/// One reader: `state` is `no-card`, `card`, `mute` or `unavailable`; the rest `null` without a
/// card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReaderEntry {
    /// The reader's PC/SC name.
    pub name: String,
    /// What is on or in it.
    pub state: &'static str,
    /// The card's ATR, in hex.
    pub atr: Option<String>,
    /// What card the ATR suggests (`ic-licence`, `my-number`, `unknown`).
    pub card_kind: Option<&'static str>,
    /// Whether another program holds the card exclusively.
    pub exclusive: Option<bool>,
    /// Whether another program uses the card.
    pub in_use: Option<bool>,
}

impl ReaderEntry {
    /// The entry of `reader`.
    pub fn of(reader: &Reader) -> Self {
        let (state, atr, kind, exclusive, in_use) = match &reader.card {
            CardState::Absent => ("no-card", None, None, None, None),
            CardState::Present {
                atr,
                exclusive,
                in_use,
            } => (
                "card",
                Some(hex::encode_upper(atr)),
                Some(atr_hint(atr).id()),
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
}

/// One line for a reader: `NAME: no card` or `NAME: card, ATR …, KIND`.
pub fn describe(reader: &Reader) -> String {
    let state = match &reader.card {
        CardState::Absent => "no card".to_owned(),
        CardState::Present {
            atr,
            exclusive,
            in_use,
        } => {
            let mut line = format!(
                "card, ATR {}, {}",
                hex_spaced(atr),
                atr_hint(atr).describe()
            );
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

/// One line for an event.
pub fn describe_event(event: &Event) -> String {
    match event {
        Event::ReaderAdded(reader) => format!("reader added: {}", describe(reader)),
        Event::ReaderRemoved { reader } => format!("{reader}: reader removed"),
        Event::CardInserted { reader, atr } => {
            format!(
                "{reader}: card inserted, ATR {}, {}",
                hex_spaced(atr),
                atr_hint(atr).describe()
            )
        }
        Event::CardRemoved { reader } => format!("{reader}: card removed"),
        Event::ServiceStopped => {
            "the PC/SC service stopped; waiting for it to start again".to_owned()
        }
        Event::ServiceStarted => "the PC/SC service is running again".to_owned(),
    }
}

/// One JSON object for an event.
pub fn event_json(event: &Event) -> serde_json::Value {
    match event {
        Event::ReaderAdded(reader) => {
            serde_json::json!({"event": "reader-added", "reader": ReaderEntry::of(reader)})
        }
        Event::ReaderRemoved { reader } => {
            serde_json::json!({"event": "reader-removed", "reader": reader})
        }
        Event::CardInserted { reader, atr } => serde_json::json!({
            "event": "card-inserted",
            "reader": reader,
            "atr": hex::encode_upper(atr),
            "card_kind": atr_hint(atr).id(),
        }),
        Event::CardRemoved { reader } => {
            serde_json::json!({"event": "card-removed", "reader": reader})
        }
        Event::ServiceStopped => serde_json::json!({"event": "service-stopped"}),
        Event::ServiceStarted => serde_json::json!({"event": "service-started"}),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use menkyo_codec::layout::ic;

    fn reader(card: CardState) -> Reader {
        Reader {
            name: "Virtual PCD 00 00".into(),
            card,
        }
    }

    #[test]
    fn a_reader_with_a_licence_says_so_in_text_and_json() {
        let held = reader(CardState::Present {
            atr: ic::ATR.to_vec(),
            exclusive: true,
            in_use: true,
        });
        let line = describe(&held);
        assert!(
            line.starts_with("Virtual PCD 00 00: card, ATR 3B 88 80 01"),
            "{line}"
        );
        assert!(line.ends_with(
            "IC driving licence (ICカード運転免許証) (held exclusively by another program)"
        ));
        let entry = ReaderEntry::of(&held);
        assert_eq!(
            (entry.state, entry.card_kind, entry.exclusive),
            ("card", Some("ic-licence"), Some(true))
        );
        let empty = ReaderEntry::of(&reader(CardState::Absent));
        assert_eq!((empty.state, empty.atr), ("no-card", None));
        assert_eq!(
            describe(&reader(CardState::Mute)),
            "Virtual PCD 00 00: a card that does not answer (mute)"
        );
    }

    #[test]
    fn events_have_a_line_and_an_object() {
        let inserted = Event::CardInserted {
            reader: "R".into(),
            atr: vec![0x3B, 0x00],
        };
        assert_eq!(
            describe_event(&inserted),
            "R: card inserted, ATR 3B 00, unknown card"
        );
        assert_eq!(event_json(&inserted)["card_kind"], "unknown");
        assert_eq!(
            event_json(&Event::ServiceStopped).to_string(),
            r#"{"event":"service-stopped"}"#
        );
    }
}
