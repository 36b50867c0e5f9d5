//! The vpcd bridge against a listener that speaks vpcd's side of the protocol as
//! `vpcd.c` does (length-prefixed frames, controls unanswered except get-ATR), serving the real
//! emulator. The bridge through the real pcscd and vpcd is tested in the workspace's `tests/`.

use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;
use std::thread;

use menkyo_codec::layout::ic;

use super::*;
use crate::{spec_cards, Emulator};

const SELECT_MF: [u8; 4] = [0x00, 0xA4, 0x00, 0x00];
/// VERIFY of PIN1 with the spec licence's `1234`.
const VERIFY_PIN1: [u8; 9] = [0x00, 0x20, 0x00, 0x81, 0x04, b'1', b'2', b'3', b'4'];

fn licence() -> Emulator {
    let image = spec_cards::image("spec-ic-licence");
    Emulator::new(image.unwrap_or_else(|| panic!("the spec licence image exists")))
}

fn listener() -> (TcpListener, VpcdConfig) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let port = listener.local_addr().expect("bound").port();
    let config = VpcdConfig {
        port,
        first_give_up_after: Duration::from_secs(5),
        give_up_after: Duration::from_secs(5),
        ..VpcdConfig::default()
    };
    (listener, config)
}

/// vpcd's side: sends a message, reads the answer when one is due.
struct FakeVpcd(TcpStream);

impl FakeVpcd {
    fn accept(listener: &TcpListener) -> FakeVpcd {
        let (stream, _) = listener.accept().expect("the bridge connects");
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .expect("timeout");
        FakeVpcd(stream)
    }

    /// Accepts the bridge and powers the card, which then answers SELECT MF with `9000`.
    fn powered(listener: &TcpListener) -> FakeVpcd {
        let mut vpcd = FakeVpcd::accept(listener);
        vpcd.send(&[CTRL_ON]);
        assert_eq!(vpcd.exchange(&SELECT_MF), [0x90, 0x00]);
        vpcd
    }

    /// Accepts the bridge, powers the card and VERIFYs PIN1 (`1234`), answered `9000`.
    fn verified(listener: &TcpListener) -> FakeVpcd {
        let mut vpcd = FakeVpcd::powered(listener);
        assert_eq!(vpcd.exchange(&VERIFY_PIN1), [0x90, 0x00]);
        vpcd
    }

    fn send(&mut self, message: &[u8]) {
        let len = u16::try_from(message.len()).expect("short message");
        let mut frame = len.to_be_bytes().to_vec();
        frame.extend_from_slice(message);
        self.0.write_all(&frame).expect("send to the bridge");
    }

    fn exchange(&mut self, message: &[u8]) -> Vec<u8> {
        self.send(message);
        read_message(&mut self.0)
            .expect("an answer")
            .expect("the bridge stays connected")
    }
}

/// The thread serving a card.
type Serving = thread::JoinHandle<Result<(), Error>>;

/// Serves `card` on a thread; returns the stop handle, the events and the thread.
fn serve(
    config: VpcdConfig,
    mut card: Emulator,
) -> (StopHandle, mpsc::Receiver<VpcdEvent>, Serving) {
    let (events, received) = mpsc::channel();
    let mut server = VpcdServer::new(config).on_event(move |e| {
        let _ = events.send(e.clone());
    });
    let stop = server.stop_handle();
    let thread = thread::spawn(move || server.serve(&mut card));
    (stop, received, thread)
}

/// The spec licence served to a listener of its own: the listener, the stop handle, the
/// events and the thread.
fn serve_licence() -> (TcpListener, StopHandle, mpsc::Receiver<VpcdEvent>, Serving) {
    let (listener, config) = listener();
    let (stop, events, thread) = serve(config, licence());
    (listener, stop, events, thread)
}

/// Stops the server and fails unless its thread ended without an error.
fn stop_cleanly(stop: &StopHandle, thread: Serving) {
    stop.stop();
    assert!(thread.join().expect("no panic").is_ok());
}

