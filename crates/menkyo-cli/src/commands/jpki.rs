//! `menkyo jpki`: the 公的個人認証 AP of the My Number card. `cert` reads the
//! 署名用電子証明書 after the 署名用パスワード, `sign` signs a document with the card (what a
//! holder does at a police facility to link the 免許AP with Mynaportal), `verify` checks such a
//! signature. The password comes from `--pin-stdin`, `MENKYO_JPKI_PASSWORD` or a prompt.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use menkyo_auth::detached::verify_detached;
use menkyo_auth::pkcs1::sha256_digest_info;
use menkyo_auth::{Certificate, CertificateInfo};
use menkyo_client::trace::WriteTrace;
use menkyo_client::{LastTry, Reader};
use menkyo_render::{certificate_text, detached_text};

use crate::args::{CardArgs, TextOrJsonArgs};
use crate::backend;

use crate::error::Error;
use crate::output;
use crate::secret_input::{self, SecretSource};

/// `menkyo jpki`.
#[derive(Debug, Args)]
pub struct JpkiArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: JpkiCommand,
}

/// The JPKI subcommands.
#[derive(Debug, Subcommand)]
pub enum JpkiCommand {
    /// Read the 署名用電子証明書 (after the signing password): subject, validity, fingerprint.
    Cert(CertArgs),
    /// Sign a document with the card's 署名用 key: a raw RSA-2048 PKCS#1 v1.5 SHA-256 signature
    /// file and the certificate beside it.
    Sign(SignArgs),
    /// Check a detached signature made by `menkyo jpki sign`.
    Verify(VerifyArgs),
}

/// How the signing password is given.
#[derive(Debug, Args)]
pub struct PasswordArgs {
    /// Read the 署名用パスワード from one line of standard input (otherwise
    /// `MENKYO_JPKI_PASSWORD`, otherwise a prompt that does not echo).
    #[arg(long)]
    pub pin_stdin: bool,
    /// Send the password even when only one try is left (a wrong one blocks it).
    #[arg(long)]
    pub force_last_try: bool,
}

/// `menkyo jpki cert`.
#[derive(Debug, Args)]
pub struct CertArgs {
    #[command(flatten)]
    card: CardArgs,
    #[command(flatten)]
    password: PasswordArgs,
    #[command(flatten)]
    output: TextOrJsonArgs,
    /// Also write the certificate (PEM) to this file.
    #[arg(short, long)]
    out: Option<PathBuf>,
    /// Replace the --out file if it exists.
    #[arg(long)]
    force: bool,
}

/// `menkyo jpki sign`.
#[derive(Debug, Args)]
pub struct SignArgs {
    #[command(flatten)]
    card: CardArgs,
    #[command(flatten)]
    password: PasswordArgs,
    /// The signature file (default: FILE.sig); the certificate goes to SIGNATURE.cert.pem.
    #[arg(short, long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    output: TextOrJsonArgs,
    /// Replace the signature and certificate files if they exist.
    #[arg(long)]
    force: bool,
    /// The document to sign.
    file: PathBuf,
}

/// `menkyo jpki verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The signature file (default: FILE.sig).
    #[arg(long)]
    signature: Option<PathBuf>,
    /// The signer's certificate, PEM or DER (default: SIGNATURE.cert.pem).
    #[arg(long)]
    cert: Option<PathBuf>,
    /// The 署名用CA certificate the signer's certificate must be issued by.
    #[arg(long)]
    ca: Option<PathBuf>,
    #[command(flatten)]
    output: TextOrJsonArgs,
    /// The signed document.
    file: PathBuf,
}

const PASSWORD_ENV: &str = "MENKYO_JPKI_PASSWORD";

/// The largest document or signature file `jpki sign` and `jpki verify` read.
pub const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;

pub fn run(args: &JpkiArgs) -> Result<(), Error> {
    match &args.command {
        JpkiCommand::Cert(a) => cert(a),
        JpkiCommand::Sign(a) => sign(a),
        JpkiCommand::Verify(a) => verify(a),
    }
}

