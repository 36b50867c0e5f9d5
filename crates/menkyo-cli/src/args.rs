//! The arguments of the card commands: the back end, PIN input and output options they share,
//! and one struct per subcommand.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use crate::cli::Format;

/// Exit statuses and PIN input rules, shown after `menkyo --help`.
pub const AFTER_HELP: &str = "\
Exit status:
  0  success
  1  unexpected failure
  2  usage or input error (bad arguments, unreadable file, PIN not given)
  3  no reader, no card, or no PC/SC service
  4  not the expected kind of card
  5  PIN wrong, blocked, or refused by the last-try guard
  6  the card answered an error (or a script's expected status word did not come)
  7  a signature is not valid: `read --trust` found the licence's signature invalid or could
     not check it; `card verify`, `jpki verify` did not find it valid

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
    #[arg(long, value_name = "NAME|INDEX", conflicts_with = "emulator")]
    pub reader: Option<String>,
    /// Talk to an emulated card in this process instead of a reader: a built-in sample
    /// (myna-licence, the default; myna-card, ic-licence, ic-licence-no-pin), a card profile
    /// (.toml) or a card image (.json; its retry counters are written back).
    #[arg(long, value_name = "CARD", num_args = 0..=1, default_missing_value = menkyo_emulator::samples::DEFAULT)]
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
    /// Write the face photo (写真) to FILE: `.jp2`/`.j2k` as stored, `.png` decoded.
    #[arg(long, value_name = "FILE")]
    pub photo: Option<PathBuf>,
    /// Replace the --photo FILE if it exists.
    #[arg(long)]
    pub force: bool,
    /// How to print the licence.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Mask name, address, numbers and photo, for sharing the output in a bug report.
    #[arg(long)]
    pub redact: bool,
    /// Check the licence's signature (DF1/EF07 電子署名, 免許AP WEF03) against this issuer
    /// certificate or public key (PEM or DER). Without it the signature is shown as
    /// `unverifiable`; with it, an `invalid` signature, or one that cannot be checked (files not
    /// read, another signer, unknown layout), ends with exit status 7 after the licence is
    /// printed.
    #[arg(long, value_name = "FILE")]
    pub trust: Option<PathBuf>,
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
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Replace files that exist in the --out DIR.
    #[arg(long)]
    pub force: bool,
    /// How to print the files.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// Mask name, address, numbers and photo in the bytes, for sharing in a bug report.
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
    /// How to print the PINs (text or json).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// `menkyo apdu`.
#[derive(Debug, Args)]
pub struct ApduArgs {
    /// The card.
    #[command(flatten)]
    pub card: CardArgs,
    /// How to print the answers.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Command APDUs in hex (`00A4040C10A0000002310600000000000000000000` or spaced in
    /// quotes); sent in order, in one session. A bare `--emulator` goes after them.
    #[arg(required = true, value_name = "HEX")]
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
    #[arg(long, value_enum, default_value_t = Format::Text)]
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
    #[arg(long, value_name = "IMAGE")]
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

/// `menkyo card show`.
#[derive(Debug, Args)]
pub struct CardShowArgs {
    /// The card image (.json).
    #[arg(value_name = "IMAGE")]
    pub image: PathBuf,
    /// How to print it.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Mask name, address, numbers and photo.
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
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}
