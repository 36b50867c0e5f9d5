//! A bridge to vsmartcard's virtual reader driver (vpcd), so every PC/SC program sees a
//! [`VirtualCard`] in the reader `Virtual PCD 00 00`.
//!
//! vpcd is a pcscd driver that listens on TCP (127.0.0.1:35963 for its first slot; Debian's
//! `vsmartcard-vpcd` configures it in `/etc/reader.conf.d/vpcd`). This module is the card side
//! ("vicc"): it connects, and the card counts as inserted while the connection lasts. Every
//! message in both directions is a 2-byte big-endian length and that many bytes. A 1-byte
//! message from vpcd is a control: `00` power off, `01` power on, `02` reset (none answered),
//! `04` get ATR (answered with the ATR). Anything longer is a command APDU, answered with the
//! card's response APDU. vpcd treats an empty answer as the card going away, and a length
//! field cannot say more than 65 535 bytes.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

use menkyo_codec::trace;
use menkyo_transport::Wakeable;

use crate::reader_profile::{Played, PlayedReader, ReaderProfile, FIELD_LOST};
use crate::{Error, VirtualCard};

/// Where vpcd listens by default (its first slot, `Virtual PCD 00 00`).
pub const DEFAULT_HOST: &str = "127.0.0.1";
/// vpcd's default port, 0x8C7B; the second slot (`Virtual PCD 00 01`) is the next port.
pub const DEFAULT_PORT: u16 = 0x8C7B;

/// vpcd control message: power off.
const CTRL_OFF: u8 = 0x00;
/// vpcd control message: power on.
const CTRL_ON: u8 = 0x01;
/// vpcd control message: reset.
const CTRL_RESET: u8 = 0x02;
/// vpcd control message: get ATR.
const CTRL_ATR: u8 = 0x04;

/// Polls (get-ATR requests) on one connection, the card never powered, after which pcscd is
/// taken to hold an earlier card as still in the reader. pcscd asks the ATR once to find a
/// card and once more before each power control, so a card it sees arrive is powered after
/// two; then it polls every 400 ms.
const UNSEEN_POLLS: u32 = 4;

/// How long a card pcscd does not show stays out before it connects again: longer than
/// pcscd's poll of vpcd (400 ms), so that one poll finds the slot empty.
const REINSERT_AFTER: Duration = Duration::from_secs(1);

/// The answer sent when the card gives none (it is unpowered): `6F 00`, no precise diagnosis.
/// vpcd would take an empty message for the card going away.
const NO_ANSWER: [u8; 2] = [0x6F, 0x00];

/// How to reach vpcd and how hard to try.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VpcdConfig {
    /// vpcd's host, [`DEFAULT_HOST`] by default.
    pub host: String,
    /// vpcd's port, [`DEFAULT_PORT`] by default.
    pub port: u16,
    /// First wait between connection attempts; it doubles up to `max_delay`.
    pub first_delay: Duration,
    /// Longest wait between connection attempts.
    pub max_delay: Duration,
    /// How long to keep trying the first connection before giving up.
    pub first_give_up_after: Duration,
    /// How long to keep trying to reconnect after vpcd went away before giving up.
    pub give_up_after: Duration,
    /// How long vpcd may stay silent after the connection before the port is taken to be
    /// served by another program: vpcd talks to one card at a time, and a second one
    /// connecting to the same port is never spoken to.
    pub silent_give_up_after: Duration,
}

impl Default for VpcdConfig {
    fn default() -> Self {
        VpcdConfig {
            host: DEFAULT_HOST.to_owned(),
            port: DEFAULT_PORT,
            first_delay: Duration::from_millis(50),
            max_delay: Duration::from_secs(2),
            first_give_up_after: Duration::from_secs(5),
            give_up_after: Duration::from_secs(60),
            silent_give_up_after: Duration::from_secs(10),
        }
    }
}

/// One APDU as served, PIN bytes masked (see [`menkyo_codec::trace`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApduTrace {
    /// The command, formatted and masked.
    pub command: String,
    /// The response, formatted.
    pub response: String,
}

