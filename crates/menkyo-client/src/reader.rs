//! A reader session over a [`CardTransport`]: runs procedures in a transaction and restarts
//! them once when the card is reset under them.

use menkyo_transport::{Capabilities, CardTransport};

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
}

impl<'a> Reader<'a> {
    /// A reader over `transport`.
    pub fn new(transport: &'a mut dyn CardTransport) -> Self {
        Self {
            transport,
            trace: None,
            apdus: 0,
            restarts: 0,
        }
    }

    /// The same reader, tracing every APDU to `sink`.
    #[must_use]
    pub fn with_trace(mut self, sink: &'a mut dyn TraceSink) -> Self {
        self.trace = Some(sink);
        self
    }

    /// What the back end carries.
    pub fn capabilities(&self) -> Capabilities {
        self.transport.capabilities()
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

    /// Runs `procedure` in one transaction. When the card is reset under it, runs it once more
    /// from the start in a new transaction; a second reset is [`Error::ResetAgain`].
    pub fn run<T>(
        &mut self,
        mut procedure: impl FnMut(&mut Exchange<'_>) -> Result<T, Error>,
    ) -> Result<T, Error> {
        match self.attempt(&mut procedure) {
            Err(first) if first.is_card_reset() => {
                self.restarts += 1;
                match self.attempt(&mut procedure) {
                    Err(second) if second.is_card_reset() => Err(Error::ResetAgain {
                        source: Box::new(second),
                    }),
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
        let caps = self.transport.capabilities();
        let mut tx = self
            .transport
            .transaction()
            .map_err(|source| Error::Transport {
                step: Step::Connect,
                source,
            })?;
        let mut ex = Exchange::new(&mut *tx, caps).counting_from(self.apdus);
        if let Some(sink) = self.trace.as_deref_mut() {
            ex = ex.with_trace(sink);
        }
        let result = procedure(&mut ex);
        self.apdus = ex.apdu_count();
        result
    }
}
