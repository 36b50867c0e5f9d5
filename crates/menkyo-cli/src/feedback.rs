//! What the user sees on standard error while the card is read: the APDU trace (`--trace`) and
//! a progress spinner for reads longer than about half a second.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use menkyo_client::{TraceEntry, TraceSink};

/// Reads shorter than this show no progress.
const QUIET_FOR: Duration = Duration::from_millis(500);

/// The trace and the progress spinner, fed with every APDU the client transmits.
pub struct Feedback {
    trace: bool,
    traced: u64,
    redact: bool,
    progress: Option<Progress>,
}

struct Progress {
    bar: ProgressBar,
    started: Instant,
    shown: bool,
    apdus: u64,
}

impl Feedback {
    /// `trace`: print every APDU, numbered across the sessions of one run; `redact`: hide the data of every answer in the trace;
    /// `progress`: allowed at all (not for JSON output). The spinner only ever draws on a
    /// terminal.
    pub fn new(trace: bool, redact: bool, progress: bool) -> Self {
        let progress = (progress && !trace && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
            if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} {elapsed}") {
                bar.set_style(style);
            }
            Progress {
                bar,
                started: Instant::now(),
                shown: false,
                apdus: 0,
            }
        });
        Self {
            trace,
            traced: 0,
            redact,
            progress,
        }
    }

    /// Prints `line` on standard error without breaking the spinner.
    pub fn note(&self, line: &str) {
        match &self.progress {
            Some(p) if p.shown => p.bar.suspend(|| eprintln!("{line}")),
            _ => eprintln!("{line}"),
        }
    }

    /// Clears the spinner before anything else is printed, and before prompts.
    pub fn pause(&mut self) {
        if let Some(p) = &mut self.progress {
            p.bar.finish_and_clear();
            p.bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden())
                .with_style(p.bar.style());
            p.shown = false;
            p.started = Instant::now();
        }
    }

    /// Clears the spinner for good.
    pub fn finish(&mut self) {
        if let Some(p) = self.progress.take() {
            p.bar.finish_and_clear();
        }
    }
}

impl TraceSink for Feedback {
    fn record(&mut self, entry: &TraceEntry) {
        if self.trace {
            let mut entry = entry.clone();
            self.traced += 1;
            entry.index = self.traced;
            if self.redact {
                entry.response = redact_response(&entry.response);
            }
            eprintln!("{entry}");
        }
        if let Some(p) = &mut self.progress {
            p.apdus += 1;
            if !p.shown && p.started.elapsed() >= QUIET_FOR {
                p.bar.set_draw_target(ProgressDrawTarget::stderr());
                p.bar.enable_steady_tick(Duration::from_millis(120));
                p.shown = true;
            }
            p.bar
                .set_message(format!("reading the card: {} APDUs", p.apdus));
            p.bar.tick();
        }
    }
}

impl Drop for Feedback {
    fn drop(&mut self) {
        self.finish();
    }
}

/// `DATA | SW…` → `(N bytes redacted) | SW…`; an answer without data stays as it is.
fn redact_response(response: &str) -> String {
    match response.split_once(" | ") {
        Some((data, sw)) => {
            let bytes = data.split_whitespace().count();
            format!("({bytes} bytes redacted) | {sw}")
        }
        None => response.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_keeps_the_status_word_only() {
        assert_eq!(
            redact_response("12 34 56 | 90 00 = 9000: success (正常終了)"),
            "(3 bytes redacted) | 90 00 = 9000: success (正常終了)"
        );
        assert_eq!(redact_response("6A 82 = 6A82: x"), "6A 82 = 6A82: x");
    }
}
