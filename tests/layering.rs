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

/// The types of a source that derive `thiserror::Error`.
fn error_types(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut deriving = false;
    for line in text.lines().map(str::trim_start) {
        if line.starts_with("#[derive(") && line.contains("thiserror::Error") {
            deriving = true;
            continue;
        }
        if !deriving || line.starts_with("#[") || line.starts_with("//") {
            continue;
        }
        let declared = [
            "pub enum ",
            "pub struct ",
            "pub(crate) enum ",
            "pub(crate) struct ",
        ]
        .iter()
        .chain(&["enum ", "struct "])
        .find_map(|start| line.strip_prefix(start));
        if let Some(rest) = declared {
            let name = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            names.push(name);
        }
        deriving = false;
    }
    names
}

#[test]
fn every_crate_has_one_error_type() {
    assert_eq!(
        error_types(
            "#[derive(Debug, thiserror::Error)]\n#[non_exhaustive]\npub enum Error {}\n\
             #[derive(Debug)]\npub struct Report;\n\
             #[derive(Clone, thiserror::Error)]\n/// Why.\npub(crate) struct ReadFailed;"
        ),
        ["Error", "ReadFailed"]
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
