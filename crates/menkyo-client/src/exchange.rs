//! The exchange layer: typed commands over one transaction (ISO/IEC 7816-4 §5.1, §5.3).
//!
//! It picks short or extended length from the back end's capabilities, follows `61xx` with
//! GET RESPONSE, re-sends once with the exact Le after `6Cxx`, asks for less when the reader
//! refuses a READ BINARY's length ([`crate::adapt`]), takes `6F 00` for a lost field, counts
//! every APDU it transmits and hands each raw command/response pair to an optional trace sink.

use menkyo_codec::apdu::{
    CommandApdu, LengthEncoding, ResponseApdu, INS_READ_BINARY, MAX_EXTENDED_NE, MAX_SHORT_NC,
    MAX_SHORT_NE,
};
use menkyo_codec::status::StatusWord;
use menkyo_transport::{Capabilities, Transaction};
use zeroize::Zeroize;

use crate::adapt::{self, Fallback};
use crate::commands;
use crate::error::{Error, Step};
use crate::trace::{Origin, TraceEntry, TraceSink};

/// A session over one transaction.
pub struct Exchange<'t> {
    tx: &'t mut dyn Transaction,
    caps: Capabilities,
    trace: Option<&'t mut dyn TraceSink>,
    apdus: u64,
    fallbacks: Vec<Fallback>,
    adapts: bool,
}

impl<'t> Exchange<'t> {
    /// A session over `tx`, which carries what `caps` says.
    pub fn new(tx: &'t mut dyn Transaction, caps: Capabilities) -> Self {
        Self {
            tx,
            caps,
            trace: None,
            apdus: 0,
            fallbacks: Vec::new(),
            adapts: false,
        }
    }

    /// The same session, tracing every APDU to `sink`.
    #[must_use]
    pub fn with_trace(mut self, sink: &'t mut dyn TraceSink) -> Self {
        self.trace = Some(sink);
        self
    }

    /// The same session, counting on from `apdus` already transmitted (by an earlier
    /// transaction of the same reader).
    #[must_use]
    pub fn counting_from(mut self, apdus: u64) -> Self {
        self.apdus = apdus;
        self
    }

    /// The same session, adapting to the reader as the reading procedures want: a READ BINARY
    /// whose length the reader refuses is sent again asking for less ([`crate::adapt`]), and
    /// `6F 00` is [`Error::LinkLost`]. Without it (raw APDUs), every answer is handed back as
    /// it came.
    #[must_use]
    pub fn adapting(mut self) -> Self {
        self.adapts = true;
        self
    }

    /// What the back end carries, as far as the session has learned.
    pub fn capabilities(&self) -> Capabilities {
        self.caps
    }

    /// The steps down the session took since it started ([`crate::adapt`]).
    pub fn fallbacks(&self) -> &[Fallback] {
        &self.fallbacks
    }

    /// APDUs actually transmitted so far, automatic GET RESPONSE and re-sends included.
    pub fn apdu_count(&self) -> u64 {
        self.apdus
    }

    /// Sends `command` and returns the card's final answer, whatever its status word: data of
    /// `61xx` chains is gathered with GET RESPONSE, and `6Cxx` is answered by one re-send with
    /// Le = xx. A GET RESPONSE that hands out nothing yet answers `61xx` again ends the chain
    /// with [`Error::GetResponseStalled`]; one that hands out data can go on only up to
    /// [`MAX_EXTENDED_NE`] bytes in all.
    pub fn send(&mut self, command: &CommandApdu, step: Step) -> Result<ResponseApdu, Error> {
        let mut response = self.transmit_adapting(command, step)?;
        if let StatusWord::WrongLe(exact) = response.sw {
            let mut resend = CommandApdu {
                ne: Some(le_to_ne(exact)),
                ..command.clone()
            };
            let result = self.transmit(&resend, step, Origin::Resend);
            if resend.carries_secret() {
                resend.data.zeroize();
            }
            response = result?;
        }
        while let StatusWord::MoreAvailable(more) = response.sw {
            let next = self.transmit(
                &commands::get_response(le_to_ne(more)),
                step,
                Origin::GetResponse,
            )?;
            if next.data.is_empty() && matches!(next.sw, StatusWord::MoreAvailable(_)) {
                return Err(Error::GetResponseStalled { step, sw: next.sw });
            }
            if response.data.len() + next.data.len() > MAX_EXTENDED_NE {
                return Err(Error::ResponseTooLong {
                    step,
                    max: MAX_EXTENDED_NE,
                });
            }
            response.data.extend_from_slice(&next.data);
            response.sw = next.sw;
        }
        Ok(response)
    }