/// Runs `f` with a reader on the chosen card (`--emulator` or `--reader`), tracing APDUs to
/// standard error with `--trace` (password bytes masked).
fn with_card<T>(
    card: &CardArgs,
    f: impl FnOnce(&mut Reader<'_>) -> Result<T, Error>,
) -> Result<T, Error> {
    let mut transport = backend::open(card)?;
    let mut sink = WriteTrace(std::io::stderr());
    let mut reader = Reader::new(transport.as_mut());
    if card.trace {
        reader = reader.with_trace(&mut sink);
    }
    f(&mut reader)
}

fn password_source(args: &PasswordArgs) -> SecretSource {
    SecretSource {
        stdin: args.pin_stdin,
        env: PASSWORD_ENV,
        what: "署名用パスワード (signing password)",
    }
}

fn last_try(args: &PasswordArgs) -> LastTry {
    if args.force_last_try {
        LastTry::Force
    } else {
        LastTry::Refuse
    }
}

fn cert(args: &CertArgs) -> Result<(), Error> {
    if let Some(out) = &args.out {
        output::refuse_existing(out, args.force)?;
    }
    let password = secret_input::signing_password(password_source(&args.password))?;
    let der = with_card(&args.card, |reader| {
        reader
            .jpki_signing_certificate(&password, last_try(&args.password))
            .map_err(Error::JpkiCard)
    })?;
    let certificate = Certificate::from_der(&der)?;
    let info = certificate.info()?;
    if let Some(out) = &args.out {
        output::write_atomically(out, certificate.to_pem()?.as_bytes())?;
    }
    let text = if args.output.json() {
        output::json_text(&info)?
    } else {
        format!(
            "署名用電子証明書 (JPKI EF0001)\n{}",
            certificate_text::render(&info)
        )
    };
    output::print(&text)
}

/// The file given, or `path` with `suffix` added to its name.
fn given_or(given: Option<&Path>, path: &Path, suffix: &str) -> PathBuf {
    given.map_or_else(|| with_suffix(path, suffix), Path::to_path_buf)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn sign(args: &SignArgs) -> Result<(), Error> {
    let document = output::read_file(&args.file, MAX_DOCUMENT_BYTES)?;
    let out = given_or(args.out.as_deref(), &args.file, ".sig");
    let cert_out = with_suffix(&out, ".cert.pem");
    output::refuse_existing(&out, args.force)?;
    output::refuse_existing(&cert_out, args.force)?;
    let password = secret_input::signing_password(password_source(&args.password))?;
    let signed = with_card(&args.card, |reader| {
        reader
            .jpki_sign(
                &password,
                &sha256_digest_info(&document),
                last_try(&args.password),
            )
            .map_err(Error::JpkiCard)
    })?;
    let certificate = Certificate::from_der(&signed.certificate)?;
    output::write_atomically(&out, &signed.signature)?;
    output::write_atomically(&cert_out, certificate.to_pem()?.as_bytes())?;
    let info = certificate.info()?;
    if args.output.json() {
        let document = SignDocument {
            schema: menkyo_codec::records::json::SCHEMA,
            kind: "jpki-signature",
            document: &args.file,
            signature: &out,
            certificate_file: &cert_out,
            certificate: &info,
        };
        return output::print_json(&document);
    }
    let text = format!(
        "signed {} with the 署名用 key of the card\nsignature:   {} (RSA-2048 PKCS#1 v1.5, SHA-256)\ncertificate: {}\n{}",
        args.file.display(),
        out.display(),
        cert_out.display(),
        certificate_text::render(&info)
    );
    output::print(&text)
}

/// The JSON document of `menkyo jpki sign`.
#[derive(serde::Serialize)]
struct SignDocument<'a> {
    schema: &'static str,
    kind: &'static str,
    document: &'a Path,
    signature: &'a Path,
    certificate_file: &'a Path,
    certificate: &'a CertificateInfo,
}

fn verify(args: &VerifyArgs) -> Result<(), Error> {
    let document = output::read_file(&args.file, MAX_DOCUMENT_BYTES)?;
    let signature_path = given_or(args.signature.as_deref(), &args.file, ".sig");
    let cert_path = given_or(args.cert.as_deref(), &signature_path, ".cert.pem");
    let signature = output::read_file(&signature_path, MAX_DOCUMENT_BYTES)?;
    let certificate = Certificate::load(&cert_path)?;
    let ca = args.ca.as_deref().map(Certificate::load).transpose()?;
    let check = verify_detached(&document, &signature, &certificate, ca.as_ref())?;
    let text = if args.output.json() {
        output::json_text(&check)?
    } else {
        detached_text::render(&args.file.display().to_string(), &check)
    };
    output::print(&text)?;
    if check.is_valid() {
        Ok(())
    } else {
        Err(Error::NotValid("invalid"))
    }
}
