//! Colour for a terminal: ANSI bold, dim, green, yellow and red, or none.

/// Whether renderings colour their text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    /// ANSI colour on.
    pub colour: bool,
}

impl Style {
    /// No colour.
    pub const PLAIN: Style = Style { colour: false };

    fn paint(self, code: &str, text: &str) -> String {
        if self.colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    /// Bold, for headings.
    pub fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }

    /// Dim, for keys and notes.
    pub fn dim(self, text: &str) -> String {
        self.paint("2", text)
    }

    /// Green, for success.
    pub fn good(self, text: &str) -> String {
        self.paint("32", text)
    }

    /// Yellow, for warnings.
    pub fn warn(self, text: &str) -> String {
        self.paint("33", text)
    }

    /// Red, for errors.
    pub fn bad(self, text: &str) -> String {
        self.paint("31", text)
    }
}
