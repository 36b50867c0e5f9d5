//! What the layers promise of their source: the `menkyo` command names no card file (every
//! path, FID and name comes from the registry), so a file added to the registry reaches the
//! command with no change there; and each crate has one error type.

use std::path::{Path, PathBuf};

use menkyo::codec::registry;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn sources(crate_dir: &str) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join(crate_dir),
        &mut files,
    );
    assert!(!files.is_empty(), "no source under {crate_dir}");
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            (path, text)
        })
        .collect()
}

#[test]
fn the_command_spells_no_card_file_path() {
    let paths: Vec<&str> = registry::files().map(|f| f.path).collect();
    assert!(paths.contains(&"DF1/EF07"), "{paths:?}");
    for (source, text) in sources("crates/menkyo-cli/src") {
        for path in &paths {
            // A quoted path, whole or as the start of a longer string ("DF2/EF01.bin").
            let quoted = format!("\"{path}");
            assert!(
                !text.contains(&quoted),
                "{} spells the card file {path}: take it from the registry",
                source.display()
            );
        }
        for application in ["\"MF/", "\"DF1/", "\"DF2/", "\"DF3/", "\"LICENCE_AP/"] {
            assert!(
                !text.contains(application),
                "{} spells a card file under {application}: take it from the registry",
                source.display()
            );
        }
    }
}

/// The name at the start of `text`: `Error` of `Error<'a> {`.
fn name_at(text: &str) -> String {
    text.trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// The error types a source declares: those deriving `thiserror::Error` (the derive written on
/// one line or several) and those implementing `std::error::Error` by hand.
fn error_types(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("#[derive(") {
        let after = &rest[at..];
        let Some(close) = after.find(")]") else { break };
        let derive = &after[..close];
        rest = &after[close..];
        if !derive.contains("thiserror::Error") {
            continue;
        }
        let declared = [rest.find("enum "), rest.find("struct ")]
            .into_iter()
            .flatten()
            .min();
        if let Some(declared) = declared {
            let keyword_len = if rest[declared..].starts_with("enum ") {
                5
            } else {
                7
            };
            names.push(name_at(&rest[declared + keyword_len..]));
        }
    }
    for by_hand in ["impl std::error::Error for ", "impl Error for "] {
        for (at, _) in text.match_indices(by_hand) {
            names.push(name_at(&text[at + by_hand.len()..]));
        }
    }
    names
}

#[test]
fn every_crate_has_one_error_type() {
    assert_eq!(
        error_types(
            "#[derive(Debug, thiserror::Error)]\n#[non_exhaustive]\npub enum Error {}\n\
             #[derive(Debug)]\npub struct Report;\n\
             #[derive(Clone, thiserror::Error)]\n/// Why.\npub(crate) struct ReadFailed;\n\
             #[derive(\n    Debug,\n    thiserror::Error,\n)]\nenum Wide {}\n\
             impl std::error::Error for ByHand {}"
        ),
        ["Error", "ReadFailed", "Wide", "ByHand"]
    );
    // The one type each crate's fallible calls return; besides it, only the reason a signature
    // report carries (`Unverifiable`: a value in a report, cloned and compared, not the failure
    // of a call).
    let crates = [
        ("menkyo-codec", "Error"),
        ("menkyo-transport", "TransportError"),
        ("menkyo-emulator", "Error"),
        ("menkyo-pcsc", "Error"),
        ("menkyo-client", "Error"),
        ("menkyo-auth", "Error"),
        ("menkyo-render", "Error"),
        ("menkyo-cli", "Error"),
    ];
    for (name, expected) in crates {
        let mut declared: Vec<String> = sources(&format!("crates/{name}/src"))
            .iter()
            .flat_map(|(_, text)| error_types(text))
            .collect();
        declared.retain(|t| !(name == "menkyo-auth" && t == "Unverifiable"));
        assert_eq!(declared, [expected], "{name}");
    }
}
