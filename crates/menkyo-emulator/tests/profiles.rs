//! The fixture profiles and the built-in samples: every profile builds, and the codec decodes
//! every file of the built image back into the profile's values. The licence files are also
//! read through the emulator with APDUs, as a reader would.

use std::path::{Path, PathBuf};

use menkyo_codec::layout::ic;
use menkyo_codec::records::{IcLicenceCard, MyNumberCard, Text0208};
use menkyo_codec::registry;
use menkyo_codec::tlv::Mode;
use menkyo_emulator::image::{CardImage, CardModel};
use menkyo_emulator::profile::{Profile, ProfileCard};
use menkyo_emulator::Error;
use menkyo_emulator::{samples, Emulator};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/profiles")
}

fn toml_of(name: &str) -> toml::Value {
    let text = std::fs::read_to_string(fixtures().join(format!("{name}.toml"))).unwrap();
    toml::from_str(&text).unwrap()
}

fn file<'a>(image: &'a CardImage, f: &registry::File) -> Option<&'a [u8]> {
    image.files.get(f.path).map(|b| b.0.as_slice())
}

fn decode_ic(image: &CardImage) -> IcLicenceCard {
    IcLicenceCard::decode(|f| file(image, f), Mode::Strict)
        .unwrap()
        .record
}

fn decode_myna(image: &CardImage) -> MyNumberCard {
    MyNumberCard::decode(|f| file(image, f), Mode::Strict)
        .unwrap()
        .record
}

#[test]
fn every_fixture_profile_is_a_sample_and_builds_the_same_image() {
    let mut on_disk: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut names: Vec<String> = samples::names().iter().map(|n| n.to_string()).collect();
    names.sort();
    assert_eq!(on_disk, names);
    for name in samples::names() {
        let loaded = Profile::load(&fixtures().join(format!("{name}.toml"))).unwrap();
        let mut image = loaded.to_image().unwrap();
        let mut sample = samples::get(name).unwrap();
        // Each build salts its PIN digests afresh; all else is the same.
        for pins in [&mut image.pins, &mut sample.pins] {
            for pin in pins.values_mut() {
                assert!(pin.salt.take().is_some(), "{name}: an unsalted PIN");
                pin.digest.0.clear();
            }
        }
        assert_eq!(sample, image, "{name}");
        assert!(image.label.contains("SYNTHETIC"), "{name}");
    }
    assert_eq!(samples::names()[0], samples::DEFAULT);
    assert!(samples::get("no-such-card").is_none());
}

/// The profile of the sample `name` and the image it builds, which must be a `model`.
fn built(name: &str, model: CardModel) -> (Profile, CardImage) {
    let profile = samples::profile(name).unwrap().unwrap();
    let image = profile.to_image().unwrap();
    assert_eq!(image.model, model, "{name}");
    (profile, image)
}

/// The `$card` profile (a [`ProfileCard`] and [`CardModel`] variant) of the sample `$name` and
/// the image it builds, which must decode with `$decode` back to the profile's card values,
/// their layout aside.
macro_rules! decoded_back {
    ($name:expr, $card:ident, $decode:ident) => {{
        let name = $name;
        let (profile, image) = built(name, CardModel::$card);
        let ProfileCard::$card(expected) = profile.card else {
            panic!("{name} is not a profile of the kind {}", stringify!($card));
        };
        assert_eq!(
            $decode(&image).without_layout(),
            expected.card.clone().without_layout(),
            "{name}"
        );
        (expected, image)
    }};
}

#[test]
fn ic_profiles_decode_back_to_their_values() {
    for name in ["ic-licence", "ic-licence-no-pin"] {
        let (expected, image) = decoded_back!(name, IcLicence, decode_ic);
        for f in registry::IC_LICENCE.files().filter(|f| f.in_licence_read) {
            let bytes = file(&image, f).unwrap();
            assert_eq!(Some(bytes.len()), f.size, "{name} {}", f.path);
        }
        assert!(image.pins[registry::Pin::IcPin1.image_id()]
            .matches(registry::Pin::IcPin1.image_id(), expected.pin1.expose()));
        assert!(image.pins[registry::Pin::IcPin2.image_id()]
            .matches(registry::Pin::IcPin2.image_id(), expected.pin2.expose()));
        assert_eq!(
            image.pins[registry::Pin::IcPin1.image_id()].max_tries,
            registry::Pin::IcPin1.max_tries()
        );
    }
}

