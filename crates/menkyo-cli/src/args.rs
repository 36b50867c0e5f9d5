//! The arguments of the card commands: the back end, PIN input and output options they share,
//! and one struct per subcommand.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use menkyo_codec::date::Date;

use crate::cli::{formats, Format};

/// Where PINs come from, for `--help` and the man page.
pub const PIN_HELP: &str = "\
PINs are never command-line arguments. Each PIN comes from, in this order: its environment
variable (MENKYO_PIN1, MENKYO_PIN2 for the IC licence; MENKYO_PIN for the 免許AP;
MENKYO_BASIC_INFO_PIN for the 券面事項入力補助AP), standard input with --pin-stdin (one per line,
in the order the prompts would ask them), or a prompt without echo when standard input is a
terminal.";

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// When standard output is a terminal, `NO_COLOR` is not set and `TERM` is not `dumb`.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Which card to talk to, and how.
#[derive(Debug, Clone, Args)]
pub struct CardArgs {
    /// The PC/SC reader: its name, a part of it, or its index (from 0) in the order `menkyo
    /// readers` lists them. Default: the only reader holding a card.
    #[arg(short, long, value_name = "NAME|INDEX", conflicts_with = "emulator")]
    pub reader: Option<String>,
    /// Talk to an emulated card in this process instead of a reader: a built-in sample
    /// (myna-licence, the default; myna-card, ic-licence, ic-licence-no-pin), a card profile
    /// (.toml) or a card image (.json; its retry counters are written back).
    #[arg(long, value_name = "CARD", num_args = 0..=1, default_missing_value = menkyo_emulator::samples::DEFAULT,
          value_parser = SampleOrFile, hide_possible_values = true)]
    pub emulator: Option<String>,
    /// Make the emulated card answer the T=0 way: `61xx` then GET RESPONSE, `6Cxx` for a wrong
    /// Le (to test clients; real licence cards do not).
    #[arg(long, requires = "emulator")]
    pub emulator_t0: bool,
    /// Print every APDU and response on standard error (PIN and password bytes masked).
    #[arg(long)]
    pub trace: bool,
    /// Use short APDUs only, for readers that mishandle extended length.
    #[arg(long)]
    pub short_apdus: bool,
}

/// Parses `--emulator`: any sample name or file, offering the sample names to shell completion.
#[derive(Debug, Clone, Copy)]
struct SampleOrFile;

impl clap::builder::TypedValueParser for SampleOrFile {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            menkyo_emulator::samples::names()
                .into_iter()
                .map(clap::builder::PossibleValue::new),
        ))
    }
}

/// How PINs are given, and the last-try guard.
#[derive(Debug, Clone, Args)]
pub struct PinArgs {
    /// Read the PINs from standard input, one per line, in the order they would be asked:
    /// IC licence PIN1 then PIN2; マイナ免許証 the 免許AP PIN (only when the holder set one) then
    /// the 券面事項入力補助AP PIN (only with --basic-info).
    #[arg(long)]
    pub pin_stdin: bool,
    /// Send VERIFY even when a PIN has one try left: a wrong PIN then blocks it, and only a
    /// police facility can unblock it.
    #[arg(long)]
    pub force_last_try: bool,
}

/// `--format text|json` of the commands that print no more, and the `--json` of earlier
/// releases.
#[derive(Debug, Clone, Args)]
pub struct TextOrJsonArgs {
    /// How to print it.
    #[arg(short, long, default_value = "text", value_parser = formats(&[Format::Text, Format::Json]))]
    pub format: Format,
    /// The same as `--format json` (kept from earlier releases).
    #[arg(long, hide = true)]
    pub json: bool,
}

impl TextOrJsonArgs {
    /// Whether to print JSON.
    pub fn json(&self) -> bool {
        self.json || self.format == Format::Json
    }
}

