//! `docs/card-layout.md` says what the code assumes: every row of the WEF02 tag table and every
//! provisional fact of `layout::PROVISIONAL` appears there exactly as the code has it.

use menkyo_codec::layout::{Confidence, PROVISIONAL};
use menkyo_codec::records::item_specs::ItemSpec;
use menkyo_codec::records::LICENCE_AP_ITEMS;

fn doc() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/card-layout.md");
    std::fs::read_to_string(path).unwrap()
}

fn row(spec: &ItemSpec) -> String {
    let tag = if spec.tag > 0xFF {
        format!("{:04X}", spec.tag)
    } else {
        format!("{:02X}", spec.tag)
    };
    let name = if spec.repeated {
        format!("{} (one item each)", spec.name)
    } else {
        spec.name.to_owned()
    };
    let confidence = match spec.confidence {
        Confidence::Confirmed => "confirmed [C]",
        Confidence::SingleSource => "public, one source [S]",
        Confidence::Provisional => "provisional [P]",
    };
    format!(
        "| {tag} | {name} | `{}` | {} | {confidence} |",
        spec.key,
        spec.format.describe()
    )
}

#[test]
fn every_wef02_tag_is_documented_as_the_code_has_it() {
    let doc = doc();
    for spec in &LICENCE_AP_ITEMS {
        let row = row(spec);
        assert!(
            doc.contains(&row),
            "docs/card-layout.md lacks the row\n{row}"
        );
    }
    let rows = doc
        .lines()
        .skip_while(|l| !l.starts_with("| Tag | Item | JSON key | Format | Confidence |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .count();
    assert_eq!(
        rows,
        LICENCE_AP_ITEMS.len(),
        "the WEF02 table has rows the code lacks"
    );
}

#[test]
fn every_provisional_fact_is_documented() {
    let doc = doc();
    for fact in PROVISIONAL {
        let row = format!("| {} | {} |", fact.subject, fact.assumption);
        assert!(
            doc.contains(&row),
            "docs/card-layout.md lacks the row\n{row}"
        );
    }
}

/// Every test the fact table names as pinning a fact exists in the workspace.
#[test]
fn every_test_of_the_fact_table_exists() {
    let doc = doc();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut sources = String::new();
    let mut dirs = vec![root.join("crates"), root.join("tests")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() && !path.ends_with("target") {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                sources.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
            }
        }
    }
    let rows: Vec<&str> = doc
        .lines()
        .skip_while(|l| !l.starts_with("| # | Fact | Sources | Confidence | Pinned by |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .collect();
    assert!(rows.len() >= 30, "the fact table has {} rows", rows.len());
    for row in rows {
        let pinned = row
            .trim_end_matches('|')
            .rsplit('|')
            .next()
            .unwrap_or_default();
        let names: Vec<&str> = pinned.split('`').skip(1).step_by(2).collect();
        assert!(!names.is_empty(), "no test for the row\n{row}");
        for name in names {
            assert!(
                sources.contains(&format!("fn {name}(")),
                "the fact table names a test that does not exist: {name}"
            );
        }
    }
}
