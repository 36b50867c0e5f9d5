//! What every end-to-end test through pcscd needs: pcscd and vpcd there (or a clear skip), one
//! test at a time on the vpcd slot, an emulated card in the reader, the `menkyo` binary.

use std::net::TcpListener;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use menkyo::codec::layout::ic;
use menkyo::emulator::vpcd::{StopHandle, VpcdConfig, VpcdEvent, VpcdServer};
use menkyo::emulator::{spec_cards, CardImage, Emulator, VirtualCard};
use menkyo::pcsc::{CardState, ConnectOptions, Event, Pcsc, PcscCard, Watcher};
use menkyo::transport::{CardTransport, Transaction};

use crate::support;

/// The first slot of vsmartcard's vpcd.
pub const READER: &str = "Virtual PCD 00 00";

/// How long pcscd may take to see a card arrive or leave (it polls vpcd every 400 ms).
pub const CARD_TIMEOUT: Duration = Duration::from_secs(10);

/// `scripts/test` sets this: a test that cannot reach pcscd fails instead of skipping.
pub fn pcscd_required() -> bool {
    std::env::var("MENKYO_REQUIRE_PCSCD").is_ok_and(|v| v == "1")
}

/// Skips (returns `None` after saying why) or, under `MENKYO_REQUIRE_PCSCD=1`, fails.
pub fn skip_or_fail(reason: &str) -> Option<Stack> {
    assert!(!pcscd_required(), "MENKYO_REQUIRE_PCSCD=1 but {reason}");
    eprintln!("skipped: {reason} (start pcscd with vsmartcard-vpcd, or run scripts/test)");
    None
}

/// Held for the length of a test: the vpcd slot and pcscd are this test's alone, in this
/// process and on this machine.
pub struct Stack {
    pub pcsc: Pcsc,
    _machine: TcpListener,
    _lock: MutexGuard<'static, ()>,
}

/// The shared stack, or `None` (skip) when pcscd or vpcd is not there.
pub fn stack() -> Option<Stack> {
    static LOCK: Mutex<()> = Mutex::new(());
    let lock = LOCK.lock().unwrap_or_else(|p| p.into_inner());
    let machine = support::machine_lock();
    let pcsc = match Pcsc::establish() {
        Ok(pcsc) => pcsc,
        Err(err) => return skip_or_fail(&format!("pcscd is not reachable: {err}")),
    };
    match pcsc.readers() {
        Ok(readers) if readers.iter().any(|r| r.name == READER) => {}
        Ok(readers) => {
            let names: Vec<_> = readers.into_iter().map(|r| r.name).collect();
            return skip_or_fail(&format!(
                "pcscd has no reader {READER:?} (readers: {names:?})"
            ));
        }
        Err(err) => return skip_or_fail(&format!("pcscd does not list readers: {err}")),
    }
    Some(Stack {
        pcsc,
        _machine: machine,
        _lock: lock,
    })
}

/// An emulated card served to vpcd from a thread of this test process.
pub struct ServedCard {
    stop: StopHandle,
    thread: Option<JoinHandle<()>>,
    pcsc: Pcsc,
    reader: &'static str,
    /// Whether dropping waits until pcscd shows the reader empty.
    wait_gone: bool,
}

