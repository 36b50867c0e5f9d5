//! A read kept on disk (`menkyo_client::dump`): the files of a read of each sample, written as
//! a dump's JSON or as a `dump --out` folder, load back into the same read; malformed dumps are
//! typed errors. Every holder is synthetic.

mod common;

use std::path::Path;

use common::reader_with;
use menkyo_client::dump;
use menkyo_client::Error;
use menkyo_client::{LicenceFiles, Pins, Reader, SkipReason};
use menkyo_codec::secret::Pin;
use menkyo_codec::tlv::Mode;
use menkyo_emulator::{samples, Quirks};
use menkyo_transport::Capabilities;

fn read(sample: &str, pins: &Pins) -> LicenceFiles {
    let image = samples::get(sample).expect("the sample");
    let mut transport = reader_with(image, Capabilities::EXTENDED, Quirks::NONE);
    let mut reader = Reader::new(&mut transport);
    reader
        .read_licence_files_asking(&mut pins.clone(), Default::default())
        .expect("the read")
}

fn ic_pins(pin2: bool) -> Pins {
    Pins {
        pin1: Some(Pin::licence("1234").unwrap()),
        pin2: pin2.then(|| Pin::licence("5678").unwrap()),
        ..Pins::default()
    }
}

/// The read as the JSON of `menkyo dump`, the parts a load uses.
fn json(read: &LicenceFiles, skipped: &serde_json::Value) -> serde_json::Value {
    let files: Vec<_> = read
        .files()
        .iter()
        .map(|f| {
            serde_json::json!({
                "path": f.ef.path,
                "length": f.bytes.len(),
                "hex": hex::encode_upper(&f.bytes),
            })
        })
        .collect();
    serde_json::json!({
        "schema": "menkyo/1",
        "kind": "dump",
        "files": files,
        "skipped": skipped,
        "pins": serde_json::to_value(read.pins()).unwrap(),
    })
}

fn skipped(read: &LicenceFiles) -> serde_json::Value {
    let list = match read {
        LicenceFiles::Ic(r) => &r.skipped,
        LicenceFiles::Myna(r) => &r.skipped,
    };
    serde_json::to_value(list).unwrap()
}

fn write_folder(dir: &Path, read: &LicenceFiles) {
    for file in read.files() {
        std::fs::write(dir.join(dump::file_name(file.ef.path)), &file.bytes).unwrap();
    }
}

#[test]
fn the_json_of_a_read_loads_back_into_the_same_read() {
    for (sample, pins) in [
        ("ic-licence", ic_pins(true)),
        ("ic-licence", ic_pins(false)),
        ("ic-licence-no-pin", Pins::default()),
        ("myna-licence", Pins::default()),
    ] {
        let read = read(sample, &pins);
        let text = serde_json::to_vec(&json(&read, &skipped(&read))).unwrap();
        let loaded = dump::from_json(Path::new("dump.json"), &text).unwrap();
        assert_eq!(loaded, read, "{sample}");
        let decoded = loaded.decode(Mode::Lenient).unwrap();
        assert!(decoded.view().number.is_some(), "{sample}");
    }
}

#[test]
fn a_folder_loads_back_with_the_skipped_files_inferred_and_no_pins() {
    let dir = tempfile::tempdir().unwrap();
    let without_pin2 = read("ic-licence", &ic_pins(false));
    write_folder(dir.path(), &without_pin2);
    std::fs::write(dir.path().join("notes.txt"), "not a card file").unwrap();
    let LicenceFiles::Ic(loaded) = dump::load(dir.path()).unwrap() else {
        panic!("an IC licence");
    };
    let LicenceFiles::Ic(read) = without_pin2 else {
        unreachable!()
    };
    assert_eq!(loaded.files, read.files);
    assert_eq!(loaded.skipped, read.skipped);
    assert!(loaded
        .skipped
        .iter()
        .all(|s| matches!(s.reason, SkipReason::PinNotGiven { .. })));
    assert!(loaded.pins.is_empty());
}

#[test]
fn malformed_dumps_are_typed_errors() {
    let read = read("ic-licence-no-pin", &Pins::default());
    let good = json(&read, &skipped(&read));
    let load = |value: serde_json::Value| {
        dump::from_json(Path::new("d.json"), &serde_json::to_vec(&value).unwrap())
    };
    let mut v = good.clone();
    v["files"][2]["length"] = 1.into();
    assert!(matches!(load(v), Err(Error::Length { length: 1, .. })));
    let mut v = good.clone();
    v["files"][2]["hex"] = "XYZ".into();
    assert!(matches!(load(v), Err(Error::Hex { .. })));
    let mut v = good.clone();
    v["files"][2]["path"] = "DF9/EF01".into();
    assert!(matches!(load(v), Err(Error::UnknownFile { file, .. }) if file == "DF9/EF01"));
    let mut v = good.clone();
    v["files"][2]["path"] = "LICENCE_AP/WEF02".into();
    assert!(matches!(load(v), Err(Error::Mixed { .. })));
    let mut v = good.clone();
    v["kind"] = "licence".into();
    assert!(matches!(load(v), Err(Error::NotADump { kind, .. }) if kind == "licence"));
    let mut v = good.clone();
    v["files"] = serde_json::json!([]);
    assert!(matches!(load(v), Err(Error::NoLicence { .. })));
    assert!(matches!(
        dump::from_json(Path::new("d.json"), b"{"),
        Err(Error::Json { .. })
    ));
    assert!(matches!(
        dump::load(Path::new("/nonexistent/menkyo/dump.json")),
        Err(Error::Read { .. })
    ));
}

#[test]
fn dump_file_names_name_their_files() {
    assert_eq!(dump::file_name("LICENCE_AP/WEF02"), "LICENCE_AP_WEF02.bin");
    for ef in dump::licence_files() {
        assert_eq!(dump::ef_of_file_name(&dump::file_name(ef.path)), Some(ef));
    }
    assert_eq!(dump::ef_of_file_name("DF1_EF08.bin"), None);
}
