//! `menkyo card …`: the life cycle of the マイナ免許証 on emulated card images, as the police
//! terminal does it (install, record, remove the 免許AP; the holder's receipt), the three ways
//! to hold a licence (`card new --form`, hooked into `card new`), and the signature check of a
//! card image. Only card
//! images are ever written; no command here talks to a reader.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use menkyo_auth::{TrustAnchor, Verdict};
use menkyo_emulator::image::CardImage;
use menkyo_emulator::lifecycle::{self, ApReport};
use menkyo_emulator::{licence_ap, named, signing};
use menkyo_render::receipt::{self, Recorded};
use menkyo_render::signature_text;

use crate::error::Error;
use crate::output::{self, Document};
use crate::secret_input::{self, SecretSource};

/// The card life-cycle subcommands of `menkyo card`.
#[derive(Debug, Subcommand)]
pub enum LifecycleCommand {
    /// Install the 免許AP on an emulated My Number card (nothing recorded, no PIN set).
    InstallAp(ImageArg),
    /// Record the licence of a profile into the installed 免許AP (WEF02, signed WEF03, PIN).
    Record(RecordArgs),
    /// What was recorded, as the holder receives it: text, and optionally an HTML page.
    Receipt(ReceiptArgs),
    /// Whether the 免許AP is installed and what it holds.
    Status(StatusArgs),
    /// Remove the 免許AP with its files and PIN.
    RemoveAp(ImageArg),
    /// Check the signatures of a card image (DF1/EF07 or WEF03) against a trust anchor.
    Verify(VerifyArgs),
}

/// A card image to work on.
#[derive(Debug, Args)]
pub struct ImageArg {
    /// The emulated card image (JSON), changed in place.
    pub image: PathBuf,
}

/// `menkyo card status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The emulated card image (JSON).
    pub image: PathBuf,
    #[command(flatten)]
    pub output: crate::args::TextOrJsonArgs,
}

/// How a licence is held ([`lifecycle::Form`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Form {
    /// マイナ免許証 only: the licence on the My Number card.
    MynaOnly,
    /// Both the マイナ免許証 and the ICカード運転免許証.
    Both,
    /// The ICカード運転免許証 only.
    IcOnly,
}

/// `menkyo card record`.
#[derive(Debug, Args)]
pub struct RecordArgs {
    /// The emulated My Number card image.
    pub image: PathBuf,
    /// The licence: a profile file or built-in sample (IC licence or My Number card with a
    /// `[licence_ap]`).
    pub profile: String,
    /// Set a 免許AP PIN chosen by the holder: from `--pin-stdin`, `MENKYO_LICENCE_AP_PIN` or a
    /// prompt. Without it the profile's PIN, or none (`****`).
    #[arg(long)]
    pub set_pin: bool,
    /// With `--set-pin`: read the PIN from one line of standard input.
    #[arg(long, requires = "set_pin")]
    pub pin_stdin: bool,
}

/// `menkyo card receipt`.
#[derive(Debug, Args)]
pub struct ReceiptArgs {
    /// The emulated My Number card image.
    pub image: PathBuf,
    /// Also write a self-contained HTML page.
    #[arg(long)]
    pub html: Option<PathBuf>,
    /// Replace the --html file if it exists.
    #[arg(long)]
    pub force: bool,
    /// The issuer certificate or public key the signature is checked against (default: the
    /// SYNTHETIC test issuer the emulator signs with).
    #[arg(long)]
    pub trust: Option<PathBuf>,
    #[command(flatten)]
    pub output: crate::args::TextOrJsonArgs,
}

/// `menkyo card verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The card image.
    pub image: PathBuf,
    /// The issuer certificate (PEM/DER) or public key file; without it the result is
    /// `unverifiable`.
    #[arg(long)]
    pub trust: Option<PathBuf>,
    #[command(flatten)]
    pub output: crate::args::TextOrJsonArgs,
}

pub fn run(command: &LifecycleCommand) -> Result<(), Error> {
    match command {
        LifecycleCommand::InstallAp(a) => change(&a.image, "installed the 免許AP", |image| {
            licence_ap::install(image)
        }),
        LifecycleCommand::Record(a) => record(a),
        LifecycleCommand::Receipt(a) => receipt(a),
        LifecycleCommand::Status(a) => status(a),
        LifecycleCommand::RemoveAp(a) => change(&a.image, "removed the 免許AP", |image| {
            licence_ap::remove(image)
        }),
        LifecycleCommand::Verify(a) => verify(a),
    }
}

fn change(
    path: &Path,
    done: &str,
    step: impl FnOnce(&mut CardImage) -> Result<(), menkyo_emulator::Error>,
) -> Result<(), Error> {
    CardImage::update(path, |image| step(image).map_err(Error::from))?;
    output::print(&format!("{done}: {}\n", path.display()))
}