/// `menkyo read`.
#[derive(Debug, Args)]
pub struct ReadArgs {
    /// The card.
    #[command(flatten)]
    pub card: CardArgs,
    /// The PINs.
    #[command(flatten)]
    pub pins: PinArgs,
    /// Add name, address, birth date and sex from the My Number card's 券面事項入力補助AP (asks
    /// its own PIN).
    #[arg(long)]
    pub basic_info: bool,
    /// Write the face photo (写真) to FILE: `.j2k` the codestream as stored, `.jp2` a JP2 file,
    /// `.png` decoded; `-` writes the codestream to standard output instead of the licence.
    #[arg(long, value_name = "FILE")]
    pub photo: Option<PathBuf>,
    /// Replace the --photo FILE if it exists.
    #[arg(long)]
    pub force: bool,
    /// How to print the licence.
    #[arg(short, long, default_value = "text", value_parser = formats(&[Format::Text, Format::Json, Format::Hex, Format::Html]))]
    pub format: Format,
    /// Mask name, address, birth date, numbers and photo, for sharing the output in a bug report.
    #[arg(long)]
    pub redact: bool,
    /// Read no card: take the files from DUMP, the JSON of `menkyo dump` or the folder its
    /// `--out` writes, and show the licence as the read that made it did.
    #[arg(long, value_name = "DUMP", conflicts_with_all = ["reader", "emulator", "emulator_t0", "pin_stdin", "basic_info", "watch"])]
    pub from: Option<PathBuf>,
    /// Read each card as it is presented, until interrupted (Ctrl-C): PINs are asked per card,
    /// and `--format json` prints one document per line. Needs a PC/SC reader.
    #[arg(long, conflicts_with_all = ["emulator", "photo"])]
    pub watch: bool,
    /// Check the licence's signature (DF1/EF07 電子署名, 免許AP WEF03) against this issuer
    /// certificate or public key (PEM or DER). Without it the signature is shown as
    /// `unverifiable`; with it, an `invalid` signature, or one that cannot be checked (files not
    /// read, another signer, unknown layout), ends with exit status 7 after the licence is
    /// printed.
    #[arg(long, value_name = "FILE")]
    pub trust: Option<PathBuf>,
    /// The day the licence's validity (valid, 更新期間, expired) is told for, `YYYY-MM-DD`;
    /// default: today's date in Japan.
    #[arg(long, value_name = "DATE")]
    pub today: Option<Date>,
}

/// `menkyo dump`.
#[derive(Debug, Args)]
pub struct DumpArgs {
    /// The card.
    #[command(flatten)]
    pub card: CardArgs,
    /// The PINs.
    #[command(flatten)]
    pub pins: PinArgs,
    /// Also read 基本4情報 from the 券面事項入力補助AP (asks its PIN).
    #[arg(long)]
    pub basic_info: bool,
    /// Also write each EF as a binary file into DIR (created if missing), each written whole
    /// or not at all.
    #[arg(short, long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Replace files that exist in the --out DIR.
    #[arg(long)]
    pub force: bool,
    /// How to print the files.
    #[arg(short, long, default_value = "json", value_parser = formats(&[Format::Json, Format::Text, Format::Hex]))]
    pub format: Format,
    /// Mask name, address, birth date, numbers and photo in the bytes, for sharing in a bug report.
    #[arg(long)]
    pub redact: bool,
}

/// `menkyo pin …`.
#[derive(Debug, Subcommand)]
pub enum PinCommand {
    /// Tries left for every PIN on the card; spends none.
    Status(PinStatusArgs),
}

/// `menkyo pin status`.
#[derive(Debug, Args)]
pub struct PinStatusArgs {
    /// The card.
    #[command(flatten)]
    pub card: CardArgs,
    /// How to print the PINs.
    #[arg(short, long, default_value = "text", value_parser = formats(&[Format::Text, Format::Json]))]
    pub format: Format,
}

/// `menkyo apdu`.
#[derive(Debug, Args)]
pub struct ApduArgs {
    /// The card.
    #[command(flatten)]
    pub card: CardArgs,
    /// How to print the answers.
    #[arg(short, long, default_value = "text", value_parser = formats(&[Format::Text, Format::Json, Format::Hex]))]
    pub format: Format,
    /// Command APDUs in hex (`00A4040C10A0000002310600000000000000000000` or spaced in
    /// quotes); sent in order, in one session. At least one; before or after `--emulator`.
    #[arg(value_name = "HEX")]
    pub apdus: Vec<String>,
    /// What may be sent to a real card.
    #[command(flatten)]
    pub guard: GuardArgs,
}

/// `menkyo script`.
#[derive(Debug, Args)]
pub struct ScriptArgs {
    /// The card.
    #[command(flatten)]
    pub card: CardArgs,
    /// How to print the answers.
    #[arg(short, long, default_value = "text", value_parser = formats(&[Format::Text, Format::Json, Format::Hex]))]
    pub format: Format,
    /// The script; `-` for standard input. One APDU in hex per line, `#` comments, `reset`,
    /// `exit`, a trailing `\\` continues a line, and `=> SW` after an APDU expects that status
    /// word (`x` matches any digit: `=> 63Cx`).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// What may be sent to a real card.
    #[command(flatten)]
    pub guard: GuardArgs,
}

