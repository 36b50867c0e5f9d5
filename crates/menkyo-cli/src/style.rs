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

/// The style renderings use for standard output.
pub fn current() -> menkyo_render::Style {
    menkyo_render::Style { colour: enabled() }
}

/// Bold, for headings.
pub fn bold(text: &str) -> String {
    current().bold(text)
}

/// Green, for success.
pub fn good(text: &str) -> String {
    current().good(text)
}

/// Red, for errors.
pub fn bad(text: &str) -> String {
    current().bad(text)
}
