//! The command line: one subcommand per module of `commands`.

use std::path::PathBuf;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use menkyo_codec::records::RecordKind;

pub use crate::args::*;

/// Read, emulate and decode the IC chip of Japanese driving licences.
#[derive(Debug, Parser)]
#[command(
    name = "menkyo",
    version,
    long_version = crate::version::LONG_VERSION,
    after_help = after_help()
)]
pub struct Cli {
    /// When to colour the output (`NO_COLOR` set means never, unless `always`).
    #[arg(long, value_enum, global = true, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read the licence on the card: the IC licence, or the マイナ免許証 (免許AP).
    Read(ReadArgs),
    /// Every file the given PINs open, as JSON with each file's hex and TLV tree.
    Dump(DumpArgs),
    /// The card's PINs (暗証番号).
    #[command(subcommand)]
    Pin(PinCommand),
    /// Send raw command APDUs and print each answer with its status word's meaning.
    Apdu(ApduArgs),
    /// Run an APDU script (pcsc-tools `scriptor` syntax, with optional expected status words).
    Script(ScriptArgs),
    /// Card images for the emulator.
    #[command(subcommand)]
    Card(CardCommand),
    /// List the PC/SC readers, whether each holds a card, its ATR and what card it is.
    Readers(ReadersArgs),
    /// Check what reading a card needs (pcscd, readers, a card, extended length, vpcd), one
    /// line each with what to do.
    Doctor(DoctorArgs),
    /// Serve a software card to vsmartcard's virtual reader (vpcd) until stopped, so every
    /// PC/SC program sees it in `Virtual PCD 00 00`.
    Emulate(EmulateArgs),
    /// The 公的個人認証 (JPKI) AP: the signing certificate, signing with the card, checking.
    Jpki(crate::commands::jpki::JpkiArgs),
    /// Decode one file's content (hex text or raw bytes) into its record.
    Decode(DecodeArgs),
    /// Print the shell completion script for SHELL.
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or write one page per subcommand with `--out`.
    Man(ManArgs),
}

/// `menkyo readers`.
#[derive(Debug, Args)]
pub struct ReadersArgs {
    /// Keep running and print a line each time a card is placed or taken away (Ctrl-C ends).
    #[arg(long)]
    pub watch: bool,
    /// How to print the readers (with `--watch`, JSON is one object per line and event).
    #[arg(short, long, default_value = "text", value_parser = formats(&[Format::Text, Format::Json]))]
    pub format: Format,
}

/// `menkyo doctor`.
#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// `text` (one line per check) or `json`.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// `menkyo emulate`.
#[derive(Debug, Args)]
pub struct EmulateArgs {
    /// The card: a built-in sample (`myna-licence`, the default; `myna-card`, `ic-licence`,
    /// `ic-licence-no-pin`), a card profile (`.toml`) or a card image file (`.json`).
    pub card: Option<String>,
    /// vpcd's address; its second reader (`Virtual PCD 00 01`) is on the next port.
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:35963")]
    pub vpcd: String,
    /// Keep the card in this image file: created from CARD when missing, continued when it
    /// exists, written after every retry counter change and on exit.
    #[arg(long, value_name = "IMAGE")]
    pub state: Option<PathBuf>,
    /// Print one line per APDU, PIN bytes masked.
    #[arg(long)]
    pub trace: bool,
    /// Play a real reader's limits between vpcd and the card (docs/readers.md): `pasori`,
    /// `acr122u`, `scr3310`, `pasori-flaky`; `unlimited` (the default) plays none.
    #[arg(long, value_name = "NAME", value_parser = reader_profile_names())]
    pub reader_profile: Option<String>,
}

fn reader_profile_names() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(
        menkyo_emulator::reader_profile::ReaderProfile::ALL.map(|p| p.name),
    )
}

/// `menkyo decode`.
#[derive(Debug, Args)]
pub struct DecodeArgs {
    /// What the bytes are; guessed from how they start when left out.
    #[arg(long, value_parser = KindParser)]
    pub kind: Option<RecordKind>,
    /// How to print the record.
    #[arg(short, long, default_value = "json", value_parser = formats(&[Format::Json, Format::Text, Format::Hex]))]
    pub format: Format,
    /// Whether the input is hex text or raw bytes.
    #[arg(long, value_enum, default_value_t = InputForm::Auto)]
    pub input: InputForm,
    /// Keep malformed items as read and report them as warnings instead of failing.
    #[arg(long)]
    pub lenient: bool,
    /// Mask name, address, birth date, numbers and photo, for sharing the output in a bug report.
    #[arg(long)]
    pub redact: bool,
    /// The file to decode; `-` or nothing for standard input.
    pub file: Option<PathBuf>,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Versioned JSON (`"schema": "menkyo/1"`).
    Json,
    /// A table with the spec's Japanese labels and English keys.
    Text,
    /// The items with their offsets, tags, lengths and values in hex.
    Hex,
    /// One self-contained HTML page (the licence laid out as the card face), printable on A4.
    Html,
}

/// The `--format` parser of a command that prints `formats`: only those are accepted and listed
/// in its help.
pub fn formats(formats: &'static [Format]) -> impl TypedValueParser<Value = Format> {
    clap::builder::PossibleValuesParser::new(formats.iter().filter_map(|f| f.to_possible_value()))
        .map(|name| Format::from_str(&name, true).unwrap_or(Format::Text))
}

/// How the input is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputForm {
    /// Hex text if it only holds hex digits and white space, raw bytes otherwise.
    Auto,
    /// Hex text; white space between digits is allowed.
    Hex,
    /// The bytes themselves.
    Raw,
}

/// Parses `--kind` by the names of [`RecordKind`], listing them in help and errors.
#[derive(Debug, Clone, Copy)]
struct KindParser;

impl TypedValueParser for KindParser {
    type Value = RecordKind;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<RecordKind, clap::Error> {
        let names = RecordKind::ALL.iter().map(|k| k.name());
        let name = clap::builder::PossibleValuesParser::new(names).parse_ref(cmd, arg, value)?;
        RecordKind::from_name(&name)
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidValue).with_cmd(cmd))
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            RecordKind::ALL
                .iter()
                .map(|k| PossibleValue::new(k.name()).help(k.file())),
        ))
    }
}
