//! Readers and cards coming and going (`SCardGetStatusChange`), across restarts of the service.

use std::ffi::CString;
use std::time::{Duration, Instant};

use menkyo_transport::{TransportError, Wakeable};
use pcsc::{Context, ReaderState, State, PNP_NOTIFICATION};

use crate::context::{lossy, CardState, Pcsc, Reader};
use crate::error::{map, Phase};

/// Longest single wait, so a cancel that lands between two waits is seen soon.
const SLICE: Duration = Duration::from_millis(500);
/// Failed waits in a row, each followed by a new context, before the failure is returned.
const MAX_FAILURES: u32 = 3;

/// Something that changed since the last report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A reader was connected (or was there when the service came back).
    ReaderAdded(Reader),
    /// A reader was disconnected.
    ReaderRemoved {
        /// Its PC/SC name.
        reader: String,
    },
    /// A card was placed on or inserted into a reader.
    CardInserted {
        /// The reader's PC/SC name.
        reader: String,
        /// The card's ATR.
        atr: Vec<u8>,
    },
    /// A card was taken away.
    CardRemoved {
        /// The reader's PC/SC name.
        reader: String,
    },
    /// The PC/SC service stopped; the watcher reconnects when it comes back.
    ServiceStopped,
    /// The PC/SC service is reachable again; the readers follow as [`Event::ReaderAdded`].
    ServiceStarted,
}

/// Wakes a [`Watcher`] that is waiting, from another thread (a signal handler, say).
#[derive(Clone, Default)]
pub struct Canceller {
    inner: Wakeable<CancelState>,
}

#[derive(Default)]
struct CancelState {
    pending: bool,
    context: Option<Context>,
}

impl std::fmt::Debug for Canceller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Canceller").finish_non_exhaustive()
    }
}

impl Canceller {
    /// Makes the current or next [`Watcher::next`] return at once, with no events.
    pub fn cancel(&self) {
        self.inner.update(|state| {
            state.pending = true;
            if let Some(context) = &state.context {
                let _ = context.cancel();
            }
        });
    }

    fn take(&self) -> bool {
        std::mem::take(&mut self.inner.lock().pending)
    }

    fn set_context(&self, context: Option<Context>) {
        self.inner.lock().context = context;
    }

    /// Sleeps up to `time`; returns early when cancelled.
    fn sleep(&self, time: Duration) {
        self.inner.sleep_unless(time, |state| state.pending);
    }
}

struct Known {
    name: CString,
    card: CardState,
    count: u32,
}

/// Follows readers and cards. Each call of [`Watcher::next`] reports what changed.
pub struct Watcher {
    pcsc: Option<Pcsc>,
    /// The PnP notification pseudo-reader first, then one state per reader.
    states: Vec<ReaderState>,
    known: Vec<Known>,
    canceller: Canceller,
    failures: u32,
}

impl std::fmt::Debug for Watcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watcher").finish_non_exhaustive()
    }
}

impl Watcher {
    /// Starts watching; [`Watcher::readers`] holds what is there now.
    pub fn new(pcsc: Pcsc) -> Result<Watcher, TransportError> {
        let canceller = Canceller::default();
        canceller.set_context(Some(pcsc.context().clone()));
        let mut watcher = Watcher {
            pcsc: Some(pcsc),
            states: Vec::new(),
            known: Vec::new(),
            canceller,
            failures: 0,
        };
        watcher.refresh_readers()?;
        Ok(watcher)
    }

    /// The readers as last reported.
    pub fn readers(&self) -> Vec<Reader> {
        self.known
            .iter()
            .map(|k| Reader {
                name: lossy(&k.name),
                card: k.card.clone(),
            })
            .collect()
    }

    /// A handle that wakes this watcher from another thread.
    pub fn canceller(&self) -> Canceller {
        self.canceller.clone()
    }

