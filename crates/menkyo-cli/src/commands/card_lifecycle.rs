//! `menkyo card …`: the life cycle of the マイナ免許証 on emulated card images, as the police
//! terminal does it (install, record, remove the 免許AP; the holder's receipt), the three ways
//! to hold a licence (`card new --form`, hooked into `card new`), and the signature check of a
//! card image. Only card
//! images are ever written; no command here talks to a reader.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use menkyo_auth::{SignedCard, TrustAnchor, Verdict};
use menkyo_codec::records::BasicInfo;
use menkyo_codec::registry;
use menkyo_codec::status::Tries;
use menkyo_emulator::image::{CardImage, CardModel};
use menkyo_emulator::licence_ap;
use menkyo_emulator::profile::{Profile, ProfileCard};
use menkyo_emulator::{samples, signing};
use menkyo_render::receipt::{self, Recorded};
use menkyo_render::signature_text;

use crate::error::Error;
use crate::output;
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

/// The JSON document of `menkyo card status`.
#[derive(serde::Serialize)]
struct StatusDocument {
    schema: &'static str,
    kind: &'static str,
    model: CardModel,
    installed: bool,
    recorded: Option<RecordedSummary>,
    pin_set: Option<bool>,
    pin_tries_left: Option<u8>,
}

#[derive(serde::Serialize)]
struct RecordedSummary {
    number: Option<String>,
    expires_on: Option<menkyo_codec::date::Date>,
}

/// How a licence is held.
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

/// The JSON document of `menkyo card receipt`: what the 免許AP holds.
#[derive(serde::Serialize)]
struct ReceiptDocument<'a> {
    schema: &'static str,
    kind: &'static str,
    label: &'a str,
    record: &'a menkyo_codec::records::LicenceApRecord,
    pin_set: Option<bool>,
    signature: &'a menkyo_auth::Report,
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

/// A profile file, or a built-in sample by name.
fn profile(name: &str) -> Result<Profile, Error> {
    let path = Path::new(name);
    if path.exists() {
        return Ok(Profile::load(path)?);
    }
    match samples::profile(name) {
        Some(profile) => Ok(profile?),
        None => Err(Error::NoSuchProfile(name.to_owned())),
    }
}

fn change(
    path: &Path,
    done: &str,
    step: impl FnOnce(&mut CardImage) -> Result<(), licence_ap::LifecycleError>,
) -> Result<(), Error> {
    CardImage::update(path, |image| step(image).map_err(Error::from))?;
    output::print(&format!("{done}: {}\n", path.display()))
}