fn next_event(events: &mpsc::Receiver<VpcdEvent>) -> VpcdEvent {
    events
        .recv_timeout(Duration::from_secs(5))
        .expect("an event within 5 s")
}

#[test]
fn controls_and_apdus_are_answered_as_vpcd_expects() {
    let (listener, stop, events, thread) = serve_licence();
    let mut vpcd = FakeVpcd::accept(&listener);
    assert!(matches!(next_event(&events), VpcdEvent::Connected(_)));

    vpcd.send(&[CTRL_ON]);
    assert_eq!(vpcd.exchange(&[CTRL_ATR]), ic::ATR);
    assert_eq!(next_event(&events), VpcdEvent::PowerOn);
    assert!(matches!(next_event(&events), VpcdEvent::Inserted(_)));
    assert_eq!(vpcd.exchange(&SELECT_MF), [0x90, 0x00]);
    let common = vpcd.exchange(&[0x00, 0xA4, 0x02, 0x0C, 0x02, 0x2F, 0x01]);
    assert_eq!(common, [0x90, 0x00]);
    let read = vpcd.exchange(&[0x00, 0xB0, 0x00, 0x00, 0x11]);
    assert_eq!(read.len(), 17 + 2);
    assert_eq!(read.get(..2), Some(&[0x45, 0x0B][..]));

    let VpcdEvent::Apdu(trace) = next_event(&events) else {
        panic!("expected the SELECT MF trace");
    };
    assert_eq!(trace.command, "00 A4 00 00");
    assert!(trace.response.starts_with("90 00"), "{}", trace.response);

    stop_cleanly(&stop, thread);
}

#[test]
fn pin_bytes_never_reach_the_trace() {
    let (listener, stop, events, thread) = serve_licence();
    let _vpcd = FakeVpcd::verified(&listener);
    stop_cleanly(&stop, thread);

    let traces: Vec<ApduTrace> = events
        .try_iter()
        .filter_map(|e| match e {
            VpcdEvent::Apdu(t) => Some(t),
            _ => None,
        })
        .collect();
    let verify_trace = traces
        .iter()
        .find(|t| t.command.starts_with("00 20 00 81"))
        .expect("the VERIFY was traced");
    assert!(verify_trace.command.contains("** ** ** **"));
    assert!(!verify_trace.command.contains("31 32 33 34"));
}

#[test]
fn an_unpowered_card_answers_6f00_not_an_empty_frame() {
    let (listener, stop, _events, thread) = serve_licence();
    let mut vpcd = FakeVpcd::accept(&listener);
    vpcd.send(&[CTRL_OFF]);
    assert_eq!(vpcd.exchange(&SELECT_MF), NO_ANSWER);
    vpcd.send(&[CTRL_RESET]);
    assert_eq!(vpcd.exchange(&SELECT_MF), [0x90, 0x00]);
    stop_cleanly(&stop, thread);
}

#[test]
fn reconnects_when_vpcd_goes_away_and_comes_back() {
    let (listener, stop, events, thread) = serve_licence();
    drop(FakeVpcd::verified(&listener));

    let mut second = FakeVpcd::accept(&listener);
    assert_eq!(second.exchange(&[CTRL_ATR]), ic::ATR);
    second.send(&[CTRL_ON]);
    assert_eq!(second.exchange(&SELECT_MF), [0x90, 0x00]);
    let df1 = [&[0x00, 0xA4, 0x04, 0x0C, 0x10][..], &ic::AID_DF1].concat();
    assert_eq!(second.exchange(&df1), [0x90, 0x00]);
    let read = second.exchange(&[0x00, 0xB0, 0x81, 0x00, 0x01]);
    assert_eq!(
        read,
        [0x69, 0x82],
        "the PIN verified before the card left is forgotten"
    );
    stop_cleanly(&stop, thread);

    let seen: Vec<VpcdEvent> = events.try_iter().collect();
    let connects = seen
        .iter()
        .filter(|e| matches!(e, VpcdEvent::Connected(_)))
        .count();
    assert_eq!(connects, 2);
    assert!(seen.contains(&VpcdEvent::Disconnected));
}

