//! `docs/architecture.md` stays true: every source path it names exists, and every crate of
//! the workspace is in its picture.

use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn doc() -> String {
    std::fs::read_to_string(root().join("docs/architecture.md")).unwrap()
}

/// The backticked words of `text` that name a file or directory of the workspace:
/// `menkyo-codec/src/registry/`, `tests/added_file.rs`.
fn named_paths(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|word| !word.contains(' '))
        .filter(|word| {
            word.starts_with("menkyo-") && word.contains("/src/") || word.starts_with("tests/")
        })
        .map(|word| word.split(", ").next().unwrap_or(word).to_owned())
        .collect()
}

#[test]
fn every_path_it_names_exists() {
    let doc = doc();
    let paths = named_paths(&doc);
    assert!(paths.len() > 10, "{paths:?}");
    for path in paths {
        let at = if path.starts_with("tests/") {
            root().join(&path)
        } else {
            root().join("crates").join(&path)
        };
        assert!(
            at.exists(),
            "docs/architecture.md names {path}, which does not exist"
        );
    }
}

#[test]
fn every_crate_is_in_the_picture() {
    let doc = doc();
    let picture = doc.split("```").nth(1).unwrap();
    for entry in std::fs::read_dir(root().join("crates")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(picture.contains(&name), "the layers lack {name}");
    }
}