#[test]
fn ic_licence_values_are_those_written_in_the_toml() {
    let toml = toml_of("ic-licence");
    let card = decode_ic(&samples::get("ic-licence").unwrap());
    let record = card.record.unwrap();
    let text = |t: &Option<Text0208>| t.as_ref().unwrap().as_str().to_owned();
    assert_eq!(text(&record.name), toml["record"]["name"].as_str().unwrap());
    assert_eq!(
        text(&record.address),
        toml["record"]["address"].as_str().unwrap()
    );
    assert_eq!(
        record.birth_date.unwrap().date().unwrap().to_string(),
        toml["record"]["birth_date"].as_str().unwrap()
    );
    assert_eq!(
        record.number.as_ref().unwrap().as_str(),
        toml["record"]["number"].as_str().unwrap()
    );
    let held: Vec<(String, String)> = record
        .class_entries()
        .iter()
        .filter(|c| c.licensed)
        .map(|c| (c.name.to_owned(), c.since.unwrap().to_string()))
        .collect();
    let mut expected: Vec<(String, String)> = toml["record"]["classes"]
        .as_table()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
        .collect();
    let order = |n: &str| {
        menkyo_codec::records::LicenceClass::from_name(n)
            .unwrap()
            .index()
    };
    expected.sort_by_key(|(n, _)| order(n));
    assert_eq!(held, expected);
    assert_eq!(
        text(&card.domicile.unwrap().registered_domicile),
        toml["domicile"]["registered_domicile"].as_str().unwrap()
    );
    assert!(card.pin_setting.unwrap().pin_set);
    let photo = card.photo.unwrap().photo.unwrap();
    let j2k = std::fs::read(fixtures().join("../photos/hanako.j2k")).unwrap();
    assert_eq!(photo.as_bytes(), j2k);
    assert!(j2k.starts_with(&[0xFF, 0x4F, 0xFF, 0x51]) && j2k.len() <= ic::MAX_PHOTO_LEN);
}

#[test]
fn no_pin_profile_has_gaiji_and_default_pins() {
    let card = decode_ic(&samples::get("ic-licence-no-pin").unwrap());
    assert!(!card.pin_setting.unwrap().pin_set);
    let address = card.record.as_ref().unwrap().address.clone().unwrap();
    assert!(address.as_str().contains('〓'));
    assert_eq!(address.gaiji().len(), 1);
    let glyphs: Vec<u8> = card
        .external_characters
        .as_ref()
        .unwrap()
        .glyphs()
        .map(|g| g.number)
        .collect();
    assert_eq!(glyphs, [1]);
    let record = card.record.unwrap();
    assert_eq!(record.conditions().count(), 4);
    assert_eq!(
        record.classes[menkyo_codec::records::LicenceClass::Large.index()],
        Some(menkyo_codec::date::Date7::NotLicensed { era_digit: 4 })
    );
    let image = samples::get("ic-licence-no-pin").unwrap();
    assert!(image.pins[registry::Pin::IcPin1.image_id()]
        .matches(registry::Pin::IcPin1.image_id(), b"****"));
    assert!(image.pins[registry::Pin::IcPin2.image_id()]
        .matches(registry::Pin::IcPin2.image_id(), b"****"));
}

