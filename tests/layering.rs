//! What the layers promise of their source: the `menkyo` command names no card file (every
//! path, FID and name comes from the registry), so a file added to the registry reaches the
//! command with no change there.

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
