//! A card connected through a PC/SC reader, as a [`CardTransport`].

use std::ffi::CString;
use std::time::{Duration, Instant};

use menkyo_transport::{Capabilities, CardTransport, Transaction, TransportError};
use pcsc::{Card, Disposition, Protocols, ReaderState, ShareMode, State};

use crate::capabilities;
use crate::context::{lossy, Pcsc};
use crate::error::{map, Phase};

/// Receive buffer: an extended response of 65 536 data bytes and SW1 SW2.
const RECEIVE_BUFFER_LEN: usize = 65_536 + 2;

/// How long a failed exchange waits for the reader to report the card gone before calling the
/// failure what it is. pcscd polls readers without card events every 400 ms.
const REMOVAL_GRACE: Duration = Duration::from_millis(1500);

/// APDU lengths to use with a reader.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LengthMode {
    /// What the reader reports (PC/SC part 10 `dwMaxAPDUDataSize`); extended when it reports
    /// nothing.
    #[default]
    Auto,
    /// Short APDUs only, for readers that mishandle extended ones.
    Short,
}

/// How to connect to a card.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ConnectOptions {
    /// APDU lengths.
    pub lengths: LengthMode,
}

/// A card in a PC/SC reader, connected shared with T=0 or T=1.
///
/// Dropping it disconnects with a reset, so no verified PIN outlives the session.
pub struct PcscCard {
    pcsc: Pcsc,
    card: Card,
    reader: CString,
    reader_display: String,
    capabilities: Capabilities,
    buffer: Vec<u8>,
    writes_allowed: bool,
}

impl std::fmt::Debug for PcscCard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PcscCard")
            .field("reader", &self.reader_display)
            .field("capabilities", &self.capabilities)
            .finish_non_exhaustive()
    }
}

const SHARE: ShareMode = ShareMode::Shared;

fn protocols() -> Protocols {
    Protocols::T0 | Protocols::T1
}

impl PcscCard {
    pub(crate) fn connect(
        pcsc: Pcsc,
        reader: CString,
        options: ConnectOptions,
    ) -> Result<PcscCard, TransportError> {
        let reader_display = lossy(&reader);
        let card = pcsc
            .context()
            .connect(&reader, SHARE, protocols())
            .map_err(|e| map("SCardConnect", e, Phase::Connect, Some(&reader_display)))?;
        let capabilities = match options.lengths {
            LengthMode::Short => Capabilities::SHORT_ONLY,
            LengthMode::Auto => reported_capabilities(&card).unwrap_or(Capabilities::EXTENDED),
        };
        Ok(PcscCard {
            pcsc,
            card,
            reader,
            reader_display,
            capabilities,
            buffer: vec![0; RECEIVE_BUFFER_LEN],
            writes_allowed: false,
        })
    }

    /// Lets write instructions through ([`crate::write_guard`]), for a card the caller serves
    /// itself from the emulator (tests that check the emulator refuses them). Never for a
    /// real card.
    #[must_use]
    pub fn allowing_writes_to_an_emulated_card(mut self) -> Self {
        self.writes_allowed = true;
        self
    }

    /// The reader's PC/SC name.
    pub fn reader(&self) -> &str {
        &self.reader_display
    }

    /// The reader driver's vendor name and IFD type as PC/SC reports them
    /// (`SCARD_ATTR_VENDOR_NAME`, `SCARD_ATTR_VENDOR_IFD_TYPE`), when it does.
    pub fn driver(&self) -> Option<String> {
        let text = |attribute| {
            self.card
                .get_attribute_owned(attribute)
                .ok()
                .map(|bytes| {
                    String::from_utf8_lossy(&bytes)
                        .trim_end_matches('\0')
                        .trim()
                        .to_owned()
                })
                .filter(|text| !text.is_empty())
        };
        let parts: Vec<String> = [pcsc::Attribute::VendorName, pcsc::Attribute::VendorIfdType]
            .into_iter()
            .filter_map(text)
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }

    fn session_error(&self, call: &'static str, err: pcsc::Error) -> TransportError {
        map(call, err, Phase::Session, Some(&self.reader_display))
    }
}

/// The reader's `dwMaxAPDUDataSize`, when it reports one.
fn reported_capabilities(card: &Card) -> Option<Capabilities> {
    let mut features = [0u8; 256];
    let features = card
        .control(
            pcsc::ctl_code(capabilities::GET_FEATURE_REQUEST.into()),
            &[],
            &mut features,
        )
        .ok()?;
    let code = capabilities::tlv_properties_code(features)?;
    let mut properties = [0u8; 256];
    let properties = card.control(code.into(), &[], &mut properties).ok()?;
    capabilities::max_apdu_data_size(properties).map(capabilities::from_max_apdu_data_size)
}

impl CardTransport for PcscCard {
    fn name(&self) -> String {
        self.reader_display.clone()
    }

    fn capabilities(&self) -> Capabilities {
        self.capabilities
    }