impl ServedCard {
    /// Serves `card` on vpcd's first slot and waits until pcscd reports it present.
    pub fn start<C: VirtualCard + Send + 'static>(stack: &Stack, card: C) -> ServedCard {
        Self::start_on(stack.pcsc.clone(), READER, VpcdConfig::default(), card)
    }

    /// Serves `card` to vpcd as configured and waits until `reader` reports it present.
    pub fn start_on<C: VirtualCard + Send + 'static>(
        pcsc: Pcsc,
        reader: &'static str,
        config: VpcdConfig,
        card: C,
    ) -> ServedCard {
        Self::spawn(pcsc, reader, VpcdServer::new(config), card)
    }

    /// Serves `card` through `server` (a reader profile, say) on vpcd's first slot.
    pub fn start_with<C: VirtualCard + Send + 'static>(
        stack: &Stack,
        server: VpcdServer,
        card: C,
    ) -> ServedCard {
        Self::spawn(stack.pcsc.clone(), READER, server, card)
    }

    /// Serves `card` until the reader sends a command that `trigger` picks; then the card is
    /// gone at once, as one pulled off the reader in the middle of a read: that command gets
    /// no answer.
    pub fn start_snatched(stack: &Stack, card: Emulator, trigger: fn(&[u8]) -> bool) -> ServedCard {
        let server = VpcdServer::new(VpcdConfig::default());
        let stop = server.stop_handle();
        let card = Snatched {
            card,
            trigger,
            stop,
        };
        Self::spawn(stack.pcsc.clone(), READER, server, card)
    }

    fn spawn<C: VirtualCard + Send + 'static>(
        pcsc: Pcsc,
        reader: &'static str,
        server: VpcdServer,
        mut card: C,
    ) -> ServedCard {
        // What the card saw of vpcd, for the message when pcscd does not show the card.
        let seen = Arc::new(Mutex::new(Vec::<String>::new()));
        let started = Instant::now();
        let log = Arc::clone(&seen);
        let mut server = server.on_event(move |event| {
            if !matches!(event, VpcdEvent::Apdu(_)) {
                let at = started.elapsed().as_millis();
                let mut log = log.lock().unwrap_or_else(|p| p.into_inner());
                log.push(format!("{at} ms {event:?}"));
            }
        });
        let stop = server.stop_handle();
        let thread = std::thread::spawn(move || {
            if let Err(err) = server.serve(&mut card) {
                panic!("serving the card to vpcd failed: {err}");
            }
        });
        let served = ServedCard {
            stop,
            thread: Some(thread),
            pcsc,
            reader,
            wait_gone: true,
        };
        if wait_for_card(&served.pcsc, reader, true).is_none() {
            let readers = Watcher::new(served.pcsc.clone()).map(|w| w.readers());
            let events = seen.lock().unwrap_or_else(|p| p.into_inner()).clone();
            panic!(
                "pcscd did not see the card in {reader} within {CARD_TIMEOUT:?}; the card saw \
                 {events:?}; the readers now: {readers:?}"
            );
        }
        served
    }

    /// Stops serving and waits until pcscd reports the card gone.
    pub fn remove(mut self) {
        self.stop_and_wait();
    }

    /// Stops serving at once, as a card snatched from the reader; pcscd learns of it at its
    /// next poll or exchange. Dropping the returned value waits until pcscd reports it gone.
    pub fn snatch(mut self) -> ServedCard {
        self.stop.stop();
        if let Some(thread) = self.thread.take() {
            assert!(thread.join().is_ok(), "the vpcd thread panicked");
        }
        self
    }

    /// Stops serving at once and waits for nothing: pcscd learns at its next poll of vpcd that
    /// the card is gone, and a card served before that poll takes its place in vpcd.
    pub fn pull(mut self) {
        self.wait_gone = false;
        self.stop_and_wait();
    }

    fn stop_and_wait(&mut self) {
        self.stop.stop();
        if let Some(thread) = self.thread.take() {
            let result = thread.join();
            if !std::thread::panicking() {
                assert!(result.is_ok(), "the vpcd thread panicked");
            }
        }
        if !self.wait_gone {
            return;
        }
        let gone = wait_for_card(&self.pcsc, self.reader, false);
        if !std::thread::panicking() {
            assert!(gone.is_none(), "pcscd still sees a card in {}", self.reader);
        }
    }
}

impl Drop for ServedCard {
    fn drop(&mut self) {
        self.stop_and_wait();
    }
}

/// The emulator, pulled off the reader when a chosen command arrives.
struct Snatched {
    card: Emulator,
    trigger: fn(&[u8]) -> bool,
    stop: StopHandle,
}

impl VirtualCard for Snatched {
    fn atr(&self) -> Vec<u8> {
        self.card.atr()
    }
    fn power_on(&mut self) {
        self.card.power_on();
    }
    fn power_off(&mut self) {
        self.card.power_off();
    }
    fn reset(&mut self) {
        self.card.reset();
    }
    fn process(&mut self, command: &[u8]) -> Vec<u8> {
        if (self.trigger)(command) {
            self.stop.stop();
            return Vec::new();
        }
        self.card.process(command)
    }
    fn image(&self) -> &CardImage {
        self.card.image()
    }
}