/// What happened on the vpcd link.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum VpcdEvent {
    /// Connected to vpcd; it has not asked for the card yet.
    Connected(SocketAddr),
    /// vpcd powered the card and took its answer to reset, for the first time on this
    /// connection: pcscd shows the card in the reader from here on.
    Inserted(SocketAddr),
    /// vpcd closed the connection (pcscd stopped): the card is out of the reader.
    Disconnected,
    /// vpcd powered the card.
    PowerOn,
    /// vpcd cut the power.
    PowerOff,
    /// vpcd reset the card.
    Reset,
    /// One command and its answer.
    Apdu(ApduTrace),
    /// vpcd took the card but pcscd does not show it: pcscd still holds the card before it,
    /// gone in the middle of a session, as in the reader (a failed reset leaves it mute). The
    /// card leaves, so that pcscd sees the slot empty at its next poll, and comes back.
    Reinserting,
}

/// Ends [`VpcdServer::serve`] from another thread (a signal handler, say).
#[derive(Clone, Default)]
pub struct StopHandle {
    inner: Wakeable<StopState>,
}

#[derive(Debug, Default)]
struct StopState {
    stopped: bool,
    stream: Option<TcpStream>,
}

impl std::fmt::Debug for StopHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StopHandle")
            .field("stopped", &self.is_stopped())
            .finish()
    }
}

impl StopHandle {
    /// Stops serving: the connection is closed (PC/SC sees the card removed) and
    /// [`VpcdServer::serve`] returns.
    pub fn stop(&self) {
        self.inner.update(|state| {
            state.stopped = true;
            if let Some(stream) = state.stream.take() {
                let _ = stream.shutdown(std::net::Shutdown::Both);
            }
        });
    }

    /// Whether [`StopHandle::stop`] was called.
    pub fn is_stopped(&self) -> bool {
        self.inner.lock().stopped
    }

    /// Remembers the live connection so `stop` can close it; false when already stopped.
    fn attach(&self, stream: &TcpStream) -> bool {
        let mut state = self.inner.lock();
        if state.stopped {
            return false;
        }
        state.stream = stream.try_clone().ok();
        true
    }

    fn detach(&self) {
        self.inner.lock().stream = None;
    }

    /// Sleeps up to `time`; returns early when stopped.
    fn sleep(&self, time: Duration) {
        self.inner.sleep_unless(time, |state| state.stopped);
    }
}

type Observer = Box<dyn FnMut(&VpcdEvent) + Send>;

/// Serves a [`VirtualCard`] to vpcd until stopped, reconnecting when vpcd goes away and comes
/// back.
pub struct VpcdServer {
    config: VpcdConfig,
    stop: StopHandle,
    observer: Option<Observer>,
    played: Option<PlayedReader>,
    /// Whether a card pcscd does not show may leave and come back: once in a row, so that a
    /// pcscd that powers cards only on demand does not see the card come and go for ever.
    may_reinsert: bool,
}

impl std::fmt::Debug for VpcdServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VpcdServer")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

/// How one connection ended.
enum Ended {
    /// vpcd closed it or it broke: try again.
    Lost,
    /// Stopped on request.
    Stopped,
    /// pcscd never powered the card vpcd took ([`VpcdEvent::Reinserting`]): connect again.
    Unseen,
}

impl VpcdServer {
    /// A server for vpcd at `config.host:config.port`.
    pub fn new(config: VpcdConfig) -> VpcdServer {
        VpcdServer {
            config,
            stop: StopHandle::default(),
            observer: None,
            played: None,
            may_reinsert: true,
        }
    }

    /// Plays a real reader's limits ([`ReaderProfile`]) between vpcd and the card; its link
    /// model, if any, delays each answer by the exchange's time on the air.
    #[must_use]
    pub fn with_reader_profile(mut self, profile: ReaderProfile) -> VpcdServer {
        self.played = Some(PlayedReader::new(profile));
        self
    }

    /// The handle that ends [`VpcdServer::serve`].
    pub fn stop_handle(&self) -> StopHandle {
        self.stop.clone()
    }

    /// Calls `observer` for every connection change, power control and APDU (PIN bytes
    /// masked).
    pub fn on_event(mut self, observer: impl FnMut(&VpcdEvent) + Send + 'static) -> VpcdServer {
        self.observer = Some(Box::new(observer));
        self
    }