#[test]
fn my_number_profiles_decode_back_to_their_values() {
    for name in ["myna-licence", "myna-card"] {
        let (expected, image) = decoded_back!(name, MyNumber, decode_myna);
        assert!(image.files.contains_key(registry::BASIC_INFO_EF0003.path));
        let pin = expected.basic_info_pin.as_ref().unwrap();
        assert!(image.pins[registry::Pin::BasicInfo.image_id()]
            .matches(registry::Pin::BasicInfo.image_id(), pin.expose()));
    }
    let licence = decode_myna(&samples::get("myna-licence").unwrap());
    let toml = toml_of("myna-licence");
    let ap = licence.licence_ap.unwrap();
    assert!(!ap.pin_setting.unwrap().pin_set);
    let record = ap.record.unwrap();
    assert_eq!(
        record.expires_on.unwrap().date().unwrap().to_string(),
        toml["licence_ap"]["expires_on"].as_str().unwrap()
    );
    assert_eq!(
        record.number.unwrap().as_str(),
        toml["licence_ap"]["number"].as_str().unwrap()
    );
    let basic = licence.basic_info_ap.unwrap().basic_info.unwrap();
    assert_eq!(
        basic.name.unwrap().as_str(),
        toml["basic_info"]["name"].as_str().unwrap()
    );
    let plain = decode_myna(&samples::get("myna-card").unwrap());
    assert!(plain.licence_ap.is_none());
    assert!(plain.jpki_token.is_some());
    let image = samples::get("myna-licence").unwrap();
    assert!(image.pins[registry::Pin::LicenceAp.image_id()]
        .matches(registry::Pin::LicenceAp.image_id(), b"****"));
    assert_eq!(
        image.pins[registry::Pin::LicenceAp.image_id()].max_tries,
        registry::Pin::LicenceAp.max_tries()
    );
}

#[test]
fn codec_paths_are_the_image_paths() {
    for (file, image_path) in [
        (&registry::MF_EF01, "MF/EF01"),
        (&registry::MF_EF02, "MF/EF02"),
        (&registry::LICENCE_AP_WEF01, "LICENCE_AP/WEF01"),
        (&registry::LICENCE_AP_WEF02, "LICENCE_AP/WEF02"),
        (&registry::LICENCE_AP_WEF03, "LICENCE_AP/WEF03"),
        (&registry::BASIC_INFO_EF0001, "BASIC_INFO/EF0001"),
        (&registry::BASIC_INFO_EF0002, "BASIC_INFO/EF0002"),
        (&registry::JPKI_EF0006, "JPKI/EF0006"),
    ] {
        assert_eq!(file.path, image_path, "{image_path}");
    }
    for (app, image_name) in [
        (registry::LICENCE_AP, "licence-ap"),
        (registry::BASIC_INFO, "basic-info"),
        (registry::JPKI, "jpki"),
    ] {
        assert_eq!(app.installed_name(), image_name, "{image_name}");
    }
    let df_paths: Vec<&str> = registry::IC_LICENCE
        .files()
        .filter(|f| f.path.starts_with("DF"))
        .map(|f| f.path)
        .collect();
    assert_eq!(
        df_paths,
        [
            "DF1/EF01", "DF1/EF02", "DF1/EF03", "DF1/EF04", "DF1/EF05", "DF1/EF06", "DF1/EF07",
            "DF2/EF01"
        ]
    );
}

fn apdu(emulator: &mut Emulator, hex_apdu: &str) -> Vec<u8> {
    let command = hex::decode(hex_apdu.replace(' ', "")).unwrap();
    let mut answer = emulator.process(&command);
    let sw = answer.split_off(answer.len() - 2);
    assert_eq!(sw, [0x90, 0x00], "{hex_apdu}");
    answer
}

#[test]
fn a_reader_gets_the_profile_record_from_the_emulated_card() {
    let mut emulator = Emulator::new(samples::get("ic-licence").unwrap());
    emulator.power_on();
    apdu(&mut emulator, "00 A4 00 00");
    apdu(&mut emulator, "00 20 00 81 04 31323334");
    apdu(&mut emulator, "00 20 00 82 04 35363738");
    apdu(
        &mut emulator,
        "00 A4 04 0C 10 A0000002310100000000000000000000",
    );
    let bytes = apdu(&mut emulator, "00 B0 81 00 00 03 70");
    let record = menkyo_codec::records::LicenceRecord::decode(&bytes).unwrap();
    assert_eq!(record.name.unwrap().as_str(), "見本　花子");

    let mut emulator = Emulator::new(samples::get(samples::DEFAULT).unwrap());
    emulator.power_on();
    apdu(
        &mut emulator,
        "00 A4 04 0C 10 A0000002310600000000000000000000",
    );
    apdu(&mut emulator, "00 20 00 86 04 2A2A2A2A");
    apdu(&mut emulator, "00 A4 02 0C 02 001B");
    let bytes = apdu(&mut emulator, "00 B0 00 00 00 00 00");
    let record = menkyo_codec::records::LicenceApRecord::decode(&bytes).unwrap();
    assert_eq!(record.number.unwrap().as_str(), "012345678920");
}

