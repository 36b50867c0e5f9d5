//! A card served to vpcd just after another was pulled in the middle of a session, before
//! pcscd polled vpcd again.

use menkyo::transport::CardTransport;

use crate::harness::{self, wait_for_card, ServedCard, READER, SELECT_MF};
use crate::read::sample;

#[test]
fn a_card_served_just_after_one_pulled_mid_session_is_shown() {
    let stack = harness::stack_or_skip!();
    let (first, card) = stack.serve_licence();
    let first_atr = card.atr().expect("the first card's ATR");
    // Built before the first card goes, so that it reaches vpcd before pcscd's next poll.
    let second = sample("myna-licence");
    let second_atr = second.atr();
    assert_ne!(first_atr, second_atr, "two cards told apart by their ATRs");

    first.pull();
    // The reset on disconnect fails (the card is gone): pcscd marks the card mute, and the
    // second card is in vpcd's queue before pcscd polls vpcd again.
    drop(card);
    let served = ServedCard::start(&stack, second);

    assert_eq!(wait_for_card(&stack.pcsc, READER, true), Some(second_atr));
    // It answers as the second card does in process.
    let expected = sample("myna-licence").process(&SELECT_MF);
    let mut card = stack.connect();
    let mut tx = card.transaction().expect("a session");
    assert_eq!(tx.transmit(&SELECT_MF).expect("SELECT MF"), expected);
    drop(tx);
    drop(card);
    served.remove();
}
