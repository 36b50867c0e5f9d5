//! `menkyo read`: detect the card, ask the PINs it needs (showing tries left), read the licence
//! and print it with its signature's status; `--photo` writes the face photo; `--trust` checks
//! the signature; `--from` takes the files of a dump instead of a card; `--watch` reads card
//! after card (`read_watch`).

use menkyo_auth::{Report, SignedCard, TrustAnchor, Verdict};

use menkyo_client::{LicenceRead, LicenceView, LinkReport, RawFile, ReadOptions};
use menkyo_codec::date::{Date, Validity};
use menkyo_codec::records::PhotoData;
use menkyo_codec::tlv::Mode;
use menkyo_render::licence_page;

use crate::args::{today_or, CardArgs, ReadArgs};
use crate::cli::Format;
use crate::failure::Failure;
use crate::photo::{self, PhotoFile};
use crate::render::ordered::Ordered;
use crate::session::{check_wanted, read_asking, Wanted};
use crate::{output, redact, render};

pub fn run(args: &ReadArgs) -> Result<(), Failure> {
    let photo_file = match &args.photo {
        Some(path) => Some((
            path,
            PhotoFile::of(path).ok_or_else(|| Failure::PhotoExtension(path.clone()))?,
        )),
        None => None,
    };
    let anchor = match &args.trust {
        Some(path) => Some(TrustAnchor::load(path).map_err(|source| Failure::Trust {
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
                .map_err(Failure::Dump)?
                .decode(Mode::Lenient)?,
            None,
        ),
        None => {
            let (read, link) = read_card(args, &args.card, photo_file.is_some())?;
            (read, Some(link))
        }
    };

    if let Some((path, kind)) = photo_file {
        let photo = photo_of(&read).ok_or_else(|| Failure::NoPhoto {
            why: skipped_photo(&read),
        })?;
        let bytes = kind.bytes(photo.as_bytes()).map_err(Failure::Photo)?;
        if path.as_os_str() == "-" {
            return output::write_bytes(&bytes);
        }
        output::write_atomically(path, &bytes)?;
        eprintln!("menkyo: wrote the photo to {}", path.display());
    }

    present(args, &read, link.as_ref(), anchor.as_ref(), false)
}

/// Prints `read` as `args` ask, then fails with exit status 7 when `--trust` found its
/// signature not valid. `one_line` prints JSON on one line.
pub(super) fn present(
    args: &ReadArgs,
    read: &LicenceRead,
    link: Option<&LinkReport>,
    anchor: Option<&TrustAnchor>,
    one_line: bool,
) -> Result<(), Failure> {
    let view = read.view();
    let signature = signature(read, anchor);
    let text = match args.format {
        Format::Hex => hex(raw_files(read), args.redact),
        Format::Json | Format::Text | Format::Html => {
            let document = document(read, &signature, today_or(args.today), args.redact);
            match args.format {
                Format::Json if one_line => {
                    let document = with_link(document, link);
                    let mut line = serde_json::to_string(&document).unwrap_or_default();
                    line.push('\n');
                    line
                }
                Format::Json => with_link(document, link).to_json_pretty(),
                Format::Html => html(read, &document, args.redact),
                _ => render::licence::render(&document, view.card.describe()),
            }
        }
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

/// Reads `card`, asking its PINs as `args` say.
pub(super) fn read_card(
    args: &ReadArgs,
    card: &CardArgs,
    photo: bool,
) -> Result<(LicenceRead, LinkReport), Failure> {
    let wanted = Wanted {
        basic_info: args.basic_info,
        photo,
    };
    let ((read, link), mut feedback) = read_asking(
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
    let view = read.view();
    check_wanted(view.card, &view.skipped, wanted, &feedback)?;
    feedback.finish();
    Ok((read, link))
}

/// `document` with how the reader was used (`link`, JSON only; none for a read from a dump).
fn with_link(mut document: Ordered, link: Option<&LinkReport>) -> Ordered {
    if let Some(link) = link {
        document.insert_before("pins", "link", Ordered::from_serialize(link));
    }
    document
}

/// The licence document of `read --format json`: the view, its validity on `today` and the
/// signature check, masked with `redacted`.
pub fn document(read: &LicenceRead, signature: &Report, today: Date, redacted: bool) -> Ordered {
    let view = read.view();
    let mut document = Ordered::from_serialize(&view);
    let validity = validity(&view, today, redacted);
    document.insert_before("pins", "validity", Ordered::from_serialize(&validity));
    document.insert_before("pins", "signature", Ordered::from_serialize(signature));
    if redacted {
        redact::document(&mut document);
    }
    document
}

/// The HTML page of the licence `document` of `read`, the portrait left out when `redacted`.
pub fn html(read: &LicenceRead, document: &Ordered, redacted: bool) -> String {
    let portrait = photo_of(read)
        .filter(|_| !redacted)
        .and_then(|photo| photo::to_png(photo.as_bytes()).ok());
    let document = serde_json::to_value(document).unwrap_or_default();
    licence_page::render(&document, read.view().card.describe(), portrait.as_deref())
}

/// Whether the licence is valid on `today`; from the expiry date alone when redacted, so the
/// renewal period does not tell the birthday.
pub fn validity(view: &LicenceView, today: Date, redacted: bool) -> Option<Validity> {
    let expires_on = view.expires_on.as_ref()?.value;
    let birth_date = view.birth_date.as_ref().filter(|_| !redacted);
    Some(Validity::on(today, expires_on, birth_date.map(|b| b.value)))
}

/// The check of the licence's signature (DF1/EF07 電子署名 or 免許AP WEF03) over the files read.
pub fn signature(read: &LicenceRead, anchor: Option<&TrustAnchor>) -> Report {
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
        .find(|s| s.file == "DF2/EF01" || s.file == "LICENCE_AP/WEF02")
        .map(|s| format!("{} {} was skipped ({:?})", s.file, s.name, s.reason))
        .unwrap_or_else(|| "the card holds none".to_owned())
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