fn record(args: &RecordArgs) -> Result<(), Error> {
    let profile = named::profile(&args.profile)?;
    let (licence, profile_pin) = licence_ap::record_from_profile(&profile)?;
    let pin = if args.set_pin {
        Some(secret_input::pin(SecretSource {
            stdin: args.pin_stdin,
            env: "MENKYO_LICENCE_AP_PIN",
            what: "免許AP 暗証番号 (4 digits)",
        })?)
    } else {
        profile_pin
    };
    let issuer = signing::test_issuer()?;
    CardImage::update(&args.image, |image| {
        licence_ap::record(image, &licence, pin.as_ref(), &issuer).map_err(Error::from)
    })?;
    output::print(&format!(
        "recorded the licence {} into the 免許AP of {} ({}), WEF03 signed by the SYNTHETIC test issuer\n",
        licence.number.as_ref().map_or("", |n| n.as_str()),
        args.image.display(),
        if pin.is_some() { "PIN set" } else { "no PIN set" },
    ))
}

fn receipt(args: &ReceiptArgs) -> Result<(), Error> {
    if let Some(html) = &args.html {
        output::refuse_existing(html, args.force)?;
    }
    let image = CardImage::load(&args.image)?;
    let Some(record) = licence_ap::recorded_licence(&image)? else {
        return output::print("nothing is recorded in the 免許AP of this card\n");
    };
    let anchor = lifecycle::anchor_or_test_issuer(args.trust.as_deref())?;
    let basic_info = lifecycle::basic_info(&image);
    let signature = lifecycle::signature(&image, Some(&anchor));
    let recorded = Recorded {
        label: &image.label,
        basic_info: basic_info.as_ref(),
        record: &record,
        pin_set: licence_ap::status(&image).pin_set,
        signature: &signature,
    };
    let receipt = receipt::build(&recorded);
    if let Some(html) = &args.html {
        output::write_atomically(html, receipt.html().as_bytes())?;
    }
    if args.output.json() {
        // `menkyo card receipt`: what the 免許AP holds.
        return output::print_json(&Document::new("licence-ap-receipt", &recorded));
    }
    output::print(&receipt.text())
}

fn status(args: &StatusArgs) -> Result<(), Error> {
    let report = ApReport::of(&CardImage::load(&args.image)?)?;
    if args.output.json() {
        return output::print_json(&Document::new("licence-ap-status", &report));
    }
    output::print(&report.text())
}

/// `menkyo card new --form FORM PROFILE --out DIR`: the card images of one of the three ways to
/// hold the licence of the IC licence profile `licence`; `my_number_card` is the holder's My
/// Number card (profile or sample).
pub fn new_form(
    form: Form,
    licence: &str,
    my_number_card: &str,
    out: &Path,
    force: bool,
) -> Result<(), Error> {
    let form = match form {
        Form::MynaOnly => lifecycle::Form::MynaOnly,
        Form::Both => lifecycle::Form::Both,
        Form::IcOnly => lifecycle::Form::IcOnly,
    };
    let images = lifecycle::form_images(form, &named::profile(licence)?, || {
        Ok::<_, Error>(named::profile(my_number_card)?)
    })
    .map_err(|e| match e {
        Error::Form(menkyo_emulator::Error::NotIcLicence) => {
            Error::NotIcLicenceProfile(licence.to_owned())
        }
        other => other,
    })?;
    std::fs::create_dir_all(out).map_err(|source| Error::WriteFile {
        path: out.to_path_buf(),
        source,
    })?;
    let images = [
        (images.ic_licence, out.join("ic-licence.json")),
        (images.my_number, out.join("my-number.json")),
    ];
    for (image, path) in &images {
        if image.is_some() {
            output::refuse_existing(path, force)?;
        }
    }
    let mut written = Vec::new();
    for (image, path) in images {
        if let Some(image) = image {
            image.save(&path)?;
            written.push(path.display().to_string());
        }
    }
    output::print(&format!("{}\n", written.join("\n")))
}

fn verify(args: &VerifyArgs) -> Result<(), Error> {
    let image = CardImage::load(&args.image)?;
    let anchor = args.trust.as_deref().map(TrustAnchor::load).transpose()?;
    let report = lifecycle::signature(&image, anchor.as_ref());
    let text = if args.output.json() {
        output::json_text(&report)?
    } else {
        signature_text::render(&report)
    };
    output::print(&text)?;
    match report.verdict {
        Verdict::Valid => Ok(()),
        other => Err(Error::NotValid(other.word())),
    }
}