    /// Sends `command` and returns its data when the card answers `9000`; any other status
    /// word is [`Error::UnexpectedStatus`].
    pub fn send_ok(&mut self, command: &CommandApdu, step: Step) -> Result<Vec<u8>, Error> {
        let response = self.send(command, step)?;
        if response.sw.is_success() {
            Ok(response.data)
        } else {
            Err(Error::UnexpectedStatus {
                step,
                sw: response.sw,
            })
        }
    }

    /// Transmits `command`; when the reader refuses a READ BINARY's length, steps down the
    /// ladder of [`adapt::lower`] and sends it again asking for less.
    fn transmit_adapting(
        &mut self,
        command: &CommandApdu,
        step: Step,
    ) -> Result<ResponseApdu, Error> {
        let mut result = self.transmit(command, step, Origin::Procedure);
        if !self.adapts || command.ins != INS_READ_BINARY || command.carries_secret() {
            return result;
        }
        let mut retry = command.clone();
        loop {
            let ne = retry.ne.unwrap_or(0);
            let refusal = match &result {
                Ok(answer) if answer.sw == StatusWord::WrongLength => answer.sw.to_string(),
                Err(Error::Transport { source, .. }) if adapt::may_be_refusal(source) => {
                    source.to_string()
                }
                _ => return result,
            };
            let Some(lower) = adapt::lower(self.caps, ne) else {
                return result;
            };
            self.caps = lower;
            self.fallbacks.push(Fallback {
                refused_ne: ne,
                refusal,
                length: adapt::LengthMode::of(lower),
                max_ne: lower.max_ne(),
            });
            retry.ne = Some(ne.min(lower.max_ne()));
            result = self.transmit(&retry, step, Origin::Fallback);
        }
    }

    /// Transmits one APDU, counts it and traces it.
    fn transmit(
        &mut self,
        command: &CommandApdu,
        step: Step,
        origin: Origin,
    ) -> Result<ResponseApdu, Error> {
        let mut raw = self.encode(command, step)?;
        self.apdus += 1;
        let result = self.tx.transmit(&raw);
        if let Some(sink) = self.trace.as_deref_mut() {
            let entry = match &result {
                Ok(answer) => TraceEntry::new(self.apdus, origin, &raw, answer),
                Err(err) => TraceEntry::failed(self.apdus, origin, &raw, err),
            };
            sink.record(&entry);
        }
        if command.carries_secret() {
            raw.zeroize();
        }
        let answer = result.map_err(|source| Error::Transport { step, source })?;
        let response = ResponseApdu::parse(&answer)
            .map_err(|source| Error::MalformedResponse { step, source })?;
        if self.adapts && response.sw == StatusWord::NoPreciseDiagnosis {
            return Err(Error::LinkLost { step });
        }
        Ok(response)
    }

    /// Short encoding whenever Nc and Ne fit it, extended otherwise (if the back end carries
    /// it).
    fn encode(&self, command: &CommandApdu, step: Step) -> Result<Vec<u8>, Error> {
        let fits_short =
            command.data.len() <= MAX_SHORT_NC && command.ne.is_none_or(|ne| ne <= MAX_SHORT_NE);
        let encoding = if fits_short {
            LengthEncoding::Short
        } else if self.caps.extended_length {
            LengthEncoding::Extended
        } else {
            return Err(Error::NeedsExtendedLength { step });
        };
        let raw = command
            .to_bytes_with(encoding)
            .map_err(|source| Error::Command { step, source })?;
        if raw.len() > self.caps.max_command_len {
            return Err(Error::CommandTooLong {
                step,
                len: raw.len(),
                max: self.caps.max_command_len,
            });
        }
        Ok(raw)
    }
}

/// The Ne a `61xx` or `6Cxx` names (`00` = 256).
fn le_to_ne(le: u8) -> usize {
    if le == 0 {
        MAX_SHORT_NE
    } else {
        usize::from(le)
    }
}
