//! APDU traces: every command the client transmits, with the card's answer, formatted by
//! [`menkyo_codec::trace`] so the data of PIN commands is always masked.

use std::fmt;
use std::io::Write;

use menkyo_codec::trace::{format_command, format_response};

/// Why a command was transmitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A command of the procedure.
    Procedure,
    /// GET RESPONSE sent by the exchange after `61xx`.
    GetResponse,
    /// The command re-sent with the exact Le after `6Cxx`.
    Resend,
    /// A READ BINARY sent again asking for less after the reader refused its length.
    Fallback,
}

/// One transmitted command and the card's answer, both already formatted and masked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceEntry {
    /// 1 for the first APDU of the exchange.
    pub index: u64,
    /// Why it was sent.
    pub origin: Origin,
    /// The command, as [`format_command`] prints it.
    pub command: String,
    /// The answer as [`format_response`] prints it, or why there was none.
    pub response: String,
}

impl TraceEntry {
    pub(crate) fn new(index: u64, origin: Origin, command: &[u8], response: &[u8]) -> Self {
        Self {
            index,
            origin,
            command: format_command(command),
            response: format_response(response),
        }
    }

    pub(crate) fn failed(
        index: u64,
        origin: Origin,
        command: &[u8],
        error: &dyn std::error::Error,
    ) -> Self {
        Self {
            index,
            origin,
            command: format_command(command),
            response: format!("(no answer: {error})"),
        }
    }
}

impl fmt::Display for TraceEntry {
    /// `#3 > 00 B0 8A 00 | Le 03` and `   < 05 01 00 | 90 00 = …` on two lines; automatic
    /// commands are marked.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mark = match self.origin {
            Origin::Procedure => "",
            Origin::GetResponse => " (after 61xx)",
            Origin::Resend => " (after 6Cxx)",
            Origin::Fallback => " (asking for less: the reader refused the length)",
        };
        write!(
            f,
            "#{} > {}{mark}\n#{} < {}",
            self.index, self.command, self.index, self.response
        )
    }
}

/// Receives every traced exchange.
pub trait TraceSink {
    /// One command and its answer.
    fn record(&mut self, entry: &TraceEntry);
}

impl<F: FnMut(&TraceEntry)> TraceSink for F {
    fn record(&mut self, entry: &TraceEntry) {
        self(entry)
    }
}

/// Keeps every entry in memory.
#[derive(Debug, Default, Clone)]
pub struct TraceLog {
    /// The entries, in order.
    pub entries: Vec<TraceEntry>,
}

impl TraceSink for TraceLog {
    fn record(&mut self, entry: &TraceEntry) {
        self.entries.push(entry.clone());
    }
}

impl fmt::Display for TraceLog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for entry in &self.entries {
            writeln!(f, "{entry}")?;
        }
        Ok(())
    }
}

/// Writes each entry to a writer (stderr for the CLI's `--trace`). Write errors are ignored:
/// a trace must not stop a read.
#[derive(Debug)]
pub struct WriteTrace<W: Write>(pub W);

impl<W: Write> TraceSink for WriteTrace<W> {
    fn record(&mut self, entry: &TraceEntry) {
        let _ = writeln!(self.0, "{entry}");
    }
}
