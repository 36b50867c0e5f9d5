//! `--redact` on the JSON document of a record masks what the card registry marks personal and
//! nothing else: for every file of every sample (and of a moved holder's licence, whose DF1/EF04
//! and EF06 hold change records), the value under the key of every tag the registry marks reads
//! `"[redacted]"`, and every other value is as decoded.

use menkyo_codec::records::json::Document;
use menkyo_codec::records::{item_specs, RecordKind};
use menkyo_codec::registry::{self, Mask};
use menkyo_codec::tlv::Mode;
use menkyo_emulator::profile::Profile;
use menkyo_emulator::{samples, spec_cards, CardImage};
use menkyo_render::redaction::{self, MASK};
use serde_json::Value;

/// Change records of a moved holder, appended to the ic-licence profile (SYNTHETIC addresses).
const MOVES: &str = r#"
[[changes.entries]]
kind = "address"
changed_on = "2025-04-01"
value = "見本県見本市一丁目１番地"
commission = "見本県公安"

[[changes.entries]]
kind = "domicile"
changed_on = "2026-10-02"
value = "見本県見本市三丁目"
commission = "見本県公安"
"#;

fn moved() -> CardImage {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let text = std::fs::read_to_string(fixtures.join("profiles/ic-licence.toml")).unwrap() + MOVES;
    let photo = |name: &str| std::fs::read(fixtures.join("profiles").join(name));
    Profile::parse("moved", &text, &photo)
        .unwrap()
        .to_image()
        .unwrap()
}

fn images() -> Vec<(String, CardImage)> {
    let mut images: Vec<(String, CardImage)> = samples::names()
        .into_iter()
        .chain(spec_cards::NAMES)
        .map(|name| {
            let image = samples::get(name)
                .or_else(|| spec_cards::image(name))
                .unwrap();
            (name.to_owned(), image)
        })
        .collect();
    images.push(("moved".to_owned(), moved()));
    images
}

/// The value under `key` (`a.b`: `b` inside the object under `a`).
fn at<'a>(value: &'a Value, key: &str) -> Option<&'a Value> {
    key.split('.').try_fold(value, |value, key| value.get(key))
}

/// Whether `value` is masked as a document masks an item masked with `mask`.
fn masked(value: &Value, mask: Mask) -> bool {
    match (value, mask) {
        (Value::Object(_), Mask::Zero) => value["sha256"] == MASK,
        (Value::Array(items), _) => items.iter().all(|item| item == MASK),
        (value, _) => value == MASK,
    }
}

/// `document` without the keys of `kind`'s item table and the 外字 lists, whose glyph numbers
/// are masked too.
fn rest(kind: RecordKind, document: &Value) -> Value {
    let mut rest = document.clone();
    if let Value::Object(entries) = &mut rest {
        for spec in item_specs::of(kind) {
            let top = spec.key.split('.').next().unwrap_or(spec.key);
            entries.remove(top);
        }
        entries.retain(|key, _| !key.ends_with("_gaiji") && key != "glyphs");
    }
    rest
}

#[test]
fn every_personal_tag_is_masked_under_its_key_and_nothing_else() {
    let (mut masked_items, mut change_records) = (0, 0);
    for (name, image) in images() {
        for (path, bytes) in &image.files {
            let file = registry::file(path).unwrap();
            let Some(kind) = file.record else { continue };
            let Ok(decoded) = kind.decode(&bytes.0, Mode::Lenient) else {
                continue;
            };
            let document = Document::with_warnings(kind.name(), &decoded.record, &decoded.warnings);
            let plain = serde_json::to_value(&document).unwrap();
            let mut redacted = plain.clone();
            redaction::record_document(kind, &mut redacted);
            for spec in item_specs::of(kind) {
                let (Some(before), Some(after)) = (at(&plain, spec.key), at(&redacted, spec.key))
                else {
                    continue;
                };
                match file.personal.mask(spec.tag) {
                    Some(mask) if !before.is_null() => {
                        assert!(masked(after, mask), "{name} {path} {}: {after}", spec.key);
                        masked_items += 1;
                        if spec.key == "entries" {
                            change_records += after.as_array().map_or(0, Vec::len);
                        }
                    }
                    Some(_) => assert!(after.is_null(), "{name} {path} {}", spec.key),
                    None => assert_eq!(after, before, "{name} {path} {} is not personal", spec.key),
                }
            }
            assert_eq!(rest(kind, &redacted), rest(kind, &plain), "{name} {path}");
        }
    }
    assert!(masked_items > 40, "{masked_items} items masked");
    assert_eq!(change_records, 2, "the moved holder's change records");
}

#[test]
fn an_item_the_registry_does_not_mark_is_kept() {
    let image = samples::get("ic-licence").unwrap();
    let bytes = &image.files[registry::DF1_EF01.path].0;
    assert_eq!(registry::DF1_EF01.personal.mask(0x1B), None);
    let decoded = RecordKind::IcRecord.decode(bytes, Mode::Strict).unwrap();
    let mut document = serde_json::to_value(&decoded.record).unwrap();
    let expires_on = document["expires_on"].clone();
    assert!(expires_on.is_string(), "{expires_on}");
    redaction::record_document(RecordKind::IcRecord, &mut document);
    assert_eq!(document["expires_on"], expires_on);
    assert_eq!(document["name"], MASK);
    assert_eq!(
        document["classes"][1]["name"], "普通",
        "class names are not personal"
    );
}

#[test]
fn a_card_image_summary_is_masked_by_the_keys_of_every_kind() {
    use menkyo_emulator::image_summary::ImageSummary;
    let summary = |name| {
        let image = samples::get(name).unwrap();
        let plain = serde_json::to_value(ImageSummary::of(&image)).unwrap();
        let mut redacted = plain.clone();
        redaction::card_image(&mut redacted);
        (plain, redacted)
    };
    let (ic, myna) = (summary("ic-licence"), summary("myna-licence"));
    let masked = [
        (&ic, "/label"),
        (&ic, "/records/record/name"),
        (&ic, "/records/record/number"),
        (&ic, "/records/domicile/registered_domicile"),
        (&ic, "/records/changes"),
        (&ic, "/records/photo/photo/sha256"),
        (&myna, "/records/licence_ap/record/number"),
        (&myna, "/records/licence_ap/record/photo/sha256"),
        (&myna, "/records/basic_info_ap/my_number"),
        (&myna, "/records/basic_info_ap/basic_info/name"),
        (&myna, "/records/basic_info_ap/basic_info/birth_date"),
    ];
    for ((plain, redacted), pointer) in masked {
        assert_ne!(plain.pointer(pointer).unwrap(), MASK, "{pointer}");
        assert_eq!(redacted.pointer(pointer).unwrap(), MASK, "{pointer}");
    }
    let kept = [
        (&ic, "/records/record/expires_on"),
        (&ic, "/records/record/classes/1/name"),
        (&ic, "/records/signature/content/sha256"),
        (&ic, "/files/0/path"),
        (&myna, "/records/basic_info_ap/basic_info/sex"),
    ];
    for ((plain, redacted), pointer) in kept {
        assert_ne!(plain.pointer(pointer).unwrap(), MASK, "{pointer}");
        assert_eq!(
            redacted.pointer(pointer),
            plain.pointer(pointer),
            "{pointer}"
        );
    }
}
