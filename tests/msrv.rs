//! The minimum Rust version each crate declares (`rust-version`) is the lowest that builds it:
//! the highest of what its edition needs, what every dependency it builds with declares in
//! Cargo.lock's resolution (`cargo metadata`), and what its own code needs beyond that.
//!
//! Only one toolchain is installed here, so no build with the declared version proves it; the
//! standard library side is checked by clippy's `incompatible_msrv` lint, which `scripts/test`
//! runs against each crate's declared version (an item stabilised later is an error). When the
//! lint finds code that needs more than the dependencies, the use goes into [`CODE_NEEDS`] with
//! the text that shows it, and this test then asks for the higher version.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use serde_json::Value;

/// Uses in a crate's own code of something newer than its dependencies need:
/// (crate, version, what needs it, text that appears in the crate's `src/` where it is used).
const CODE_NEEDS: &[(&str, &str, &str, &str)] = &[(
    "menkyo-emulator",
    "1.89",
    "std::fs::File::lock (card images change under a lock on their folder)",
    "directory.lock()",
)];

/// The Rust version that introduced each edition.
fn edition_needs(edition: &str) -> Version {
    match edition {
        "2015" => Version(1, 0),
        "2018" => Version(1, 31),
        "2021" => Version(1, 56),
        _ => Version(1, 85),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Version(u32, u32);

impl Version {
    fn parse(text: &str) -> Version {
        let mut parts = text.split('.').map(|p| p.parse::<u32>().unwrap());
        Version(parts.next().unwrap(), parts.next().unwrap_or(0))
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.0, self.1)
    }
}

/// What one workspace crate needs, and why.
#[derive(Debug, Clone)]
struct Need {
    version: Version,
    because: String,
}

fn metadata() -> Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "cargo metadata: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// For each workspace crate: the dependencies it builds with (normal and build, not dev),
/// transitively, as package ids.
fn build_dependencies(meta: &Value, member: &str) -> BTreeSet<String> {
    let nodes: BTreeMap<&str, &Value> = meta["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap(), n))
        .collect();
    let mut seen = BTreeSet::new();
    let mut stack = vec![member.to_owned()];
    while let Some(id) = stack.pop() {
        for dep in nodes[id.as_str()]["deps"].as_array().unwrap() {
            let builds_with = dep["dep_kinds"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k["kind"].is_null() || k["kind"] == "build");
            let dep_id = dep["pkg"].as_str().unwrap().to_owned();
            if builds_with && seen.insert(dep_id.clone()) {
                stack.push(dep_id);
            }
        }
    }
    seen
}

#[test]
fn each_crate_declares_the_lowest_rust_that_builds_it() {
    let meta = metadata();
    let packages: BTreeMap<&str, &Value> = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p))
        .collect();
    let members: Vec<&str> = meta["workspace_members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut wrong = Vec::new();
    for member in &members {
        let package = packages[member];
        let name = package["name"].as_str().unwrap();
        let edition = package["edition"].as_str().unwrap();
        let mut need = Need {
            version: edition_needs(edition),
            because: format!("edition {edition}"),
        };
        let mut raise = |version: Version, because: String| {
            if version > need.version {
                need = Need { version, because };
            }
        };
        for dep in build_dependencies(&meta, member) {
            let dep = packages[dep.as_str()];
            if let Some(v) = dep["rust_version"].as_str() {
                let dep_name = dep["name"].as_str().unwrap();
                let dep_version = dep["version"].as_str().unwrap();
                raise(Version::parse(v), format!("{dep_name} {dep_version}"));
            }
        }
        // The code's own needs count for the crate and for every crate built on it.
        for (code_crate, version, what, _) in CODE_NEEDS {
            let user = *code_crate == name
                || build_dependencies(&meta, member)
                    .iter()
                    .any(|d| packages[d.as_str()]["name"] == *code_crate);
            if user {
                raise(Version::parse(version), format!("{what} in {code_crate}"));
            }
        }
        let declared = package["rust_version"].as_str().map(Version::parse);
        if declared != Some(need.version) {
            let manifest = std::path::Path::new(package["manifest_path"].as_str().unwrap());
            let manifest = manifest.strip_prefix(root).unwrap_or(manifest);
            wrong.push(format!(
                "{name}: declares {}, needs {} ({}); write rust-version = \"{}\" in {}",
                declared.map_or("nothing".to_owned(), |v| v.to_string()),
                need.version,
                need.because,
                need.version,
                manifest.display()
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn each_listed_code_need_is_still_in_the_code() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for (code_crate, version, what, text) in CODE_NEEDS {
        let src = if *code_crate == "menkyo" {
            root.join("src")
        } else {
            root.join("crates").join(code_crate).join("src")
        };
        assert!(
            contains(&src, text),
            "{what} ({version}) is listed for {code_crate} but `{text}` is no longer in {}: \
             remove it from CODE_NEEDS in tests/msrv.rs",
            src.display()
        );
    }
}

/// Whether any `.rs` file under `dir` contains `text`.
fn contains(dir: &std::path::Path, text: &str) -> bool {
    std::fs::read_dir(dir).unwrap().any(|entry| {
        let path = entry.unwrap().path();
        if path.is_dir() {
            contains(&path, text)
        } else {
            path.extension().is_some_and(|e| e == "rs")
                && std::fs::read_to_string(&path).is_ok_and(|s| s.contains(text))
        }
    })
}