/// What `apdu` and `script` may send to a card in a real reader.
#[derive(Debug, Clone, Copy, Args)]
pub struct GuardArgs {
    /// On a real reader, also send commands that may change the card: without it only SELECT,
    /// READ BINARY, GET RESPONSE, GET DATA and VERIFY are sent (the emulator takes anything).
    #[arg(long)]
    pub unsafe_any_command: bool,
    /// On a real reader, send a VERIFY with data even when the PIN has one try left: a wrong
    /// PIN then blocks it.
    #[arg(long)]
    pub force_last_try: bool,
}

/// `menkyo card …`.
#[derive(Debug, Subcommand)]
pub enum CardCommand {
    /// Build a card image for the emulator from a card profile (or a built-in sample).
    New(CardNewArgs),
    /// Show what a card image holds: PINs and tries, files, decoded records.
    Show(CardShowArgs),
    /// Make a card image for the emulator from a card: every file the PINs open, the PINs as
    /// digests with their tries; `--synthetic` replaces the personal data.
    Clone(CardCloneArgs),
    /// The マイナ免許証 life cycle on card images.
    #[command(flatten)]
    Lifecycle(crate::commands::card_lifecycle::LifecycleCommand),
}

/// `menkyo card new`.
#[derive(Debug, Args)]
pub struct CardNewArgs {
    /// The card profile (.toml, see fixtures/README.md) or a built-in sample name.
    #[arg(value_name = "PROFILE")]
    pub profile: String,
    /// The card image file to write (JSON).
    #[arg(short, long, value_name = "IMAGE")]
    pub out: PathBuf,
    /// Replace IMAGE (with --form: the images in OUT) if it exists.
    #[arg(long)]
    pub force: bool,
    /// Make the card images of a holding form instead, from an IC licence profile: OUT is then
    /// a directory that gets `ic-licence.json` and/or `my-number.json`.
    #[arg(long, value_enum)]
    pub form: Option<crate::commands::card_lifecycle::Form>,
    /// With `--form`: the holder's My Number card (profile or sample); its 免許AP, if any,
    /// is replaced by the licence.
    #[arg(long, requires = "form", default_value = "myna-licence")]
    pub my_number_card: String,
}

/// `menkyo card clone`.
#[derive(Debug, Args)]
pub struct CardCloneArgs {
    /// The card.
    #[command(flatten)]
    pub card: CardArgs,
    /// The PINs: a PIN not given leaves the files it guards out of the clone (an IC licence
    /// with PIN1 only: 本籍 and the photo); a マイナ免許証 clone takes the 免許AP PIN where the
    /// holder set one (the 券面事項入力補助AP and JPKI AP are not cloned).
    #[command(flatten)]
    pub pins: PinArgs,
    /// The card image file to write (JSON).
    #[arg(long, value_name = "IMAGE")]
    pub out: PathBuf,
    /// Replace IMAGE if it exists.
    #[arg(long)]
    pub force: bool,
    /// Replace name, reading, address, 本籍, birth date, numbers, photo and 外字 glyphs with
    /// synthetic values of the same encoded lengths; the signature is then invalid, as the image's label
    /// says.
    #[arg(long)]
    pub synthetic: bool,
}

/// `menkyo card show`.
#[derive(Debug, Args)]
pub struct CardShowArgs {
    /// The card image (.json) or a built-in sample (myna-licence, myna-card, ic-licence,
    /// ic-licence-no-pin).
    #[arg(value_name = "IMAGE")]
    pub image: PathBuf,
    /// How to print it: `html` is the licence page `read --format html` prints, of every file.
    #[arg(short, long, default_value = "text", value_parser = formats(&[Format::Text, Format::Json, Format::Hex, Format::Html]))]
    pub format: Format,
    /// With `--format html`: the day the licence's validity is told for, `YYYY-MM-DD`;
    /// default: today's date in Japan.
    #[arg(long, value_name = "DATE")]
    pub today: Option<Date>,
    /// Mask name, address, birth date, numbers and photo.
    #[arg(long)]
    pub redact: bool,
}

/// `menkyo completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `menkyo man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write `menkyo.1` and one page per subcommand (`menkyo-read.1` …) into DIR instead of
    /// printing `menkyo.1`.
    #[arg(short, long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// The text after `menkyo --help`: the exit statuses, then where PINs come from.
pub fn after_help() -> String {
    format!(
        "{}\n{PIN_HELP}",
        crate::exit_status::ExitStatus::help_table(96)
    )
}
