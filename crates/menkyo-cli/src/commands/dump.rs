//! `menkyo dump`: every file the given PINs open, as JSON with each file's path, hex and TLV
//! tree; `--out DIR` also writes one binary file per EF, each whole or not at all.

use menkyo_client::dump_document::DumpDocument;
use menkyo_client::RawFile;

use crate::args::DumpArgs;
use crate::cli::Format;
use crate::error::Error;
use crate::session::{check_wanted, read_asking, Wanted};
use menkyo_client::dump::file_name;
use menkyo_render::{hexdump, redaction};

use crate::output;

pub fn run(args: &DumpArgs) -> Result<(), Error> {
    let wanted = Wanted {
        basic_info: args.basic_info,
        photo: false,
    };
    let (read, feedback) = read_asking(
        &args.card,
        &args.pins,
        args.redact,
        args.format != Format::Json,
        wanted,
        |reader, asking, last_try| reader.read_licence_files_asking(asking, last_try),
    )?;
    check_wanted(read.card(), read.skipped(), wanted, feedback)?;
    let files: Vec<(&RawFile, Vec<u8>)> = read
        .files()
        .iter()
        .map(|f| {
            let bytes = if args.redact {
                redaction::file(f.ef.path, &f.bytes)
            } else {
                f.bytes.clone()
            };
            (f, bytes)
        })
        .collect();
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir).map_err(|source| Error::WriteFile {
            path: dir.clone(),
            source,
        })?;
        for (file, _) in &files {
            output::refuse_existing(&dir.join(file_name(file.ef.path)), args.force)?;
        }
        for (file, bytes) in &files {
            output::write_atomically(&dir.join(file_name(file.ef.path)), bytes)?;
        }
        eprintln!("menkyo: wrote {} files to {}", files.len(), dir.display());
    }
    let text = match args.format {
        Format::Json => output::json_text(&DumpDocument::new(
            &read,
            files.iter().map(|(f, bytes)| (*f, bytes.as_slice())),
        ))?,
        Format::Hex => hexdump::files(read.files(), args.redact),
        // `--format html` is not among this command's formats.
        Format::Text | Format::Html => {
            let mut out = String::new();
            for (file, bytes) in &files {
                match file.ef.record {
                    Some(kind) => out.push_str(&hexdump::render_file(&file.ef, kind, bytes)),
                    None => out.push_str(&hexdump::file(file.ef.path, bytes)),
                }
                out.push('\n');
            }
            out
        }
    };
    output::print(&text)
}
