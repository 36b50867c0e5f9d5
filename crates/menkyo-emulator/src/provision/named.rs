//! Cards by the name a user gives: a built-in sample or spec card, a card profile (`.toml`) or
//! a card image (`.json`).

use std::path::Path;

use crate::image::CardImage;
use crate::profile::Profile;
use crate::{samples, spec_cards, Error};

/// A built-in sample or spec card by name.
pub fn builtin(name: &str) -> Option<CardImage> {
    samples::get(name).or_else(|| spec_cards::image(name))
}

/// Whether `path` names a card profile (`.toml`) rather than a card image.
pub fn is_profile(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
}

/// The card image `name` names: a built-in card, or a profile or image file.
pub fn image(name: &str) -> Result<CardImage, Error> {
    if let Some(image) = builtin(name) {
        return Ok(image);
    }
    let path = Path::new(name);
    if !path.is_file() {
        return Err(Error::UnknownCard(name.to_owned()));
    }
    if is_profile(path) {
        profile_image(path)
    } else {
        CardImage::load(path).map_err(|source| Error::UnusableImage {
            source: Box::new(source),
        })
    }
}

/// The card image the profile file at `path` describes.
pub fn profile_image(path: &Path) -> Result<CardImage, Error> {
    Profile::load(path)
        .and_then(|profile| profile.to_image())
        .map_err(Error::unusable_profile)
}

/// The profile `name` names: a profile file, or a built-in sample's.
pub fn profile(name: &str) -> Result<Profile, Error> {
    let path = Path::new(name);
    if path.exists() {
        return Profile::load(path).map_err(Error::unusable_profile);
    }
    match samples::profile(name) {
        Some(profile) => profile.map_err(Error::unusable_profile),
        None => Err(Error::NoSuchProfile(name.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::CardModel;

    #[test]
    fn samples_profiles_and_images_are_found_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let saved = dir.path().join("card.json");
        builtin("ic-licence").unwrap().save(&saved).unwrap();
        let toml = dir.path().join("card.TOML");
        let text = include_str!("../../fixtures/profiles/myna-card.toml");
        std::fs::write(&toml, text).unwrap();

        assert_eq!(image("myna-licence").unwrap().model, CardModel::MyNumber);
        assert_eq!(
            image(saved.to_str().unwrap()).unwrap().model,
            CardModel::IcLicence
        );
        assert_eq!(
            image(toml.to_str().unwrap()).unwrap().model,
            CardModel::MyNumber
        );
        assert!(is_profile(&toml) && !is_profile(&saved));
        assert!(matches!(
            image("no-such-card"),
            Err(Error::UnknownCard(n)) if n == "no-such-card"
        ));
        assert!(matches!(
            profile("no-such-card"),
            Err(Error::NoSuchProfile(_))
        ));
        assert!(profile("ic-licence").is_ok());
        assert!(matches!(
            profile(saved.to_str().unwrap()),
            Err(Error::UnusableProfile { .. })
        ));
    }
}