fn record(args: &RecordArgs) -> Result<(), Error> {
    let profile = profile(&args.profile)?;
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

fn anchor(trust: Option<&Path>) -> Result<TrustAnchor, Error> {
    match trust {
        Some(path) => Ok(TrustAnchor::load(path)?),
        None => Ok(TrustAnchor::from_bytes(
            menkyo_auth::test_issuer::CERTIFICATE_PEM.as_bytes(),
        )?),
    }
}

fn receipt(args: &ReceiptArgs) -> Result<(), Error> {
    if let Some(html) = &args.html {
        output::refuse_existing(html, args.force)?;
    }
    let image = CardImage::load(&args.image)?;
    let Some(record) = licence_ap::recorded_licence(&image)? else {
        return output::print("nothing is recorded in the 免許AP of this card\n");
    };
    let anchor = anchor(args.trust.as_deref())?;
    let basic_info = image
        .files
        .get(registry::BASIC_INFO_EF0002.path)
        .and_then(|b| BasicInfo::decode(&b.0).ok());
    let signature = menkyo_auth::verify(
        SignedCard::LicenceAp,
        |path| image.files.get(path).map(|b| b.0.as_slice()),
        Some(&anchor),
    );
    let receipt = receipt::build(&Recorded {
        label: &image.label,
        basic_info: basic_info.as_ref(),
        record: &record,
        pin_set: licence_ap::status(&image).pin_set,
        signature: &signature,
    });
    if let Some(html) = &args.html {
        output::write_atomically(html, receipt.html().as_bytes())?;
    }
    if args.output.json() {
        let document = ReceiptDocument {
            schema: menkyo_codec::records::json::SCHEMA,
            kind: "licence-ap-receipt",
            label: &image.label,
            record: &record,
            pin_set: licence_ap::status(&image).pin_set,
            signature: &signature,
        };
        return output::print(
            &(serde_json::to_string_pretty(&document).unwrap_or_default() + "\n"),
        );
    }
    output::print(&receipt.text())
}

fn status(args: &StatusArgs) -> Result<(), Error> {
    let image = CardImage::load(&args.image)?;
    if args.output.json() {
        let status = licence_ap::status(&image);
        let record = match status.installed {
            true => licence_ap::recorded_licence(&image)?,
            false => None,
        };
        let document = StatusDocument {
            schema: menkyo_codec::records::json::SCHEMA,
            kind: "licence-ap-status",
            model: image.model,
            installed: status.installed,
            recorded: record.map(|r| RecordedSummary {
                number: r.number.as_ref().map(|n| n.as_str().to_owned()),
                expires_on: r.expires_on.and_then(|d| d.date()),
            }),
            pin_set: status.pin_set,
            pin_tries_left: status.pin_tries_left,
        };
        return output::print(
            &(serde_json::to_string_pretty(&document).unwrap_or_default() + "\n"),
        );
    }
    if image.model != CardModel::MyNumber {
        return output::print(
            "an ICカード運転免許証: no 免許AP (the licence is the card itself)\n",
        );
    }
    let status = licence_ap::status(&image);
    let text = if !status.installed {
        "免許AP: not installed (SELECT of the instance answers 6A82)\n".to_owned()
    } else {
        let record = licence_ap::recorded_licence(&image)?;
        format!(
            "免許AP: installed\nrecorded: {}\nPIN: {}, {} left\n",
            match &record {
                Some(r) => format!(
                    "licence {} valid until {}",
                    r.number.as_ref().map_or("—", |n| n.as_str()),
                    r.expires_on.map_or("—".to_owned(), |d| d.to_string())
                ),
                None => "nothing".to_owned(),
            },
            match status.pin_set {
                Some(true) => "set",
                _ => "not set (****)",
            },
            status
                .pin_tries_left
                .map_or("? tries".to_owned(), |t| Tries(usize::from(t)).to_string()),
        )
    };
    output::print(&text)
}

fn image_of(profile: &Profile) -> Result<CardImage, Error> {
    Ok(profile.to_image()?)
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
    let licence_profile = profile(licence)?;
    let ProfileCard::IcLicence(_) = &licence_profile.card else {
        return Err(Error::NotIcLicenceProfile(licence.to_owned()));
    };
    std::fs::create_dir_all(out).map_err(|source| Error::WriteFile {
        path: out.to_path_buf(),
        source,
    })?;
    let ic_path = out.join("ic-licence.json");
    let myna_path = out.join("my-number.json");
    for (wanted, path) in [
        (matches!(form, Form::IcOnly | Form::Both), &ic_path),
        (matches!(form, Form::MynaOnly | Form::Both), &myna_path),
    ] {
        if wanted {
            output::refuse_existing(path, force)?;
        }
    }
    let mut written = Vec::new();
    if matches!(form, Form::IcOnly | Form::Both) {
        image_of(&licence_profile)?.save(&ic_path)?;
        written.push(ic_path);
    }
    if matches!(form, Form::MynaOnly | Form::Both) {
        let mut card = image_of(&profile(my_number_card)?)?;
        if licence_ap::status(&card).installed {
            licence_ap::remove(&mut card)?;
        }
        let (licence, _) = licence_ap::record_from_profile(&licence_profile)?;
        licence_ap::install(&mut card)?;
        licence_ap::record(&mut card, &licence, None, &signing::test_issuer()?)?;
        card.save(&myna_path)?;
        written.push(myna_path);
    }
    let list: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
    output::print(&format!("{}\n", list.join("\n")))
}

fn verify(args: &VerifyArgs) -> Result<(), Error> {
    let image = CardImage::load(&args.image)?;
    let anchor = args.trust.as_deref().map(TrustAnchor::load).transpose()?;
    let card = match image.model {
        CardModel::IcLicence => SignedCard::IcLicence,
        CardModel::MyNumber => SignedCard::LicenceAp,
    };
    let file = |path: &str| image.files.get(path).map(|b| b.0.as_slice());
    let report = menkyo_auth::verify(card, file, anchor.as_ref());
    let text = if args.output.json() {
        serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
    } else {
        signature_text::render(&report)
    };
    output::print(&text)?;
    match report.verdict {
        Verdict::Valid => Ok(()),
        other => Err(Error::NotValid(other.word())),
    }
}