    /// Waits until something changes, `timeout` passes (`None`: no limit) or the watcher is
    /// cancelled; returns what changed, nothing on timeout or cancel.
    pub fn next(&mut self, timeout: Option<Duration>) -> Result<Vec<Event>, TransportError> {
        let deadline = timeout.map(|t| Instant::now() + t);
        loop {
            if self.canceller.take() {
                return Ok(Vec::new());
            }
            let slice = match deadline {
                Some(deadline) => {
                    let left = deadline.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        return Ok(Vec::new());
                    }
                    left.min(SLICE)
                }
                None => SLICE,
            };
            let events = match &self.pcsc {
                None => self.try_reconnect(slice)?,
                Some(pcsc) => {
                    let context = pcsc.context().clone();
                    for state in &mut self.states {
                        state.sync_current_state();
                    }
                    match context.get_status_change(slice, &mut self.states) {
                        Ok(()) => {
                            self.failures = 0;
                            self.changes()?
                        }
                        Err(pcsc::Error::Timeout | pcsc::Error::Cancelled) => Vec::new(),
                        Err(pcsc::Error::UnknownReader) => self.refresh_readers()?,
                        Err(e) => match map("SCardGetStatusChange", e, Phase::Service, None) {
                            TransportError::ServiceUnavailable => self.service_stopped(),
                            other => self.after_failure(other)?,
                        },
                    }
                }
            };
            if !events.is_empty() {
                return Ok(events);
            }
        }
    }

    /// A wait failed in a way no code names. pcsc-lite answers a wait cut short by pcscd
    /// shutting down with codes such as `SCARD_W_SECURITY_VIOLATION`, so start again on a new
    /// context: no service is a stop, anything else a fresh look at the readers. The same
    /// failure [`MAX_FAILURES`] times in a row is returned.
    fn after_failure(&mut self, err: TransportError) -> Result<Vec<Event>, TransportError> {
        self.failures += 1;
        if self.failures > MAX_FAILURES {
            self.failures = 0;
            return Err(err);
        }
        match Pcsc::establish() {
            Ok(pcsc) => {
                self.canceller.set_context(Some(pcsc.context().clone()));
                self.pcsc = Some(pcsc);
                self.refresh_readers()
            }
            Err(TransportError::ServiceUnavailable) => Ok(self.service_stopped()),
            Err(other) => Err(other),
        }
    }

    fn service_stopped(&mut self) -> Vec<Event> {
        self.pcsc = None;
        self.canceller.set_context(None);
        self.states.clear();
        self.known.clear();
        vec![Event::ServiceStopped]
    }

    fn try_reconnect(&mut self, wait: Duration) -> Result<Vec<Event>, TransportError> {
        match Pcsc::establish() {
            Ok(pcsc) => {
                self.canceller.set_context(Some(pcsc.context().clone()));
                self.pcsc = Some(pcsc);
                let mut events = vec![Event::ServiceStarted];
                events.extend(self.refresh_readers()?);
                Ok(events)
            }
            Err(TransportError::ServiceUnavailable) => {
                self.canceller.sleep(wait);
                Ok(Vec::new())
            }
            Err(other) => Err(other),
        }
    }

    /// Events after a status change: readers added or removed, cards inserted or removed.
    fn changes(&mut self) -> Result<Vec<Event>, TransportError> {
        let readers_changed = self.states.iter().any(|s| {
            s.name() == PNP_NOTIFICATION() && s.event_state().contains(State::CHANGED)
                || s.event_state().intersects(State::UNKNOWN | State::IGNORE)
        });
        let mut events = if readers_changed {
            self.refresh_readers()?
        } else {
            Vec::new()
        };
        for state in &self.states {
            let Some(known) = self
                .known
                .iter_mut()
                .find(|k| k.name.as_c_str() == state.name())
            else {
                continue;
            };
            let card = CardState::from_reader_state(state);
            let count = state.event_count();
            let reader = lossy(&known.name);
            let was = known.card.atr().is_some();
            let is = card.atr().is_some();
            if was && (!is || count != known.count) {
                events.push(Event::CardRemoved {
                    reader: reader.clone(),
                });
            }
            if let (Some(atr), true) = (card.atr(), !was || count != known.count) {
                events.push(Event::CardInserted {
                    reader,
                    atr: atr.to_vec(),
                });
            }
            known.card = card;
            known.count = count;
        }
        Ok(events)
    }

    /// Re-lists the readers: drops the ones gone, adds the new ones with their current state.
    fn refresh_readers(&mut self) -> Result<Vec<Event>, TransportError> {
        let Some(pcsc) = &self.pcsc else {
            return Ok(Vec::new());
        };
        let names = match pcsc.reader_names() {
            Ok(names) => names,
            Err(TransportError::ServiceUnavailable) => return Ok(self.service_stopped()),
            Err(other) => return Err(other),
        };
        let mut events = Vec::new();
        self.known.retain(|k| {
            let stays = names.contains(&k.name);
            if !stays {
                events.push(Event::ReaderRemoved {
                    reader: lossy(&k.name),
                });
            }
            stays
        });
        let mut fresh: Vec<ReaderState> = names
            .iter()
            .filter(|n| !self.known.iter().any(|k| &k.name == *n))
            .map(|n| ReaderState::new(n.clone(), State::UNAWARE))
            .collect();
        if !fresh.is_empty() {
            match pcsc.context().get_status_change(Duration::ZERO, &mut fresh) {
                Ok(()) | Err(pcsc::Error::Timeout) => {}
                Err(e) => return Err(map("SCardGetStatusChange", e, Phase::Service, None)),
            }
        }
        for state in &fresh {
            let reader = Reader {
                name: lossy(state.name()),
                card: CardState::from_reader_state(state),
            };
            self.known.push(Known {
                name: state.name().to_owned(),
                card: reader.card.clone(),
                count: state.event_count(),
            });
            events.push(Event::ReaderAdded(reader));
        }
        let mut states: Vec<ReaderState> = std::mem::take(&mut self.states)
            .into_iter()
            .filter(|s| {
                s.name() == PNP_NOTIFICATION() || names.iter().any(|n| n.as_c_str() == s.name())
            })
            .collect();
        if !states.iter().any(|s| s.name() == PNP_NOTIFICATION()) {
            states.insert(0, ReaderState::new(PNP_NOTIFICATION(), State::UNAWARE));
        }
        states.extend(fresh);
        self.states = states;
        Ok(events)
    }
}
