//! The exit statuses of `menkyo`: one table that the errors, `--help`, the man pages and the
//! README all read.

use menkyo_render::columns::hanging;

/// What a run of `menkyo` ended with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0.
    Success,
    /// 1.
    Failure,
    /// 2.
    Usage,
    /// 3.
    NoCard,
    /// 4.
    WrongCard,
    /// 5.
    Pin,
    /// 6.
    CardError,
    /// 7.
    Signature,
}

impl ExitStatus {
    /// Every status, in the order of their numbers.
    pub const ALL: [ExitStatus; 8] = [
        ExitStatus::Success,
        ExitStatus::Failure,
        ExitStatus::Usage,
        ExitStatus::NoCard,
        ExitStatus::WrongCard,
        ExitStatus::Pin,
        ExitStatus::CardError,
        ExitStatus::Signature,
    ];

    /// The number the process exits with.
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Usage => 2,
            ExitStatus::NoCard => 3,
            ExitStatus::WrongCard => 4,
            ExitStatus::Pin => 5,
            ExitStatus::CardError => 6,
            ExitStatus::Signature => 7,
        }
    }

    /// What it means, as `--help`, the man page and the README say it.
    pub fn meaning(self) -> &'static str {
        match self {
            ExitStatus::Success => {
                "success (also when standard output is closed early, as by a pipe into `head`: the \
                 command stops writing and ends quietly)"
            }
            ExitStatus::Failure => {
                "unexpected failure (a file or card image cannot be written, the photo cannot \
                 be converted …)"
            }
            ExitStatus::Usage => {
                "usage or input error: bad arguments, a missing, unreadable or invalid file, \
                 PIN not given or not 4 digits, several readers and none chosen (or a --reader \
                 name matching several)"
            }
            ExitStatus::NoCard => {
                "no reader, no card (also a card removed during the command), or no PC/SC service"
            }
            ExitStatus::WrongCard => {
                "not the expected kind of card (a My Number card without the 免許AP, an unknown \
                 card)"
            }
            ExitStatus::Pin => "PIN wrong, blocked, or refused by the last-try guard",
            ExitStatus::CardError => {
                "the card answered an error status word (or a script's expected status word did \
                 not come)"
            }
            ExitStatus::Signature => {
                "a signature is not valid: `read --trust` found the licence's signature \
                 `invalid` or could not check it; `card verify` and `jpki verify` did not find \
                 it valid"
            }
        }
    }

    /// The table for `--help`: one status a paragraph, wrapped to `columns`.
    pub fn help_table(columns: usize) -> String {
        let mut out = String::from("Exit status:\n");
        for status in Self::ALL {
            let lead = format!("  {}  ", status.code());
            out.push_str(&hanging(&lead, status.meaning(), columns));
            out.push('\n');
        }
        out
    }

    /// The man page's EXIT STATUS section, in roff.
    pub fn man_section() -> String {
        let mut out = String::from(".SH \"EXIT STATUS\"\n");
        for status in Self::ALL {
            out.push_str(&format!(
                ".TP\n{}\n{}\n",
                status.code(),
                roff_escape(status.meaning())
            ));
        }
        out
    }

    /// The README's table, in Markdown.
    #[cfg(test)]
    pub fn markdown_table() -> String {
        let mut out = String::from("| Status | Meaning |\n|---|---|\n");
        for status in Self::ALL {
            out.push_str(&format!("| {} | {} |\n", status.code(), status.meaning()));
        }
        out
    }
}

/// `text` safe as a roff text line: backslashes doubled, a leading `.` or `'` guarded.
fn roff_escape(text: &str) -> String {
    let text = text.replace('\\', "\\\\").replace('-', "\\-");
    if text.starts_with('.') || text.starts_with('\'') {
        format!("\\&{text}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_follow_the_order_of_the_table() {
        for (i, status) in ExitStatus::ALL.iter().enumerate() {
            assert_eq!(usize::from(status.code()), i);
        }
    }

    #[test]
    fn the_readme_table_is_the_enum() {
        let readme = include_str!("../../../README.md");
        let start = readme
            .find("### Exit status")
            .expect("an Exit status section in the README");
        let table_start = start + readme[start..].find("| Status").expect("a table");
        let table: String = readme[table_start..]
            .lines()
            .take_while(|l| l.starts_with('|'))
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(table, ExitStatus::markdown_table());
    }

    #[test]
    fn help_lines_fit_and_keep_every_word() {
        let help = ExitStatus::help_table(96);
        assert!(help.lines().all(|l| l.chars().count() <= 96), "{help}");
        assert!(help.contains("  3  no reader"), "{help}");
        let words: usize = ExitStatus::ALL
            .iter()
            .map(|s| s.meaning().split(' ').count() + 1)
            .sum();
        assert_eq!(help.split_whitespace().count(), words + 2);
    }

    #[test]
    fn the_man_section_lists_every_status() {
        let man = ExitStatus::man_section();
        assert!(man.starts_with(".SH \"EXIT STATUS\"\n"));
        assert_eq!(man.matches(".TP\n").count(), 8);
    }
}