    /// Serves `card` until [`StopHandle::stop`], reconnecting while the policy allows.
    /// Returns `Ok` when stopped.
    pub fn serve<C: VirtualCard + ?Sized>(&mut self, card: &mut C) -> Result<(), Error> {
        let addr = self.address()?;
        let mut patience = self.config.first_give_up_after;
        loop {
            let Some(stream) = self.connect(addr, patience)? else {
                return Ok(());
            };
            patience = self.config.give_up_after;
            self.emit(VpcdEvent::Connected(addr));
            let ended = self.serve_connection(card, stream, addr);
            self.stop.detach();
            card.power_off();
            match ended {
                Ok(Ended::Stopped) => return Ok(()),
                Ok(Ended::Lost) => self.emit(VpcdEvent::Disconnected),
                Ok(Ended::Unseen) => {
                    self.may_reinsert = false;
                    self.emit(VpcdEvent::Reinserting);
                    self.stop.sleep(REINSERT_AFTER);
                }
                Err(err) => return Err(err),
            }
        }
    }

    fn address(&self) -> Result<SocketAddr, Error> {
        let VpcdConfig { host, port, .. } = &self.config;
        let address_error = |source| Error::VpcdAddress {
            host: host.clone(),
            port: *port,
            source,
        };
        (host.as_str(), *port)
            .to_socket_addrs()
            .map_err(address_error)?
            .next()
            .ok_or_else(|| address_error(io::ErrorKind::NotFound.into()))
    }

    /// Connects with backoff for up to `patience`; `None` when stopped first.
    fn connect(&self, addr: SocketAddr, patience: Duration) -> Result<Option<TcpStream>, Error> {
        let started = Instant::now();
        let mut delay = self.config.first_delay;
        loop {
            if self.stop.is_stopped() {
                return Ok(None);
            }
            match TcpStream::connect_timeout(&addr, Duration::from_secs(2)) {
                Ok(stream) => {
                    let _ = stream.set_nodelay(true);
                    acknowledge_at_once(&stream);
                    if !self.stop.attach(&stream) {
                        return Ok(None);
                    }
                    return Ok(Some(stream));
                }
                Err(source) if started.elapsed() >= patience => {
                    return Err(Error::VpcdUnreachable { addr, source });
                }
                Err(_) => {
                    self.stop.sleep(delay);
                    delay = (delay * 2).min(self.config.max_delay);
                }
            }
        }
    }

    fn serve_connection<C: VirtualCard + ?Sized>(
        &mut self,
        card: &mut C,
        mut stream: TcpStream,
        addr: SocketAddr,
    ) -> Result<Ended, Error> {
        let waited = self.config.silent_give_up_after;
        let _ = stream.set_read_timeout(Some(waited));
        let mut spoken = false;
        let mut powered = false;
        let mut inserted = false;
        let mut unpowered_polls = 0;
        loop {
            let message = match read_message(&mut QuickAck(&stream)) {
                Ok(Some(message)) => message,
                Ok(None) | Err(_) if self.stop.is_stopped() => return Ok(Ended::Stopped),
                Err(err)
                    if !spoken
                        && matches!(
                            err.kind(),
                            io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                        ) =>
                {
                    let _ = stream.shutdown(std::net::Shutdown::Both);
                    return Err(Error::VpcdPortInUse { addr, waited });
                }
                Ok(None) | Err(_) => return Ok(Ended::Lost),
            };
            if !spoken {
                spoken = true;
                let _ = stream.set_read_timeout(None);
            }
            // vpcd asks the ATR to poll for the card, then powers it (or resets it) and asks
            // again: PC/SC shows the card once that second answer is in.
            if matches!(message.as_slice(), [CTRL_ON | CTRL_RESET]) {
                powered = true;
                self.may_reinsert = true;
            }
            if !powered && message.as_slice() == [CTRL_ATR] {
                unpowered_polls += 1;
                if unpowered_polls >= UNSEEN_POLLS && self.may_reinsert {
                    let _ = stream.shutdown(std::net::Shutdown::Both);
                    return Ok(Ended::Unseen);
                }
            }
            let first_atr = powered && !inserted && message.as_slice() == [CTRL_ATR];
            let answer = match message.as_slice() {
                [] => None,
                [CTRL_OFF] => {
                    card.power_off();
                    self.emit(VpcdEvent::PowerOff);
                    None
                }
                [CTRL_ON] => {
                    card.power_on();
                    self.emit(VpcdEvent::PowerOn);
                    None
                }
                [CTRL_RESET] => {
                    card.reset();
                    self.emit(VpcdEvent::Reset);
                    None
                }
                [CTRL_ATR] => Some(card.atr()),
                [_] => None,
                command => {
                    let mut response = self.carry(card, command);
                    if response.is_empty() {
                        response = NO_ANSWER.to_vec();
                    }
                    if self.observer.is_some() {
                        self.emit(VpcdEvent::Apdu(ApduTrace {
                            command: trace::format_command(command),
                            response: trace::format_response(&response),
                        }));
                    }
                    Some(response)
                }
            };
            let Some(answer) = answer else { continue };
            match write_message(&mut stream, &answer) {
                Ok(()) if first_atr => {
                    inserted = true;
                    self.emit(VpcdEvent::Inserted(addr));
                }
                Ok(()) => {}
                Err(WriteError::TooLong(len)) => {
                    let _ = stream.shutdown(std::net::Shutdown::Both);
                    return Err(Error::VpcdResponseTooLong { len });
                }
                Err(WriteError::Io) if self.stop.is_stopped() => return Ok(Ended::Stopped),
                Err(WriteError::Io) => return Ok(Ended::Lost),
            }
        }
    }

