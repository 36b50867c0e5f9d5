//! `menkyo read`: detect the card, ask the PINs it needs (showing tries left), read the licence
//! and print it with its signature's status; `--photo` writes the face photo; `--trust` checks
//! the signature; `--from` takes the files of a dump instead of a card; `--watch` reads card
//! after card (`read_watch`).

use menkyo_auth::{TrustAnchor, Verdict};
use menkyo_client::{japan_date, LicenceRead, LicenceView, LinkReport, ReadOptions};
use menkyo_codec::tlv::Mode;
use menkyo_render::{hexdump, licence_page, licence_text, redaction};

use crate::args::{CardArgs, ReadArgs};
use crate::cli::Format;
use crate::error::Error;
use crate::session::{check_wanted, read_asking, Wanted};
use crate::{output, style};
use menkyo_render::portrait::PortraitFile;

pub fn run(args: &ReadArgs) -> Result<(), Error> {
    let photo_file = match &args.photo {
        Some(path) => {
            if path.as_os_str() != "-" {
                output::refuse_existing(path, args.force)?;
            }
            Some((
                path,
                PortraitFile::of(path).ok_or_else(|| Error::PhotoExtension(path.clone()))?,
            ))
        }
        None => None,
    };
    let anchor = match &args.trust {
        Some(path) => Some(TrustAnchor::load(path).map_err(|source| Error::Trust {
            path: path.clone(),
            source,
        })?),
        None => None,
    };
    if args.watch {
        return super::read_watch::run(args, anchor.as_ref());
    }
    let (read, link) = match &args.from {
        Some(path) => (
            menkyo_client::dump::load(path)
                .map_err(Error::Dump)?
                .decode(Mode::Lenient)?,
            None,
        ),
        None => {
            let (read, link) = read_card(args, &args.card, photo_file.is_some())?;
            (read, Some(link))
        }
    };

    if let Some((path, kind)) = photo_file {
        let photo = read.photo().ok_or_else(|| Error::NoPhoto {
            why: skipped_photo(&read),
        })?;
        let bytes = kind.bytes(photo.as_bytes()).map_err(Error::Photo)?;
        if path.as_os_str() == "-" {
            return output::write_bytes(&bytes);
        }
        output::write_atomically(path, &bytes)?;
        eprintln!("menkyo: wrote the photo to {}", path.display());
    }

    present(args, &read, link, anchor.as_ref(), false)
}

/// Reads `card`, asking its PINs as `args` say.
pub(super) fn read_card(
    args: &ReadArgs,
    card: &CardArgs,
    photo: bool,
) -> Result<(LicenceRead, LinkReport), Error> {
    let wanted = Wanted {
        basic_info: args.basic_info,
        photo,
    };
    let (read, feedback) = read_asking(
        card,
        &args.pins,
        args.redact,
        args.format == Format::Text || args.format == Format::Hex,
        wanted,
        |reader, asking, last_try| {
            let options = ReadOptions {
                last_try,
                mode: Mode::Lenient,
            };
            let read = reader.read_licence_asking(asking, options)?;
            Ok((read, reader.link_report()))
        },
    )?;
    check_wanted(read.0.card(), read.0.skipped(), wanted, feedback)?;
    Ok(read)
}

/// Prints `read` as `args` ask, then fails with exit status 7 when `--trust` found its
/// signature not valid. `one_line` prints JSON on one line.
pub(super) fn present(
    args: &ReadArgs,
    read: &LicenceRead,
    link: Option<LinkReport>,
    anchor: Option<&TrustAnchor>,
    one_line: bool,
) -> Result<(), Error> {
    let mut view = view(
        read,
        anchor,
        args.today.unwrap_or_else(japan_date::today),
        args.redact,
    );
    if args.format == Format::Json {
        view.link = link;
    }
    let (signed_card, verdict) = match &view.signature {
        Some(report) => (report.card, report.verdict.clone()),
        None => (read.signed_card(), Verdict::Invalid),
    };
    let text = match args.format {
        Format::Json if one_line => {
            let mut line = serde_json::to_string(&view).map_err(|e| Error::Output(e.into()))?;
            line.push('\n');
            line
        }
        Format::Json => view.to_json_pretty().map_err(|e| Error::Output(e.into()))? + "\n",
        Format::Text => licence_text::render(&view, view.card.describe(), style::current()),
        Format::Html => licence_page::of_read(read, &view, args.redact),
        Format::Hex => hexdump::files(read.files(), args.redact),
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

/// The licence view of `read --format json`: the signature checked against `anchor`, masked
/// with `redacted`, and its validity on `today`.
pub fn view(
    read: &LicenceRead,
    anchor: Option<&TrustAnchor>,
    today: menkyo_codec::date::Date,
    redacted: bool,
) -> LicenceView {
    let mut view = read.checked_view(anchor);
    if redacted {
        redaction::licence(&mut view);
    }
    view.set_validity(today);
    view
}

fn skipped_photo(read: &LicenceRead) -> String {
    read.photo_skipped()
        .map(|s| format!("{} {} was skipped ({:?})", s.file, s.name, s.reason))
        .unwrap_or_else(|| "the card holds none".to_owned())
}
