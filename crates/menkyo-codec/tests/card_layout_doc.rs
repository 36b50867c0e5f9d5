//! `docs/card-layout.md` says what the code assumes: every row of the WEF02 tag table and every
//! provisional fact of `layout::PROVISIONAL` appears there exactly as the code has it.

use menkyo_codec::layout::{Confidence, PROVISIONAL};
use menkyo_codec::records::items::ItemSpec;
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
