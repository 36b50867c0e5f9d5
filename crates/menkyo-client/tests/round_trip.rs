//! Fixture profile → card image → emulator → client → typed records equal to the profile, for
//! every built-in sample, with and without PINs, extended and short-only alike.

mod common;

use common::{assert_fields, pin, reader_with, tries_left, BOTH};
use menkyo_client::{
    Error, IcLicence, LicenceRead, MynaLicence, PinId, Pins, ReadOptions, Reader, SkipReason,
};
use menkyo_emulator::profile::{Profile, ProfileCard};
use menkyo_emulator::{samples, Quirks};
use menkyo_transport::Capabilities;

fn profile(name: &str) -> Profile {
    samples::profile(name)
        .expect("sample exists")
        .expect("sample profile builds")
}

/// The PINs a profile sets, as a caller would give them.
fn profile_pins(p: &Profile) -> Pins {
    match &p.card {
        ProfileCard::IcLicence(ic) => Pins {
            pin1: Some(ic.pin1.clone()),
            pin2: Some(ic.pin2.clone()),
            ..Pins::default()
        },
        ProfileCard::MyNumber(my) => Pins {
            licence_ap: my.licence_ap_pin.clone(),
            basic_info: my.basic_info_pin.clone(),
            ..Pins::default()
        },
    }
}

fn read_sample(name: &str, caps: Capabilities, pins: &Pins) -> Result<(LicenceRead, u64), Error> {
    let p = profile(name);
    let image = p.to_image().expect("image");
    let mut transport = reader_with(image, caps, Quirks::NONE);
    let mut reader = Reader::new(&mut transport);
    let read = reader.read_licence(pins, ReadOptions::default())?;
    Ok((read, reader.apdu_count()))
}

/// The view of a read of the sample `name` with the PINs its profile sets, as JSON.
fn view_json(name: &str, caps: Capabilities) -> serde_json::Value {
    let (read, _) = read_sample(name, caps, &profile_pins(&profile(name))).expect("read");
    serde_json::to_value(read.view()).expect("json")
}

/// The IC licence read from the sample `name` without PINs.
fn ic_without_pins(name: &str, caps: Capabilities) -> Box<IcLicence> {
    let (read, _) = read_sample(name, caps, &Pins::default()).expect("read");
    let LicenceRead::Ic(ic) = read else {
        panic!("{name}: not an IC licence")
    };
    ic
}

/// The マイナ免許証 read from the sample `name` without PINs.
fn myna_without_pins(name: &str, caps: Capabilities) -> Box<MynaLicence> {
    let (read, _) = read_sample(name, caps, &Pins::default()).expect("read");
    let LicenceRead::Myna(my) = read else {
        panic!("{name}: not a マイナ免許証")
    };
    my
}

/// Every file read holds exactly the bytes of the image's file (the card image names the
/// 免許AP and 券面事項入力補助AP files as the client does).
fn assert_files_are_the_image(
    files: &[menkyo_client::RawFile],
    image: &menkyo_emulator::CardImage,
) {
    for f in files {
        let want = image.files.get(f.ef.path).map(|b| b.0.as_slice());
        assert_eq!(Some(f.bytes.as_slice()), want, "{}", f.ef);
    }
}

#[test]
fn every_licence_sample_reads_back_as_its_profile() {
    for name in ["ic-licence", "ic-licence-no-pin", "myna-licence"] {
        let p = profile(name);
        let image = p.to_image().expect("image");
        let pins = profile_pins(&p);
        let mut reads = Vec::new();
        for caps in BOTH {
            let (read, _) =
                read_sample(name, caps, &pins).unwrap_or_else(|e| panic!("{name}: {e}"));
            match (&read, &p.card) {
                (LicenceRead::Ic(got), ProfileCard::IcLicence(want)) => {
                    assert_eq!(
                        got.card.clone().without_layout(),
                        want.card.clone().without_layout(),
                        "{name} {caps:?}"
                    );
                    assert_files_are_the_image(&got.files.files, &image);
                    assert!(got.files.skipped.is_empty());
                    assert!(got.warnings.is_empty(), "{:?}", got.warnings);
                }
                (LicenceRead::Myna(got), ProfileCard::MyNumber(want)) => {
                    let got_values = got.card.clone().without_layout();
                    let want_values = want.card.clone().without_layout();
                    assert_eq!(
                        got_values.licence_ap, want_values.licence_ap,
                        "{name} {caps:?}"
                    );
                    let basic = |c: &menkyo_codec::records::MyNumberCard| {
                        c.basic_info_ap
                            .as_ref()
                            .and_then(|ap| ap.basic_info.clone())
                    };
                    assert_eq!(basic(&got_values), basic(&want_values), "{name} {caps:?}");
                    assert!(basic(&got.card).is_some());
                    assert_files_are_the_image(&got.files.files, &image);
                    assert_eq!(got.card.jpki_token, None);
                    assert!(got.files.skipped.is_empty());
                    assert!(got.warnings.is_empty(), "{:?}", got.warnings);
                }
                _ => panic!("{name}: read the wrong kind of card"),
            }
            reads.push(read);
        }
        assert_eq!(reads[0], reads[1], "{name}: short-only and extended differ");
    }
}

