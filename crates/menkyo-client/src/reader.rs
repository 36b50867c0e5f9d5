//! A reader session over a [`CardTransport`]: runs procedures in a transaction and restarts
//! them once when the card is reset under them or the field drops, keeping what the session
//! learned about the reader ([`crate::adapt`]).

use menkyo_transport::{Capabilities, CardTransport};

use crate::adapt::{Fallback, LinkReport};
use crate::error::{Error, Step};
use crate::exchange::Exchange;
use crate::trace::TraceSink;

/// The client's handle on one card: the back end, an optional trace, and the count of APDUs
/// transmitted over its lifetime.
pub struct Reader<'a> {
    transport: &'a mut dyn CardTransport,
    trace: Option<&'a mut dyn TraceSink>,
    apdus: u64,
    restarts: u64,
    learned: Option<Capabilities>,
    fallbacks: Vec<Fallback>,
}

impl<'a> Reader<'a> {
    /// A reader over `transport`.
    pub fn new(transport: &'a mut dyn CardTransport) -> Self {
        Self {
            transport,
            trace: None,
            apdus: 0,
            restarts: 0,
            learned: None,
            fallbacks: Vec::new(),
        }
    }

    /// The same reader, tracing every APDU to `sink`.
    #[must_use]
    pub fn with_trace(mut self, sink: &'a mut dyn TraceSink) -> Self {
        self.trace = Some(sink);
        self
    }

    /// What the back end carries, as far as the session has learned.
    pub fn capabilities(&self) -> Capabilities {
        self.learned
            .unwrap_or_else(|| self.transport.capabilities())
    }

    /// The length mode the session used, its steps down and its restarts.
    pub fn link_report(&self) -> LinkReport {
        LinkReport::new(self.capabilities(), self.fallbacks.clone(), self.restarts)
    }

    /// The card's answer to reset.
    pub fn atr(&self) -> Result<Vec<u8>, Error> {
        self.transport.atr().map_err(|source| Error::Transport {
            step: Step::ReadAtr,
            source,
        })
    }

    /// APDUs transmitted so far, automatic GET RESPONSE and re-sends included.
    pub fn apdu_count(&self) -> u64 {
        self.apdus
    }

    /// How many procedures were restarted after a card reset.
    pub fn restarts(&self) -> u64 {
        self.restarts
    }

    /// Runs `procedure` in one transaction. When the card is reset under it or the field drops
    /// ([`Error::LinkLost`]: the card is reset first), runs it once more from the start in a new
    /// transaction; a second reset is [`Error::ResetAgain`]. A VERIFY whose answer was lost is
    /// not sent again unless the tries query proves it did not count (see the PIN ledger).
    pub fn run<T>(
        &mut self,
        mut procedure: impl FnMut(&mut Exchange<'_>) -> Result<T, Error>,
    ) -> Result<T, Error> {
        match self.attempt(&mut procedure) {
            Err(first) if first.is_card_reset() || first.is_link_lost() => {
                self.restarts += 1;
                if first.is_link_lost() {
                    self.transport.reset().map_err(|source| Error::Transport {
                        step: Step::Connect,
                        source,
                    })?;
                }
                match self.attempt(&mut procedure) {
                    Err(second) if second.is_card_reset() || second.is_link_lost() => {
                        Err(Error::ResetAgain {
                            source: Box::new(second),
                        })
                    }
                    other => other,
                }
            }
            other => other,
        }
    }

    fn attempt<T>(
        &mut self,
        procedure: &mut impl FnMut(&mut Exchange<'_>) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let caps = self.capabilities();
        let mut tx = self
            .transport
            .transaction()
            .map_err(|source| Error::Transport {
                step: Step::Connect,
                source,
            })?;
        let mut ex = Exchange::new(&mut *tx, caps)
            .counting_from(self.apdus)
            .adapting();
        if let Some(sink) = self.trace.as_deref_mut() {
            ex = ex.with_trace(sink);
        }
        let result = procedure(&mut ex);
        self.apdus = ex.apdu_count();
        if !ex.fallbacks().is_empty() {
            self.fallbacks.extend_from_slice(ex.fallbacks());
            self.learned = Some(ex.capabilities());
        }
        result
    }
}
