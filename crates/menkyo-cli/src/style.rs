//! Colour on the terminal: `--color auto|always|never`; `NO_COLOR` and `TERM=dumb` turn `auto`
//! off.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::args::ColorWhen;

static ENABLED: AtomicBool = AtomicBool::new(false);

/// Decides once, for the whole run, whether standard output and errors get colour.
pub fn init(when: ColorWhen) {
    let on = match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var_os("TERM").is_none_or(|term| term != "dumb")
                && std::io::stdout().is_terminal()
        }
    };
    ENABLED.store(on, Ordering::Relaxed);
}

/// Whether colour is on.
pub fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

fn paint(code: &str, text: &str) -> String {
    if enabled() {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}

/// Bold, for headings.
pub fn bold(text: &str) -> String {
    paint("1", text)
}

/// Dim, for keys and notes.
pub fn dim(text: &str) -> String {
    paint("2", text)
}

/// Green, for success.
pub fn good(text: &str) -> String {
    paint("32", text)
}

/// Yellow, for warnings.
pub fn warn(text: &str) -> String {
    paint("33", text)
}

/// Red, for errors.
pub fn bad(text: &str) -> String {
    paint("31", text)
}
