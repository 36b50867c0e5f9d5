//! What the user sees on standard error while the card is read: the APDU trace (`--trace`) and
//! a progress spinner for reads longer than about half a second, whose clock leaves out the
//! time spent at a PIN prompt.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use menkyo_client::{TraceEntry, TraceSink};
use menkyo_codec::trace::redact_response;

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
    clock: ReadingClock,
    shown: bool,
    apdus: u64,
}

/// The time spent reading: it runs from the first APDU, stops when a prompt pauses the
/// progress, and runs again with the next APDU.
#[derive(Debug, Clone, Copy, Default)]
struct ReadingClock {
    before: Duration,
    since: Option<Instant>,
}

impl ReadingClock {
    /// Runs from `now` unless running.
    fn run(&mut self, now: Instant) {
        self.since.get_or_insert(now);
    }

    /// Stops at `now`, keeping the time run so far.
    fn stop(&mut self, now: Instant) {
        if let Some(since) = self.since.take() {
            self.before += now.saturating_duration_since(since);
        }
    }

    /// The time run until `now`.
    fn elapsed(&self, now: Instant) -> Duration {
        self.before
            + self
                .since
                .map_or(Duration::ZERO, |since| now.saturating_duration_since(since))
    }
}

impl Feedback {
    /// `trace`: print every APDU, numbered across the sessions of one run; `redact`: hide the data of every answer in the trace;
    /// `progress`: allowed at all (not for JSON output). The spinner only ever draws on a
    /// terminal.
    pub fn new(trace: bool, redact: bool, progress: bool) -> Self {
        let progress = (progress && !trace && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
            if let Ok(style) = ProgressStyle::with_template("{spinner} {msg}") {
                bar.set_style(style);
            }
            let mut clock = ReadingClock::default();
            clock.run(Instant::now());
            Progress {
                bar,
                clock,
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
            p.clock.stop(Instant::now());
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
            let now = Instant::now();
            p.clock.run(now);
            let elapsed = p.clock.elapsed(now);
            if !p.shown && elapsed >= QUIET_FOR {
                p.bar.set_draw_target(ProgressDrawTarget::stderr());
                p.bar.enable_steady_tick(Duration::from_millis(120));
                p.shown = true;
            }
            p.bar.set_message(format!(
                "reading the card: {} APDUs {}s",
                p.apdus,
                elapsed.as_secs()
            ));
            p.bar.tick();
        }
    }
}

impl Drop for Feedback {
    fn drop(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reading_clock_leaves_out_the_prompt() {
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        let mut clock = ReadingClock::default();
        clock.run(at(0));
        assert_eq!(clock.elapsed(at(300)), Duration::from_millis(300));
        // A prompt from 400 ms; the user types for 10 s; the next APDU at 10 400 ms.
        clock.stop(at(400));
        assert_eq!(clock.elapsed(at(5_000)), Duration::from_millis(400));
        clock.run(at(10_400));
        assert_eq!(clock.elapsed(at(10_700)), Duration::from_millis(700));
        clock.run(at(10_800));
        assert_eq!(clock.elapsed(at(11_000)), Duration::from_millis(1_000));
    }
}
