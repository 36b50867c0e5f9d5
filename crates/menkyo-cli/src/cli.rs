//! The command line: one subcommand per module of `commands`.

use std::path::PathBuf;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use menkyo_codec::records::RecordKind;

/// Read, emulate and decode the IC chip of Japanese driving licences.
#[derive(Debug, Parser)]
#[command(name = "menkyo", version)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Decode one file's content (hex text or raw bytes) into its record.
    Decode(DecodeArgs),
    /// The 公的個人認証 (JPKI) AP: the signing certificate, signing with the card, checking.
    Jpki(crate::commands::jpki::JpkiArgs),
    /// Card images and the マイナ免許証 life cycle (install, record, receipt, remove, verify).
    Card(crate::commands::card_lifecycle::CardArgs),
}

/// `menkyo decode`.
#[derive(Debug, Args)]
pub struct DecodeArgs {
    /// What the bytes are; guessed from how they start when left out.
    #[arg(long, value_parser = KindParser)]
    pub kind: Option<RecordKind>,
    /// How to print the record.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Whether the input is hex text or raw bytes.
    #[arg(long, value_enum, default_value_t = InputForm::Auto)]
    pub input: InputForm,
    /// Keep malformed items as read and report them as warnings instead of failing.
    #[arg(long)]
    pub lenient: bool,
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
