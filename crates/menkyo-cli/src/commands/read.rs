//! `menkyo read`: detect the card, ask the PINs it needs (showing tries left), read the licence
//! and print it with its signature's status; `--photo` writes the face photo; `--trust` checks
//! the signature.

use menkyo_auth::{Report, SignedCard, TrustAnchor, Verdict};

use menkyo_client::{LicenceRead, RawFile, ReadOptions};
use menkyo_codec::records::{PhotoData, PHOTO_TAG};
use menkyo_codec::registry::{self, Mask};
use menkyo_codec::tlv::Mode;

use crate::args::ReadArgs;
use crate::cli::Format;
use crate::failure::Failure;
use crate::photo::{self, PhotoFile};
use crate::render::ordered::Ordered;
use crate::session::{check_wanted, read_asking, Wanted};
use crate::{output, redact, render};

pub fn run(args: &ReadArgs) -> Result<(), Failure> {
    let photo_file = match &args.photo {
        Some(path) => {
            output::refuse_existing(path, args.force)?;
            Some((
                path,
                PhotoFile::of(path).ok_or_else(|| Failure::PhotoExtension(path.clone()))?,
            ))
        }
        None => None,
    };
    let anchor = match &args.trust {
        Some(path) => Some(TrustAnchor::load(path).map_err(|source| Failure::Trust {
            path: path.clone(),
            source,
        })?),
        None => None,
    };
    let wanted = Wanted {
        basic_info: args.basic_info,
        photo: photo_file.is_some(),
    };
    let (read, mut feedback) = read_asking(
        &args.card,
        &args.pins,
        args.redact,
        args.format != Format::Json,
        wanted,
        |reader, asking, last_try| {
            let options = ReadOptions {
                last_try,
                mode: Mode::Lenient,
            };
            reader.read_licence_asking(asking, options)
        },
    )?;
    let view = read.view();
    check_wanted(view.card, &view.skipped, wanted, &feedback)?;
    feedback.finish();

    if let Some((path, kind)) = photo_file {
        let photo = photo_of(&read).ok_or_else(|| Failure::NoPhoto {
            why: skipped_photo(&read),
        })?;
        let bytes = match kind {
            PhotoFile::AsStored => {
                photo::check_complete(photo.as_bytes()).map_err(Failure::Photo)?;
                photo.as_bytes().to_vec()
            }
            PhotoFile::Png => photo::to_png(photo.as_bytes()).map_err(Failure::Photo)?,
        };
        output::write_atomically(path, &bytes)?;
        eprintln!("menkyo: wrote the photo to {}", path.display());
    }

    let signature = signature(&read, anchor.as_ref());
    let text = match args.format {
        Format::Json | Format::Text => {
            let mut document = Ordered::from_serialize(&view);
            document.insert_before("pins", "signature", Ordered::from_serialize(&signature));
            if args.redact {
                redact::document(&mut document);
            }
            if args.format == Format::Json {
                document.to_json_pretty()
            } else {
                render::licence::render(&document, view.card.describe())
            }
        }
        Format::Hex => hex(raw_files(&read), args.redact),
    };
    output::print(&text)?;
    match signature.verdict {
        Verdict::Valid => Ok(()),
        _ if anchor.is_none() => Ok(()),
        Verdict::Invalid => Err(Failure::Signature {
            card: signature.card,
            verdict: "invalid",
            why: None,
        }),
        Verdict::Unverifiable(why) => Err(Failure::Signature {
            card: signature.card,
            verdict: "unverifiable",
            why: Some(why),
        }),
    }
}

/// The check of the licence's signature (DF1/EF07 電子署名 or 免許AP WEF03) over the files read.
fn signature(read: &LicenceRead, anchor: Option<&TrustAnchor>) -> Report {
    let card = match read {
        LicenceRead::Ic(_) => SignedCard::IcLicence,
        LicenceRead::Myna(_) => SignedCard::LicenceAp,
    };
    let files = raw_files(read);
    let file = |path: &str| {
        files
            .iter()
            .find(|f| f.ef.path == path)
            .map(|f| f.bytes.as_slice())
    };
    menkyo_auth::verify(card, file, anchor)
}

fn photo_of(read: &LicenceRead) -> Option<&PhotoData> {
    match read {
        LicenceRead::Ic(ic) => ic.card.photo.as_ref().and_then(|p| p.photo.as_ref()),
        LicenceRead::Myna(myna) => myna
            .card
            .licence_ap
            .as_ref()
            .and_then(|ap| ap.record.as_ref())
            .and_then(|r| r.photo.as_ref()),
    }
}

fn skipped_photo(read: &LicenceRead) -> String {
    let view = read.view();
    view.skipped
        .iter()
        .find(|s| holds_photo(s.file))
        .map(|s| format!("{} {} was skipped ({:?})", s.file, s.name, s.reason))
        .unwrap_or_else(|| "the card holds none".to_owned())
}

/// Whether the file at `path` holds the photo: a registry file with an item masked as binary.
fn holds_photo(path: &str) -> bool {
    registry::file(path).is_some_and(|f| f.personal.mask(PHOTO_TAG) == Some(Mask::Zero))
}

fn raw_files(read: &LicenceRead) -> &[RawFile] {
    match read {
        LicenceRead::Ic(ic) => &ic.files.files,
        LicenceRead::Myna(myna) => &myna.files.files,
    }
}

/// Every file read, in hex.
pub fn hex(files: &[RawFile], redacted: bool) -> String {
    let mut out = String::new();
    for file in files {
        let bytes = if redacted {
            redact::file(file.ef.path, &file.bytes)
        } else {
            file.bytes.clone()
        };
        out.push_str(&render::hexdump::file(
            &format!("{} {}", file.ef.path, file.ef.name),
            &bytes,
        ));
    }
    out
}