    /// One command through the played reader, if any, paced by its link model.
    fn carry<C: VirtualCard + ?Sized>(&mut self, card: &mut C, command: &[u8]) -> Vec<u8> {
        let Some(played) = self.played.as_mut() else {
            return card.process(command);
        };
        let before = played.link_time();
        let answer = match played.exchange(card, command) {
            Played::Answer(answer) => answer,
            Played::FieldDropped => FIELD_LOST.to_vec(),
        };
        let on_air = played.link_time().saturating_sub(before);
        if !on_air.is_zero() {
            std::thread::sleep(on_air);
        }
        answer
    }

    fn emit(&mut self, event: VpcdEvent) {
        if let Some(observer) = &mut self.observer {
            observer(&event);
        }
    }
}

/// Reads from the connection, asking for quick acknowledgements again after every read.
struct QuickAck<'a>(&'a TcpStream);

impl Read for QuickAck<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let read = (&mut &*self.0).read(buf);
        acknowledge_at_once(self.0);
        read
    }
}

/// Asks the kernel to acknowledge received data at once (`TCP_QUICKACK`, Linux): without it,
/// vpcd writes a command's length and its body apart, and the body waits (Nagle's algorithm)
/// for the acknowledgement of the length, which the kernel would delay by about 40 ms. Linux
/// clears the flag as it goes, so it is set again after every read; elsewhere nothing is done.
fn acknowledge_at_once(stream: &TcpStream) {
    #[cfg(any(target_os = "linux", target_os = "android", target_os = "fuchsia"))]
    {
        let _ = socket2::SockRef::from(stream).set_quickack(true);
    }
    #[cfg(not(any(target_os = "linux", target_os = "android", target_os = "fuchsia")))]
    let _ = stream;
}

/// Reads one message; `None` when vpcd closed the connection between messages.
fn read_message(stream: &mut impl Read) -> io::Result<Option<Vec<u8>>> {
    let mut length = [0u8; 2];
    match stream.read_exact(&mut length) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let mut message = vec![0u8; usize::from(u16::from_be_bytes(length))];
    stream.read_exact(&mut message)?;
    Ok(Some(message))
}

enum WriteError {
    TooLong(usize),
    Io,
}

/// Writes one message, length and body in one write.
fn write_message(stream: &mut impl Write, body: &[u8]) -> Result<(), WriteError> {
    let length = u16::try_from(body.len()).map_err(|_| WriteError::TooLong(body.len()))?;
    let mut frame = Vec::with_capacity(body.len() + 2);
    frame.extend_from_slice(&length.to_be_bytes());
    frame.extend_from_slice(body);
    stream.write_all(&frame).map_err(|_| WriteError::Io)?;
    stream.flush().map_err(|_| WriteError::Io)
}

pub mod address;

#[cfg(test)]
mod tests;