#[test]
fn without_pins_only_what_needs_none_is_read() {
    for caps in BOTH {
        let ic = ic_without_pins("ic-licence", caps);
        assert!(ic.card.common.is_some() && ic.card.pin_setting.is_some());
        assert_eq!(ic.card.record, None);
        assert_eq!(ic.card.photo, None);
        assert_eq!(ic.files.skipped.len(), 8);

        // No PIN set: `****` opens everything without asking.
        let p = profile("ic-licence-no-pin");
        let ProfileCard::IcLicence(want) = &p.card else {
            panic!("not an IC licence profile")
        };
        let ic = ic_without_pins("ic-licence-no-pin", caps);
        assert_eq!(ic.card.without_layout(), want.card.clone().without_layout());

        // The 免許AP PIN is not set on the sample; 基本4情報 needs its own PIN.
        let p = profile("myna-licence");
        let ProfileCard::MyNumber(want) = &p.card else {
            panic!("not a My Number profile")
        };
        let my = myna_without_pins("myna-licence", caps);
        assert_eq!(
            my.card.clone().without_layout().licence_ap,
            want.card.clone().without_layout().licence_ap
        );
        assert_eq!(my.card.basic_info_ap, None);
        let skipped: Vec<_> = my
            .files
            .skipped
            .iter()
            .map(|s| (s.file, s.reason))
            .collect();
        assert_eq!(
            skipped,
            [(
                "BASIC_INFO/EF0002",
                SkipReason::PinNotGiven {
                    pin: PinId::BasicInfo
                }
            )]
        );
    }
}

#[test]
fn a_my_number_card_without_the_licence_ap_is_not_a_licence() {
    let image = profile("myna-card").to_image().expect("image");
    let mut transport = reader_with(image, Capabilities::EXTENDED, Quirks::NONE);
    let mut reader = Reader::new(&mut transport);
    let pins = Pins {
        basic_info: Some(pin("2468")),
        ..Pins::default()
    };
    let err = reader
        .read_licence(&pins, ReadOptions::default())
        .unwrap_err();
    common::assert_no_licence_ap(&err);
    assert_eq!(tries_left(&transport, "BASIC_INFO"), 3);
}

/// Sample, how to spoil its PINs, the PIN that fails, its id in the image, its tries.
type WrongPinCase = (&'static str, fn(&mut Pins), PinId, &'static str, u8);

#[test]
fn each_pin_wrong_once_costs_one_try_and_nothing_more() {
    let cases: [WrongPinCase; 3] = [
        (
            "ic-licence",
            |p| p.pin1 = Some(pin("0000")),
            PinId::IcPin1,
            "PIN1",
            3,
        ),
        (
            "ic-licence",
            |p| p.pin2 = Some(pin("0000")),
            PinId::IcPin2,
            "PIN2",
            3,
        ),
        (
            "myna-licence",
            |p| p.basic_info = Some(pin("0000")),
            PinId::BasicInfo,
            "BASIC_INFO",
            3,
        ),
    ];
    for caps in BOTH {
        for (name, spoil, id, image_id, tries) in cases {
            let p = profile(name);
            let mut pins = profile_pins(&p);
            spoil(&mut pins);
            let mut transport = reader_with(p.to_image().expect("image"), caps, Quirks::NONE);
            let mut log = menkyo_client::TraceLog::default();
            let mut reader = Reader::new(&mut transport).with_trace(&mut log);
            let err = reader
                .read_licence(&pins, ReadOptions::default())
                .unwrap_err();
            assert!(
                matches!(err, Error::WrongPin { pin, tries_left } if pin == id && tries_left == tries - 1),
                "{name} {id:?}: {err:?}"
            );
            assert_eq!(tries_left(&transport, image_id), tries - 1);
            let last = log.entries.last().expect("traced");
            assert!(last.command.starts_with("00 20 00"), "{log}");
            assert!(last.command.ends_with("| ** ** ** **"), "{log}");
            let verifies = log
                .entries
                .iter()
                .filter(|e| e.command.starts_with("00 20 00") && e.command.contains("| Lc"))
                .count();
            let expected = if id == PinId::IcPin2 {
                2
            } else {
                1 + usize::from(name == "myna-licence")
            };
            assert_eq!(verifies, expected, "{name} {id:?}:\n{log}");
        }
    }
}

#[test]
fn the_view_names_the_source_of_every_field() {
    let json = view_json("ic-licence", Capabilities::EXTENDED);
    assert_fields(
        &json,
        &[
            ("/schema", "menkyo/1"),
            ("/kind", "licence"),
            ("/card", "ic-licence"),
            ("/name/value", "見本　花子"),
            ("/name/source", "DF1/EF01"),
            ("/birth_date/value", "1990-04-01"),
            ("/registered_domicile/source", "DF1/EF02"),
            ("/photo/source", "DF2/EF01"),
            ("/photo/value/format", "jpeg2000-codestream"),
            ("/card_data/source", "MF/EF01"),
        ],
    );
    assert!(json["sex"].is_null());
    assert_eq!(json["pins"][0]["id"], "ic-pin1");

    let json = view_json("myna-licence", Capabilities::SHORT_ONLY);
    assert_fields(
        &json,
        &[
            ("/card", "my-number-with-licence"),
            ("/name/value", "見本　花子"),
            ("/name/source", "BASIC_INFO/EF0002"),
            ("/sex/value", "female"),
            ("/number/source", "LICENCE_AP/WEF02"),
            ("/expires_on/value", "2030-04-01"),
            ("/photo/source", "LICENCE_AP/WEF02"),
        ],
    );
    assert!(json["registered_domicile"].is_null());
    let text = json.to_string();
    assert!(!text.contains("4321"), "a PIN in the view");
}