#[test]
fn stop_ends_serving_while_it_waits_for_vpcd() {
    let (listener, stop, events, thread) = serve_licence();
    let _vpcd = FakeVpcd::accept(&listener);
    assert!(matches!(next_event(&events), VpcdEvent::Connected(_)));
    stop_cleanly(&stop, thread);
    assert!(stop.is_stopped());
}

#[test]
fn gives_up_when_vpcd_never_listens() {
    let (listener, mut config) = listener();
    drop(listener);
    config.first_give_up_after = Duration::from_millis(300);
    let mut server = VpcdServer::new(config);
    let err = server.serve(&mut licence());
    assert!(matches!(err, Err(Error::VpcdUnreachable { .. })), "{err:?}");
}

#[test]
fn an_answer_too_long_for_a_frame_is_refused_and_nothing_is_written() {
    let mut sink = Vec::new();
    let huge = vec![0u8; 65_536];
    assert!(matches!(
        write_message(&mut sink, &huge),
        Err(WriteError::TooLong(65_536))
    ));
    assert!(sink.is_empty());
    let largest = vec![0u8; 65_535];
    assert!(write_message(&mut sink, &largest).is_ok());
    assert_eq!(sink.get(..2), Some(&[0xFF, 0xFF][..]));
    assert_eq!(sink.len(), 65_537);
}

#[test]
fn frames_are_read_whole() {
    let bytes = [0x00, 0x03, 0xAA, 0xBB, 0xCC, 0x00, 0x01];
    let mut input = &bytes[..];
    assert_eq!(
        read_message(&mut input).ok().flatten(),
        Some(vec![0xAA, 0xBB, 0xCC])
    );
    assert!(read_message(&mut input).is_err(), "a cut frame is an error");
    let mut empty: &[u8] = &[];
    assert!(matches!(read_message(&mut empty), Ok(None)));
}

#[test]
fn the_card_is_inserted_once_vpcd_powered_it_and_took_its_atr() {
    let (listener, stop, events, thread) = serve_licence();
    let mut vpcd = FakeVpcd::accept(&listener);
    assert!(matches!(next_event(&events), VpcdEvent::Connected(_)));
    // The presence poll asks the ATR without powering: not yet in the reader for PC/SC.
    assert_eq!(vpcd.exchange(&[CTRL_ATR]), ic::ATR);
    vpcd.send(&[CTRL_ON]);
    assert_eq!(next_event(&events), VpcdEvent::PowerOn);
    assert_eq!(vpcd.exchange(&[CTRL_ATR]), ic::ATR);
    assert!(matches!(next_event(&events), VpcdEvent::Inserted(_)));
    stop_cleanly(&stop, thread);
}

#[test]
fn a_vpcd_that_never_speaks_is_a_port_served_by_another_program() {
    let (listener, mut config) = listener();
    config.silent_give_up_after = Duration::from_millis(300);
    let (_stop, events, thread) = serve(config, licence());
    let _vpcd = FakeVpcd::accept(&listener);
    assert!(matches!(next_event(&events), VpcdEvent::Connected(_)));
    let err = thread.join().expect("no panic").unwrap_err();
    assert!(matches!(err, Error::VpcdPortInUse { .. }), "{err:?}");
    assert!(err.to_string().contains("another program"), "{err}");
}

/// Fails unless the bridge closed the connection instead of answering `message`.
fn assert_closed_on(vpcd: &mut FakeVpcd, message: &[u8]) {
    vpcd.send(message);
    let answer = read_message(&mut vpcd.0);
    assert!(!matches!(answer, Ok(Some(_))), "answered: {answer:?}");
}

