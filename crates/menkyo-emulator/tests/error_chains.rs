//! An error that wraps another keeps the chain a user sees: each level's message, outer first,
//! as the command line prints it.

use menkyo_emulator::clone::{self, ClonedCard};
use menkyo_emulator::lifecycle::{self, Form};
use menkyo_emulator::{named, samples, Error};

/// The messages of `err` and of each of its causes, outer first.
fn chain(err: &dyn std::error::Error) -> Vec<String> {
    let mut levels = vec![err.to_string()];
    let mut source = err.source();
    while let Some(cause) = source {
        levels.push(cause.to_string());
        source = cause.source();
    }
    levels
}

/// A file `name` holding `text` in a new directory, kept while the directory lives.
fn file_with(name: &str, text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn a_named_profile_that_does_not_parse_names_the_profile_and_the_line() {
    let (_dir, path) = file_with("bad.toml", "card = [\n");
    let err = named::profile(path.to_str().unwrap()).unwrap_err();
    assert!(matches!(err, Error::UnusableProfile { .. }), "{err:?}");
    let levels = chain(&err);
    assert_eq!(levels.len(), 3, "{levels:?}");
    assert_eq!(levels[0], "cannot use the card profile");
    assert_eq!(levels[1], format!("card profile {}", path.display()));
    assert!(
        levels[2].starts_with("not a card profile: line "),
        "{levels:?}"
    );
}

#[test]
fn a_named_image_that_is_not_json_says_so_under_the_image() {
    let (_dir, path) = file_with("bad.json", "[1, 2");
    let err = named::image(path.to_str().unwrap()).unwrap_err();
    assert!(matches!(err, Error::UnusableImage { .. }), "{err:?}");
    let levels = chain(&err);
    assert_eq!(levels.len(), 3, "{levels:?}");
    assert_eq!(levels[0], "cannot use the card image");
    assert_eq!(
        levels[1],
        "the card image is not valid JSON of the image format"
    );
}

#[test]
fn a_profile_file_that_cannot_be_read_names_the_file_twice() {
    let err = named::profile_image(std::path::Path::new("/nonexistent/card.toml")).unwrap_err();
    let levels = chain(&err);
    assert_eq!(
        levels[..3],
        [
            "cannot use the card profile",
            "card profile /nonexistent/card.toml",
            "cannot read /nonexistent/card.toml",
        ]
    );
}

#[test]
fn a_form_whose_my_number_card_is_not_one_fails_in_the_licence_ap_step() {
    let licence = samples::profile("ic-licence").unwrap().unwrap();
    let err = lifecycle::form_images(Form::Both, &licence, || Ok::<_, Error>(licence.clone()))
        .unwrap_err();
    assert!(matches!(err, Error::LicenceAp { .. }), "{err:?}");
    assert_eq!(chain(&err), ["免許AP", "the image is not a My Number card"]);
}

#[test]
fn an_invalid_clone_says_what_is_wrong_with_the_image() {
    let oversized = vec![0u8; 100];
    let files = [("MF/EF02", oversized.as_slice())];
    let err = clone::image(ClonedCard::IcLicence, "clone".into(), files, &[]).unwrap_err();
    assert!(matches!(err, Error::InvalidClone { .. }), "{err:?}");
    let levels = chain(&err);
    assert_eq!(levels.len(), 2, "{levels:?}");
    assert_eq!(levels[0], "the clone is not a valid card image");
    assert!(
        levels[1].starts_with("MF/EF02 holds 100 bytes, more than its "),
        "{levels:?}"
    );
}