    fn atr(&self) -> Result<Vec<u8>, TransportError> {
        let status = self
            .card
            .status2_owned()
            .map_err(|e| self.session_error("SCardStatus", e))?;
        Ok(status.atr().to_vec())
    }

    fn transaction(&mut self) -> Result<Box<dyn Transaction + '_>, TransportError> {
        let PcscCard {
            pcsc,
            card,
            reader,
            reader_display,
            capabilities,
            buffer,
            writes_allowed,
        } = self;
        let map_begin = |e| {
            map(
                "SCardBeginTransaction",
                e,
                Phase::Session,
                Some(reader_display),
            )
        };
        let tx = match card.transaction2() {
            Ok(tx) => tx,
            // A reset between sessions loses nothing: the session has not started yet.
            Err((card, pcsc::Error::ResetCard | pcsc::Error::UnpoweredCard)) => {
                card.reconnect(SHARE, protocols(), Disposition::LeaveCard)
                    .map_err(|e| map("SCardReconnect", e, Phase::Session, Some(reader_display)))?;
                card.transaction().map_err(map_begin)?
            }
            Err((_, e)) => return Err(map_begin(e)),
        };
        Ok(Box::new(PcscTransaction {
            tx,
            pcsc,
            reader,
            reader_display,
            max_command_len: capabilities.max_command_len,
            buffer,
            writes_allowed: *writes_allowed,
        }))
    }

    fn reset(&mut self) -> Result<(), TransportError> {
        self.card
            .reconnect(SHARE, protocols(), Disposition::ResetCard)
            .map_err(|e| self.session_error("SCardReconnect", e))
    }
}

/// One PC/SC transaction (`SCardBeginTransaction` … `SCardEndTransaction`).
struct PcscTransaction<'a> {
    tx: pcsc::Transaction<'a>,
    pcsc: &'a Pcsc,
    reader: &'a CString,
    reader_display: &'a str,
    max_command_len: usize,
    buffer: &'a mut Vec<u8>,
    writes_allowed: bool,
}

impl PcscTransaction<'_> {
    fn error(&self, call: &'static str, err: pcsc::Error) -> TransportError {
        map(call, err, Phase::Session, Some(self.reader_display))
    }

    /// Whether the card of this session is gone (taken away, perhaps replaced by another) as
    /// pcscd reports within [`REMOVAL_GRACE`].
    fn card_went_away(&self) -> bool {
        let started = Instant::now();
        let step = Duration::from_millis(250);
        loop {
            if let Err(
                pcsc::Error::RemovedCard
                | pcsc::Error::NoSmartcard
                | pcsc::Error::ReaderUnavailable,
            ) = self.tx.status2_owned()
            {
                return true;
            }
            let mut states = [ReaderState::new(self.reader.clone(), State::UNAWARE)];
            let context = self.pcsc.context();
            match context.get_status_change(Duration::ZERO, &mut states) {
                Ok(())
                    if states
                        .iter()
                        .any(|s| !s.event_state().contains(State::PRESENT)) =>
                {
                    return true
                }
                Ok(()) | Err(pcsc::Error::Timeout) => {}
                Err(_) => return true,
            }
            if started.elapsed() >= REMOVAL_GRACE {
                return false;
            }
            for state in &mut states {
                state.sync_current_state();
            }
            // Wakes early when the reader's state changes.
            let _ = context.get_status_change(step, &mut states);
        }
    }
}

impl Transaction for PcscTransaction<'_> {
    fn transmit(&mut self, command: &[u8]) -> Result<Vec<u8>, TransportError> {
        if !self.writes_allowed {
            crate::write_guard::check(command).map_err(|refused| TransportError::Backend {
                context: "the PC/SC back end refused a write command",
                source: Box::new(refused),
            })?;
        }
        if command.len() > self.max_command_len {
            return Err(TransportError::CommandTooLong {
                len: command.len(),
                max: self.max_command_len,
            });
        }
        let outcome = self
            .tx
            .transmit(command, self.buffer.as_mut_slice())
            .map(<[u8]>::to_vec);
        match outcome {
            Ok(answer) if answer.len() >= 2 => Ok(answer),
            Ok(answer) => {
                if self.card_went_away() {
                    Err(TransportError::CardRemoved)
                } else {
                    Err(TransportError::ResponseTooShort(answer.len()))
                }
            }
            Err(pcsc::Error::ResetCard | pcsc::Error::UnpoweredCard) => {
                self.tx
                    .reconnect(SHARE, protocols(), Disposition::LeaveCard)
                    .map_err(|e| self.error("SCardReconnect", e))?;
                Err(TransportError::CardReset)
            }
            Err(e) => match self.error("SCardTransmit", e) {
                TransportError::Backend { .. } if self.card_went_away() => {
                    Err(TransportError::CardRemoved)
                }
                other => Err(other),
            },
        }
    }
}