/// Polls `vpcd` the way pcscd's presence check does, `times` times, each answered with the ATR.
fn polled(vpcd: &mut FakeVpcd, times: usize) {
    for _ in 0..times {
        assert_eq!(vpcd.exchange(&[CTRL_ATR]), ic::ATR);
    }
}

#[test]
fn a_card_pcscd_polls_but_never_powers_leaves_and_comes_back() {
    let (listener, stop, events, thread) = serve_licence();
    let mut vpcd = FakeVpcd::accept(&listener);
    assert!(matches!(next_event(&events), VpcdEvent::Connected(_)));
    // pcscd still holds an earlier card as in the reader: it polls and never powers this one.
    polled(&mut vpcd, 3);
    assert_closed_on(&mut vpcd, &[CTRL_ATR]);
    assert_eq!(next_event(&events), VpcdEvent::Reinserting);

    // Back in the reader, seen arriving this time: powered, then inserted.
    let mut again = FakeVpcd::accept(&listener);
    assert!(matches!(next_event(&events), VpcdEvent::Connected(_)));
    polled(&mut again, 2);
    again.send(&[CTRL_ON]);
    assert_eq!(next_event(&events), VpcdEvent::PowerOn);
    polled(&mut again, 1);
    assert!(matches!(next_event(&events), VpcdEvent::Inserted(_)));
    assert_eq!(again.exchange(&SELECT_MF), [0x90, 0x00]);
    stop_cleanly(&stop, thread);
}

#[test]
fn a_card_leaves_for_pcscd_once_in_a_row_until_it_is_powered() {
    let (listener, stop, events, thread) = serve_licence();
    let mut first = FakeVpcd::accept(&listener);
    polled(&mut first, 3);
    assert_closed_on(&mut first, &[CTRL_ATR]);

    // Still not powered after coming back (a pcscd that powers cards only when a program
    // connects): the card stays.
    let mut second = FakeVpcd::accept(&listener);
    polled(&mut second, 5);
    second.send(&[CTRL_ON]);
    polled(&mut second, 1);
    drop(second);

    // Powered once, so the next connection pcscd does not power leaves again.
    let mut third = FakeVpcd::accept(&listener);
    polled(&mut third, 3);
    assert_closed_on(&mut third, &[CTRL_ATR]);
    let _fourth = FakeVpcd::accept(&listener);
    stop_cleanly(&stop, thread);

    let reinserts = events
        .try_iter()
        .filter(|e| *e == VpcdEvent::Reinserting)
        .count();
    assert_eq!(reinserts, 2);
}

#[test]
fn a_card_powered_down_after_use_stays_in_the_reader() {
    let (listener, stop, events, thread) = serve_licence();
    let mut vpcd = FakeVpcd::accept(&listener);
    polled(&mut vpcd, 2);
    vpcd.send(&[CTRL_ON]);
    polled(&mut vpcd, 1);
    // pcscd powers an unused card down after its grace period and keeps polling it.
    vpcd.send(&[CTRL_OFF]);
    polled(&mut vpcd, 5);
    stop_cleanly(&stop, thread);
    assert!(!events.try_iter().any(|e| e == VpcdEvent::Reinserting));
}

#[test]
fn a_card_reset_by_pcscd_counts_as_powered() {
    let (listener, stop, events, thread) = serve_licence();
    let mut vpcd = FakeVpcd::accept(&listener);
    polled(&mut vpcd, 2);
    // A program's reset on disconnect reaches the card before any power-on: pcscd shows the
    // card with the ATR it took after the reset.
    vpcd.send(&[CTRL_RESET]);
    polled(&mut vpcd, 3);
    stop_cleanly(&stop, thread);
    let seen: Vec<VpcdEvent> = events.try_iter().collect();
    assert!(!seen.contains(&VpcdEvent::Reinserting), "{seen:?}");
    assert!(
        seen.iter().any(|e| matches!(e, VpcdEvent::Inserted(_))),
        "{seen:?}"
    );
}
