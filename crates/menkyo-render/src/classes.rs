//! The licence classes held (免許の種類), on one line.

use menkyo_codec::records::ClassEntry;
use serde_json::Value;

/// What a licence without any class held reads.
const NONE: &str = "なし (none)";

/// The classes held, `普通 2010-06-01, 原付`, or `なし (none)`.
pub fn held<'a>(classes: impl Iterator<Item = &'a ClassEntry>) -> String {
    let held: Vec<String> = classes
        .filter(|c| c.licensed)
        .map(|c| match c.since {
            Some(since) => format!("{} {since}", c.name),
            None => c.name.to_owned(),
        })
        .collect();
    join(held)
}

/// [`held`] of a record's `classes` list as JSON (`menkyo decode`, `card show`).
pub fn held_in_json(items: &[Value]) -> String {
    let held: Vec<String> = items
        .iter()
        .filter(|c| c.get("licensed") == Some(&Value::Bool(true)))
        .map(|c| {
            let name = c.get("name").and_then(Value::as_str).unwrap_or_default();
            match c.get("since").and_then(Value::as_str) {
                Some(since) => format!("{name} {since}"),
                None => name.to_owned(),
            }
        })
        .collect();
    join(held)
}

fn join(held: Vec<String>) -> String {
    if held.is_empty() {
        NONE.into()
    } else {
        held.join(", ")
    }
}