/// Waits (on status changes, not sleeps) until `reader` holds a card that answered (`present`)
/// or is empty. The ATR when a card is there at the end; an empty one for a card that did not
/// answer (`MUTE`), which counts as there for a wait for an empty reader.
///
/// A mute card is not a card gone: when a reset fails because vpcd's card went away, pcscd
/// marks the card mute and learns that it is gone only at its next poll of vpcd. A card
/// served before that poll is taken by vpcd in its place unseen, until the bridge takes it
/// out and in again ([`VpcdEvent::Reinserting`]).
pub fn wait_for_card(pcsc: &Pcsc, reader: &str, present: bool) -> Option<Vec<u8>> {
    let mut watcher = Watcher::new(pcsc.clone()).expect("watching readers");
    let deadline = Instant::now() + CARD_TIMEOUT;
    let state_of = |watcher: &Watcher| {
        watcher
            .readers()
            .into_iter()
            .find(|r| r.name == reader)
            .map(|r| r.card)
    };
    loop {
        let atr = match state_of(&watcher) {
            Some(CardState::Present { atr, .. }) => Some(atr),
            Some(CardState::Mute) if !present => Some(Vec::new()),
            _ => None,
        };
        if atr.is_some() == present || Instant::now() >= deadline {
            return atr;
        }
        let left = deadline.saturating_duration_since(Instant::now());
        let events = watcher.next(Some(left)).expect("waiting for a card event");
        if events.contains(&Event::ServiceStopped) {
            return None;
        }
    }
}

impl Stack {
    /// Connects to the card in [`READER`] with the default options.
    pub fn connect(&self) -> PcscCard {
        self.pcsc
            .connect(READER, ConnectOptions::default())
            .expect("connecting")
    }

    /// Serves the spec licence ([`spec_licence`]) and connects to it.
    pub fn serve_licence(&self) -> (ServedCard, PcscCard) {
        let served = ServedCard::start(self, spec_licence());
        (served, self.connect())
    }
}

/// The spec IC licence (PIN1 `1234`) as an emulated card.
pub fn spec_licence() -> Emulator {
    Emulator::new(spec_cards::image("spec-ic-licence").expect("the spec licence image"))
}

/// SELECT MF.
pub const SELECT_MF: [u8; 4] = [0x00, 0xA4, 0x00, 0x00];
/// VERIFY of PIN1 with the spec licence's `1234`.
pub const VERIFY_PIN1: [u8; 9] = [0x00, 0x20, 0x00, 0x81, 0x04, b'1', b'2', b'3', b'4'];

/// SELECT of DF1 by its AID.
pub fn select_df1() -> Vec<u8> {
    [&[0x00, 0xA4, 0x04, 0x0C, 0x10][..], &ic::AID_DF1].concat()
}

/// The status word that ends `answer` (`00 00` when it is shorter).
pub fn sw(answer: &[u8]) -> [u8; 2] {
    let at = answer.len().saturating_sub(2);
    let tail = answer.get(at..).unwrap_or_default();
    tail.try_into().unwrap_or([0, 0])
}

/// Sends `commands` in `tx` one after the other, failing with the name of the first that is
/// not answered `9000`.
pub fn send_all_ok(tx: &mut dyn Transaction, commands: &[(&str, &[u8])]) {
    for (what, command) in commands {
        let answer = tx
            .transmit(command)
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(sw(&answer), [0x90, 0x00], "{what}");
    }
}

/// A transaction on `card` in which SELECT MF, VERIFY PIN1 and SELECT DF1 have each been
/// answered `9000`.
pub fn open_df1(card: &mut PcscCard) -> Box<dyn Transaction + '_> {
    let mut tx = card.transaction().expect("a transaction");
    send_all_ok(
        &mut *tx,
        &[
            ("SELECT MF", &SELECT_MF),
            ("VERIFY", &VERIFY_PIN1),
            ("DF1", &select_df1()),
        ],
    );
    tx
}

/// The stack of [`stack`], or a return from the test (after saying why) when there is none.
macro_rules! stack_or_skip {
    () => {
        match $crate::harness::stack() {
            Some(stack) => stack,
            None => return,
        }
    };
}
pub(crate) use stack_or_skip;

/// Fails unless a READ BINARY in `tx` fails as a removed card, within 5 s.
pub fn assert_card_removed(tx: &mut dyn Transaction) {
    let started = Instant::now();
    let err = tx
        .transmit(&[0x00, 0xB0, 0x8A, 0x00, 0x03])
        .expect_err("the card is gone");
    assert!(
        matches!(err, menkyo::transport::TransportError::CardRemoved),
        "{err:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
}
