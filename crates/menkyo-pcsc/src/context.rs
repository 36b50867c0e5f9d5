//! The PC/SC resource manager (pcscd, WinSCard, CryptoTokenKit): its readers and their cards.

use std::ffi::{CStr, CString};
use std::time::Duration;

use menkyo_transport::TransportError;
use pcsc::{Context, ReaderState, Scope, State};

use crate::card::{ConnectOptions, PcscCard};
use crate::error::{map, Error, Phase};

/// A card reader (ICカードリーダー) as PC/SC reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reader {
    /// The reader's PC/SC name, e.g. `SONY FeliCa RC-S300/P [...] 00 00` or `Virtual PCD 00 00`.
    pub name: String,
    /// What is on or in the reader.
    pub card: CardState,
}

/// Whether a reader holds a card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardState {
    /// No card.
    Absent,
    /// A card that answered reset.
    Present {
        /// Its answer to reset (for contactless cards, the reader's PC/SC pseudo-ATR).
        atr: Vec<u8>,
        /// Another program holds it exclusively.
        exclusive: bool,
        /// Another program is connected to it.
        in_use: bool,
    },
    /// A card that does not answer reset.
    Mute,
    /// The reader is there but cannot be used (driver problem, or it is being removed).
    Unavailable,
}

impl CardState {
    pub(crate) fn from_reader_state(state: &ReaderState) -> CardState {
        let flags = state.event_state();
        if flags.intersects(State::UNKNOWN | State::IGNORE | State::UNAVAILABLE) {
            CardState::Unavailable
        } else if flags.contains(State::MUTE) {
            CardState::Mute
        } else if flags.contains(State::PRESENT) {
            CardState::Present {
                atr: state.atr().to_vec(),
                exclusive: flags.contains(State::EXCLUSIVE),
                in_use: flags.contains(State::INUSE),
            }
        } else {
            CardState::Absent
        }
    }

    /// The ATR when a card is present.
    pub fn atr(&self) -> Option<&[u8]> {
        match self {
            CardState::Present { atr, .. } => Some(atr),
            _ => None,
        }
    }
}

/// A connection to the PC/SC service.
///
/// Every failure is a [`TransportError`]: [`TransportError::ServiceUnavailable`] when pcscd is
/// not running, [`TransportError::NoReader`] when no reader is connected, and so on; see
/// [`crate::advice`] for what to tell the user.
#[derive(Clone)]
pub struct Pcsc {
    context: Context,
}

impl std::fmt::Debug for Pcsc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pcsc").finish_non_exhaustive()
    }
}

impl Pcsc {
    /// Connects to the PC/SC service.
    pub fn establish() -> Result<Pcsc, TransportError> {
        let context = Context::establish(Scope::User)
            .map_err(|e| map("SCardEstablishContext", e, Phase::Service, None))?;
        Ok(Pcsc { context })
    }

    pub(crate) fn context(&self) -> &Context {
        &self.context
    }

    /// Whether the service behind this connection is still running.
    pub fn is_alive(&self) -> bool {
        self.context.is_valid().is_ok()
    }

    /// The PC/SC names of the connected readers; empty when there is none.
    pub fn reader_names(&self) -> Result<Vec<CString>, TransportError> {
        match self.context.list_readers_owned() {
            Ok(names) => Ok(names),
            Err(pcsc::Error::NoReadersAvailable) => Ok(Vec::new()),
            Err(e) => Err(map("SCardListReaders", e, Phase::Service, None)),
        }
    }

    /// Every connected reader with the state of its card; empty when there is none.
    pub fn readers(&self) -> Result<Vec<Reader>, TransportError> {
        Ok(self
            .reader_states()?
            .iter()
            .map(|state| Reader {
                name: lossy(state.name()),
                card: CardState::from_reader_state(state),
            })
            .collect())
    }

    fn reader_states(&self) -> Result<Vec<ReaderState>, TransportError> {
        let names = self.reader_names()?;
        if names.is_empty() {
            return Ok(Vec::new());
        }
        let mut states: Vec<ReaderState> = names
            .into_iter()
            .map(|name| ReaderState::new(name, State::UNAWARE))
            .collect();
        match self.context.get_status_change(Duration::ZERO, &mut states) {
            Ok(()) | Err(pcsc::Error::Timeout) => Ok(states),
            Err(e) => Err(map("SCardGetStatusChange", e, Phase::Service, None)),
        }
    }

    /// The reader called `given`: its exact name, or else the one reader whose name contains it
    /// (ignoring case), so `PaSoRi` or `RC-S300` pick a Sony reader.
    pub fn find_reader(&self, given: &str) -> Result<CString, TransportError> {
        let names = self.reader_names()?;
        if names.is_empty() {
            return Err(TransportError::NoReader);
        }
        if let Some(exact) = names.iter().find(|n| n.to_bytes() == given.as_bytes()) {
            return Ok(exact.clone());
        }
        let needle = given.to_lowercase();
        let matches: Vec<&CString> = names
            .iter()
            .filter(|n| lossy(n).to_lowercase().contains(&needle))
            .collect();
        match matches.as_slice() {
            [only] => Ok((*only).clone()),
            [] => Err(TransportError::UnknownReader(given.to_owned())),
            several => Err(TransportError::Backend {
                context: "choosing a reader",
                source: Box::new(Error::AmbiguousReader {
                    given: given.to_owned(),
                    matches: several.iter().map(|n| lossy(n)).collect(),
                }),
            }),
        }
    }

    /// Connects to the card in the reader called `reader` (see [`Pcsc::find_reader`]).
    pub fn connect(
        &self,
        reader: &str,
        options: ConnectOptions,
    ) -> Result<PcscCard, TransportError> {
        let name = self.find_reader(reader)?;
        PcscCard::connect(self.clone(), name, options)
    }

    /// Connects to the card of the first reader that holds one.
    pub fn connect_any(&self, options: ConnectOptions) -> Result<PcscCard, TransportError> {
        let states = self.reader_states()?;
        if states.is_empty() {
            return Err(TransportError::NoReader);
        }
        let with_card = states
            .iter()
            .find(|s| matches!(CardState::from_reader_state(s), CardState::Present { .. }))
            .ok_or(TransportError::NoCard)?;
        PcscCard::connect(self.clone(), with_card.name().to_owned(), options)
    }
}

/// A PC/SC name for display.
pub(crate) fn lossy(name: &CStr) -> String {
    name.to_string_lossy().into_owned()
}