fn problem(text: &str) -> Error {
    let photos = |_: &str| Ok(vec![0xFF, 0x4F, 0xFF, 0x51]);
    let err = Profile::parse("test.toml", text, &photos).unwrap_err();
    assert!(err.to_string().contains("test.toml"));
    let (file, problem) = file_and_problem(err);
    assert_eq!(file, "test.toml");
    problem
}

/// The profile an [`Error::Profile`] names, and what is wrong with it.
fn file_and_problem(err: Error) -> (String, Error) {
    match err {
        Error::Profile { file, source } => (file, *source),
        other => panic!("not a profile error: {other:?}"),
    }
}

fn ic_licence_with(old: &str, new: &str) -> String {
    let text = std::fs::read_to_string(fixtures().join("ic-licence.toml")).unwrap();
    assert!(text.contains(old), "{old}");
    text.replacen(old, new, 1)
}

#[test]
fn bad_profiles_name_the_file_and_the_problem() {
    assert!(matches!(
        problem(&ic_licence_with("birth_date = \"1990-04-01\"", "birth_date = \"1990-04-31\"")),
        Error::BadDate { field, .. } if field == "record.birth_date"
    ));
    assert!(matches!(
        problem(&ic_licence_with("\"普通\" = ", "\"普通車\" = ")),
        Error::UnknownClass { name, .. } if name == "普通車"
    ));
    assert!(matches!(
        problem(&ic_licence_with("pin2 = \"5678\"\n", "")),
        Error::MissingField("pins.pin2")
    ));
    assert!(matches!(
        problem(&ic_licence_with("pin1 = \"1234\"", "pin1 = \"12a4\"")),
        Error::BadPin {
            field: "pins.pin1",
            ..
        }
    ));
    assert!(matches!(
        problem(&ic_licence_with("見本市見本町", "見本市{外字9}町")),
        Error::BadGaijiMark {
            field: "record.address",
            ..
        }
    ));
    assert!(matches!(
        problem(&ic_licence_with("name = \"見本　花子\"", "name = \"見本　花子😀\"")),
        Error::BadValue { field, .. } if field == "record.name"
    ));
    assert!(matches!(
        problem(&ic_licence_with("kind = \"ic-licence\"", "kind = \"passport\"")),
        Error::UnknownKind(kind) if kind == "passport"
    ));
    assert!(matches!(
        problem(&ic_licence_with("[photo]", "nickname = \"x\"\n[photo]")),
        Error::Toml { .. }
    ));
    assert!(matches!(
        problem(&ic_licence_with("number = \"012345678900\"", "number = \"01234\"")),
        Error::BadValue { field, .. } if field == "record.number"
    ));
    let missing_photo = Profile::parse("test.toml", &ic_licence_with("", ""), &|_| {
        Err(std::io::Error::new(std::io::ErrorKind::NotFound, "gone"))
    })
    .unwrap_err();
    assert!(matches!(
        file_and_problem(missing_photo).1,
        Error::PhotoRead { .. }
    ));
    let err = Profile::load(Path::new("/nonexistent/profile.toml")).unwrap_err();
    assert!(matches!(file_and_problem(err).1, Error::ProfileRead { .. }));
}

#[test]
fn profile_errors_never_show_a_pin() {
    let err = Profile::parse(
        "test.toml",
        &ic_licence_with("pin1 = \"1234\"", "pin1 = \"98765\""),
        &|_| Ok(vec![0xFF, 0x4F]),
    )
    .unwrap_err();
    let mut text = err.to_string();
    let mut source = std::error::Error::source(&err);
    while let Some(s) = source {
        text.push_str(&s.to_string());
        source = s.source();
    }
    assert!(!text.contains("98765"), "{text}");
}
