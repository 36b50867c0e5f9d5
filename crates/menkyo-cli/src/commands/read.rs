//! `menkyo read`: detect the card, ask the PINs it needs (showing tries left), read the licence
//! and print it with its signature's status; `--photo` writes the face photo; `--trust` checks
//! the signature.

use menkyo_auth::{TrustAnchor, Verdict};
use menkyo_client::{LicenceRead, RawFile, ReadOptions};
use menkyo_codec::tlv::Mode;
use menkyo_render::{hexdump, licence_text, redaction};

use crate::args::ReadArgs;
use crate::cli::Format;
use crate::error::Error;
use crate::session::{read_licence, Wanted};
use crate::{output, style};
use menkyo_render::portrait::{self, PortraitFile};

pub fn run(args: &ReadArgs) -> Result<(), Error> {
    let photo_file = match &args.photo {
        Some(path) => Some((
            path,
            PortraitFile::of(path).ok_or_else(|| Error::PhotoExtension(path.clone()))?,
        )),
        None => None,
    };
    let anchor = match &args.trust {
        Some(path) => Some(TrustAnchor::load(path).map_err(|source| Error::Trust {
            path: path.clone(),
            source,
        })?),
        None => None,
    };
    let wanted = Wanted {
        basic_info: args.basic_info,
        photo: photo_file.is_some(),
    };
    let read = read_licence(
        (&args.card, &args.pins),
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
    let mut view = read.checked_view(anchor.as_ref());
    let (signed_card, verdict) = match &view.signature {
        Some(report) => (report.card, report.verdict.clone()),
        None => (read.signed_card(), Verdict::Invalid),
    };

    if let Some((path, kind)) = photo_file {
        let photo = read.photo().ok_or_else(|| Error::NoPhoto {
            why: skipped_photo(&read),
        })?;
        let bytes = match kind {
            PortraitFile::AsStored => {
                portrait::check_complete(photo.as_bytes()).map_err(Error::Photo)?;
                photo.as_bytes().to_vec()
            }
            PortraitFile::Png => portrait::to_png(photo.as_bytes()).map_err(Error::Photo)?,
        };
        output::write_atomically(path, &bytes)?;
        eprintln!("menkyo: wrote the photo to {}", path.display());
    }

    if args.redact {
        redaction::licence(&mut view);
    }
    let text = match args.format {
        Format::Json => view.to_json_pretty().map_err(|e| Error::Output(e.into()))? + "\n",
        Format::Text => licence_text::render(&view, view.card.describe(), style::current()),
        Format::Hex => hex(read.files(), args.redact),
    };
    output::print(&text)?;
    match verdict {
        Verdict::Valid => Ok(()),
        _ if anchor.is_none() => Ok(()),
        Verdict::Invalid => Err(Error::Signature {
            card: signed_card,
            verdict: "invalid",
            why: None,
        }),
        Verdict::Unverifiable(why) => Err(Error::Signature {
            card: signed_card,
            verdict: "unverifiable",
            why: Some(why),
        }),
    }
}

fn skipped_photo(read: &LicenceRead) -> String {
    read.photo_skipped()
        .map(|s| format!("{} {} was skipped ({:?})", s.file, s.name, s.reason))
        .unwrap_or_else(|| "the card holds none".to_owned())
}

/// Every file read, in hex.
pub fn hex(files: &[RawFile], redacted: bool) -> String {
    let mut out = String::new();
    for file in files {
        let bytes = if redacted {
            redaction::file(file.ef.path, &file.bytes)
        } else {
            file.bytes.clone()
        };
        out.push_str(&hexdump::file(
            &format!("{} {}", file.ef.path, file.ef.name),
            &bytes,
        ));
    }
    out
}
